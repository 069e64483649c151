// MikroORM 5's PostgreSQL driver package, and the knex client that connects it through a given
// `pg` Client class. Apart from index.ts so that a SQLite bundle carries no `pg`.
import * as postgresql from '@mikro-orm/postgresql';
// @ts-expect-error knex ships no types for its dialect modules.
import PostgresDialect from 'knex/lib/dialects/postgres/index.js';

export { postgresql };

/**
 * knex's pg client (the one MikroORM 5's PostgreSqlConnection uses) on `Client` instead of
 * `require('pg').Client`: knex 2.5 has no option for its driver module, it calls `_driver()` and
 * then only `new driver.Client(settings)`. Give it as `driverOptions: { client }`, which MikroORM
 * merges over its own `client: 'pg'`.
 */
export function pgClient(Client: new (config?: object) => object): new (...args: never[]) => object {
  const Base = PostgresDialect as new (...args: never[]) => object;
  return class PgOnEngine extends Base {
    _driver(): object {
      return { Client };
    }
  };
}
