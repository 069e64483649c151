// The conformance suite for our Sequelize adapter on both databases. No known failures.
import { describeAdapterConformance } from './adapter-suite.ts';
import { sequelizePostgresHarness, sequelizeSqlJsHarness } from './sequelize.harness.ts';

describeAdapterConformance(sequelizeSqlJsHarness);
describeAdapterConformance(sequelizePostgresHarness);
