import type { Database, Statement } from 'sql.js';
import { READ_CELL_LIMIT, type CellValue, VIEW_COLUMN_LIMIT } from '../database-state.ts';
import type { RowEvent, RowObserver } from '../engine.ts';
import { quoteIdentifier } from './quote.ts';
import { watchStatements } from './statement-log.ts';

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/**
 * SQLite's update hook on a database: every row inserted, updated or deleted (cascades
 * included), and the values of inserted and updated rows read right after their statement, so
 * that a row a run inserts and then deletes can still be shown. (Hooks do not fire for WITHOUT
 * ROWID tables or for rows REPLACE removes: the before/after comparison covers those.)
 * The sql.js engine's RowObserver: it reads after each statement itself, since by the end of an
 * action a row may be gone.
 */
export class RowChanges implements RowObserver {
  readonly #database: Database;
  readonly #pending: RowEvent[] = [];
  readonly #reads = new Map<string, Statement | null>();
  /** table → rowid → last values seen of rows inserted or updated since reset(). */
  readonly #seen = new Map<string, Map<string, readonly CellValue[]>>();
  /** table → rowids inserted since reset() and still there. */
  readonly #inserted = new Map<string, Set<string>>();
  /** table → rows inserted and deleted again since reset(), with their last values. */
  readonly #transient = new Map<string, Array<{ readonly rowid: string; readonly values: readonly CellValue[] }>>();
  /** table → rowids of rows updated since reset(). */
  readonly #updated = new Map<string, Set<string>>();
  /** table → rowids of rows that existed before reset() and were deleted (SQLite may reuse the rowid). */
  readonly #deletedExisting = new Map<string, Set<string>>();
  #listener: ((event: RowEvent) => void) | undefined;
  readonly #unwatch: () => void;
  #paused = false;
  #cellsRead = 0;

  constructor(database: Database, listener?: (event: RowEvent) => void) {
    this.#database = database;
    this.#listener = listener;
    database.updateHook((op, _db, table, rowid) => {
      if (this.#paused) return;
      const event: RowEvent = { op, table, rowid: String(rowid) };
      this.#pending.push(event);
      if (op === 'insert') setOf(this.#inserted, table).add(event.rowid);
      if (op === 'update') setOf(this.#updated, table).add(event.rowid);
      if (op === 'delete') this.#deleteRow(table, event.rowid);
      this.#listener?.(event);
    });
    this.#unwatch = watchStatements(database, () => this.#readPending());
  }

  catchUp(): Promise<void> {
    this.#readPending();
    return Promise.resolve();
  }

  /** After each statement: reads the rows it inserted or updated (the hook itself must not query). */
  #readPending(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending.splice(0);
    for (const event of events) {
      if (event.op === 'delete') continue;
      const row = this.#read(event.table, event.rowid);
      if (!row) continue;
      let rows = this.#seen.get(event.table);
      if (!rows) this.#seen.set(event.table, (rows = new Map()));
      rows.set(event.rowid, row);
    }
  }

  /** Last values seen of a row of `table`, if the run inserted or updated it. */
  seen(table: string, rowid: string): readonly CellValue[] | undefined {
    return this.#seen.get(table)?.get(rowid);
  }

  /** Rows of `table` inserted and deleted again since the last reset, with their last values. */
  transient(table: string): ReadonlyArray<{ readonly rowid: string; readonly values: readonly CellValue[] }> {
    return this.#transient.get(table) ?? [];
  }

  /** Whether an UPDATE statement touched a row of `table` since the last reset (its values may be the same). */
  updated(table: string, rowid: string): boolean {
    return this.#updated.get(table)?.has(rowid) ?? false;
  }

  /** Whether a row of `table` that existed before the last reset was deleted (its rowid may be in use again). */
  deletedExisting(table: string, rowid: string): boolean {
    return this.#deletedExisting.get(table)?.has(rowid) ?? false;
  }

  /** While `work` runs (e.g. an import), changes are not recorded. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    this.#paused = true;
    try {
      return await work();
    } finally {
      this.#paused = false;
    }
  }

  reset(): void {
    this.#pending.length = 0;
    this.#seen.clear();
    this.#inserted.clear();
    this.#transient.clear();
    this.#deletedExisting.clear();
    this.#updated.clear();
    this.#cellsRead = 0;
    this.#freeReads();
  }

  dispose(): void {
    this.#unwatch();
    this.#freeReads();
    this.#listener = undefined;
    try {
      this.#database.updateHook(null);
    } catch {
      // The database may already be closed.
    }
  }

  #deleteRow(table: string, rowid: string): void {
    const inserted = this.#inserted.get(table);
    if (inserted?.has(rowid)) {
      // The hook cannot query, but the row was read right after its insert or last update.
      inserted.delete(rowid);
      const values = this.#seen.get(table)?.get(rowid);
      this.#seen.get(table)?.delete(rowid);
      if (values) {
        let list = this.#transient.get(table);
        if (!list) this.#transient.set(table, (list = []));
        list.push({ rowid, values });
      }
    } else {
      setOf(this.#deletedExisting, table).add(rowid);
    }
  }

  #read(table: string, rowid: string): CellValue[] | undefined {
    if (this.#cellsRead >= READ_CELL_LIMIT) return undefined;
    let statement = this.#reads.get(table);
    if (statement === undefined) {
      try {
        // Only the columns a table view sends (the first ones, as `SELECT *` orders them).
        const columns = this.#database.exec('SELECT name FROM pragma_table_xinfo(?) WHERE hidden != 1 ORDER BY cid', [table])[0]?.values ?? [];
        const list = columns
          .slice(0, VIEW_COLUMN_LIMIT)
          .map(([name]) => quoteIdentifier(String(name)))
          .join(', ');
        statement = this.#database.prepare(`SELECT ${list} FROM ${quoteIdentifier(table)} WHERE _rowid_ = ?`);
      } catch {
        statement = null; // a table without rowid access (or gone): nothing to read
      }
      this.#reads.set(table, statement);
    }
    if (!statement) return undefined;
    try {
      statement.bind([Number(rowid)]);
      if (!statement.step()) return undefined;
      const row = statement.get() as CellValue[];
      this.#cellsRead += row.length;
      return row;
    } catch {
      return undefined;
    } finally {
      statement.reset();
    }
  }

  #freeReads(): void {
    for (const statement of this.#reads.values()) statement?.free();
    this.#reads.clear();
  }
}
