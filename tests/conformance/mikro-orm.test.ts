// The conformance suite for our MikroORM 7 adapter on SQLite (sql.js), PostgreSQL (the
// cluster, and PGlite in Node) and MariaDB. No known failures.
import { describeAdapterConformance } from './adapter-suite.ts';
import { mikroOrmPgliteHarness, mikroOrmPostgresHarness, mikroOrmSqlJsHarness } from './mikro-orm.harness.ts';
import { mikroOrmMariaDbHarness } from './mikro-orm-mariadb.harness.ts';

describeAdapterConformance(mikroOrmSqlJsHarness);
describeAdapterConformance(mikroOrmPostgresHarness);
describeAdapterConformance(mikroOrmPgliteHarness);
describeAdapterConformance(mikroOrmMariaDbHarness);
