import type { Database as SqlJsDatabase, SqlJsStatic } from 'sql.js';
import { lastInsertRowid, runStatement, type Row, type StatementParams } from './run-statement.ts';

/**
 * A module imitating the node `sqlite3` package over sql.js, to pass to Sequelize as
 * `dialectModule` with `dialect: 'sqlite'`. It implements what Sequelize's sqlite dialect uses
 * (and the rest of the common API): `new Database(filename, mode?, callback?)`, `run`, `all`,
 * `get`, `each`, `exec`, `serialize`, `parallelize`, `close`, and the `OPEN_*` constants.
 *
 * With `database`, every connection Sequelize opens writes into that very sql.js Database and
 * closing never closes it: its owner does. Without it, each filename gets its own in-memory
 * database for the life of the shim (connections to the same filename share it), closed when
 * the last connection to it closes.
 */
export interface Sqlite3ShimOptions {
  readonly database?: SqlJsDatabase;
}

type Callback<T> = (this: RunContext, error: Error | null, result?: T) => void;

/**
 * What node-sqlite3 binds `this` to in a callback. Sequelize tests
 * `this.constructor.name === "Statement"` before reading `lastID` for auto-increment keys.
 */
class Statement {
  readonly sql: string;
  readonly changes: number;
  readonly #database: SqlJsDatabase | undefined;

  constructor(sql: string, changes: number, database?: SqlJsDatabase) {
    this.sql = sql;
    this.changes = changes;
    this.#database = database;
  }

  /** Valid until the next statement: computed only when read (one extra query). */
  get lastID(): number {
    return this.#database ? lastInsertRowid(this.#database) : 0;
  }
}
// Pinned so the check above survives minification.
Object.defineProperty(Statement, 'name', { value: 'Statement' });
type RunContext = Statement;

export interface Sqlite3Database {
  readonly filename: string;
  readonly open: boolean;
  run(sql: string, ...args: unknown[]): this;
  all(sql: string, ...args: unknown[]): this;
  get(sql: string, ...args: unknown[]): this;
  each(sql: string, ...args: unknown[]): this;
  exec(sql: string, callback?: (error: Error | null) => void): this;
  serialize(callback?: () => void): void;
  parallelize(callback?: () => void): void;
  configure(option: string, value?: unknown): void;
  close(callback?: (error: Error | null) => void): void;
}

export interface Sqlite3Module {
  readonly Database: new (filename: string, mode?: number | ((error: Error | null) => void), callback?: (error: Error | null) => void) => Sqlite3Database;
  readonly OPEN_READONLY: number;
  readonly OPEN_READWRITE: number;
  readonly OPEN_CREATE: number;
  readonly OPEN_FULLMUTEX: number;
  readonly OPEN_URI: number;
  readonly OPEN_SHAREDCACHE: number;
  readonly OPEN_PRIVATECACHE: number;
  verbose(): Sqlite3Module;
}

/** Splits node-sqlite3's `(sql, [params | ...params], [callback])` argument forms. */
function splitArgs<T>(args: unknown[]): { params: StatementParams; callback: Callback<T> | undefined } {
  const last = args.at(-1);
  const callback = typeof last === 'function' ? (last as Callback<T>) : undefined;
  const values = callback ? args.slice(0, -1) : args;
  const first = values[0];
  if (values.length === 1 && Array.isArray(first)) return { params: first, callback };
  if (values.length === 1 && isPlainObject(first)) return { params: first, callback };
  return { params: values, callback };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function createSqlite3Shim(SQL: SqlJsStatic, options: Sqlite3ShimOptions = {}): Sqlite3Module {
  const given = options.database;
  // Own databases by filename, with how many open connections use each.
  const owned = new Map<string, { database: SqlJsDatabase; connections: number }>();

  function acquire(filename: string): SqlJsDatabase {
    if (given) return given;
    let entry = owned.get(filename);
    if (!entry) {
      entry = { database: new SQL.Database(), connections: 0 };
      owned.set(filename, entry);
    }
    entry.connections++;
    return entry.database;
  }

  function release(filename: string): void {
    const entry = owned.get(filename);
    if (!entry || --entry.connections > 0) return;
    owned.delete(filename);
    entry.database.close();
  }

  class Database implements Sqlite3Database {
    readonly filename: string;
    #database: SqlJsDatabase | undefined;

    constructor(filename: string, mode?: number | ((error: Error | null) => void), callback?: (error: Error | null) => void) {
      this.filename = filename;
      this.#database = acquire(filename);
      const done = typeof mode === 'function' ? mode : callback;
      // node-sqlite3 opens asynchronously, and Sequelize relies on it: its callback reads the
      // connection from a map it fills only after this constructor returns.
      if (done) queueMicrotask(() => done.call(this, null));
    }

    get open(): boolean {
      return this.#database !== undefined;
    }

    #require(): SqlJsDatabase {
      if (!this.#database) throw new Error('SQLITE_MISUSE: Database is closed');
      return this.#database;
    }

    #execute<T>(sql: string, args: unknown[], deliver: (rows: Row[]) => T, collect = true): this {
      const { params, callback } = splitArgs<T>(args);
      const database = this.#require();
      let result: T;
      let context: RunContext;
      try {
        const statement = runStatement(database, sql, params, 'sqlite3-shim', collect);
        context = new Statement(sql, statement.changes, database);
        result = deliver(statement.rows);
      } catch (error) {
        if (!callback) throw error;
        callback.call(new Statement(sql, 0), error as Error);
        return this;
      }
      // Outside the try: an exception thrown by the callback is the caller's, not a SQL error.
      callback?.call(context, null, result);
      return this;
    }

    run(sql: string, ...args: unknown[]): this {
      return this.#execute(sql, args, () => undefined, false);
    }

    all(sql: string, ...args: unknown[]): this {
      return this.#execute(sql, args, (rows) => rows);
    }

    get(sql: string, ...args: unknown[]): this {
      return this.#execute(sql, args, (rows) => rows[0]);
    }

    /** `each(sql, params?, rowCallback, completeCallback?)`: rows one by one, then the count. */
    each(sql: string, ...args: unknown[]): this {
      const functions = args.filter((arg) => typeof arg === 'function') as Array<(error: Error | null, value?: unknown) => void>;
      const values = args.slice(0, args.length - functions.length);
      const [onRow, onComplete] = functions;
      return this.#execute(
        sql,
        [
          ...values,
          (error: Error | null, rows?: Row[]) => {
            if (error) return (onComplete ?? onRow)?.(error);
            for (const row of rows ?? []) onRow?.(null, row);
            onComplete?.(null, rows?.length ?? 0);
          },
        ],
        (rows) => rows,
      );
    }

    exec(sql: string, callback?: (error: Error | null) => void): this {
      // Several statements, no parameters, no results: split by sql.js itself.
      try {
        for (const statement of this.#require().iterateStatements(sql)) {
          runStatement(this.#require(), statement.getSQL().trim(), [], 'sqlite3-shim', false);
        }
      } catch (error) {
        if (!callback) throw error;
        callback(error as Error);
        return this;
      }
      callback?.(null);
      return this;
    }

    // sql.js is synchronous: every statement already runs in order.
    serialize(callback?: () => void): void {
      callback?.();
    }

    parallelize(callback?: () => void): void {
      callback?.();
    }

    configure(): void {}

    close(callback?: (error: Error | null) => void): void {
      if (this.#database) {
        this.#database = undefined;
        release(this.filename);
      }
      if (callback) queueMicrotask(() => callback(null));
    }
  }
  Object.defineProperty(Database, 'name', { value: 'Database' });

  const shim: Sqlite3Module = {
    Database,
    OPEN_READONLY: 0x1,
    OPEN_READWRITE: 0x2,
    OPEN_CREATE: 0x4,
    OPEN_URI: 0x40,
    OPEN_FULLMUTEX: 0x10000,
    OPEN_SHAREDCACHE: 0x20000,
    OPEN_PRIVATECACHE: 0x40000,
    verbose: () => shim,
  };
  return shim;
}
