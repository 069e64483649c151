/**
 * What differs between two runs of the same project, one per adapter implementation (ours and
 * the published package): the run's error, each adapter call's return value, error and
 * statements, the tables' columns (their types, indexes and foreign keys too) and rows. Values that differ between any two runs — random
 * ids, tokens and points in time — are compared by shape: within one value (a call's result, a
 * table's rows) ids are numbered in the order they first appear (‹id 1›, ‹id 2›, …), so "the
 * session's userId is the user's id" still shows, and one call returning more or less than the
 * other does not renumber every value after it; times are ‹time›. Plain data in, plain data out:
 * the Compare panel draws it, the tests read it.
 */
import type { CellValue, ForeignKeyInfo, IndexInfo, TableSchema } from '../../engine/database-state.ts';
import type { AdapterCallRecord, DisplayValue, Outcome, StatementRecord, TableView } from '../protocol.ts';

export type DiffSection = 'Error' | 'Adapter calls' | 'Statements' | 'Tables';

/** One difference: what it is about, and each side's text (empty when that side has none). */
export interface DiffRow {
  readonly section: DiffSection;
  readonly subject: string;
  readonly a: string;
  readonly b: string;
}

export interface Comparison {
  /** The two sides' names, as the page shows them ("@adapter-lab/sequelize-adapter 0.1.0"). */
  readonly labels: readonly [string, string];
  readonly rows: readonly DiffRow[];
  /** What was compared: said with "no difference", so that it means something. */
  readonly compared: { readonly calls: number; readonly tables: number; readonly statements: readonly [number, number] };
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** ISO dates and SQL datetimes, with optional time, fraction and zone. */
const TIME = /\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?\b/g;
/** Epoch milliseconds of these years (MikroORM stores SQLite dates so), and Auth.js's epoch seconds. */
const EPOCH = /\b1[6-9]\d{11}\b|\b1[6-9]\d{8}\b/g;
/** Token-like hex (hashed verification tokens, session tokens, the simulated provider's `gho_…`): random per run. */
const TOKEN = /(?<![0-9a-f])[0-9a-f]{32,}(?![0-9a-f])/gi;

/** Masks one side's run-to-run values; ids keep their identity within the side. */
export class Normaliser {
  readonly #ids = new Map<string, string>();
  readonly #tokens = new Map<string, string>();

  text(value: string): string {
    return value
      .replace(UUID, (id) => this.#number(this.#ids, id.toLowerCase(), 'id'))
      .replace(TOKEN, (token) => this.#number(this.#tokens, token.toLowerCase(), 'token'))
      .replace(TIME, '‹time›')
      .replace(EPOCH, '‹time›');
  }

  #number(seen: Map<string, string>, value: string, what: string): string {
    let name = seen.get(value);
    if (!name) seen.set(value, (name = `‹${what} ${seen.size + 1}›`));
    return name;
  }
}

/** A display value as one line, its object entries sorted by key (property order is no difference). */
function valueText(value: DisplayValue | undefined, normaliser: Normaliser): string {
  if (!value) return 'undefined';
  if (value.entries && (value.type === 'object' || value.type === 'map')) {
    const entries = [...value.entries].sort(([a], [b]) => a.localeCompare(b)).map(([key, entry]) => `${key}: ${valueText(entry, normaliser)}`);
    return `{ ${entries.join(', ')}${value.more ? `, … ${value.more} more` : ''} }`;
  }
  if (value.entries && (value.type === 'array' || value.type === 'set')) {
    return `[${value.entries.map(([, entry]) => valueText(entry, normaliser)).join(', ')}${value.more ? `, … ${value.more} more` : ''}]`;
  }
  return normaliser.text(value.preview);
}

function callResult(call: AdapterCallRecord, normaliser: Normaliser): string {
  return call.error ? `throws ${call.error.name}: ${normaliser.text(call.error.message)}` : valueText(call.result, normaliser);
}

/** The SQL each call sent, by call id, in order (parameters left out: they carry the run's ids). */
function statementsByCall(statements: readonly StatementRecord[], normaliser: Normaliser): Map<number, string[]> {
  const byCall = new Map<number, string[]>();
  for (const statement of statements) {
    if (statement.origin.kind !== 'call') continue;
    const list = byCall.get(statement.origin.callId) ?? [];
    list.push(normaliser.text(statement.sql.replace(/\s+/g, ' ').trim()));
    byCall.set(statement.origin.callId, list);
  }
  return byCall;
}

function cellText(value: CellValue, normaliser: Normaliser): string {
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) return `‹${value.byteLength} bytes›`;
  return normaliser.text(String(value));
}

/** A table's live rows as text, column by column in the table's order: sorted, since insertion order is no difference either. */
function rowsText(table: TableView, normaliser: Normaliser): string[] {
  return table.rows
    .filter((row) => row.status !== 'deleted')
    .map((row) => table.columns.map((column, i) => `${column}=${cellText(row.values[i] ?? null, normaliser)}`).join(', '))
    .sort();
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function compareCalls(a: Outcome, b: Outcome, rows: DiffRow[]): void {
  const sqlA = statementsByCall(a.statements, new Normaliser());
  const sqlB = statementsByCall(b.statements, new Normaliser());
  const count = Math.max(a.calls.length, b.calls.length);
  for (let i = 0; i < count; i++) {
    const callA = a.calls[i];
    const callB = b.calls[i];
    const subject = `${i + 1}. ${callA?.method ?? callB?.method}`;
    if (!callA || !callB || callA.method !== callB.method) {
      rows.push({ section: 'Adapter calls', subject, a: callA ? callA.method : '(no call)', b: callB ? callB.method : '(no call)' });
      continue;
    }
    const resultA = callResult(callA, new Normaliser());
    const resultB = callResult(callB, new Normaliser());
    if (resultA !== resultB) rows.push({ section: 'Adapter calls', subject, a: resultA, b: resultB });
    const statementsA = sqlA.get(callA.id) ?? [];
    const statementsB = sqlB.get(callB.id) ?? [];
    if (callA.statements !== callB.statements || statementsA.join('\n') !== statementsB.join('\n')) {
      rows.push({
        section: 'Statements',
        subject,
        a: [plural(callA.statements, 'statement'), ...statementsA].join('\n'),
        b: [plural(callB.statements, 'statement'), ...statementsB].join('\n'),
      });
    }
  }
}

/** An index by what it does, not its name (each package names its own): "unique (provider, provider_account_id)". */
const indexText = (index: IndexInfo): string => `${index.unique ? 'unique ' : ''}(${index.columns.join(', ')})`;
const foreignKeyText = (key: ForeignKeyInfo): string =>
  `(${key.columns.join(', ')}) → ${key.table}(${key.references.join(', ')}) on delete ${key.onDelete.toLowerCase()}`;

/** One side's items that the other lacks, and the other's, as the two columns of a row; undefined when both have the same. */
function setDifference(a: readonly string[], b: readonly string[]): readonly [string, string] | undefined {
  const onlyA = [...new Set(a.filter((item) => !b.includes(item)))].sort();
  const onlyB = [...new Set(b.filter((item) => !a.includes(item)))].sort();
  return onlyA.length === 0 && onlyB.length === 0 ? undefined : [onlyA.join('\n') || '—', onlyB.join('\n') || '—'];
}

/** A table's structure on both sides: the types of the columns both have, its indexes and foreign keys (what the docs list: token columns, indexes). */
function compareStructure(name: string, a: TableSchema | undefined, b: TableSchema | undefined, rows: DiffRow[]): void {
  if (!a || !b) return;
  for (const column of a.columns) {
    const other = b.columns.find((each) => each.name === column.name);
    if (!other) continue;
    const typeA = `${column.type.toUpperCase()}${column.notNull ? ' NOT NULL' : ''}`;
    const typeB = `${other.type.toUpperCase()}${other.notNull ? ' NOT NULL' : ''}`;
    if (typeA !== typeB) rows.push({ section: 'Tables', subject: `${name}.${column.name}: type`, a: typeA, b: typeB });
  }
  // A primary key's own index is the key, not one the package chose.
  const indexes = (table: TableSchema): string[] => table.indexes.filter((index) => index.origin !== 'pk').map(indexText);
  const indexDiff = setDifference(indexes(a), indexes(b));
  if (indexDiff) rows.push({ section: 'Tables', subject: `${name}: indexes`, a: indexDiff[0], b: indexDiff[1] });
  const keyDiff = setDifference(a.foreignKeys.map(foreignKeyText), b.foreignKeys.map(foreignKeyText));
  if (keyDiff) rows.push({ section: 'Tables', subject: `${name}: foreign keys`, a: keyDiff[0], b: keyDiff[1] });
}

function compareTables(a: Outcome, b: Outcome, rows: DiffRow[]): number {
  const names = [...new Set([...a.tables.map((table) => table.name), ...b.tables.map((table) => table.name)])].sort();
  for (const name of names) {
    const tableA = a.tables.find((table) => table.name === name);
    const tableB = b.tables.find((table) => table.name === name);
    if (!tableA || !tableB) {
      rows.push({ section: 'Tables', subject: name, a: tableA ? 'exists' : '(no such table)', b: tableB ? 'exists' : '(no such table)' });
      continue;
    }
    const onlyA = tableA.columns.filter((column) => !tableB.columns.includes(column));
    const onlyB = tableB.columns.filter((column) => !tableA.columns.includes(column));
    if (onlyA.length > 0 || onlyB.length > 0) {
      rows.push({ section: 'Tables', subject: `${name}: columns`, a: onlyA.join(', ') || '—', b: onlyB.join(', ') || '—' });
    }
    compareStructure(
      name,
      a.schema.tables.find((table) => table.name === name),
      b.schema.tables.find((table) => table.name === name),
      rows,
    );
    if (tableA.rowCount !== tableB.rowCount) {
      rows.push({ section: 'Tables', subject: `${name}: rows`, a: plural(tableA.rowCount, 'row'), b: plural(tableB.rowCount, 'row') });
      continue;
    }
    // Rows are compared when the columns agree: otherwise every row differs, and the columns say why.
    if (onlyA.length > 0 || onlyB.length > 0) continue;
    const textA = rowsText(tableA, new Normaliser());
    const textB = rowsText(tableB, new Normaliser());
    const missingB = textA.filter((row) => !textB.includes(row));
    const missingA = textB.filter((row) => !textA.includes(row));
    if (missingA.length > 0 || missingB.length > 0)
      rows.push({ section: 'Tables', subject: `${name}: values`, a: missingB.join('\n'), b: missingA.join('\n') });
  }
  return names.length;
}

/** Compares two outcomes of the same code, `a` (labelled labels[0]) and `b`. */
export function compareOutcomes(a: Outcome, b: Outcome, labels: readonly [string, string]): Comparison {
  const rows: DiffRow[] = [];
  const errorText = (outcome: Outcome, normaliser: Normaliser): string =>
    outcome.error ? `${outcome.error.name}: ${normaliser.text(outcome.error.message)}` : 'no error';
  const errorA = errorText(a, new Normaliser());
  const errorB = errorText(b, new Normaliser());
  if (errorA !== errorB) rows.push({ section: 'Error', subject: 'The run', a: errorA, b: errorB });
  compareCalls(a, b, rows);
  const tables = compareTables(a, b, rows);
  return {
    labels,
    rows,
    compared: {
      calls: Math.max(a.calls.length, b.calls.length),
      tables,
      statements: [a.statements.length + (a.statementsDropped ?? 0), b.statements.length + (b.statementsDropped ?? 0)],
    },
  };
}

/** The comparison in one sentence, for the status line and the panel's heading. */
export function comparisonSummary(comparison: Comparison): string {
  const { calls, tables, statements } = comparison.compared;
  const what = `${plural(calls, 'adapter call')}, ${plural(tables, 'table')}, ${statements[0]} and ${statements[1]} SQL statements`;
  if (comparison.rows.length === 0) return `No difference between ${comparison.labels[0]} and ${comparison.labels[1]} (${what} compared).`;
  return `${plural(comparison.rows.length, 'difference')} between ${comparison.labels[0]} and ${comparison.labels[1]} (${what} compared).`;
}
