import type { SqlParam, StatementOrigin, StatementRecord } from '../protocol.ts';
import { el, formatMs } from '../ui/dom.ts';

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
  if (typeof param === 'object') return `x'${param.blob.length > 48 ? `${param.blob.slice(0, 48)}…` : param.blob}'`;
  return typeof param === 'string' ? `'${param.length > 80 ? `${param.slice(0, 80)}…` : param}'` : String(param);
}

function paramsText(params: StatementRecord['params']): string {
  if (Array.isArray(params)) return params.map((param, i) => `$${i + 1} = ${paramText(param)}`).join(', ');
  return Object.entries(params).map(([key, value]) => `$${key} = ${paramText(value)}`).join(', ');
}

export interface SqlFilter {
  /** An origin label to show only, or '' for all. */
  readonly origin: string;
  readonly text: string;
}

/** The SQL panel: every statement with its parameters, rows, duration and the adapter method that sent it. */
export function renderStatements(container: HTMLElement, statements: readonly StatementRecord[], filter: SqlFilter): void {
  const shown = statements.filter((statement) => (!filter.origin || originLabel(statement.origin) === filter.origin)
    && (!filter.text || statement.sql.toLowerCase().includes(filter.text.toLowerCase())));
  if (statements.length === 0) {
    container.replaceChildren(el('p', { class: 'pg-empty' }, 'No SQL yet. Run the code or call an adapter method.'));
    return;
  }
  const rows = shown.map((statement) => el('tr', statement.error ? { 'data-error': 'true' } : {},
    el('td', { class: 'pg-number' }, String(statement.seq)),
    el('td', {}, el('span', { class: 'pg-origin', 'data-origin': statement.origin.kind }, originLabel(statement.origin))),
    el('td', {}, el('code', { class: 'pg-sql' }, statement.sql), statement.error ? el('div', { class: 'pg-error-text' }, statement.error) : null),
    el('td', {}, el('code', { class: 'pg-params' }, paramsText(statement.params))),
    el('td', { class: 'pg-number' }, statement.rowsAffected > 0 ? `${statement.rowsAffected} changed` : String(statement.rowsReturned)),
    el('td', { class: 'pg-number' }, formatMs(statement.durationMs))));
  const head = el('tr', {}, ...['#', 'Sent by', 'Statement', 'Parameters', 'Rows', 'Time'].map((name) => el('th', { scope: 'col' }, name)));
  container.replaceChildren(el('div', { class: 'pg-scroll', role: 'region', 'aria-label': 'SQL statements', tabindex: '0' },
    el('table', { class: 'pg-data pg-sql-table' }, el('caption', {}, `SQL statements (${shown.length === statements.length ? statements.length : `${shown.length} of ${statements.length}`})`), el('thead', {}, head), el('tbody', {}, ...rows))));
}

/** The distinct senders, for the filter's options. */
export function statementOrigins(statements: readonly StatementRecord[]): string[] {
  return [...new Set(statements.map((statement) => originLabel(statement.origin)))];
}
