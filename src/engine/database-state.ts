/**
 * The database's data as the panels get it: what every engine reads (EngineDatabase in
 * engine.ts), and what playground/protocol.ts sends the page.
 */

/** Columns read (and sent) per table, the first ones; TableView.columnCount says how many there are. */
export const VIEW_COLUMN_LIMIT = 100;
/** Rows read per table for the Tables panel and its diff; bigger tables say how many are left out. */
export const SNAPSHOT_ROW_LIMIT = 1_000;
/**
 * Cells read per table (rows × the columns read, at most VIEW_COLUMN_LIMIT): a wide table gets
 * fewer rows, never fewer than SNAPSHOT_MIN_ROWS, so that reading it before and after an action
 * stays short (the page stops a worker that shows no life for 1.5 s).
 */
export const SNAPSHOT_CELL_LIMIT = 100_000;
export const SNAPSHOT_MIN_ROWS = 50;

/**
 * Cells read per action for rows the run inserted or updated: a statement that inserts a
 * million rows must not stall the worker reading them back (rows past this are not read: one
 * inserted and deleted again after it goes uncounted).
 */
export const READ_CELL_LIMIT = 200_000;

/**
 * The most a whole value may take in the message to the page, in bytes: TEXT by its UTF-8 size,
 * a BLOB by its hex (twice its bytes). The page holds it, and the clipboard gets it, in one go.
 */
export const WHOLE_VALUE_LIMIT = 50 * 1024 * 1024;

/** A value as stored (SQLite's storage classes: TEXT, INTEGER/REAL, NULL or BLOB). */
export type CellValue = string | number | null | Uint8Array;

export interface ForeignKeyInfo {
  readonly columns: readonly string[];
  readonly table: string;
  readonly references: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  readonly primaryKey: number;
  readonly defaultValue: string | null;
}

export interface IndexInfo {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: readonly string[];
  /** How SQLite made it: `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY. */
  readonly origin: 'c' | 'u' | 'pk';
  readonly sql: string | null;
}

/** A table's structure for the Schema panel (`sql`: its DDL; `withoutRowid`: SQLite's WITHOUT ROWID). */
export interface TableSchema {
  readonly name: string;
  readonly sql: string;
  readonly columns: readonly ColumnInfo[];
  readonly indexes: readonly IndexInfo[];
  readonly foreignKeys: readonly ForeignKeyInfo[];
  readonly withoutRowid: boolean;
}

export interface SchemaInfo {
  readonly tables: readonly TableSchema[];
}

/**
 * A whole stored value as the runtime sends it: TEXT as is, a BLOB as hex (SQLite's `hex()`, so
 * the page never converts megabytes of bytes on its main thread), numbers and NULL as stored.
 */
export type WholeValue = string | number | null | { readonly hex: string };

export interface TableState {
  readonly name: string;
  /** Every column, in order. */
  readonly columns: readonly string[];
  /**
   * Row key (rowKey: the rowid, or the primary key of a table without one) → the values of the
   * first VIEW_COLUMN_LIMIT columns (all that is ever sent; updates of the others are known
   * from the engine's RowObserver), in table order.
   */
  readonly rows: ReadonlyMap<string, readonly CellValue[]>;
  readonly rowCount: number;
}

/** Every user table's rows at one moment, by table name, in creation order. */
export type DatabaseState = ReadonlyMap<string, TableState>;

/** The key a row is known by: its rowid, or its primary key's values (BLOBs as lists of bytes) for a table without one. */
export function rowKey(value: CellValue | readonly CellValue[]): string {
  return Array.isArray(value) ? JSON.stringify(value.map((cell) => (cell instanceof Uint8Array ? [...cell] : cell))) : String(value);
}

/** How many rows of a table with `columns` columns a snapshot reads. */
export function snapshotRowLimit(columns: number): number {
  return Math.min(SNAPSHOT_ROW_LIMIT, Math.max(SNAPSHOT_MIN_ROWS, Math.floor(SNAPSHOT_CELL_LIMIT / Math.max(1, columns))));
}
