import type { DisplayValue } from '../protocol.ts';
import { el } from '../ui/dom.ts';

/**
 * A DisplayValue as the browser consoles show one: the one-line preview, and for objects an
 * expandable tree (native <details>, so keyboard and screen readers need nothing more).
 */
export function displayValueView(value: DisplayValue, key?: string): HTMLElement {
  const keyNode = key === undefined ? null : el('span', { class: 'pg-value-key' }, `${key}: `);
  if (!value.entries || value.entries.length === 0) {
    return el('span', { class: `pg-value pg-value-${value.type}` }, keyNode, value.preview);
  }
  const details = el('details', { class: 'pg-value-tree' });
  const summary = el('summary', {}, keyNode, el('span', { class: `pg-value pg-value-${value.type}` }, value.preview));
  details.append(summary);
  // Children are built when first opened: an ORM object can be large.
  details.addEventListener('toggle', () => {
    if (!details.open || details.dataset['filled']) return;
    details.dataset['filled'] = 'true';
    const list = el('ul', { class: 'pg-value-children' });
    for (const [childKey, child] of value.entries ?? []) list.append(el('li', {}, displayValueView(child, childKey)));
    if (value.more) list.append(el('li', { class: 'pg-muted' }, `… ${value.more} more`));
    details.append(list);
  });
  return details;
}

/** Several values on one line, space-separated, as console.log prints its arguments. */
export function displayValuesView(values: readonly DisplayValue[]): HTMLElement {
  const line = el('span', { class: 'pg-values' });
  values.forEach((value, i) => {
    if (i > 0) line.append(' ');
    // Strings print without quotes at the top level, as in browser consoles.
    line.append(value.type === 'string' && !value.entries ? el('span', { class: 'pg-value-text' }, JSON.parse(value.preview) as string) : displayValueView(value));
  });
  return line;
}
