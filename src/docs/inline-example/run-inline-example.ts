/**
 * Runs a docs example in the page with the playground's own runtime (the same sandboxed worker,
 * module map and compiled output as "Open in playground") and shows the tables it left, with
 * the rows it inserted marked, and its console output.
 */
import type { CompiledFile, DisplayValue, EngineId, OrmId, Outcome } from '../../playground/protocol.ts';
import { RuntimeClient } from '../../playground/sandbox/runtime-client.ts';
import { renderTables } from '../../playground/panels/tables-panel.ts';
import { el, plural } from '../../playground/ui/dom.ts';
import './inline-example.css';

interface Runnable {
  readonly orm: OrmId;
  /** The database it runs on (example.json `engine`; SQLite when absent). */
  readonly engine?: EngineId;
  readonly files: readonly CompiledFile[];
  readonly entry: string;
}

/** One runtime per ORM and engine per page, started on the first click. */
const clients = new Map<string, Promise<RuntimeClient>>();

function clientFor(orm: OrmId, engine: EngineId): Promise<RuntimeClient> {
  const key = `${orm}/${engine}`;
  let client = clients.get(key);
  if (!client) {
    client = RuntimeClient.start(orm, null, { engine });
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

/** A logged value as console.log prints it: strings without their quotes. */
function text(value: DisplayValue): string {
  if (value.type !== 'string') return value.preview;
  try {
    return JSON.parse(value.preview) as string;
  } catch {
    return value.preview; // shortened: not JSON any more
  }
}

function consoleView(outcome: Outcome): HTMLElement | null {
  const lines = outcome.console.flatMap((entry) => {
    if (entry.kind === 'log') return [`${entry.level === 'log' ? '' : `${entry.level}: `}${entry.values.map((value) => text(value)).join(' ')}`];
    if (entry.kind === 'notice') return [`ⓘ ${entry.text}`];
    if (entry.kind === 'error')
      return [`${entry.error.name}: ${entry.error.message}${entry.error.at ? ` (${entry.error.at.file}:${entry.error.at.line})` : ''}`];
    return [];
  });
  if (lines.length === 0) return null;
  return el('details', { class: 'docs-example-console' }, el('summary', {}, `Console (${plural(lines.length, 'line')})`), el('pre', {}, lines.join('\n')));
}

export async function runInlineExample(host: HTMLElement, status: (message: string) => void): Promise<void> {
  const runnable = JSON.parse(host.querySelector('script[data-runnable]')!.textContent!) as Runnable;
  const output = host.querySelector<HTMLElement>('[data-output]')!;
  const client = await clientFor(runnable.orm, runnable.engine ?? 'sqlite');
  status('Running…');
  const result = await client.request({ type: 'run', files: runnable.files, entry: runnable.entry, database: null, keep: false });
  if (result.kind !== 'outcome') {
    status(`Not run: ${result.message}`);
    return;
  }
  const { outcome } = result;
  const tables = el('div', { class: 'docs-example-tables' });
  renderTables(tables, outcome.tables, outcome.schema, false, `Tables after the run (${outcome.durationMs.toFixed(0)} ms, in your browser):`);
  output.replaceChildren(tables, ...[consoleView(outcome)].filter((node): node is HTMLElement => node !== null));
  host.dataset['ran'] = outcome.ok ? 'ok' : 'error';
  status(
    outcome.ok
      ? `Ran: ${plural(outcome.tables.length, 'table')}, ${plural(outcome.calls.length, 'adapter call')}.`
      : `The example failed: ${outcome.error?.message ?? 'see the console below'}`,
  );
}
