import type { Diagnostic } from '../compiler/diagnostics.ts';
import { appendBounded, PAGE_STATEMENT_LIMIT } from '../output-limits.ts';
import type { AdapterMethod, ChangeSource, ConsoleEntry, Outcome, FlowRequest, SchemaInfo, StatementRecord, TableView } from '../protocol.ts';
import { AdapterPanel } from '../panels/adapter-panel.ts';
import { AuthPanel } from '../panels/auth-panel.ts';
import { ComparePanel } from '../panels/compare-panel.ts';
import { ConsolePanel } from '../panels/console-panel.ts';
import type { LocationActions } from '../panels/error-view.ts';
import { mermaidMarkdown } from '../panels/er-diagram.ts';
import { renderProblems, visibleDiagnostics } from '../panels/problems-panel.ts';
import { renderSchema } from '../panels/schema-panel.ts';
import { renderStatements, statementOrigins } from '../panels/sql-panel.ts';
import { renderTables } from '../panels/tables-panel.ts';
import type { CellRef } from '../panels/whole-value-control.ts';
import { FLOW_LIST } from '../flow-list.ts';
import { el } from '../ui/dom.ts';
import { TabList } from '../ui/tabs.ts';

export type PanelId = 'tables' | 'sql' | 'console' | 'schema' | 'problems' | 'adapter' | 'auth' | 'compare';

const PANELS: ReadonlyArray<{ id: PanelId; label: string }> = [
  { id: 'tables', label: 'Tables' },
  { id: 'sql', label: 'SQL' },
  { id: 'console', label: 'Console' },
  { id: 'schema', label: 'Schema' },
  { id: 'problems', label: 'Problems' },
  { id: 'adapter', label: 'Adapter' },
  { id: 'auth', label: 'Auth.js' },
  { id: 'compare', label: 'Compare' },
];

export function sourceTitle(source: ChangeSource): string {
  switch (source.kind) {
    case 'run':
      return 'Run';
    case 'call':
      return `adapter.${source.method}() from the Adapter panel`;
    case 'flow':
      return `${FLOW_LIST[source.flow].label}${source.browser === 'other' ? ' (another device)' : ''}`;
    case 'import':
      return `Imported ${source.fileName}`;
  }
}

/**
 * The results side of the page: the tab list and its eight panels, and what they show — the
 * last run with every call, flow and import after it appended (Console, SQL), the tables as the
 * last action left them (Tables, with its changes), the schema, the problems, the adapter, and
 * Auth.js (its app, browsers, flows and the last flow's HTTP exchange), and Compare (the same run with the other adapter package, and what differed).
 */
export class Results {
  readonly tabs: TabList;
  readonly #panels = new Map<PanelId, HTMLElement>();
  readonly #locations: LocationActions;
  readonly adapterPanel: AdapterPanel;
  readonly authPanel: AuthPanel;
  readonly comparePanel: ComparePanel;
  readonly #console: ConsolePanel;
  readonly #copy: (text: string, what: string) => void;
  readonly #wholeValue: (cell: CellRef, epoch: number) => void;
  /** Counts runs started and outcomes shown: a table drawn at one count is stale at the next. */
  #epoch = 0;
  #statements: StatementRecord[] = [];
  /** Statements that ran but are not in #statements (the runtime's and the page's limits). */
  #statementsDropped = 0;
  #tables: readonly TableView[] = [];
  #schema: SchemaInfo = { tables: [] };
  #tablesLabel = '';
  #diagnostics: readonly Diagnostic[] = [];
  #editorReady = false;
  #changedOnly = false;
  #sqlOrigin = '';
  #sqlText = '';
  readonly #tablesBody = el('div');
  readonly #sqlBody = el('div');
  readonly #schemaBody = el('div');
  readonly #problemsBody = el('div');
  readonly #originSelect = el('select', { id: 'pg-sql-origin' });

  constructor(
    host: HTMLElement,
    locations: LocationActions,
    actions: {
      call(method: AdapterMethod, args: unknown[]): void;
      flow(request: FlowRequest): void;
      copy(text: string, what: string): void;
      /** A cut cell's whole value was asked for; `epoch`: the tables it was drawn from (see `epoch`). */
      wholeValue(cell: CellRef, epoch: number): void;
      setCompare(on: boolean): void;
    },
  ) {
    this.#locations = locations;
    this.#copy = (text, what) => actions.copy(text, what);
    this.#wholeValue = (cell, epoch) => actions.wholeValue(cell, epoch);
    this.#console = new ConsolePanel(locations);
    this.adapterPanel = new AdapterPanel(actions, locations);
    this.comparePanel = new ComparePanel({ setCompare: (on) => actions.setCompare(on) });
    this.authPanel = new AuthPanel({ flow: (request) => actions.flow(request), showPanel: (id) => this.select(id) }, locations);
    this.tabs = new TabList(
      'Results',
      (id) => `pg-panel-${id}`,
      (id) => this.#show(id as PanelId),
    );
    const changedOnly = el('input', { type: 'checkbox', id: 'pg-changed-only' });
    changedOnly.addEventListener('change', () => {
      this.#changedOnly = changedOnly.checked;
      this.#invalidate('tables');
    });
    const sqlText = el('input', { type: 'search', id: 'pg-sql-text', placeholder: 'e.g. INSERT' });
    sqlText.addEventListener('input', () => {
      this.#sqlText = sqlText.value;
      this.#invalidate('sql');
    });
    this.#originSelect.addEventListener('change', () => {
      this.#sqlOrigin = this.#originSelect.value;
      this.#invalidate('sql');
    });
    const mermaid = el('button', { type: 'button', class: 'pg-button' }, 'Copy as Mermaid diagram');
    mermaid.addEventListener('click', () => actions.copy(mermaidMarkdown(this.#schema), 'the Mermaid ER diagram'));
    const contents: Record<PanelId, HTMLElement[]> = {
      tables: [el('div', { class: 'pg-panel-tools' }, el('label', { for: 'pg-changed-only' }, changedOnly, ' Only changed rows')), this.#tablesBody],
      sql: [
        el(
          'div',
          { class: 'pg-panel-tools' },
          el('label', { for: 'pg-sql-origin' }, 'Sent by '),
          this.#originSelect,
          el('label', { for: 'pg-sql-text' }, 'Contains '),
          sqlText,
        ),
        this.#sqlBody,
      ],
      console: [this.#console.element],
      schema: [el('div', { class: 'pg-panel-tools' }, mermaid), this.#schemaBody],
      problems: [this.#problemsBody],
      adapter: [this.adapterPanel.element],
      auth: [this.authPanel.element],
      compare: [this.comparePanel.element],
    };
    for (const { id } of PANELS) {
      const panel = el(
        'div',
        { role: 'tabpanel', id: `pg-panel-${id}`, 'aria-labelledby': this.tabs.tabId(id), tabindex: '0', class: 'pg-panel' },
        ...contents[id],
      );
      this.#panels.set(id, panel);
    }
    host.replaceChildren(this.tabs.element, ...this.#panels.values());
    this.#updateTabs('tables');
    this.#renderAll();
  }

  select(id: PanelId): void {
    this.tabs.select(id);
  }

  /** A new run starts: its console replaces the old one as it streams in. */
  startRun(): void {
    this.#epoch++;
    // The run makes a new Auth.js world: no flow until it is there.
    this.authPanel.setBusy(true);
    this.#console.startRun();
    this.#statements = [];
    this.#statementsDropped = 0;
    this.#invalidate('sql');
  }

  /** Console entries of the running request: appended, drawn once per frame while the Console is open. */
  progress(entries: readonly ConsoleEntry[]): void {
    this.#console.progress(entries);
  }

  /** Shows an outcome: a run replaces the logs, a call or import appends to them. */
  show(outcome: Outcome): void {
    this.#epoch++;
    const run = outcome.source.kind === 'run';
    this.#console.finish(sourceTitle(outcome.source), outcome.console, run);
    if (run) {
      this.#statements = [];
      this.#statementsDropped = 0;
    }
    this.#statementsDropped += (outcome.statementsDropped ?? 0) + appendBounded(this.#statements, outcome.statements, PAGE_STATEMENT_LIMIT);
    this.#tables = outcome.tables;
    this.#schema = outcome.schema;
    this.#tablesLabel = `Changes of: ${sourceTitle(outcome.source)}.`;
    this.adapterPanel.update(outcome.adapter, outcome.tables);
    this.adapterPanel.refreshSuggestions();
    this.authPanel.show(outcome, sourceTitle(outcome.source));
    this.#renderAll();
  }

  /** Requests are done (whatever became of them): the panels' buttons act again. */
  idle(): void {
    this.adapterPanel.setBusy(false);
    this.authPanel.setBusy(false);
  }

  /** Other code (another ORM) is on screen: nothing it configured is there yet. */
  clearAdapter(): void {
    this.adapterPanel.update(null, []);
    this.authPanel.clear();
  }

  /** A request ended without an outcome (stopped): its partial console and the reason. */
  showStopped(title: string, entries: readonly ConsoleEntry[]): void {
    this.#console.finish(title, entries, false);
  }

  setDiagnostics(diagnostics: readonly Diagnostic[], editorReady: boolean): void {
    this.#diagnostics = diagnostics;
    this.#editorReady = editorReady;
    this.#updateTabs(this.tabs.selected as PanelId);
    this.#invalidate('problems');
  }

  /** Which tables are on screen: changes with every run started and every outcome shown. */
  get epoch(): number {
    return this.#epoch;
  }

  get tables(): readonly TableView[] {
    return this.#tables;
  }

  #show(id: PanelId): void {
    for (const [panelId, panel] of this.#panels) panel.hidden = panelId !== id;
    this.#console.setVisible(id === 'console');
    this.authPanel.setVisible(id === 'auth');
    this.#renderIfStale(id);
  }

  /** Panels are drawn when shown: a run redraws one panel, not six. */
  #stale = new Set<PanelId>();

  #invalidate(...ids: PanelId[]): void {
    for (const id of ids) this.#stale.add(id);
    this.#renderIfStale(this.tabs.selected as PanelId);
  }

  #renderIfStale(id: PanelId): void {
    if (!this.#stale.delete(id)) return;
    if (id === 'tables') this.#renderTables();
    else if (id === 'sql') this.#renderSql();
    else if (id === 'schema') renderSchema(this.#schemaBody, this.#schema);
    else if (id === 'problems') renderProblems(this.#problemsBody, this.#diagnostics, this.#editorReady, this.#locations);
  }

  #updateTabs(selected: PanelId): void {
    const problems = visibleDiagnostics(this.#diagnostics).filter((diagnostic) => diagnostic.severity === 'error').length;
    this.tabs.set(
      PANELS.map((panel) => ({ ...panel, ...(panel.id === 'problems' && problems > 0 ? { badge: String(problems) } : {}) })),
      selected,
    );
    this.#show(selected);
  }

  #renderAll(): void {
    this.#invalidate('tables', 'sql', 'schema', 'problems');
  }

  #renderTables(): void {
    const epoch = this.#epoch;
    renderTables(this.#tablesBody, this.#tables, this.#schema, this.#changedOnly, this.#tablesLabel, (cell) => this.#wholeValue(cell, epoch));
  }

  #renderSql(): void {
    const origins = statementOrigins(this.#statements);
    if (this.#sqlOrigin && !origins.includes(this.#sqlOrigin)) this.#sqlOrigin = '';
    this.#originSelect.replaceChildren(el('option', { value: '' }, 'anyone'), ...origins.map((origin) => el('option', { value: origin }, origin)));
    this.#originSelect.value = this.#sqlOrigin;
    renderStatements(this.#sqlBody, this.#statements, { origin: this.#sqlOrigin, text: this.#sqlText }, { dropped: this.#statementsDropped, copy: this.#copy });
  }
}
