import type { SqlParam, StatementOrigin, StatementRecord } from '../protocol.ts';
import { el, formatMs, plural } from '../ui/dom.ts';
import { longText } from './long-text.ts';
import { countText } from '../count-text.ts';

/** Rows drawn at first, and added by each "Show more". */
export const SQL_PAGE_SIZE = 100;
/** Characters of a statement drawn before its "Show all". */
const SQL_SHOWN_CHARACTERS = 2_000;

export function originLabel(origin: StatementOrigin): string {
  switch (origin.kind) {
    case 'call':
      return origin.method;
    case 'calls':
      return origin.methods.join(' | ');
    case 'code':
      return 'your code';
    case 'playground':
      return 'playground';
  }
}

function paramText(param: SqlParam): string {
  if (param === null) return 'NULL';
  if (typeof param === 'object') {
    if ('blob' in param)
      return `x'${param.blob.length > 48 ? `${param.blob.slice(0, 48)}…` : param.blob}'${param.length !== undefined ? ` (${plural(param.length, 'byte')})` : ''}`;
    return `'${param.text.slice(0, 80)}…' (${plural(param.length, 'character')})`;
  }
  return typeof param === 'string' ? `'${param.length > 80 ? `${param.slice(0, 80)}…` : param}'` : String(param);
}

function paramsText(statement: StatementRecord): string {
  const { params } = statement;
  const list = Array.isArray(params)
    ? params.map((param, i) => `$${i + 1} = ${paramText(param)}`)
    : Object.entries(params).map(([key, value]) => `$${key} = ${paramText(value)}`);
  const more = statement.paramCount !== undefined ? statement.paramCount - list.length : 0;
  return more > 0 ? `${list.join(', ')}, … ${plural(more, 'more parameter')}` : list.join(', ');
}

function statementText(statement: StatementRecord, copy: (text: string, what: string) => void): HTMLElement {
  const what = `statement ${statement.seq}`;
  const text = longText(statement.sql, SQL_SHOWN_CHARACTERS, {
    className: 'pg-sql',
    what,
    ...(statement.sqlLength !== undefined ? { fullLength: statement.sqlLength } : {}),
  });
  if (statement.sql.length <= SQL_SHOWN_CHARACTERS && statement.sqlLength === undefined) return el('code', {}, text);
  const button = el('button', { type: 'button', class: 'pg-text-button', 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', () => copy(statement.sql, `${what} (${plural(statement.sql.length, 'character')})`));
  return el('code', {}, text, ' ', button);
}

export interface SqlFilter {
  /** An origin label to show only, or '' for all. */
  readonly origin: string;
  readonly text: string;
}

export interface SqlView {
  /** Statements that ran but are not in `statements` (over the runtime's or the page's limit). */
  readonly dropped: number;
  copy(text: string, what: string): void;
}

function statementRow(statement: StatementRecord, copy: SqlView['copy']): HTMLTableRowElement {
  return el(
    'tr',
    statement.error ? { 'data-error': 'true' } : {},
    el('td', { class: 'pg-number' }, String(statement.seq)),
    el('td', {}, el('span', { class: 'pg-origin', 'data-origin': statement.origin.kind }, originLabel(statement.origin))),
    el('td', {}, statementText(statement, copy), statement.error ? el('div', { class: 'pg-error-text' }, statement.error) : null),
    el('td', {}, el('code', { class: 'pg-params' }, paramsText(statement))),
    el('td', { class: 'pg-number' }, statement.rowsAffected > 0 ? `${statement.rowsAffected} changed` : String(statement.rowsReturned)),
    el('td', { class: 'pg-number' }, formatMs(statement.durationMs)),
  );
}

/**
 * The SQL panel: each statement with its parameters, rows, duration and the adapter method that
 * sent it — the first SQL_PAGE_SIZE that pass the filter, then "Show more" appends the next
 * ones; long statements by their beginning, with the rest on demand.
 */
export function renderStatements(container: HTMLElement, statements: readonly StatementRecord[], filter: SqlFilter, view: SqlView): void {
  if (statements.length === 0 && view.dropped === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No SQL yet. Run the code or call an adapter method.'));
    return;
  }
  const text = filter.text.toLowerCase();
  const shown = statements.filter(
    (statement) => (!filter.origin || originLabel(statement.origin) === filter.origin) && (!text || statement.sql.toLowerCase().includes(text)),
  );
  const counted = shown.length === statements.length ? countText(statements.length) : `${countText(shown.length)} of ${countText(statements.length)}`;
  const caption = el('caption');
  const body = el('tbody');
  const region = el(
    'div',
    { class: 'pg-scroll', role: 'region', 'aria-label': 'SQL statements', tabindex: '0' },
    el(
      'table',
      { class: 'pg-data pg-sql-table' },
      caption,
      el('thead', {}, el('tr', {}, ...['#', 'Sent by', 'Statement', 'Parameters', 'Rows', 'Time'].map((name) => el('th', { scope: 'col' }, name)))),
      body,
    ),
  );
  const button = el('button', { type: 'button', class: 'pg-button pg-small' });
  const rest = el('span');
  const more = el('p', { class: 'pg-muted pg-sql-more' }, rest, ' ', button);
  let drawn = 0;
  const drawMore = (): void => {
    const next = shown.slice(drawn, drawn + SQL_PAGE_SIZE);
    body.append(...next.map((statement) => statementRow(statement, view.copy)));
    drawn += next.length;
    caption.textContent = `SQL statements (${counted}${drawn < shown.length ? `, first ${countText(drawn)} shown` : ''})`;
    const left = shown.length - drawn;
    more.hidden = left === 0;
    rest.textContent = `${plural(left, 'more statement')} not shown.`;
    button.textContent = `Show ${countText(Math.min(SQL_PAGE_SIZE, left))} more`;
  };
  button.addEventListener('click', () => {
    drawMore();
    // The button goes with the last page: the keyboard moves to the table.
    if (more.hidden) region.focus();
  });
  drawMore();
  const dropped =
    view.dropped > 0
      ? el(
          'p',
          { class: 'pg-muted pg-sql-more' },
          `${plural(view.dropped, 'more statement')} ran but ${view.dropped === 1 ? 'was' : 'were'} not recorded: the playground keeps the first ones of each run.`,
        )
      : null;
  container.replaceChildren(region, more, ...(dropped ? [dropped] : []));
}

/** The distinct senders, for the filter's options. */
export function statementOrigins(statements: readonly StatementRecord[]): string[] {
  return [...new Set(statements.map((statement) => originLabel(statement.origin)))];
}
