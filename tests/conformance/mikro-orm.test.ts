// The conformance suite for our MikroORM 7 adapter on SQLite (sql.js), PostgreSQL and MariaDB. No known failures.
import { describeAdapterConformance } from './adapter-suite.ts';
import { mikroOrmPostgresHarness, mikroOrmSqlJsHarness } from './mikro-orm.harness.ts';
import { mikroOrmMariaDbHarness } from './mikro-orm-mariadb.harness.ts';

describeAdapterConformance(mikroOrmSqlJsHarness);
describeAdapterConformance(mikroOrmPostgresHarness);
describeAdapterConformance(mikroOrmMariaDbHarness);
