// Our @adapter-lab/mikro-orm-adapter (MikroORM 7) on MariaDB: @mikro-orm/mariadb's driver over a
// fresh database in the test run's MariaDB server.
import { MariaDbDriver } from '@mikro-orm/mariadb';
import { freshMariaDbDatabase } from '../support/mariadb.ts';
import { mikroOrmHarness } from './mikro-orm.harness.ts';

export const mikroOrmMariaDbHarness = mikroOrmHarness('@adapter-lab/mikro-orm-adapter × MariaDB', async () => {
  const database = await freshMariaDbDatabase();
  return {
    options: { driver: MariaDbDriver, host: database.host, port: database.port, user: database.user, dbName: database.name },
    close: () => database.drop(),
  };
});
