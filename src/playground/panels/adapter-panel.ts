import { suggestArguments } from '../call-arguments.ts';
import type { AdapterCallRecord, AdapterInfo, AdapterMethod, TableView } from '../protocol.ts';
import { el } from '../ui/dom.ts';
import { callView } from './console-entry-view.ts';
import type { LocationActions } from './error-view.ts';

export interface AdapterPanelActions {
  call(method: AdapterMethod, args: unknown[]): void;
}

/**
 * The Adapter panel: the adapter the reader's code configured, its methods callable with
 * editable JSON arguments (pre-filled from the current tables). Auth.js's flows, which call it
 * as an app would, are the Auth.js panel's (auth-panel.ts).
 */
export class AdapterPanel {
  readonly element: HTMLElement;
  readonly #actions: AdapterPanelActions;
  readonly #locations: LocationActions;
  readonly #description = el('p', { class: 'pg-panel-note' });
  readonly #method = el('select', { id: 'pg-call-method' });
  readonly #args = el('textarea', { id: 'pg-call-args', rows: '9', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'pg-call-args-hint' });
  readonly #call = el('button', { type: 'button', class: 'pg-button pg-primary' }, 'Call');
  readonly #refill = el('button', { type: 'button', class: 'pg-button' }, 'Refill arguments');
  readonly #message = el('p', { class: 'pg-form-message', role: 'alert' });
  readonly #result = el('div', { class: 'pg-call-result', 'aria-live': 'polite' });
  readonly #body: HTMLElement;
  #tables: readonly TableView[] = [];
  #adapter: AdapterInfo | null = null;
  #busy = false;

  constructor(actions: AdapterPanelActions, locations: LocationActions) {
    this.#actions = actions;
    this.#locations = locations;
    this.#method.addEventListener('change', () => this.#fill());
    this.#refill.addEventListener('click', () => this.#fill());
    this.#call.addEventListener('click', () => this.#submit());
    this.#args.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        event.stopPropagation();
        this.#submit();
      }
    });
    this.#body = el(
      'div',
      { class: 'pg-adapter-body' },
      el('p', { class: 'pg-meta' }, 'To see what Auth.js itself asks of the adapter — sign-ins, sign-out, sessions — use the flows of the Auth.js tab.'),
      el('h3', {}, 'Call a method'),
      el('div', { class: 'pg-field' }, el('label', { for: 'pg-call-method' }, 'Method'), this.#method),
      el('div', { class: 'pg-field' }, el('label', { for: 'pg-call-args' }, 'Arguments (a JSON array)'), this.#args),
      el(
        'p',
        { id: 'pg-call-args-hint', class: 'pg-meta' },
        'Pre-filled from the current tables. ISO date strings in "expires" and "emailVerified" are passed as Dates. Ctrl+Enter in the box calls.',
      ),
      el('div', { class: 'pg-actions' }, this.#call, this.#refill),
      this.#message,
      this.#result,
    );
    this.element = el('div', { class: 'pg-adapter-panel' }, this.#description, this.#body);
    this.update(null, []);
  }

  update(adapter: AdapterInfo | null, tables: readonly TableView[]): void {
    const methodsChanged = adapter?.methods.join() !== this.#adapter?.methods.join();
    this.#adapter = adapter;
    this.#tables = tables;
    this.#description.textContent = adapter
      ? `Calls go to ${adapter.description} — the adapter your code created last — on the current database.`
      : 'No adapter yet: run code that creates one (e.g. SequelizeAdapter(sequelize) or MikroOrmAdapter(config)), then call its methods here.';
    this.#body.hidden = !adapter;
    if (adapter && methodsChanged) {
      const previous = this.#method.value;
      this.#method.replaceChildren(...adapter.methods.map((method) => el('option', { value: method }, method)));
      this.#method.value = adapter.methods.includes(previous as AdapterMethod)
        ? previous
        : adapter.methods.includes('getUser')
          ? 'getUser'
          : (adapter.methods[0] ?? '');
      this.#fill();
    }
    this.#sync();
  }

  setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#sync();
  }

  showCall(call: AdapterCallRecord | undefined, summary: string): void {
    this.#result.replaceChildren(el('p', {}, summary), call ? callView(call, this.#locations) : '');
    const details = this.#result.querySelector('details');
    if (details) details.open = true;
  }

  /** Fresh suggestions after the tables changed, unless the reader edited the arguments. */
  refreshSuggestions(): void {
    if (!this.#args.dataset['edited']) this.#fill();
  }

  #sync(): void {
    this.#call.disabled = this.#busy || !this.#adapter;
    this.#call.textContent = this.#method.value ? `Call ${this.#method.value}` : 'Call';
  }

  #fill(): void {
    const method = this.#method.value as AdapterMethod;
    if (!method) return;
    this.#args.value = JSON.stringify(suggestArguments(method, this.#tables), null, 2);
    delete this.#args.dataset['edited'];
    this.#args.oninput = () => {
      this.#args.dataset['edited'] = 'true';
    };
    this.#message.textContent = '';
    this.#sync();
  }

  #submit(): void {
    if (this.#busy || !this.#adapter) return;
    let args: unknown;
    try {
      args = JSON.parse(this.#args.value);
    } catch (error) {
      this.#message.textContent = `The arguments are not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      this.#args.focus();
      return;
    }
    if (!Array.isArray(args)) {
      this.#message.textContent = 'The arguments must be a JSON array: one element per parameter, e.g. ["user-id"].';
      this.#args.focus();
      return;
    }
    this.#message.textContent = '';
    delete this.#args.dataset['edited'];
    this.#actions.call(this.#method.value as AdapterMethod, args);
  }
}
