// The conformance suite for our Sequelize adapter on SQLite (sql.js), PostgreSQL (the
// cluster, and PGlite in Node) and MariaDB. No known failures.
import { describeAdapterConformance } from './adapter-suite.ts';
import { sequelizePgliteHarness, sequelizePostgresHarness, sequelizeSqlJsHarness } from './sequelize.harness.ts';
import { sequelizeMariaDbHarness } from './sequelize-mariadb.harness.ts';

describeAdapterConformance(sequelizeSqlJsHarness);
describeAdapterConformance(sequelizePostgresHarness);
describeAdapterConformance(sequelizePgliteHarness);
describeAdapterConformance(sequelizeMariaDbHarness);
