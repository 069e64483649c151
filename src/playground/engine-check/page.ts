import type { EngineCheckResponse } from './worker-protocol.ts';
import type { OrmName } from './report.ts';
import { el, renderChecks, renderStatements, renderTables } from './render.ts';

const ORM_LABEL: Record<OrmName, string> = { sequelize: 'Sequelize 6', 'mikro-orm': 'MikroORM 7' };

/**
 * Wires the engine-check form: runs the chosen ORM's check in a fresh module Web Worker (so
 * nothing is shared between runs, and nothing is downloaded before the reader asks), or on the
 * page itself for debugging, and shows its checks, tables and SQL.
 */
export function mountEngineCheck(root: HTMLElement): void {
  const form = root.querySelector('form')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const output = root.querySelector<HTMLElement>('[data-output]')!;
  const button = form.querySelector('button')!;

  const run = async (): Promise<void> => {
    const data = new FormData(form);
    const orm = data.get('orm') as OrmName;
    const inPage = data.get('where') === 'page';
    button.disabled = true;
    status.textContent = `Running ${ORM_LABEL[orm]} over SQLite (sql.js) ${inPage ? "on this page's main thread" : 'in a Web Worker'}…`;
    const started = performance.now();
    try {
      const response = inPage ? await runInPage(orm) : await runInWorker(orm);
      if (!response.ok) throw new Error(response.error);
      const { report } = response;
      const failed = report.checks.filter((check) => !check.passed).length;
      status.textContent = `${ORM_LABEL[orm]}: ${report.checks.length - failed} of ${report.checks.length} checks passed in ${Math.round(performance.now() - started)} ms.`;
      output.replaceChildren(
        el('h2', {}, 'Checks'),
        renderChecks(report.checks),
        el('h2', {}, 'Tables'),
        renderTables(report.tables),
        el('h2', {}, `SQL (${report.statements.length} statements)`),
        renderStatements(report.statements),
      );
    } catch (error) {
      status.textContent = `The engine check could not run: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

/** Same check on the main thread: slower to recover from, but DevTools breakpoints just work. */
async function runInPage(orm: OrmName): Promise<EngineCheckResponse> {
  try {
    const { runEngineCheck } = await import('./run-check.ts');
    return { ok: true, report: await runEngineCheck(orm) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

// One worker script per ORM: a worker bundle is a single script, and each carries one ORM.
const WORKERS: Record<OrmName, () => Promise<{ default: new (options?: { name?: string }) => Worker }>> = {
  sequelize: () => import('./sequelize-check.worker.ts?worker'),
  'mikro-orm': () => import('./mikro-orm-check.worker.ts?worker'),
};

async function runInWorker(orm: OrmName): Promise<EngineCheckResponse> {
  const { default: CheckWorker } = await WORKERS[orm]();
  const worker = new CheckWorker({ name: 'engine-check' });
  return new Promise<EngineCheckResponse>((resolve) => {
    worker.onmessage = (event: MessageEvent<EngineCheckResponse>) => resolve(event.data);
    worker.onerror = (event) => resolve({ ok: false, error: event.message || 'the worker failed to start' });
    worker.postMessage({ orm });
  }).finally(() => worker.terminate());
}
