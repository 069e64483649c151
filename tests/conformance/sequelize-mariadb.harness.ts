// Our @adapter-lab/sequelize-adapter on MariaDB: Sequelize's `mariadb` dialect (the `mariadb`
// driver) over a fresh database in the test run's MariaDB server.
import { Sequelize } from 'sequelize';
import { freshMariaDbDatabase } from '../support/mariadb.ts';
import { sequelizeHarness } from './sequelize.harness.ts';

export const sequelizeMariaDbHarness = sequelizeHarness('@adapter-lab/sequelize-adapter × MariaDB', async () => {
  const database = await freshMariaDbDatabase();
  const sequelize = new Sequelize(database.name, database.user, '', {
    dialect: 'mariadb',
    host: database.host,
    port: database.port,
    logging: false,
    pool: { max: 5 },
  });
  return { sequelize, close: () => database.drop() };
});
