import type { BuiltExample } from '../build/examples-plugin.ts';
import { shortenText, STATUS_TEXT_LIMIT } from '../output-limits.ts';
import { isOrmId, ORM_LABELS, type OrmId } from '../orm-registry.ts';
import type { PlaygroundState } from '../store/state.ts';
import { el } from '../ui/dom.ts';

export interface ControlActions {
  run(): void;
  stop(): void;
  switchOrm(orm: OrmId): void;
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

/** The toolbar (ORM, examples, Run/Stop, the Settings menu's options, database files) and the status bar. */
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
    this.#examples.addEventListener('change', () => actions.loadExample(this.#examples.value));
    required(root, '[data-reset]').addEventListener('click', () => actions.reset());
    this.#fresh.addEventListener('change', () => actions.setFresh(this.#fresh.checked));
    required(root, '[data-export]').addEventListener('click', () => actions.exportDatabase());
    importInput.addEventListener('change', () => {
      const file = importInput.files?.[0];
      importInput.value = '';
      if (file) actions.importDatabase(file);
    });
  }

  setState(state: PlaygroundState): void {
    for (const radio of this.#root.querySelectorAll<HTMLInputElement>('input[name="pg-orm"]')) radio.checked = radio.value === state.orm;
    this.#fresh.checked = state.options.freshDatabase;
    this.#root.dataset['orm'] = state.orm;
  }

  setExamples(examples: readonly BuiltExample[], selected: string): void {
    this.#examples.replaceChildren(...examples.map((example) => el('option', { value: example.id, title: example.description }, example.title)));
    this.#examples.value = selected;
  }

  /** Run stays enabled while busy: a press with changed code queues one more run (playground-app.ts). */
  busy(busy: boolean, message: string, kind: StatusKind = 'info'): void {
    this.#stop.disabled = !busy;
    this.#root.dataset['busy'] = String(busy);
    this.status(message, kind);
  }

  status(message: string, kind: StatusKind): void {
    // Runtime text reaches this line (an error's message): one line, whatever its size.
    this.#status.textContent = shortenText(message, STATUS_TEXT_LIMIT);
    this.#status.dataset['kind'] = kind;
  }

  /** Ends the busy state and leaves the status line as it is. */
  settle(): void {
    if (this.#root.dataset['busy'] !== 'true') return;
    this.#stop.disabled = true;
    this.#root.dataset['busy'] = 'false';
  }

  runtimeState(state: 'starting' | 'ready' | 'failed', orm: OrmId, detail: string): void {
    this.#runtime.dataset['state'] = state;
    this.#runtime.dataset['orm'] = orm;
    this.#runtime.textContent =
      state === 'starting' ? `Starting ${ORM_LABELS[orm]}…` : state === 'ready' ? detail : `The ${ORM_LABELS[orm]} runtime could not start: ${detail}`;
    // The status bar is one line: a part that does not fit is cut short, its whole text on hover.
    this.#runtime.title = this.#runtime.textContent;
    if (state === 'failed') this.status(`The playground runtime could not start: ${detail}`, 'error');
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
