// MikroORM 5's SQLite driver package, and the knex client that connects it to a given sqlite3
// module. Apart from index.ts so that a PostgreSQL bundle carries no SQLite code.
import { MonkeyPatchable } from '@mikro-orm/knex';
import * as sqlite from '@mikro-orm/sqlite';

export { sqlite };

/**
 * knex's sqlite3 client (the one MikroORM 5's SqliteConnection patches and uses), on `driver`
 * instead of `require('sqlite3')`: knex 2.5 has no option for its driver module, it only calls
 * `_driver()`. A subclass, so that MikroORM's patches of the base class (`_query`,
 * `processResponse`) still apply: give it as `driverOptions: { client }`, which MikroORM merges
 * over its own `client`.
 */
export function sqlite3Client(driver: object): new (...args: never[]) => object {
  const Sqlite3Dialect = MonkeyPatchable.Sqlite3Dialect as new (...args: never[]) => object;
  return class Sqlite3OnEngine extends Sqlite3Dialect {
    _driver(): object {
      return driver;
    }
  };
}
