import type { Database, SqlValue } from 'sql.js';
import {
  rowKey,
  snapshotRowLimit,
  type DatabaseState,
  type TableState,
  type CellValue,
  type ColumnInfo,
  type ForeignKeyInfo,
  type IndexInfo,
  type SchemaInfo,
  type TableSchema,
  VIEW_COLUMN_LIMIT,
} from '../database-state.ts';
import { quoteIdentifier as quote } from './quote.ts';

function values(database: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
  return database.exec(sql, params)[0]?.values ?? [];
}

interface TableListing {
  readonly name: string;
  readonly sql: string;
  readonly withoutRowid: boolean;
}

function listTables(database: Database): TableListing[] {
  // PRAGMA table_list (SQLite 3.37+) says which tables have no rowid.
  const withoutRowid = new Set(values(database, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND wr = 1").map(([name]) => String(name)));
  return values(database, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").map(
    ([name, sql]) => ({ name: String(name), sql: String(sql ?? ''), withoutRowid: withoutRowid.has(String(name)) }),
  );
}

function primaryKeyColumns(database: Database, table: string): string[] {
  return values(database, 'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table]).map(([name]) => String(name));
}

/** The columns `SELECT *` returns (generated ones included, hidden ones not), in order. */
function selectableColumns(database: Database, table: string): string[] {
  return values(database, 'SELECT name FROM pragma_table_xinfo(?) WHERE hidden != 1 ORDER BY cid', [table]).map(([column]) => String(column));
}

/** Reads each table's first rows (see snapshotRowLimit) straight from sql.js, unobserved. */
export function readDatabaseState(database: Database): DatabaseState {
  const state = new Map<string, TableState>();
  for (const table of listTables(database)) {
    const name = quote(table.name);
    const rowCount = Number(values(database, `SELECT count(*) FROM ${name}`)[0]?.[0] ?? 0);
    const columns = selectableColumns(database, table.name);
    // Named columns rather than `*`: with the row key, `*` of a 2,000-column table is more
    // columns than SQLite returns.
    const key = table.withoutRowid ? primaryKeyColumns(database, table.name).map(quote) : ['_rowid_'];
    const read = columns.slice(0, VIEW_COLUMN_LIMIT).map(quote);
    const result = values(
      database,
      `SELECT ${[...key, ...read].join(', ')} FROM ${name} ORDER BY ${key.join(', ')} LIMIT ${snapshotRowLimit(read.length)}`,
    ) as CellValue[][];
    const rows = new Map<string, readonly CellValue[]>();
    for (const row of result) rows.set(rowKey(table.withoutRowid ? row.slice(0, key.length) : (row[0] ?? null)), row.slice(key.length));
    state.set(table.name, { name: table.name, columns, rows, rowCount });
  }
  return state;
}

/** The tables' structure: columns, keys, indexes and foreign keys, as SQLite reports them. */
export function readSchema(database: Database): SchemaInfo {
  const indexSql = new Map(
    values(database, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'").map(([name, sql]) => [String(name), sql === null ? null : String(sql)]),
  );
  const tables: TableSchema[] = listTables(database).map((table) => {
    const columns: ColumnInfo[] = values(database, 'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid', [table.name]).map(
      ([name, type, notNull, defaultValue, pk]) => ({
        name: String(name),
        type: String(type ?? ''),
        notNull: Number(notNull) === 1,
        primaryKey: Number(pk),
        defaultValue: defaultValue === null ? null : String(defaultValue),
      }),
    );
    const indexes: IndexInfo[] = values(database, 'SELECT name, "unique", origin FROM pragma_index_list(?)', [table.name]).map(([name, unique, origin]) => ({
      name: String(name),
      unique: Number(unique) === 1,
      columns: values(database, 'SELECT name FROM pragma_index_info(?) ORDER BY seqno', [String(name)]).map(([column]) => String(column)),
      origin: origin === 'pk' || origin === 'u' ? origin : 'c',
      sql: indexSql.get(String(name)) ?? null,
    }));
    return {
      name: table.name,
      sql: table.sql,
      columns,
      indexes: indexes.reverse(),
      foreignKeys: readForeignKeys(database, table.name),
      withoutRowid: table.withoutRowid,
    };
  });
  return { tables };
}

function readForeignKeys(database: Database, table: string): ForeignKeyInfo[] {
  const keys = new Map<number, { table: string; columns: string[]; references: string[]; onDelete: string; onUpdate: string }>();
  for (const [id, parent, from, to, onUpdate, onDelete] of values(
    database,
    'SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
    [table],
  )) {
    let key = keys.get(Number(id));
    if (!key) {
      key = { table: String(parent), columns: [], references: [], onDelete: String(onDelete), onUpdate: String(onUpdate) };
      keys.set(Number(id), key);
    }
    key.columns.push(String(from));
    key.references.push(to === null ? 'rowid' : String(to));
  }
  return [...keys.values()];
}

/**
 * Why `bytes` cannot be opened as an SQLite database, or null when it can: the file header,
 * then SQLite's own quick check on a copy, so the current database is never touched.
 */
export function checkDatabaseFile(bytes: Uint8Array, open: (bytes: Uint8Array) => Database): string | null {
  const header = new TextDecoder().decode(bytes.subarray(0, 16));
  if (bytes.length < 100 || header !== 'SQLite format 3\0') return 'This is not an SQLite database file (it does not start with the SQLite file header).';
  let database: Database | undefined;
  try {
    database = open(bytes);
    const problems = values(database, 'PRAGMA quick_check')
      .map(([message]) => String(message))
      .filter((message) => message !== 'ok');
    if (problems.length > 0)
      return `The database file is damaged: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : ''}.`;
    values(database, 'SELECT count(*) FROM sqlite_schema');
    return null;
  } catch (error) {
    return `The database file cannot be read: ${error instanceof Error ? error.message : String(error)}.`;
  } finally {
    database?.close();
  }
}
