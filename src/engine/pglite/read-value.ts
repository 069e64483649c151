import type { PGliteInterface } from '@electric-sql/pglite';
import { WHOLE_VALUE_LIMIT, type WholeValue } from '../database-state.ts';
import { listTables, quoteIdentifier, type TableListing } from './catalog.ts';
import { cellValue } from './record-text.ts';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

const hex = (bytes: Iterable<number>): string => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** The bytes a key part names for a bytea column: a list of bytes (rowKey), or `1,2,3` (rowKey of a one-column key). */
function keyBytes(part: unknown): number[] | undefined {
  const list = typeof part === 'string' ? (part === '' ? [] : part.split(',').map(Number)) : part;
  return Array.isArray(list) && list.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256) ? (list as number[]) : undefined;
}

/**
 * The WHERE clause and parameters that find the row a RowView.key names (inspection.ts: rowKey
 * of the primary key's values, or the ctid of a table without one). Each key column is matched
 * by its text, which is what the key was made of (numeric 1.5 equals 1.50, but the key said
 * which), bytea by its bytes. Undefined when the key cannot be one of this table's.
 */
function rowCondition(table: TableListing, key: string): { where: string; params: string[] } | undefined {
  if (table.primaryKey.length === 0) return /^\(\d+,\d+\)$/.test(key) ? { where: 'ctid = $1::tid', params: [key] } : undefined;
  let parts: unknown[];
  if (table.primaryKey.length === 1) parts = [key];
  else {
    try {
      const parsed: unknown = JSON.parse(key);
      if (!Array.isArray(parsed)) return undefined;
      parts = parsed;
    } catch {
      return undefined;
    }
    if (parts.length !== table.primaryKey.length) return undefined;
  }
  const conditions: string[] = [];
  const params: string[] = [];
  for (const [i, position] of table.primaryKey.entries()) {
    const column = table.columns[position];
    if (!column) return undefined;
    const name = quoteIdentifier(column.name);
    const part = parts[i];
    if (column.kind === 'bytea') {
      const bytes = keyBytes(part);
      if (!bytes) return undefined;
      params.push(hex(bytes));
      conditions.push(`${name} = decode($${params.length}, 'hex')`);
    } else if (typeof part === 'string' || typeof part === 'number') {
      // A boolean key part is `true`/`false`, as boolean's text cast prints it (the record's `t` is converted so).
      params.push(String(part));
      conditions.push(`${name}::text = $${params.length}`);
    } else return undefined;
  }
  return { where: conditions.join(' AND '), params };
}

/**
 * One stored value, whole, read straight from PGlite (no statement reported, no row change): the
 * table and column by the panels' names, the row by its RowView.key. Refused, with the reason,
 * when the table, column or row is gone, or the value is over WHOLE_VALUE_LIMIT (text by its
 * UTF-8 size, bytea by its hex). Numbers and booleans come as the panels show them (record-text.ts).
 */
export async function readWholeValue(db: PGliteInterface, table: string, key: string, column: string): Promise<{ value: WholeValue } | { refused: string }> {
  const listing = (await listTables(db)).find((candidate) => candidate.name === table);
  if (!listing) return { refused: `The table ${table} is not in the database any more.` };
  const target = listing.columns.find((candidate) => candidate.name === column);
  if (!target) return { refused: `The table ${table} has no column ${column} any more.` };
  const condition = rowCondition(listing, key);
  const gone = { refused: `That row of ${table} is not in the database any more.` };
  if (!condition) return gone;
  const from = `FROM ${listing.sql} WHERE ${condition.where} LIMIT 1`;
  const cell = quoteIdentifier(column);
  const bytea = target.kind === 'bytea';
  const found = await db.query<{ size: number | null }>(
    `SELECT ${bytea ? `octet_length(${cell})` : `octet_length(${cell}::text)`}::float8 AS size ${from}`,
    condition.params,
  );
  const row = found.rows[0];
  if (!row) return gone;
  const size = Number(row.size ?? 0);
  const sent = bytea ? size * 2 : size;
  if (sent > WHOLE_VALUE_LIMIT) {
    const what = bytea ? `a bytea value of ${megabytes(size)} (${megabytes(sent)} as hex)` : `${megabytes(size)} of text`;
    return {
      refused: `The value is ${what}; the playground reads values of up to ${megabytes(WHOLE_VALUE_LIMIT)}. Export the database (Share menu) to get it.`,
    };
  }
  // PostgreSQL makes the hex: converting megabytes on the page's main thread would block it.
  const value = await db.query<{ value: string | null }>(`SELECT ${bytea ? `encode(${cell}, 'hex')` : `${cell}::text`} AS value ${from}`, condition.params);
  const read = value.rows[0];
  if (!read) return gone;
  if (read.value === null) return { value: null };
  if (bytea) return { value: { hex: read.value.toUpperCase() } };
  const converted = cellValue(read.value, target.kind);
  if (converted instanceof Uint8Array) throw new Error(`A ${target.kind} value read as bytes.`);
  return { value: converted };
}
