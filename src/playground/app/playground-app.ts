import type { Diagnostic } from '../compiler/diagnostics.ts';
import { ORM_LABELS, type AdapterMethod, type OrmId, type Outcome, type RunError, type ScenarioId, type SourceLocation } from '../protocol.ts';
import { decodeState } from '../share/codec.ts';
import { browserStorage, createAutosave, type Autosave } from '../store/autosave.ts';
import { entryFile, sameState, type PlaygroundState } from '../store/state.ts';
import { Dialogs } from '../ui/dialogs.ts';
import { plural, formatMs } from '../ui/dom.ts';
import { CodeArea } from './code-area.ts';
import { Controls } from './controls.ts';
import { defaultExample, exampleOf, exampleState, examplesOf, precompiled, EXAMPLES } from './examples.ts';
import { initialState } from './initial-state.ts';
import { Notices } from './notices.ts';
import { Results } from './results.ts';
import { Runner, type RunnerResult } from './runner.ts';
import { ShareActions } from './share-actions.ts';

const SAVE_DELAY_MS = 300;

/** A title for the Console section of a request that was stopped. */
const STOPPED_TITLE = 'Run (stopped)';

/**
 * The playground page: wires the code area, the results, the controls and the runtime around
 * one PlaygroundState, which the URL hash and the autosave always mirror.
 */
export class PlaygroundApp {
  readonly #root: HTMLElement;
  readonly #autosave: Autosave;
  readonly #dialogs: Dialogs;
  readonly #code: CodeArea;
  readonly #results: Results;
  readonly #controls: Controls;
  readonly #notices: Notices;
  readonly #share: ShareActions;
  readonly #runner: Runner;
  #state: PlaygroundState;
  #exampleId: string;
  #diagnostics: readonly Diagnostic[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #firstResult = false;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#autosave = createAutosave(browserStorage());
    const boot = initialState(location.hash, this.#autosave);
    this.#state = boot.state;
    // First of all: the runtime's download and start-up are the long pole of the first result.
    this.#runner = new Runner({
      onState: (state, detail) => this.#controls?.runtimeState(state, detail),
      onProgress: (entries) => this.#results?.progress(entries),
    });
    void this.#runner.use(this.#state.orm).catch(() => {});
    this.#exampleId = exampleOf(boot.state.orm, boot.state.files)?.id ?? defaultExample(boot.state.orm).id;
    this.#dialogs = new Dialogs(root);
    this.#notices = new Notices(root.querySelector<HTMLElement>('[data-notices]')!);
    const locations = { source: (file: string) => this.#code.source(file), reveal: (location: SourceLocation) => this.#reveal(location) };
    this.#code = new CodeArea(root.querySelector<HTMLElement>('[data-code]')!, this.#dialogs, {
      onChange: () => this.#edited(),
      onDiagnostics: (diagnostics) => this.#setDiagnostics(diagnostics),
      onRunShortcut: () => void this.run(),
      onEditorState: (state, detail) => this.#controls.editorState(state, detail),
    });
    this.#results = new Results(root.querySelector<HTMLElement>('[data-results]')!, locations, {
      call: (method, args) => void this.#call(method, args),
      scenario: (id) => void this.#scenario(id),
      copy: (text, what) => void this.#share.copyText(text, what),
    });
    this.#share = new ShareActions(root, () => this.#state, () => this.#runner.versions(), (message, kind) => this.#controls.status(message, kind));
    this.#controls = new Controls(root, {
      run: () => void this.run(),
      stop: () => this.#runner.stop(),
      switchOrm: (orm) => void this.#switchOrm(orm),
      loadExample: (id) => void this.#loadExample(id),
      reset: () => void this.#reset(),
      setFresh: (fresh) => this.#setState({ ...this.#state, options: { ...this.#state.options, freshDatabase: fresh } }),
      exportDatabase: () => this.#share.downloadDatabase(this.#runner.database, this.#state.orm),
      importDatabase: (file) => void this.#importDatabase(file),
    });
    this.#controls.setExamples(examplesOf(this.#state.orm), this.#exampleId);
    this.#controls.setState(this.#state);
    if (boot.problem) this.#notices.problem(boot.problem);
    if (boot.previous) {
      this.#autosave.keepPrevious(boot.previous);
      this.#notices.offerRestore(boot.from === 'link' ? 'This link replaced the code you had open here.' : 'Your own code from last time is kept.', () => this.#restorePrevious());
    }
    if (!boot.autorun) this.#controls.status('Your last run did not finish (it may have frozen the tab), so the code was not run again. Press Run when ready.', 'warning');
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void this.run();
      }
    });
    addEventListener('pagehide', () => this.#saveNow());
    // A share link pasted into the address bar of an open playground.
    addEventListener('hashchange', () => void this.#openLink());
    void this.#code.set(this.#state.orm, this.#state.files, this.#state.active).then(() => performance.mark('playground:code-visible'));
    // Compressing the link takes tens of ms: not before the sandbox and the worker have started.
    requestIdleCallback(() => this.#saveNow(), { timeout: 1000 });
    if (boot.autorun) void this.run();
    else void this.#code.loadEditor();
  }

  /** Compiles (the build's output for an unchanged example, else the editor's) and runs the code. */
  async run(): Promise<void> {
    if (this.#runner.busy) return;
    const state = this.#syncFromEditor();
    this.#controls.busy(true, 'Compiling…');
    let files = precompiled(state.orm, state.files);
    if (!files) {
      const compiled = await this.#code.compile();
      if ('failed' in compiled) {
        this.#controls.busy(false, compiled.failed, 'error');
        return;
      }
      this.#setDiagnostics(compiled.diagnostics);
      const syntax = compiled.diagnostics.find((diagnostic) => diagnostic.syntactic && diagnostic.severity === 'error');
      if (syntax) {
        const error: RunError = { name: 'SyntaxError', message: syntax.message, phase: 'compile', frames: [], at: { file: syntax.file, line: syntax.line, column: syntax.column } };
        this.#results.showStopped('Run (not started)', [{ kind: 'error', error, time: 0 }]);
        this.#results.select('console');
        this.#controls.busy(false, `Not run: syntax error in ${syntax.file}:${syntax.line}:${syntax.column} — ${syntax.message}`, 'error');
        return;
      }
      files = compiled.files;
    }
    this.#controls.busy(true, 'Running…');
    this.#results.startRun();
    this.#notices.clearRunNotices();
    this.#autosave.runStarted(state);
    const result = await this.#runner.run(files, entryFile(state), state.options.freshDatabase);
    this.#autosave.runFinished();
    this.#finish(result, 'Ran');
    performance.mark('playground:run-finished');
    if (!this.#firstResult) {
      this.#firstResult = true;
      this.#root.dataset['firstResult'] = String(performance.now());
      performance.mark('playground:first-result');
      void this.#code.loadEditor();
    }
  }

  #finish(result: RunnerResult, verb: string): Outcome | undefined {
    if (result.kind === 'refused') {
      this.#controls.busy(false, result.message, 'error');
      return undefined;
    }
    if (result.kind === 'stopped') {
      this.#results.showStopped(STOPPED_TITLE, [...result.console, { kind: 'error', error: result.error, time: 0 }]);
      this.#results.select('console');
      this.#controls.busy(false, result.error.message, 'warning');
      return undefined;
    }
    const { outcome } = result;
    this.#results.show(outcome);
    this.#notices.fromConsole(outcome.console);
    const typeErrors = this.#diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !diagnostic.syntactic).length;
    const summary = `${verb} in ${formatMs(outcome.durationMs)}: ${plural(outcome.statements.length, 'SQL statement')}, ${plural(outcome.calls.length, 'adapter call')}, ${plural(outcome.tables.length, 'table')}.`;
    const typeNote = typeErrors > 0 ? ` ${plural(typeErrors, 'type error')} (see Problems).` : '';
    if (outcome.error) {
      const where = outcome.error.at ? ` at ${outcome.error.at.file}:${outcome.error.at.line}` : '';
      this.#controls.busy(false, `${outcome.error.name}${where}: ${outcome.error.message}`, 'error');
      this.#results.select('console');
    } else {
      this.#controls.busy(false, summary + typeNote, 'ok');
    }
    // For tests and the bench: how many outcomes so far, and the runtime's own duration of the last.
    this.#root.dataset['runs'] = String(Number(this.#root.dataset['runs'] ?? 0) + 1);
    this.#root.dataset['lastDurationMs'] = outcome.durationMs.toFixed(1);
    return outcome;
  }

  async #call(method: AdapterMethod, args: unknown[]): Promise<void> {
    if (this.#runner.busy) return;
    this.#controls.busy(true, `Calling ${method}…`);
    this.#results.adapterPanel.setBusy(true);
    const outcome = this.#finish(await this.#runner.call(method, args), `${method} done`);
    this.#results.adapterPanel.setBusy(false);
    if (outcome) this.#results.adapterPanel.showCall(outcome.calls.at(-1), outcome.error ? `${method} failed: ${outcome.error.message}` : `${method} done in ${formatMs(outcome.durationMs)}; the Tables tab shows what it changed.`);
  }

  async #scenario(id: ScenarioId): Promise<void> {
    if (this.#runner.busy) return;
    this.#controls.busy(true, 'Running the flow…');
    this.#results.adapterPanel.setBusy(true);
    const outcome = this.#finish(await this.#runner.scenario(id), 'Flow done');
    this.#results.adapterPanel.setBusy(false);
    if (outcome) {
      const notice = outcome.console.findLast((entry) => entry.kind === 'notice');
      this.#results.adapterPanel.showCall(undefined, outcome.error ? `The flow failed: ${outcome.error.message}` : `${notice?.kind === 'notice' ? notice.text : 'Done.'} ${plural(outcome.calls.length, 'adapter call')}; see Tables and Console.`);
    }
  }

  async #importDatabase(file: File): Promise<void> {
    if (this.#runner.busy) return;
    this.#controls.busy(true, `Importing ${file.name}…`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = this.#finish(await this.#runner.loadDatabase(bytes, file.name), `Imported ${file.name}`);
    if (outcome) {
      this.#setState({ ...this.#state, options: { ...this.#state.options, freshDatabase: false } });
      this.#controls.status(`Imported ${file.name}: ${plural(outcome.tables.length, 'table')}. "Fresh database each run" is now off, so runs continue on it.`, 'ok');
      this.#results.select('tables');
    }
  }

  async #switchOrm(orm: OrmId): Promise<void> {
    if (orm === this.#state.orm) return;
    const current = this.#syncFromEditor();
    if (!exampleOf(current.orm, current.files) && !(await this.#dialogs.confirm(`Switch to ${ORM_LABELS[orm]}?`, `Your ${ORM_LABELS[current.orm]} code is kept in this browser: switching back brings it back.`, `Switch to ${ORM_LABELS[orm]}`))) {
      this.#controls.setState(this.#state);
      return;
    }
    createAutosave(browserStorage(), `adapter-lab:playground:draft:${current.orm}`).save(current);
    const draft = createAutosave(browserStorage(), `adapter-lab:playground:draft:${orm}`).load()?.state;
    const next = draft && draft.orm === orm ? draft : exampleState(defaultExample(orm), current.options);
    await this.#replace(next);
  }

  async #loadExample(id: string): Promise<void> {
    const example = EXAMPLES.find((candidate) => candidate.id === id);
    if (!example) return;
    const current = this.#syncFromEditor();
    const changed = !exampleOf(current.orm, current.files);
    if (changed && !(await this.#dialogs.confirm(`Open "${example.title}"?`, 'It replaces your code in the editor; "Restore" brings your code back afterwards.', 'Open example'))) {
      this.#controls.setExamples(examplesOf(this.#state.orm), this.#exampleId);
      return;
    }
    if (changed) this.#autosave.keepPrevious(current);
    await this.#replace(exampleState(example, current.options));
    if (changed) this.#notices.offerRestore(`"${example.title}" replaced your code.`, () => this.#restorePrevious());
  }

  async #reset(): Promise<void> {
    const example = EXAMPLES.find((candidate) => candidate.id === this.#exampleId) ?? defaultExample(this.#state.orm);
    const current = this.#syncFromEditor();
    if (sameState(current, exampleState(example, current.options))) {
      this.#controls.status('The code already is the example.', 'ok');
      return;
    }
    if (!(await this.#dialogs.confirm('Reset to the example?', `Your changes are discarded and "${example.title}" comes back.`, 'Reset'))) return;
    this.#autosave.keepPrevious(current);
    await this.#replace(exampleState(example, current.options));
    this.#notices.offerRestore('The code was reset to the example.', () => this.#restorePrevious());
  }

  async #openLink(): Promise<void> {
    const decoded = decodeState(location.hash);
    if (!decoded.ok) {
      if (decoded.reason !== 'empty') this.#notices.problem(`${decoded.message.replace(/ The default example is loaded instead\.$/, '')} Your code is unchanged.`);
      return;
    }
    const current = this.#syncFromEditor();
    if (sameState(current, decoded.state)) return;
    this.#autosave.keepPrevious(current);
    await this.#replace(decoded.state);
    this.#notices.offerRestore('The link replaced the code you had open.', () => this.#restorePrevious());
  }

  async #restorePrevious(): Promise<void> {
    const previous = this.#autosave.takePrevious();
    if (previous) await this.#replace(previous);
  }

  async #replace(state: PlaygroundState): Promise<void> {
    const ormChanged = state.orm !== this.#state.orm;
    this.#exampleId = exampleOf(state.orm, state.files)?.id ?? (ormChanged ? defaultExample(state.orm).id : this.#exampleId);
    this.#setState(state);
    this.#controls.setExamples(examplesOf(state.orm), this.#exampleId);
    await this.#code.set(state.orm, state.files, state.active);
    if (ormChanged) this.#results.adapterPanel.update(null, []);
    await this.#runner.use(state.orm).catch(() => {});
    await this.run();
  }

  #syncFromEditor(): PlaygroundState {
    const files = this.#code.files();
    const active = this.#code.active || this.#state.active;
    if (files.length > 0) this.#state = { ...this.#state, files, active };
    return this.#state;
  }

  #edited(): void {
    this.#syncFromEditor();
    this.#scheduleSave();
  }

  #setState(state: PlaygroundState): void {
    this.#state = state;
    this.#controls.setState(state);
    this.#scheduleSave();
  }

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(), SAVE_DELAY_MS);
  }

  /** The autosave and the URL hash follow the state, so a reload (or a copied URL) brings it back. */
  #saveNow(): void {
    clearTimeout(this.#saveTimer);
    const saved = this.#autosave.save(this.#state);
    this.#controls.autosave(saved.ok ? null : saved.message);
    this.#share.updateLocation();
  }

  #setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.#diagnostics = diagnostics;
    this.#results.setDiagnostics(diagnostics, this.#code.editorReady);
  }

  #reveal(location: SourceLocation): void {
    this.#code.reveal(location);
  }
}
