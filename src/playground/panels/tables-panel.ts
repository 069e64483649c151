import type { SchemaInfo, TableView } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { copyWholeValues } from './cell-format.ts';
import { RenderQueue } from './render-queue.ts';
import { tableBlock } from './table-block.ts';
import type { WholeValueAction } from './whole-value-control.ts';
import { countText } from '../count-text.ts';

/** Tables drawn at first, and added by each "Show more tables". */
export const TABLE_PAGE = 25;

/** Each container's pending drawing: drawing it anew cancels what the last drawing left to do. */
const queues = new WeakMap<HTMLElement, RenderQueue>();

/**
 * The Tables panel: every table with its rows, the last run's or call's changes marked —
 * inserted, updated (changed cells show their old value), deleted (struck through, with the
 * values they had). Each is a <table> whose caption is the table's name. Whatever the results,
 * the drawing is bounded: tables, rows and columns come a page at a time (table-block.ts), and
 * what does not fit one task is drawn in the next ones (render-queue.ts). `wholeValue`: what the
 * button beside a cut cell does (the playground reads it from its runtime); none without it.
 */
export function renderTables(
  container: HTMLElement,
  tables: readonly TableView[],
  schema: SchemaInfo,
  changedOnly: boolean,
  sourceLabel: string,
  wholeValue?: WholeValueAction,
): void {
  let queue = queues.get(container);
  if (!queue) queues.set(container, (queue = new RenderQueue(container)));
  queue.cancel();
  if (tables.length === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No tables yet. Run the code: the tables it creates appear here.'));
    return;
  }
  const types = new Map(schema.tables.map((table) => [table.name, table.columns.map((column) => column.type)]));
  const blocks = el('div', { class: 'pg-table-blocks' });
  const moreBar = el('div', { class: 'pg-pager' });
  const more = el('button', { type: 'button', class: 'pg-pager-button' });
  moreBar.append(more);
  let shown = 0;
  const showTables = (count: number): void => {
    const next = tables.slice(shown, shown + count);
    blocks.append(...next.map((table) => tableBlock(table, types.get(table.name) ?? [], changedOnly, queue, wholeValue)));
    shown += next.length;
    moreBar.hidden = shown >= tables.length;
    more.textContent = `Show more tables (${countText(shown)} of ${countText(tables.length)} shown)`;
  };
  more.addEventListener('click', () => {
    queue.refill();
    const first = shown;
    showTables(TABLE_PAGE);
    // The button may go with the last tables: the focus moves to the first new one.
    blocks.children[first]?.querySelector<HTMLElement>('.pg-scroll')?.focus();
  });
  showTables(TABLE_PAGE);
  container.replaceChildren(el('p', { class: 'pg-muted pg-panel-note' }, sourceLabel), blocks, moreBar);
  // A property, not a listener: the panel is drawn again after every run.
  container.oncopy = copyWholeValues;
}
