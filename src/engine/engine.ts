import type { Dialect } from 'kysely';
import type { DatabaseState, CellValue, SchemaInfo, WholeValue } from './database-state.ts';

/**
 * The seam between the playground and a database engine, in the manner of Kysely's `Dialect`:
 * the runtime, the protocol and the panels know only these interfaces; each engine (today
 * sql.js, in src/engine/sql-js/) implements them. What an engine that answers asynchronously
 * would need (a WebAssembly PostgreSQL) returns a Promise, even where sql.js answers at once.
 */
export interface Engine {
  /** The SQL dialect, as Sequelize names it (`sqlite`, `postgres`). */
  readonly dialect: EngineDialect;
  /** What the page shows as the database's version, e.g. "SQLite 3.49.1". */
  readonly version: string;
  /**
   * Whether every outcome carries the database file (EngineDatabase.export()). sql.js exports in
   * a millisecond; PGlite's dump takes far longer than a run, so it exports only when asked.
   */
  readonly exportsEachAction: boolean;
  /**
   * A new database: empty, or with the contents of a database file's `bytes`. An engine that
   * holds one database at a time (PGlite: starting another PostgreSQL takes seconds) empties or
   * replaces the one it has; the caller closes the previous EngineDatabase right after.
   */
  open(bytes?: Uint8Array): Promise<EngineDatabase>;
  /**
   * Why `bytes` cannot be loaded as a database file of this engine, or null when they can.
   * Checked apart from any open database, which it never touches.
   */
  checkFile(bytes: Uint8Array): Promise<string | null>;
}

/** One open database: what the session runs the reader's code against and the panels read. */
export type EngineDialect = 'sqlite' | 'postgres';

export interface EngineDatabase {
  readonly dialect: EngineDialect;
  readonly version: string;
  /** What the ORM environments connect through: every connection writes into this database. */
  readonly connectors: OrmConnectors;
  /** Calls `listener` after every statement any connector runs on this database, in order. Returns the undo. */
  watchStatements(listener: StatementListener): () => void;
  /** Watches rows inserted, updated and deleted, for the Tables panel's changes. */
  observeRows(listener?: (event: RowEvent) => void): RowObserver;
  /** Whether the database holds no schema object at all. */
  isEmpty(): Promise<boolean>;
  /** Every user table's first rows (read directly: no statement reported, no row change seen). */
  readState(): Promise<DatabaseState>;
  /** The tables' structure for the Schema panel. */
  readSchema(): Promise<SchemaInfo>;
  /** One whole stored value, the row by its key (database-state.ts rowKey); refused with the reason. */
  readValue(table: string, key: string, column: string): Promise<{ value: WholeValue } | { refused: string }>;
  /** The database as a file of this engine. */
  export(): Promise<Uint8Array>;
  /**
   * Replaces the contents with a database file's (checked with Engine.checkFile first), keeping
   * this object, so connected ORMs go on working, now on the loaded data. All or nothing.
   */
  replaceWith(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What each ORM environment connects through, by the engine's dialect. */
export type OrmConnectors = SqliteConnectors | PostgresConnectors;

export interface SqliteConnectors {
  readonly dialect: 'sqlite';
  /** Sequelize's `dialect`, and the driver module it is to use (`dialectModule`) instead of its own: an imitation of `sqlite3`. */
  sequelize(): { readonly dialect: 'sqlite'; readonly dialectModule: object };
  /** A Kysely dialect, for MikroORM's SqliteDriver (`driverOptions`). */
  kysely(): Dialect;
}

export interface PostgresConnectors {
  readonly dialect: 'postgres';
  /** Sequelize's `dialect`, and the real `pg` module whose `Client` connects to this database (`dialectModule`). */
  sequelize(): { readonly dialect: 'postgres'; readonly dialectModule: object };
  /**
   * The real `pg` Client class, connected to this database whatever its configuration names: for
   * MikroORM's PostgreSqlDriver (`driverOptions: { Client }`), which builds its own `pg` Pool,
   * type parsers and Kysely dialect as against a server.
   */
  pgClient(): new (config?: object) => object;
}

/** One SQL statement as a connector ran it. */
export interface StatementEvent {
  /** Which connector ran it (sql.js: `sqlite3-shim` for Sequelize, `kysely-dialect` for MikroORM). */
  readonly bridge: string;
  readonly sql: string;
  /** Parameters after conversion to the database's values (what was actually bound). */
  readonly params: readonly unknown[] | Readonly<Record<string, unknown>>;
  readonly durationMs: number;
  /** Rows the statement produced (SELECT, … RETURNING). */
  readonly rowsReturned: number;
  /** Rows an INSERT, UPDATE or DELETE changed; 0 for other statements. */
  readonly rowsAffected: number;
  /** The error message when the statement failed. */
  readonly error?: string;
}

export type StatementListener = (event: StatementEvent) => void;

export type RowOperation = 'insert' | 'update' | 'delete';

export interface RowEvent {
  readonly op: RowOperation;
  readonly table: string;
  /** The row's key as database-state.ts rowKey writes it. */
  readonly rowid: string;
}

/**
 * Row changes since the last reset(), with the values of inserted and updated rows read as
 * they happened: what the before/after comparison of table-diff.ts cannot see (a row inserted
 * and deleted again) or cannot tell (an update of a column past the ones read).
 */
export interface RowObserver {
  /**
   * Settles what the statements so far changed; the session awaits it before reading results.
   * An engine may record as statements run (sql.js reads each statement's rows right after it)
   * or only here.
   */
  catchUp(): Promise<void>;
  /** Last values seen of a row of `table`, if it was inserted or updated. */
  seen(table: string, rowid: string): readonly CellValue[] | undefined;
  /** Rows of `table` inserted and deleted again, with their last values. */
  transient(table: string): ReadonlyArray<{ readonly rowid: string; readonly values: readonly CellValue[] }>;
  /** Whether an UPDATE touched a row of `table` (its values may be the same). */
  updated(table: string, rowid: string): boolean;
  /** Whether a row of `table` that existed before the last reset was deleted (its key may be in use again). */
  deletedExisting(table: string, rowid: string): boolean;
  /** While `work` runs (e.g. an import), changes are not recorded. */
  paused<T>(work: () => Promise<T>): Promise<T>;
  reset(): void;
  dispose(): void;
}
