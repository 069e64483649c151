import type { BuiltExample } from '../build/examples-plugin.ts';
import { shortenText, STATUS_TEXT_LIMIT } from '../output-limits.ts';
import { engineEntry, isEngineId, type EngineId } from '../engine-registry.ts';
import { isImplementationId, type ImplementationId } from '../implementation-registry.ts';
import { isOrmId, ORM_LABELS, type OrmId } from '../orm-registry.ts';
import type { PlaygroundState } from '../store/state.ts';
import { el } from '../ui/dom.ts';
import type { RuntimeState, RuntimeTarget } from './runner.ts';

export interface ControlActions {
  run(): void;
  stop(): void;
  switchOrm(orm: OrmId): void;
  switchEngine(engine: EngineId): void;
  switchImplementation(implementation: ImplementationId): void;
  /** The reader may be about to pick `orm`. */
  considerOrm(orm: OrmId): void;
  loadExample(id: string): void;
  reset(): void;
  setFresh(fresh: boolean): void;
  exportDatabase(): void;
  importDatabase(file: File): void;
}

export type StatusKind = 'ok' | 'info' | 'warning' | 'error';

function required<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`The playground page lacks ${selector}.`);
  return found;
}

/** How often the status line (a live region) says how far a download is; the status bar's runtime part follows it closely. */
const PROGRESS_STATUS_INTERVAL_MS = 1_000;

/** What the database-file menu items say and accept on each engine (the runtime checks the file itself). */
const DATABASE_FILES: Readonly<Record<EngineId, { readonly extension: string; readonly accept: string }>> = {
  sqlite: { extension: '.sqlite', accept: '.sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3' },
  postgres: { extension: '.tar.gz', accept: '.gz,.tgz,application/gzip,application/x-gzip' },
};

/** The toolbar (ORM, database, examples, Run/Stop, the Settings menu's options, database files) and the status bar. */
export class Controls {
  readonly #root: HTMLElement;
  readonly #run: HTMLButtonElement;
  readonly #stop: HTMLButtonElement;
  readonly #examples: HTMLSelectElement;
  readonly #fresh: HTMLInputElement;
  readonly #status: HTMLElement;
  readonly #runtime: HTMLElement;
  readonly #editor: HTMLElement;
  readonly #autosave: HTMLElement;
  readonly #export: HTMLButtonElement;
  readonly #importInput: HTMLInputElement;
  readonly #importLabel: Text;
  /** The busy message of a request that waits for the runtime, shown again once the runtime is ready. */
  #waiting: string | undefined;
  #runtimeState: RuntimeState = 'starting';
  #runtimeDetail = '';
  #progressShownAt = Number.NEGATIVE_INFINITY;

  constructor(root: HTMLElement, actions: ControlActions) {
    this.#root = root;
    this.#run = required(root, '[data-run]');
    this.#stop = required(root, '[data-stop]');
    this.#examples = required(root, '[data-examples]');
    this.#fresh = required(root, '[data-fresh]');
    this.#status = required(root, '[data-status-line]');
    this.#runtime = required(root, '[data-runtime-state]');
    this.#editor = required(root, '[data-editor-state]');
    this.#autosave = required(root, '[data-autosave-state]');
    const importInput = required<HTMLInputElement>(root, '[data-import]');
    this.#importInput = importInput;
    this.#export = required(root, '[data-export]');
    const label = [...(importInput.parentElement?.childNodes ?? [])].find(
      (node): node is Text => node.nodeType === Node.TEXT_NODE && node.textContent?.trim() !== '',
    );
    this.#importLabel = label ?? document.createTextNode('');
    this.#run.addEventListener('click', () => actions.run());
    this.#stop.addEventListener('click', () => actions.stop());
    for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="pg-orm"]')) {
      const orm = radio.value;
      if (!isOrmId(orm)) continue;
      radio.addEventListener('change', () => radio.checked && actions.switchOrm(orm));
      // A pointer on (or focus near) the other ORM: its runtime downloads before the click.
      const intent = (): void => {
        if (!radio.checked) actions.considerOrm(orm);
      };
      radio.closest('label')?.addEventListener('pointerenter', intent);
      radio.addEventListener('focus', intent);
    }
    for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="pg-engine"]')) {
      const engine = radio.value;
      if (isEngineId(engine)) radio.addEventListener('change', () => radio.checked && actions.switchEngine(engine));
    }
    for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="pg-implementation"]')) {
      const implementation = radio.value;
      if (isImplementationId(implementation)) radio.addEventListener('change', () => radio.checked && actions.switchImplementation(implementation));
    }
    this.#examples.addEventListener('change', () => actions.loadExample(this.#examples.value));
    required(root, '[data-reset]').addEventListener('click', () => actions.reset());
    this.#fresh.addEventListener('change', () => actions.setFresh(this.#fresh.checked));
    this.#export.addEventListener('click', () => actions.exportDatabase());
    importInput.addEventListener('change', () => {
      const file = importInput.files?.[0];
      importInput.value = '';
      if (file) actions.importDatabase(file);
    });
  }

  setState(state: PlaygroundState): void {
    for (const radio of this.#root.querySelectorAll<HTMLInputElement>('input[name="pg-orm"]')) radio.checked = radio.value === state.orm;
    for (const radio of this.#root.querySelectorAll<HTMLInputElement>('input[name="pg-engine"]')) radio.checked = radio.value === state.engine;
    for (const radio of this.#root.querySelectorAll<HTMLInputElement>('input[name="pg-implementation"]')) radio.checked = radio.value === state.implementation;
    this.#root.dataset['implementation'] = state.implementation;
    this.#fresh.checked = state.options.freshDatabase;
    this.#root.dataset['orm'] = state.orm;
    this.#root.dataset['engine'] = state.engine;
    const files = DATABASE_FILES[state.engine];
    this.#export.textContent = `Export ${files.extension}`;
    this.#importLabel.textContent = `Import ${files.extension}`;
    this.#importInput.accept = files.accept;
  }

  setExamples(examples: readonly BuiltExample[], selected: string): void {
    this.#examples.replaceChildren(...examples.map((example) => el('option', { value: example.id, title: example.description }, example.title)));
    this.#examples.value = selected;
  }

  /**
   * Run stays enabled while busy: a press with changed code queues one more run (playground-app.ts).
   * `waitsForRuntime`: the request needs the runtime, so while that downloads or starts, the status
   * line says how far it is rather than a message that would seem frozen.
   */
  busy(busy: boolean, message: string, kind: StatusKind = 'info', waitsForRuntime = false): void {
    this.#stop.disabled = !busy;
    this.#root.dataset['busy'] = String(busy);
    this.#waiting = busy && waitsForRuntime ? message : undefined;
    const runtimeBusy = this.#waiting !== undefined && (this.#runtimeState === 'downloading' || this.#runtimeState === 'starting');
    this.status(runtimeBusy ? this.#runtimeDetail : message, kind);
  }

  /** What the status line says now, and how. */
  currentStatus(): { readonly text: string; readonly kind: StatusKind } {
    return { text: this.#status.textContent ?? '', kind: (this.#status.dataset['kind'] as StatusKind | undefined) ?? 'info' };
  }

  status(message: string, kind: StatusKind): void {
    // Runtime text reaches this line (an error's message): one line, whatever its size.
    this.#status.textContent = shortenText(message, STATUS_TEXT_LIMIT);
    this.#status.dataset['kind'] = kind;
  }

  /** Ends the busy state and leaves the status line as it is. */
  settle(): void {
    this.#waiting = undefined;
    if (this.#root.dataset['busy'] !== 'true') return;
    this.#stop.disabled = true;
    this.#root.dataset['busy'] = 'false';
  }

  /** The runtime's state in the status bar: its download's progress, its start, its versions (ORM, adapter, database). */
  runtimeState(state: RuntimeState, target: RuntimeTarget, detail: string): void {
    const { orm, engine } = target;
    this.#runtimeState = state;
    this.#runtimeDetail = detail;
    this.#runtime.dataset['state'] = state;
    this.#runtime.dataset['orm'] = orm;
    this.#runtime.dataset['engine'] = engine;
    this.#runtime.textContent = state === 'failed' ? `The ${ORM_LABELS[orm]} runtime on ${engineEntry(engine).label} could not start: ${detail}` : detail;
    // The status bar is one line: a part that does not fit is cut short, its whole text on hover.
    this.#runtime.title = this.#runtime.textContent;
    if (state === 'failed') this.status(`The playground runtime could not start: ${detail}`, 'error');
    // A request waiting for this runtime: the status line follows its download and start — the
    // download's bytes at most once a second, as the line is a live region read out to screen readers.
    else if (this.#waiting !== undefined) {
      const now = performance.now();
      if (state !== 'downloading' || now - this.#progressShownAt >= PROGRESS_STATUS_INTERVAL_MS) {
        if (state === 'downloading') this.#progressShownAt = now;
        this.status(state === 'ready' ? this.#waiting : detail, 'info');
      }
    }
    if (state === 'ready' && !this.#root.dataset['engineReady']) {
      this.#root.dataset['engineReady'] = String(performance.now());
      performance.mark('playground:engine-ready');
    }
  }

  editorState(state: 'loading' | 'ready' | 'failed', detail: string): void {
    this.#editor.dataset['state'] = state;
    this.#editor.textContent = detail;
    this.#editor.title = detail;
    if (state === 'ready') {
      this.#root.dataset['editorReady'] = String(performance.now());
      performance.mark('playground:editor-ready');
    }
  }

  autosave(problem: string | null): void {
    this.#autosave.hidden = problem === null;
    this.#autosave.textContent = problem ?? '';
  }
}
