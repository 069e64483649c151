import type { Database, SqlValue } from 'sql.js';

export interface ForeignKey {
  readonly columns: readonly string[];
  readonly table: string;
  readonly references: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface TableSnapshot {
  readonly name: string;
  /** The CREATE TABLE statement as SQLite stores it. */
  readonly sql: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly SqlValue[]>;
  readonly foreignKeys: readonly ForeignKey[];
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Every user table of `database` with its rows, in creation order, read directly (not through
 * an ORM and not reported to statement listeners). For table views and tests.
 */
export function readTables(database: Database): TableSnapshot[] {
  const tables =
    database.exec("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")[0]?.values ?? [];
  return tables.map(([name, sql]) => {
    const table = String(name);
    const columns = (database.exec(`PRAGMA table_info(${quote(table)})`)[0]?.values ?? []).map((column) => String(column[1]));
    const rows = database.exec(`SELECT * FROM ${quote(table)}`)[0]?.values ?? [];
    return { name: table, sql: String(sql), columns, rows, foreignKeys: readForeignKeys(database, table) };
  });
}

function readForeignKeys(database: Database, table: string): ForeignKey[] {
  // PRAGMA foreign_key_list: id, seq, table, from, to, on_update, on_delete, match
  const keys = new Map<number, { table: string; columns: string[]; references: string[]; onDelete: string; onUpdate: string }>();
  for (const [id, , parent, from, to, onUpdate, onDelete] of database.exec(`PRAGMA foreign_key_list(${quote(table)})`)[0]?.values ?? []) {
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
