import { el } from '../ui/dom.ts';
import { countText as count } from '../count-text.ts';

/** Characters each "Show more" adds: laying out much more at once would block the page (a table cell of 100,000 characters takes hundreds of ms). */
const STEP = 20_000;

/**
 * Text shown by its first `shown` characters when longer, with buttons for more (a step at a
 * time) and less. `fullLength` is the original's length when `text` itself is only its
 * beginning (the runtime shortened it), and is stated.
 */
export function longText(
  text: string,
  shown: number,
  options: { readonly className?: string; readonly fullLength?: number; readonly what?: string } = {},
): HTMLElement {
  const className = options.className ?? 'pg-clipped';
  const cut =
    options.fullLength !== undefined && options.fullLength > text.length
      ? el('span', { class: 'pg-muted pg-long-note' }, ` (${count(options.fullLength)} characters in all; the playground kept the first ${count(text.length)})`)
      : null;
  if (text.length <= shown) return el('span', { class: className }, text, cut);
  const what = options.what ? ` of ${options.what}` : '';
  const head = el('span', {}, text.slice(0, shown));
  const ellipsis = el('span', { class: 'pg-muted' }, '… ');
  const more = el('button', { type: 'button', class: 'pg-text-button' });
  const less = el('button', { type: 'button', class: 'pg-text-button', hidden: '' }, 'Show less');
  less.setAttribute('aria-label', `Show less${what}`);
  let showing = shown;
  const update = (next: number, focus?: HTMLElement): void => {
    showing = next;
    head.textContent = text.slice(0, showing);
    const rest = text.length - showing;
    ellipsis.hidden = more.hidden = rest === 0;
    less.hidden = showing === shown;
    const label = `Show ${count(Math.min(STEP, rest))} more characters`;
    more.textContent = label;
    more.setAttribute('aria-label', `${label}${what}`);
    // A button that disappears must not take the keyboard focus with it.
    if (focus && (focus.hidden || !focus.isConnected)) (more.hidden ? less : more).focus();
  };
  more.addEventListener('click', () => update(Math.min(text.length, showing + STEP), more));
  less.addEventListener('click', () => update(shown, less));
  update(shown);
  return el('span', { class: className }, head, ellipsis, more, ' ', less, cut);
}
