import { SqliteDialect, type Dialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database, Statement } from 'sql.js';
import { lastInsertRowid, runStatement } from './run-statement.ts';
import { takeStatement } from './statement-cache.ts';

/**
 * A kysely `Dialect` over a sql.js `Database`, for MikroORM 7's generic SQLite driver:
 * `new MikroORM({ driver: SqliteDriver, dbName: ':memory:', driverOptions: createSqlJsDialect(db) })`
 * with `SqliteDriver` from `@mikro-orm/sql`.
 *
 * kysely's `SqliteDialect` wants a better-sqlite3-like object; this is one, writing into the
 * given Database. Closing the ORM never closes that Database: its owner does. kysely itself
 * serialises connections for SQLite (one transaction at a time).
 */
export function createSqlJsDialect(database: Database): Dialect {
  return new SqliteDialect({ database: betterSqliteLike(database) });
}

const INSERT = /^\s*(insert|replace)\b/i;

function betterSqliteLike(database: Database): SqliteDatabase {
  return {
    prepare: (sql) => new SqlJsStatement(database, sql),
    close() {},
  };
}

class SqlJsStatement implements SqliteStatement {
  readonly #database: Database;
  readonly #sql: string;
  #prepared: Statement | undefined;

  constructor(database: Database, sql: string) {
    this.#database = database;
    this.#sql = sql;
  }

  /** Whether the statement returns rows (SELECT, PRAGMA, … RETURNING), from SQLite itself. */
  get reader(): boolean {
    try {
      this.#prepared ??= takeStatement(this.#database, this.#sql);
      return this.#prepared.getColumnNames().length > 0;
    } catch {
      return false; // run() prepares again and reports the error properly
    }
  }

  #take(): Statement | undefined {
    const prepared = this.#prepared;
    this.#prepared = undefined;
    return prepared;
  }

  all(parameters: readonly unknown[]): unknown[] {
    return runStatement(this.#database, this.#sql, parameters, 'kysely-dialect', true, this.#take()).rows;
  }

  run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number } {
    const { changes } = runStatement(this.#database, this.#sql, parameters, 'kysely-dialect', false, this.#take());
    // kysely reads lastInsertRowid after every write; it costs a query, and means something
    // only after an INSERT (MikroORM's usually carry RETURNING and take the all() path instead).
    return { changes, lastInsertRowid: INSERT.test(this.#sql) ? lastInsertRowid(this.#database) : 0 };
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    yield* this.all(parameters);
  }
}
