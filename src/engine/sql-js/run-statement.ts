import type { Database, SqlValue, Statement } from 'sql.js';
import { emitStatement, statementListeners, type BridgeName } from './statement-log.ts';
import { toSqliteError } from './sqlite-errors.ts';
import { bindStatement, returnStatement, takeStatement } from './statement-cache.ts';

/** Positional (`?`, `?NNN`) or named (`$a`, `:a`, `@a`) parameters, before conversion. */
export type StatementParams = readonly unknown[] | Readonly<Record<string, unknown>>;

export type Row = Record<string, unknown>;

export interface StatementResult {
  /** Result column names; empty for statements that return no rows. */
  readonly columns: readonly string[];
  /** The rows, unless the caller asked not to collect them. */
  readonly rows: Row[];
  /** How many rows the statement produced. */
  readonly rowCount: number;
  /** Rows changed by an INSERT, UPDATE or DELETE; 0 otherwise. */
  readonly changes: number;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const WRITE_STATEMENT = /^\s*(insert|update|delete|replace)\b/i;
const WITH_CLAUSE = /^\s*with\b/i;
const WRITE_KEYWORD = /\b(insert|update|delete|replace)\b/i;
const NAMED_PREFIX = /^[$:@]/;

/**
 * Converts a JavaScript value to what SQLite stores, as the native drivers do:
 * `undefined` → NULL, booleans → 1/0, Dates → epoch milliseconds (node-sqlite3's rule; both
 * ORMs format dates themselves before binding), bigints exactly (sql.js cannot bind int64, so
 * values beyond 2^53 go as text, which INTEGER affinity turns back into an exact integer),
 * typed arrays and ArrayBuffers → BLOB.
 */
export function toSqlValue(value: unknown): SqlValue {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'string':
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
    case 'object':
      if (value === null || value instanceof Uint8Array) return value;
      if (value instanceof Date) return value.getTime();
      if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
  }
  throw new TypeError(`Cannot bind ${describe(value)} as an SQLite parameter: use a string, number, bigint, boolean, Date, Uint8Array or null`);
}

function describe(value: unknown): string {
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `a ${typeof value}`;
}

/** Converts parameters for sql.js; a named key without its sigil matches `$key`, `:key` or `@key`. */
export function toBindParams(params: StatementParams): SqlValue[] | Record<string, SqlValue> {
  if (Array.isArray(params)) return params.map(toSqlValue);
  const named: Record<string, SqlValue> = {};
  for (const [key, value] of Object.entries(params)) {
    const sqlValue = toSqlValue(value);
    if (NAMED_PREFIX.test(key)) named[key] = sqlValue;
    else for (const sigil of ['$', ':', '@']) named[sigil + key] = sqlValue;
  }
  return named;
}

interface BufferConstructorLike {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): Uint8Array;
}

/** Native drivers hand out Buffers for BLOBs and ORMs expect them; a plain Uint8Array without one. */
function toBlob(bytes: Uint8Array): Uint8Array {
  // Looked up per call: a browser worker may install its Buffer after this module loaded.
  const NodeBuffer = (globalThis as { Buffer?: BufferConstructorLike }).Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

function readRow(statement: Statement, columns: readonly string[]): Row {
  const values = statement.get();
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const value = values[i];
    row[columns[i]!] = value instanceof Uint8Array ? toBlob(value) : value;
  }
  return row;
}

function isWrite(sql: string): boolean {
  return WRITE_STATEMENT.test(sql) || (WITH_CLAUSE.test(sql) && WRITE_KEYWORD.test(sql));
}

function execute(database: Database, sql: string, bound: SqlValue[] | Record<string, SqlValue>, collect: boolean, prepared?: Statement): StatementResult {
  const taken = prepared ?? takeStatement(database, sql);
  let statement: Statement;
  try {
    statement = bindStatement(database, sql, taken, bound);
  } catch (error) {
    taken.free();
    throw error;
  }
  let failed = true;
  try {
    const rows: Row[] = [];
    let rowCount = 0;
    let columns: string[] | undefined;
    while (statement.step()) {
      // Read after the first step: a reused statement that SQLite re-prepared after a schema
      // change (e.g. `SELECT *` after ALTER TABLE) only then reports its new columns.
      columns ??= statement.getColumnNames();
      rowCount++;
      if (collect) rows.push(readRow(statement, columns));
    }
    columns ??= statement.getColumnNames();
    failed = false;
    // sqlite3_changes() keeps the count of the last write, so it is only meaningful after one.
    return { columns, rows, rowCount, changes: isWrite(sql) ? database.getRowsModified() : 0 };
  } finally {
    if (failed) statement.free();
    else returnStatement(database, sql, statement);
  }
}

/**
 * Runs one statement on `database` (the first, if `sql` holds several, as the native drivers do),
 * reports it to the statement listeners, and turns failures into `SqliteError`s.
 * With `collect: false` the rows are stepped through but not materialised. A `prepared`
 * statement for `sql` (from `takeStatement`) is used instead of taking one from the cache.
 */
export function runStatement(
  database: Database,
  sql: string,
  params: StatementParams,
  bridge: BridgeName,
  collect = true,
  prepared?: Statement,
): StatementResult {
  const listeners = statementListeners(database);
  const started = listeners ? performance.now() : 0;
  let bound: SqlValue[] | Record<string, SqlValue> = [];
  try {
    bound = toBindParams(params);
    const result = execute(database, sql, bound, collect, prepared);
    if (listeners) {
      emitStatement(listeners, {
        bridge,
        sql,
        params: bound,
        durationMs: performance.now() - started,
        rowsReturned: result.rowCount,
        rowsAffected: result.changes,
      });
    }
    return result;
  } catch (thrown) {
    const error = toSqliteError(thrown, sql, database, () => execute(database, sql, bound, false));
    if (listeners) {
      emitStatement(listeners, {
        bridge,
        sql,
        params: bound,
        durationMs: performance.now() - started,
        rowsReturned: 0,
        rowsAffected: 0,
        error: error.message,
      });
    }
    throw error;
  }
}

/** SQLite's rowid of the last successful INSERT on this database connection. */
export function lastInsertRowid(database: Database): number {
  return Number(database.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0] ?? 0);
}
