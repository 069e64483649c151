import type { TableSnapshot } from '../../engine/read-tables.ts';
import type { StatementEvent } from '../../engine/statement-log.ts';
import type { CheckResult } from './report.ts';

/** Small DOM builder: every text goes through textContent, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return `x'${[...value].map((byte) => byte.toString(16).padStart(2, '0')).join('')}'`;
  return String(value);
}

export function renderChecks(checks: readonly CheckResult[]): HTMLElement {
  return el(
    'ul',
    { class: 'engine-checks' },
    ...checks.map((check) =>
      el(
        'li',
        { 'data-passed': String(check.passed) },
        el('span', { class: 'engine-check-mark', 'aria-hidden': 'true' }, check.passed ? '✓' : '✗'),
        el('strong', {}, `${check.passed ? 'Passed' : 'Failed'}: `),
        check.name,
        el('div', { class: 'engine-check-detail' }, check.detail),
      ),
    ),
  );
}

export function renderTables(tables: readonly TableSnapshot[]): HTMLElement {
  return el(
    'div',
    { class: 'engine-tables' },
    ...tables.map((table) => {
      const head = el('tr', {}, ...table.columns.map((column) => el('th', { scope: 'col' }, column)));
      const body = table.rows.map((row) => el('tr', {}, ...row.map((value) => el('td', {}, formatValue(value)))));
      const keys = table.foreignKeys.map((key) => `${key.columns.join(', ')} → ${key.table}(${key.references.join(', ')}) ON DELETE ${key.onDelete}`);
      return el(
        'div',
        { class: 'engine-table', tabindex: '0', role: 'region', 'aria-label': `Table ${table.name}` },
        el(
          'table',
          {},
          el(
            'caption',
            {},
            `${table.name} (${table.rows.length} ${table.rows.length === 1 ? 'row' : 'rows'})`,
            ...keys.map((key) => el('div', { class: 'engine-fk' }, key)),
          ),
          el('thead', {}, head),
          el('tbody', {}, ...body),
        ),
      );
    }),
  );
}

export function renderStatements(statements: readonly StatementEvent[]): HTMLElement {
  return el(
    'ol',
    { class: 'engine-sql' },
    ...statements.map((statement) => {
      const params = Array.isArray(statement.params) ? statement.params : Object.values(statement.params);
      const facts = [`${statement.durationMs.toFixed(2)} ms`, `${statement.rowsReturned} returned`, `${statement.rowsAffected} changed`];
      return el(
        'li',
        { 'data-error': String(Boolean(statement.error)) },
        el('code', {}, statement.sql),
        el('div', { class: 'engine-sql-facts' }, facts.join(' · '), params.length > 0 ? ` · params: ${params.map(formatValue).join(', ')}` : ''),
        ...(statement.error ? [el('div', { class: 'engine-sql-error' }, `Error: ${statement.error}`)] : []),
      );
    }),
  );
}
