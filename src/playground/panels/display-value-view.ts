import type { DisplayValue } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { longText } from './long-text.ts';

/** Characters of a value's text shown before "Show all": the runtime sends up to 2,000 per string. */
const SHOWN_CHARACTERS = 500;

/** Children of a value, or values of one console line, drawn at most (the runtime sends 50). */
const SHOWN_ENTRIES = 100;

function text(preview: string): Node | string {
  return preview.length > SHOWN_CHARACTERS ? longText(preview, SHOWN_CHARACTERS) : preview;
}

/**
 * A DisplayValue as the browser consoles show one: the one-line preview, and for objects an
 * expandable tree (native <details>, so keyboard and screen readers need nothing more).
 */
export function displayValueView(value: DisplayValue, key?: string): HTMLElement {
  const keyNode = key === undefined ? null : el('span', { class: 'pg-value-key' }, `${key}: `);
  if (!value.entries || value.entries.length === 0) {
    return el('span', { class: `pg-value pg-value-${value.type}` }, keyNode, text(value.preview));
  }
  const details = el('details', { class: 'pg-value-tree' });
  const summary = el(
    'summary',
    {},
    keyNode,
    el(
      'span',
      { class: `pg-value pg-value-${value.type}` },
      value.preview.length > SHOWN_CHARACTERS ? `${value.preview.slice(0, SHOWN_CHARACTERS)}…` : value.preview,
    ),
  );
  details.append(summary);
  // Children are built when first opened: an ORM object can be large.
  details.addEventListener('toggle', () => {
    if (!details.open || details.dataset['filled']) return;
    details.dataset['filled'] = 'true';
    const list = el('ul', { class: 'pg-value-children' });
    const entries = value.entries ?? [];
    for (const [childKey, child] of entries.slice(0, SHOWN_ENTRIES)) list.append(el('li', {}, displayValueView(child, childKey)));
    const more = (value.more ?? 0) + Math.max(0, entries.length - SHOWN_ENTRIES);
    if (more > 0) list.append(el('li', { class: 'pg-muted' }, `… ${more} more`));
    details.append(list);
  });
  return details;
}

/** Several values on one line, space-separated, as console.log prints its arguments. */
export function displayValuesView(values: readonly DisplayValue[]): HTMLElement {
  const line = el('span', { class: 'pg-values' });
  values.slice(0, SHOWN_ENTRIES).forEach((value, i) => {
    if (i > 0) line.append(' ');
    // Strings print without quotes at the top level, as in browser consoles.
    line.append(
      value.type === 'string' && !value.entries ? el('span', { class: 'pg-value-text' }, text(JSON.parse(value.preview) as string)) : displayValueView(value),
    );
  });
  return line;
}
