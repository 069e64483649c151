import type { PGliteInterface } from '@electric-sql/pglite';
import { type CellValue, READ_CELL_LIMIT, rowKey, VIEW_COLUMN_LIMIT } from '../database-state.ts';
import type { RowEvent, RowObserver, RowOperation } from '../engine.ts';
import { listTables, type TableListing, tableName } from './catalog.ts';
import { ROW_LOG } from './hidden-schema.ts';
import { cellValue, parseRecordText } from './record-text.ts';

/**
 * Text of logged rows taken per catchUp, in bytes: past it (a statement that changed millions
 * of rows) entries come without their rows, so are counted but not keyed or shown.
 */
const LOG_TEXT_LIMIT = 64 * 1024 * 1024;

/**
 * Takes the whole log, oldest first, in one statement: reading and emptying it at once, nothing
 * written in between is lost. Partitions are named by their partitioned table.
 *
 * Not while the session's transaction has written anything (PGlite has one session, which the
 * reader's code shares): its rows may still be rolled back, so they stay in the log until it
 * ends (the guard is a one-time filter, evaluated before this DELETE gets a transaction id).
 */
const TAKE_LOG = `WITH taken AS (DELETE FROM ${ROW_LOG} WHERE (SELECT pg_current_xact_id_if_assigned() IS NULL) RETURNING *),
  sized AS (SELECT *, sum(coalesce(octet_length(old_row), 0) + coalesce(octet_length(new_row), 0)) OVER (ORDER BY seq) AS running FROM taken)
SELECT seq::text AS seq, op, coalesce(pg_partition_root(rel), rel)::int4 AS rel, table_schema AS schema, table_name AS name,
  CASE WHEN running <= ${LOG_TEXT_LIMIT} THEN old_row END AS old_row,
  CASE WHEN running <= ${LOG_TEXT_LIMIT} THEN new_row END AS new_row
FROM sized ORDER BY sized.seq`;

interface LogEntry {
  seq: string;
  op: string;
  rel: number;
  schema: string;
  name: string;
  old_row: string | null;
  new_row: string | null;
}

const OPERATIONS: Readonly<Record<string, RowOperation>> = { i: 'insert', u: 'update', d: 'delete' };

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** A logged row, as the observer keys and shows it (`key`: rowKey of its primary key's values). */
interface LoggedRow {
  readonly key: string;
  /** The whole row's text: what tells rows of a table without a primary key apart. */
  readonly text: string;
  /** Its first VIEW_COLUMN_LIMIT values; undefined past READ_CELL_LIMIT. */
  readonly values: readonly CellValue[] | undefined;
}

/**
 * The PGlite engine's RowObserver. PostgreSQL has no update hook: every user table carries a
 * row trigger (hidden-schema.ts) that logs each inserted, updated and deleted row (cascades
 * included) with its old and new values, in a table, so the log is transactional: rows of a
 * rolled-back transaction or savepoint never appear. catchUp() takes the log and applies it
 * entry by entry as the sql.js observer applies its update hook.
 *
 * Rows are keyed as inspection.ts keys them: by the primary key's values. A table without one
 * is read by ctid, which the trigger cannot know (and which an UPDATE changes): its rows are told
 * apart by their text here, so a row inserted and deleted again is still shown, but
 * seen()/updated()/deletedExisting() do not know them (the before/after comparison shows an update of
 * such a row as a delete and an insert).
 */
export class PgRowChanges implements RowObserver {
  readonly #db: () => PGliteInterface;
  #listener: ((event: RowEvent) => void) | undefined;
  /** table → key → last values seen of rows inserted or updated since reset(). */
  readonly #seen = new Map<string, Map<string, readonly CellValue[]>>();
  /** table → keys inserted since reset() and still there (tables with a primary key). */
  readonly #inserted = new Map<string, Set<string>>();
  /** table without a primary key → text of rows inserted since reset() and still there → their keys (`#` and the log's seq). */
  readonly #insertedByText = new Map<string, Map<string, string[]>>();
  readonly #transient = new Map<string, Array<{ readonly rowid: string; readonly values: readonly CellValue[] }>>();
  readonly #updated = new Map<string, Set<string>>();
  readonly #deletedExisting = new Map<string, Set<string>>();
  #paused = 0;
  /** Counts reset() and discards: entries a catchUp took before one are not applied after it. */
  #generation = 0;
  #disposed = false;
  #cellsRead = 0;
  /** catchUp() calls, one after the other. */
  #queue: Promise<void> = Promise.resolve();

  constructor(db: () => PGliteInterface, listener?: (event: RowEvent) => void) {
    this.#db = db;
    this.#listener = listener;
  }

  catchUp(): Promise<void> {
    const next = this.#queue.then(() => this.#take());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #take(): Promise<void> {
    if (this.#disposed) return;
    const db = this.#db();
    const generation = this.#generation;
    let entries: LogEntry[];
    try {
      entries = (await db.query<LogEntry>(TAKE_LOG)).rows;
    } catch {
      // The session's transaction has failed (PGlite has one session, shared with the reader's
      // code): the log stays for the next catchUp.
      return;
    }
    if (entries.length === 0 || this.#paused > 0 || this.#disposed || generation !== this.#generation) return;
    const tables = new Map((await listTables(db, [...new Set(entries.map((entry) => entry.rel))])).map((table) => [table.oid, table]));
    if (this.#disposed || generation !== this.#generation) return;
    for (const entry of entries) this.#apply(entry, tables.get(entry.rel));
  }

  #apply(entry: LogEntry, table: TableListing | undefined): void {
    const op = OPERATIONS[entry.op];
    if (!op) return;
    const name = table?.name ?? tableName(entry.schema, entry.name);
    // Values are read of the rows shown: the new row, or the deleted one (READ_CELL_LIMIT counts them).
    const before = this.#row(table, entry.old_row, op === 'delete');
    const after = this.#row(table, entry.new_row, true);
    let rowid = `#${entry.seq}`;
    if (table && table.primaryKey.length === 0) {
      // No key in the row: a row inserted since reset() is known by its text.
      const inserted = before ? this.#takeInserted(name, before.text) : undefined;
      if (op === 'insert' && after) this.#textsOf(name, after.text).push(rowid);
      // An updated row inserted since reset() goes on under its new text; one that was there before stays unknown.
      if (op === 'update' && after && inserted !== undefined) this.#textsOf(name, after.text).push((rowid = inserted));
      if (op === 'delete' && before && inserted !== undefined) this.#transientRow(name, (rowid = inserted), before.values);
    } else if (op === 'insert' && after) {
      rowid = after.key;
      setOf(this.#inserted, name).add(rowid);
      this.#see(name, rowid, after.values);
    } else if (op === 'update' && after) {
      rowid = after.key;
      // A new primary key: the row goes on under it.
      if (before && before.key !== after.key) {
        const inserted = this.#inserted.get(name);
        if (inserted?.delete(before.key)) inserted.add(after.key);
        else setOf(this.#deletedExisting, name).add(before.key);
        this.#seen.get(name)?.delete(before.key);
      }
      setOf(this.#updated, name).add(rowid);
      this.#see(name, rowid, after.values);
    } else if (op === 'delete' && before) {
      rowid = before.key;
      const inserted = this.#inserted.get(name);
      if (inserted?.delete(rowid)) {
        this.#seen.get(name)?.delete(rowid);
        this.#transientRow(name, rowid, before.values);
      } else setOf(this.#deletedExisting, name).add(rowid);
    }
    this.#listener?.({ op, table: name, rowid });
  }

  /**
   * A logged row's key and values, or undefined when its text was not taken (LOG_TEXT_LIMIT)
   * or its table is gone. Its values are read while READ_CELL_LIMIT allows.
   */
  #row(table: TableListing | undefined, text: string | null, withValues: boolean): LoggedRow | undefined {
    if (text === null || !table) return undefined;
    const fields = parseRecordText(text);
    const kinds = table.columns.map((column) => column.kind);
    const keyValues = table.primaryKey.map((i) => cellValue(fields[i] ?? null, kinds[i] ?? 'text'));
    const key = keyValues.length === 1 ? rowKey(keyValues[0] ?? null) : rowKey(keyValues);
    const shown = kinds.slice(0, VIEW_COLUMN_LIMIT);
    if (!withValues || this.#cellsRead + shown.length > READ_CELL_LIMIT) return { key, text, values: undefined };
    this.#cellsRead += shown.length;
    return { key, text, values: shown.map((kind, i) => cellValue(fields[i] ?? null, kind)) };
  }

  #see(table: string, rowid: string, values: readonly CellValue[] | undefined): void {
    let rows = this.#seen.get(table);
    if (!rows) this.#seen.set(table, (rows = new Map()));
    if (values) rows.set(rowid, values);
    else rows.delete(rowid);
  }

  /** A row inserted and deleted again, with its last values (when they were read). */
  #transientRow(table: string, rowid: string, values: readonly CellValue[] | undefined): void {
    if (!values) return;
    let list = this.#transient.get(table);
    if (!list) this.#transient.set(table, (list = []));
    list.push({ rowid, values });
  }

  #textsOf(table: string, text: string): string[] {
    let texts = this.#insertedByText.get(table);
    if (!texts) this.#insertedByText.set(table, (texts = new Map()));
    let keys = texts.get(text);
    if (!keys) texts.set(text, (keys = []));
    return keys;
  }

  /** The first key of a row of a table without a primary key inserted since reset() with this text, taken off the list. */
  #takeInserted(table: string, text: string): string | undefined {
    const texts = this.#insertedByText.get(table);
    const keys = texts?.get(text);
    const key = keys?.shift();
    if (keys?.length === 0) texts?.delete(text);
    return key;
  }

  seen(table: string, rowid: string): readonly CellValue[] | undefined {
    return this.#seen.get(table)?.get(rowid);
  }

  transient(table: string): ReadonlyArray<{ readonly rowid: string; readonly values: readonly CellValue[] }> {
    return this.#transient.get(table) ?? [];
  }

  updated(table: string, rowid: string): boolean {
    return this.#updated.get(table)?.has(rowid) ?? false;
  }

  deletedExisting(table: string, rowid: string): boolean {
    return this.#deletedExisting.get(table)?.has(rowid) ?? false;
  }

  /** Changes before `work` are taken first; what `work` (e.g. an import) writes into the log is thrown away. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    await this.catchUp();
    this.#paused++;
    try {
      return await work();
    } finally {
      try {
        await this.#discardLog();
      } finally {
        this.#paused--;
      }
    }
  }

  reset(): void {
    this.#seen.clear();
    this.#inserted.clear();
    this.#insertedByText.clear();
    this.#transient.clear();
    this.#updated.clear();
    this.#deletedExisting.clear();
    this.#cellsRead = 0;
    void this.#discardLog().catch(() => undefined);
  }

  dispose(): void {
    this.#disposed = true;
    this.#listener = undefined;
  }

  /**
   * Empties the log now: the DELETE is made at once (not after the catchUp under way), and
   * PGlite runs queries in the order they are made, so whatever the caller runs next writes
   * into an empty log. A catchUp under way that took entries before it drops them (#generation).
   */
  #discardLog(): Promise<void> {
    this.#generation++;
    return this.#db()
      .exec(`DELETE FROM ${ROW_LOG}`)
      .then(() => undefined);
  }
}
