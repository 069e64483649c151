import type { CellValue, RowView, TableView } from '../protocol.ts';
import type { DatabaseState } from '../../engine/database-state.ts';
import type { RowObserver } from '../../engine/engine.ts';
import { boundRows, VIEW_BUDGET, VIEW_COLUMN_LIMIT } from './view-limits.ts';

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((byte, i) => byte === b[i]);
  return a === b;
}

/** A previous row's values under today's columns, by name (values hold only the first columns). */
function alignedValues(columns: readonly string[], previousColumns: readonly string[], values: readonly CellValue[]): CellValue[] {
  return columns.map((column) => values[previousColumns.indexOf(column)] ?? null);
}

/**
 * The tables after a run or call, each row marked as inserted, updated (with the changed cells'
 * previous values), deleted (its last values, struck through in the panel) or unchanged.
 * Rows the run both inserted and deleted appear as deleted and `transient`.
 */
export function diffTables(before: DatabaseState, after: DatabaseState, changes: RowObserver | undefined): TableView[] {
  const views: TableView[] = [];
  const budget = { left: VIEW_BUDGET };
  for (const [name, table] of after) {
    const previous = before.get(name);
    // Values are held for the first columns only (EngineDatabase.readState); in a wider table an
    // update the row observer saw may have changed only the others.
    const columns = table.columns.slice(0, VIEW_COLUMN_LIMIT);
    const rows: RowView[] = [];
    let inserted = 0;
    let updated = 0;
    let deleted = 0;
    for (const [key, values] of table.rows) {
      const old = previous?.rows.get(key);
      // A deleted row's rowid may be taken by a new row: then that is an insert, not an update.
      const replaced = old !== undefined && (changes?.deletedExisting(name, key) ?? false);
      if (!previous || !old || replaced) {
        inserted++;
        rows.push({ key, values, status: 'inserted' });
        if (previous && old) {
          deleted++;
          rows.push({ key: `${key}~before`, values: alignedValues(columns, previous.columns, old), status: 'deleted' });
        }
        continue;
      }
      // Columns are compared by name: a column added by the run is "changed" from NULL.
      const changed: Array<readonly [number, CellValue]> = [];
      columns.forEach((column, i) => {
        const oldIndex = previous.columns.indexOf(column);
        // A column that was past the first ones before (columns were dropped): its old value is not known.
        if (oldIndex >= old.length) return;
        const oldValue = oldIndex === -1 ? null : (old[oldIndex] ?? null);
        if (!sameCell(oldValue, values[i])) changed.push([i, oldValue]);
      });
      const tailChanged = table.columns.length > columns.length && (changes?.updated(name, key) ?? false);
      if (changed.length > 0 || tailChanged) updated++;
      rows.push(changed.length > 0 || tailChanged ? { key, values, status: 'updated', changed } : { key, values, status: 'same' });
    }
    if (previous) {
      for (const [key, values] of previous.rows) {
        if (table.rows.has(key)) continue;
        deleted++;
        rows.push({ key, values: alignedValues(columns, previous.columns, values), status: 'deleted' });
      }
    }
    // Inserted and deleted within this run or call: known only from the row observer.
    (changes?.transient(name) ?? []).forEach(({ rowid, values }, i) => {
      deleted++;
      rows.push({ key: `${rowid}~${i}`, values, status: 'deleted', transient: true });
    });
    // Deleted rows back in their place among the others (rowid order; stable for equal rowids).
    if (rows.every((row) => /^-?\d+(~.*)?$/.test(row.key))) rows.sort((a, b) => Number.parseInt(a.key, 10) - Number.parseInt(b.key, 10));
    const sent = boundRows(rows, columns.length, budget);
    views.push({
      name,
      columns,
      columnCount: table.columns.length,
      rows: sent,
      rowCount: table.rowCount,
      truncated: sent.length < rows.length || table.rowCount > table.rows.size,
      created: !previous,
      changes: { inserted, updated, deleted },
    });
  }
  return views;
}
