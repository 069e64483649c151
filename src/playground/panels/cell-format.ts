import type { CellValue } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { countText } from '../count-text.ts';

const LONG_TEXT = 160;
/** Longer than this without a space, a value is an id or a token: shown by its start only. */
const TOKEN_LENGTH = 16;
const TOKEN_HEAD = 8;

/**
 * Ids, UUIDs and tokens (a long run of characters without spaces; not an e-mail address or URL,
 * whose start says little): such a value's start tells rows apart, the rest only widens columns.
 */
export function isLongToken(text: string): boolean {
  return text.length > TOKEN_LENGTH && !/\s/.test(text) && !/@|:\/\//.test(text);
}

/**
 * A long token shown by its first characters and an ellipsis. The rest stays in the DOM, only
 * collapsed to no width, so that the text of the cell and screen readers get the whole value;
 * hovering shows it too (title), and copyWholeValues() puts it whole into a copied selection.
 */
export function tokenView(text: string): HTMLElement {
  return el(
    'span',
    { class: 'pg-token', title: text, 'data-full': text },
    el('span', { class: 'pg-token-head' }, text.slice(0, TOKEN_HEAD)),
    el('span', { class: 'pg-token-rest' }, text.slice(TOKEN_HEAD)),
  );
}

/**
 * Long text shortened to its first LONG_TEXT characters and its length; hovering shows what
 * the page has of it. `fullLength` is the stored value's length when the runtime sent only its
 * start (see RowView.clipped); `gone` says so when the whole of such a value cannot be had any
 * more (a deleted row's, a value an update replaced: the database no longer holds them).
 */
export function shortText(text: string, fullLength?: number, gone?: string): HTMLElement | string {
  if (text.length <= LONG_TEXT && fullLength === undefined) return text;
  const length = fullLength ?? text.length;
  const note =
    fullLength === undefined
      ? `(${countText(length)} characters)`
      : `(${countText(length)} characters; hover for the first ${countText(text.length)}${gone ? `; ${gone}` : ''})`;
  return el(
    'span',
    { class: 'pg-text pg-long-text', title: fullLength === undefined ? text : `${text}…` },
    `${text.slice(0, LONG_TEXT)}… `,
    el('span', { class: 'pg-hint' }, note),
  );
}

/**
 * A stored value as a table cell shows it: NULL marked, BLOBs in hex, epoch-ms dates readable,
 * tokens and long text short. `fullLength`: the stored value's length when only its start was sent.
 * Plain numbers and text are bare text nodes: a big table is thousands of cells, and every
 * element more is more for the browser to style and lay out.
 */
export function cellView(value: CellValue, columnType = '', fullLength?: number, gone?: string): Node {
  if (value === null) return el('span', { class: 'pg-null' }, 'NULL');
  if (value instanceof Uint8Array) {
    const hex = [...value.subarray(0, 24)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const bytes = countText(fullLength ?? value.length);
    return el(
      'span',
      { class: 'pg-blob', title: `BLOB, ${bytes} bytes${fullLength !== undefined && gone ? `; ${gone}` : ''}` },
      `x'${hex}${(fullLength ?? value.length) > 24 ? '…' : ''}'`,
    );
  }
  if (typeof value === 'number') {
    // MikroORM stores SQLite datetimes as epoch milliseconds: show when that is.
    if (/date|time/i.test(columnType) && Number.isInteger(value) && value > 1e11 && value < 1e14) {
      return el('span', { class: 'pg-number' }, String(value), el('span', { class: 'pg-hint' }, ` ${new Date(value).toISOString()}`));
    }
    return document.createTextNode(String(value));
  }
  if (fullLength === undefined && isLongToken(value)) return tokenView(value);
  const short = shortText(value, fullLength, gone);
  return typeof short === 'string' ? document.createTextNode(value) : short;
}

/** A value as plain text (titles, copy). */
export function cellText(value: CellValue): string {
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) return `x'${[...value].map((byte) => byte.toString(16).padStart(2, '0')).join('')}'`;
  return String(value);
}

/**
 * Copying a selection that holds shortened values copies them whole: the browser leaves out the
 * collapsed rest of a token (it is clipped), so the text is built here. Rows become lines and
 * cells are separated by tabs, as a table copied from a page pastes into a spreadsheet.
 */
export function copyWholeValues(event: ClipboardEvent): void {
  const selection = getSelection();
  if (!selection || selection.rangeCount === 0 || !event.clipboardData) return;
  const holder = document.createElement('div');
  for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
  if (!holder.querySelector('.pg-token')) return;
  for (const token of holder.querySelectorAll<HTMLElement>('.pg-token')) token.replaceWith(token.dataset['full'] ?? token.textContent ?? '');
  for (const hidden of holder.querySelectorAll('.sr-only')) hidden.remove();
  const rows = [...holder.querySelectorAll('tr')];
  const text =
    rows.length > 0
      ? rows.map((row) => [...row.querySelectorAll('td, th')].map((cell) => cell.textContent?.trim() ?? '').join('\t')).join('\n')
      : (holder.textContent ?? '');
  event.clipboardData.setData('text/plain', text);
  event.preventDefault();
}
