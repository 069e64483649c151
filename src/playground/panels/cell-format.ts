import type { CellValue } from '../protocol.ts';
import { el } from '../ui/dom.ts';

const LONG_TEXT = 160;

/** A stored value as a table cell shows it: NULL marked, BLOBs in hex, epoch-ms dates readable. */
export function cellView(value: CellValue, columnType = ''): HTMLElement {
  if (value === null) return el('span', { class: 'pg-null' }, 'NULL');
  if (value instanceof Uint8Array) {
    const hex = [...value.subarray(0, 24)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return el('span', { class: 'pg-blob', title: `BLOB, ${value.length} bytes` }, `x'${hex}${value.length > 24 ? '…' : ''}'`);
  }
  if (typeof value === 'number') {
    // MikroORM stores SQLite datetimes as epoch milliseconds: show when that is.
    if (/date|time/i.test(columnType) && Number.isInteger(value) && value > 1e11 && value < 1e14) {
      return el('span', { class: 'pg-number' }, String(value), el('span', { class: 'pg-hint' }, ` ${new Date(value).toISOString()}`));
    }
    return el('span', { class: 'pg-number' }, String(value));
  }
  if (value.length > LONG_TEXT) {
    return el('span', { class: 'pg-text', title: value }, `${value.slice(0, LONG_TEXT)}… `, el('span', { class: 'pg-hint' }, `(${value.length} characters)`));
  }
  return el('span', { class: 'pg-text' }, value);
}

/** A value as plain text (titles, copy). */
export function cellText(value: CellValue): string {
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) return `x'${[...value].map((byte) => byte.toString(16).padStart(2, '0')).join('')}'`;
  return String(value);
}
