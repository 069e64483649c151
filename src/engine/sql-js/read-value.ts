import type { Database, SqlValue } from 'sql.js';
import { WHOLE_VALUE_LIMIT, type WholeValue } from '../database-state.ts';
import { quoteIdentifier } from './quote.ts';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

function first(database: Database, sql: string, params: SqlValue[]): SqlValue[] | undefined {
  return database.exec(sql, params)[0]?.values[0];
}

/**
 * The WHERE clause and parameters that find the row a RowView.key names (database-state.ts
 * rowKey): a rowid, or for a WITHOUT ROWID table the JSON list of its primary key's values,
 * BLOBs as lists of bytes. Undefined when the key cannot be one of this table's.
 */
function rowCondition(database: Database, table: string, withoutRowid: boolean, key: string): { where: string; params: SqlValue[] } | undefined {
  if (!withoutRowid) return /^-?\d+$/.test(key) ? { where: '_rowid_ = ?', params: [Number(key)] } : undefined;
  const columns = database.exec('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table])[0]?.values.map(([name]) => String(name)) ?? [];
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== columns.length || columns.length === 0) return undefined;
  const params: SqlValue[] = [];
  for (const part of parts as unknown[]) {
    if (part === null || typeof part === 'string' || typeof part === 'number') params.push(part);
    else if (Array.isArray(part) && part.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256)) params.push(Uint8Array.from(part as number[]));
    else return undefined;
  }
  return { where: columns.map((column) => `${quoteIdentifier(column)} IS ?`).join(' AND '), params };
}

/**
 * One stored value, whole, read straight from sql.js (no ORM, so no statement is recorded and no
 * row change is seen): the table and column by name, the row by its RowView.key. Refused, with
 * the reason, when the table, column or row is gone, or the value is over WHOLE_VALUE_LIMIT.
 */
export function readWholeValue(database: Database, table: string, key: string, column: string): { value: WholeValue } | { refused: string } {
  const listing = first(database, "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name = ?", [table]);
  if (!listing) return { refused: `The table ${table} is not in the database any more.` };
  if (!first(database, 'SELECT 1 FROM pragma_table_xinfo(?) WHERE hidden != 1 AND name = ?', [table, column])) {
    return { refused: `The table ${table} has no column ${column} any more.` };
  }
  const condition = rowCondition(database, table, Number(listing[0]) === 1, key);
  const gone = { refused: `That row of ${table} is not in the database any more.` };
  if (!condition) return gone;
  const from = `FROM ${quoteIdentifier(table)} WHERE ${condition.where} LIMIT 1`;
  const cell = quoteIdentifier(column);
  const found = first(database, `SELECT typeof(${cell}), octet_length(${cell}) ${from}`, condition.params);
  if (!found) return gone;
  const [type, size] = [String(found[0]), Number(found[1] ?? 0)];
  const sent = type === 'blob' ? size * 2 : size;
  if (sent > WHOLE_VALUE_LIMIT) {
    const what = type === 'blob' ? `a BLOB of ${megabytes(size)} (${megabytes(sent)} as hex)` : `${megabytes(size)} of text`;
    return {
      refused: `The value is ${what}; the playground reads values of up to ${megabytes(WHOLE_VALUE_LIMIT)}. Export the database (Share menu) to get it.`,
    };
  }
  // SQLite makes the hex: converting megabytes on the page's main thread would block it.
  const value = first(database, `SELECT ${type === 'blob' ? `hex(${cell})` : cell} ${from}`, condition.params)?.[0];
  if (value === undefined) return gone;
  if (type === 'blob') return { value: { hex: String(value) } };
  if (value instanceof Uint8Array) throw new Error(`SQLite returned a BLOB for a value of type ${type}.`);
  return { value };
}
