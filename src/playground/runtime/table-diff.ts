import type { CellValue, RowView, TableView } from '../protocol.ts';
import type { DatabaseState } from './database-inspection.ts';
import type { RowChanges } from './row-changes.ts';

/** Rows sent per table; the rest are counted. */
export const VIEW_ROW_LIMIT = 500;

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((byte, i) => byte === b[i]);
  return a === b;
}

function alignedValues(columns: readonly string[], previousColumns: readonly string[], values: readonly CellValue[]): CellValue[] {
  return columns.map((column) => values[previousColumns.indexOf(column)] ?? null);
}

/**
 * The tables after a run or call, each row marked as inserted, updated (with the changed cells'
 * previous values), deleted (its last values, struck through in the panel) or unchanged.
 * Rows the run both inserted and deleted appear as deleted and `transient`.
 */
export function diffTables(before: DatabaseState, after: DatabaseState, changes: RowChanges | undefined): TableView[] {
  const views: TableView[] = [];
  for (const [name, table] of after) {
    const previous = before.get(name);
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
          rows.push({ key: `${key}~before`, values: alignedValues(table.columns, previous.columns, old), status: 'deleted' });
        }
        continue;
      }
      // Columns are compared by name: a column added by the run is "changed" from NULL.
      const changed: Array<readonly [number, CellValue]> = [];
      table.columns.forEach((column, i) => {
        const oldIndex = previous.columns.indexOf(column);
        const oldValue = oldIndex === -1 ? null : (old[oldIndex] ?? null);
        if (!sameCell(oldValue, values[i])) changed.push([i, oldValue]);
      });
      if (changed.length > 0) updated++;
      rows.push(changed.length > 0 ? { key, values, status: 'updated', changed } : { key, values, status: 'same' });
    }
    if (previous) {
      for (const [key, values] of previous.rows) {
        if (table.rows.has(key)) continue;
        deleted++;
        rows.push({ key, values: alignedValues(table.columns, previous.columns, values), status: 'deleted' });
      }
    }
    // Inserted and deleted within this run or call: known only from the update hook.
    (changes?.transient(name) ?? []).forEach(({ rowid, values }, i) => {
      deleted++;
      rows.push({ key: `${rowid}~${i}`, values, status: 'deleted', transient: true });
    });
    // Deleted rows back in their place among the others (rowid order; stable for equal rowids).
    if (rows.every((row) => /^-?\d+(~.*)?$/.test(row.key))) rows.sort((a, b) => Number.parseInt(a.key, 10) - Number.parseInt(b.key, 10));
    views.push({
      name,
      columns: table.columns,
      rows: rows.slice(0, VIEW_ROW_LIMIT),
      rowCount: table.rowCount,
      truncated: rows.length > VIEW_ROW_LIMIT || table.rowCount > table.rows.size,
      created: !previous,
      changes: { inserted, updated, deleted },
    });
  }
  return views;
}
