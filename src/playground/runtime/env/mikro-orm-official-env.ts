import { sqlite, sqlite3Client } from '@adapter-lab/mikro-orm-5-runtime/sqlite';
import type { OrmEnvironment } from './environment.ts';
import { createMikroOrm5Environment } from './mikro-orm-5.ts';

/**
 * The published @auth/mikro-orm-adapter 2.10.0 on MikroORM 5's own SqliteDriver over SQLite
 * (sql.js). MikroORM 5 reaches SQLite through knex and the `sqlite3` package: knex is handed the
 * engine's imitation of sqlite3 (the same that Sequelize's sqlite dialect runs on), so every
 * statement goes through the engine and shows in the SQL panel and the row changes.
 */
export const mikroOrmOfficialEnvironment: OrmEnvironment = createMikroOrm5Environment({
  dialect: 'sqlite',
  label: 'SQLite (sql.js)',
  Driver: sqlite.SqliteDriver,
  driverPackage: '@mikro-orm/sqlite',
  packageExports: { ...sqlite },
  connect(connectors) {
    if (connectors.dialect !== 'sqlite') throw new Error('The SQLite MikroORM 5 environment needs the sql.js engine.');
    // The engine's sqlite3 imitation, over the run's database (what Sequelize is given as its dialectModule).
    const { dialectModule } = connectors.sequelize();
    return { dbName: ':memory:', driverOptions: { client: sqlite3Client(dialectModule) } };
  },
});
