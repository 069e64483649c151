// The conformance suite for our MikroORM 7 adapter on both databases. No known failures.
import { describeAdapterConformance } from './adapter-suite.ts';
import { mikroOrmPostgresHarness, mikroOrmSqlJsHarness } from './mikro-orm.harness.ts';

describeAdapterConformance(mikroOrmSqlJsHarness);
describeAdapterConformance(mikroOrmPostgresHarness);
