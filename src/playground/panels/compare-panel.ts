/**
 * The Compare panel: the switch that runs each run a second time with the other adapter package
 * (ours and the published one, each on a fresh database), and what differed between the two, as
 * a table with one column per package — or, stated as such, that nothing did.
 */
import type { Comparison, DiffSection } from '../compare/compare-outcomes.ts';
import { comparisonSummary } from '../compare/compare-outcomes.ts';
import { el } from '../ui/dom.ts';

export interface CompareActions {
  setCompare(on: boolean): void;
}

const SECTIONS: readonly DiffSection[] = ['Error', 'Adapter calls', 'Statements', 'Tables'];

/** Most lines a side shows at once; a longer list of statements opens from its first line ("30 statements"). */
const OPEN_LINES = 6;

function sideCell(text: string): HTMLElement {
  if (!text) return el('span', { class: 'pg-meta' }, '—');
  const lines = text.split('\n');
  if (lines.length <= OPEN_LINES) return el('pre', { class: 'pg-compare-text' }, text);
  return el('details', {}, el('summary', {}, lines[0] ?? ''), el('pre', { class: 'pg-compare-text' }, lines.slice(1).join('\n')));
}

export class ComparePanel {
  readonly element: HTMLElement;
  readonly #toggle: HTMLInputElement;
  readonly #state = el('p', { class: 'pg-compare-state', role: 'status' });
  readonly #body = el('div');

  constructor(actions: CompareActions) {
    this.#toggle = el('input', { type: 'checkbox', id: 'pg-compare' });
    this.#toggle.addEventListener('change', () => actions.setCompare(this.#toggle.checked));
    this.element = el(
      'div',
      { class: 'pg-compare' },
      el('div', { class: 'pg-panel-tools' }, el('label', { for: 'pg-compare' }, this.#toggle, ' Run with both adapter packages and compare')),
      this.#state,
      this.#body,
    );
    this.setEnabled(false);
  }

  /** Compare mode on or off (the state's `options.compare`). */
  setEnabled(on: boolean): void {
    this.#toggle.checked = on;
    if (!on) {
      this.#state.textContent = '';
      this.#body.replaceChildren(
        el(
          'p',
          { class: 'pg-meta' },
          "Runs your code a second time with the other adapter package (this site's and the published @auth one, each on a fresh database) and shows what differs: each adapter call's return value, the statements it sent, errors, and the tables' columns and rows.",
        ),
      );
    }
  }

  /** The second run is under way (or its runtime starts). */
  progress(text: string): void {
    this.#state.textContent = text;
  }

  /** The second run could not be compared: why. */
  failed(text: string): void {
    this.#state.textContent = text;
    this.#body.replaceChildren();
  }

  show(comparison: Comparison): void {
    this.#state.textContent = comparisonSummary(comparison);
    if (comparison.rows.length === 0) {
      this.#body.replaceChildren(
        el('p', { class: 'pg-meta' }, 'Ids and points in time are compared by where they appear, not by value: each run makes its own.'),
      );
      return;
    }
    const [a, b] = comparison.labels;
    const body = el('tbody');
    for (const section of SECTIONS) {
      const rows = comparison.rows.filter((row) => row.section === section);
      if (rows.length === 0) continue;
      body.append(el('tr', { class: 'pg-compare-section' }, el('th', { scope: 'colgroup', colspan: '3' }, section)));
      for (const row of rows) {
        body.append(el('tr', {}, el('th', { scope: 'row' }, row.subject), el('td', {}, sideCell(row.a)), el('td', {}, sideCell(row.b))));
      }
    }
    this.#body.replaceChildren(
      el(
        'div',
        { class: 'pg-scroll', role: 'region', 'aria-label': 'What differs', tabindex: '0' },
        el(
          'table',
          { class: 'pg-data pg-compare-table' },
          el('caption', {}, 'What differs'),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'What'), el('th', { scope: 'col' }, a), el('th', { scope: 'col' }, b))),
          body,
        ),
      ),
      el('p', { class: 'pg-meta' }, 'Ids (‹id 1›, …), tokens and points in time are compared by where they appear, not by value: each run makes its own.'),
    );
  }
}
