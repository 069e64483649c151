import type { Diagnostic } from '../compiler/diagnostics.ts';
import { isOrmId, ORM_LABELS, type OrmId } from '../orm-registry.ts';
import { engineEntry, isEngineId, type EngineId } from '../engine-registry.ts';
import { typesId } from '../editor/types-id.ts';
import { isImplementationId, type ImplementationId } from '../implementation-registry.ts';
import type { AdapterMethod, CompiledFile, FlowRequest, Outcome, RunError, SourceLocation } from '../protocol.ts';
import { decodeState } from '../share/codec.ts';
import { AUTOSAVE_KEY, browserStorage, createAutosave, type Autosave } from '../store/autosave.ts';
import { createDisplacedHistory } from '../store/displaced-history.ts';
import { entryFile, sameFiles, sameState, type PlaygroundState } from '../store/state.ts';
import { Dialogs } from '../ui/dialogs.ts';
import { plural, formatMs } from '../ui/dom.ts';
import { CodeArea } from './code-area.ts';
import { Controls } from './controls.ts';
import { buildOutput, checkedByBuild, defaultExample, exampleOf, exampleState, examplesOf, EXAMPLES } from './examples.ts';
import { DisplacedWork } from './displaced-work.ts';
import { initialState, withoutFallback } from './initial-state.ts';
import { showKeptAside } from './kept-aside-notices.ts';
import { Notices } from './notices.ts';
import { Results } from './results.ts';
import { RunMarks } from './run-marks.ts';
import { takeEarlyInput, type EarlyInput } from './early-input.ts';
import { importTooLarge, Runner, stoppedBeforeStart, untilAborted, type RunnerResult, type RuntimeTarget } from './runner.ts';
import { otherEngineFile } from './database-files.ts';
import { runtimeText } from '../protocol-guards.ts';
import { RequestScheduler, type Turn } from './request-scheduler.ts';
import { prefetchAuthCode, prefetchRuntime } from '../sandbox/runtime-client.ts';
import { importsAuth } from './auth-imports.ts';
import { prepareTranspiler, transpile } from '../compiler/transpiler-client.ts';
import { ShareActions } from './share-actions.ts';
import { CompareRuns } from './compare-runs.ts';
import { comparisonSummary } from '../compare/compare-outcomes.ts';
import { copyWholeValue } from './whole-value-copy.ts';
import { FLOW_LIST } from '../flow-list.ts';
import { authErrorOf } from '../panels/auth-view-model.ts';

const SAVE_DELAY_MS = 300;
/** When a damaged autosave moves aside at the latest if the first run shows no result (see the constructor). */
const KEEP_ASIDE_LATEST_MS = 5_000;

/** A title for the Console section of a request that was stopped. */
const STOPPED_TITLE = 'Run (stopped)';

/**
 * A run whose code was replaced on screen (same ORM) may finish this long before it is stopped:
 * most runs are shorter, and stopping costs a runtime restart.
 */
const SUPERSEDED_GRACE_MS = 300;

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
  readonly #compareRuns: CompareRuns;
  readonly #displaced: DisplacedWork;
  readonly #runMarks: RunMarks;
  #state: PlaygroundState;
  #exampleId: string;
  #diagnostics: readonly Diagnostic[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #firstResult = false;
  #keptAsideShown = false;
  readonly #scheduler = new RequestScheduler<PlaygroundState>(sameState, () => {
    this.#controls.settle();
    this.#results.idle();
  });

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#autosave = createAutosave(browserStorage());
    this.#runMarks = new RunMarks(this.#autosave);
    const boot = initialState(location.hash, this.#autosave);
    this.#state = boot.state;
    const early = takeEarlyInput();
    const earlyOrm = early.findLast((input) => input.kind === 'orm');
    const earlyEngine = early.findLast((input) => input.kind === 'engine');
    const earlyImplementation = early.findLast((input) => input.kind === 'implementation');
    // First of all: the runtime's download and start-up are the long pole of the first result —
    // of the ORM and engine the reader picked already, if they were that quick.
    this.#runner = new Runner({
      onState: (state, target, detail) => this.#controls?.runtimeState(state, target, detail),
      onProgress: (entries) => this.#results?.progress(entries),
    });
    void this.#runner
      .use({
        orm: earlyOrm && earlyOrm.kind === 'orm' && isOrmId(earlyOrm.value) ? earlyOrm.value : this.#state.orm,
        engine: earlyEngine && earlyEngine.kind === 'engine' && isEngineId(earlyEngine.value) ? earlyEngine.value : this.#state.engine,
        implementation:
          earlyImplementation && earlyImplementation.kind === 'implementation' && isImplementationId(earlyImplementation.value)
            ? earlyImplementation.value
            : this.#state.implementation,
      })
      .catch(() => {});
    // Code of the reader's own compiles in a worker of its own, which starts beside the runtime.
    void buildOutput(this.#state.orm, this.#state.files).then((output) => output ?? prepareTranspiler());
    this.#exampleId = exampleOf(boot.state.orm, boot.state.files)?.id ?? defaultExample(boot.state.orm).id;
    this.#dialogs = new Dialogs(root);
    this.#notices = new Notices(root.querySelector<HTMLElement>('[data-notices]')!);
    const locations = { source: (file: string) => this.#code.source(file), reveal: (location: SourceLocation) => this.#reveal(location) };
    this.#code = new CodeArea(root.querySelector<HTMLElement>('[data-code]')!, this.#dialogs, {
      onChange: () => this.#edited(),
      onDiagnostics: (diagnostics) => this.#setDiagnostics(diagnostics),
      onRunShortcut: () => this.run(),
      onEditorState: (state, detail) => this.#controls.editorState(state, detail),
      checkedByBuild,
    });
    this.#results = new Results(root.querySelector<HTMLElement>('[data-results]')!, locations, {
      call: (method, args) => void this.#call(method, args),
      flow: (request) => void this.#flow(request),
      copy: (text, what) => void this.#share.copyText(text, what),
      wholeValue: (cell, epoch) =>
        void copyWholeValue(cell, epoch, {
          queue: (task) => this.#scheduler.queue(task),
          epoch: () => this.#results.epoch,
          read: (ref, signal) => this.#runner.readValue(this.#target(), ref.table, ref.key, ref.column, signal),
          busy: (busy, message, kind) => this.#controls.busy(busy, message, kind),
          status: (message, kind) => this.#controls.status(message, kind),
        }),
      setCompare: (on) => {
        this.#setState({ ...this.#syncFromEditor(), options: { ...this.#state.options, compare: on } });
        if (on) this.run();
      },
    });
    this.#compareRuns = new CompareRuns(this.#results.comparePanel);
    this.#share = new ShareActions(
      root,
      () => this.#state,
      () => this.#runner.versions(),
      (message, kind) => this.#controls.status(message, kind),
    );
    this.#controls = new Controls(root, {
      run: () => this.run(),
      stop: () => this.#stop(),
      switchOrm: (orm) => void this.#switchOrm(orm),
      switchEngine: (engine) => this.#switchEngine(engine),
      switchImplementation: (implementation) => this.#switchImplementation(implementation),
      considerOrm: (orm) => prefetchRuntime(orm, this.#state.engine, this.#state.implementation),
      loadExample: (id) => void this.#loadExample(id),
      reset: () => void this.#reset(),
      setFresh: (fresh) => this.#setState({ ...this.#state, options: { ...this.#state.options, freshDatabase: fresh } }),
      exportDatabase: () => void this.#exportDatabase(),
      importDatabase: (file) => void this.#importDatabase(file),
    });
    this.#displaced = new DisplacedWork(createDisplacedHistory(browserStorage(), AUTOSAVE_KEY), this.#notices, {
      current: () => this.#syncFromEditor(),
      replace: (state) => this.#replace(state),
      status: (message, kind) => this.#controls.status(message, kind),
    });
    this.#controls.setExamples(examplesOf(this.#state.orm), this.#exampleId);
    this.#controls.setState(this.#state);
    this.#results.comparePanel.setEnabled(this.#state.options.compare === true);
    if (this.#state.options.compare) this.#compareRuns.prepare(this.#state);
    if (boot.problem) this.#notices.problem(boot.problem, 'link');
    // Moving a damaged autosave aside can mean rewriting megabytes of storage (one synchronous
    // write of ~150 ms for 4.5 MB): after the first result, when the page is idle. Saves wait for
    // it; until then the entry stays where it was, so leaving the page first loses nothing. A
    // first run that ends without a result still gets its move, a few seconds on.
    if (boot.autorun) setTimeout(() => this.#keepDamagedAside(), KEEP_ASIDE_LATEST_MS);
    else setTimeout(() => this.#keepDamagedAside());
    if (boot.displaced) this.#displaced.displaced(boot.displaced, 'a link', 'This link replaced the code you had open here.');
    if (boot.held) this.#controls.status(boot.held, 'warning');
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        this.run();
      }
    });
    addEventListener('pagehide', () => this.#saveNow());
    // A share link pasted into the address bar of an open playground, or back/forward between links.
    addEventListener('hashchange', () => void this.#openLink());
    void this.#code.set(typesId(this.#state.orm, this.#state.implementation), this.#state.files, this.#state.active);
    performance.mark('playground:code-visible');
    // Compressing the link takes tens of ms: not before the sandbox and the worker have started.
    requestIdleCallback(() => this.#saveNow(), { timeout: 1000 });
    if (boot.autorun) this.run();
    else void this.#code.loadEditor();
    void this.#replay(early, boot.autorun);
  }

  /** Moves a damaged autosave aside (once) and shows what is kept aside. */
  #keepDamagedAside(): void {
    if (this.#keptAsideShown) return;
    this.#keptAsideShown = true;
    this.#autosave.keepDamagedAside();
    showKeptAside(this.#autosave, this.#notices, this.#dialogs, (message, kind) => this.#controls.status(message, kind));
  }

  /** Runs the code on screen on the ORM on screen: at once, or after the request in flight. */
  run(): void {
    this.#scheduler.queueRun(
      () => this.#syncFromEditor(),
      (state, turn) => this.#runNow(state, turn),
    );
  }

  async #runNow(state: PlaygroundState, turn: Turn): Promise<void> {
    // Auth.js downloads while the runtime starts and the code compiles, not when the runtime asks for it.
    if (importsAuth(state.files)) prefetchAuthCode();
    this.#controls.busy(true, 'Compiling…');
    const compiled = await untilAborted(this.#compile(state), [turn.signal]);
    if (!turn.current()) return;
    if (compiled === 'aborted') {
      this.#finish(stoppedBeforeStart(), 'Ran');
      return;
    }
    if ('failed' in compiled) {
      this.#controls.busy(false, compiled.failed, 'error');
      return;
    }
    // Once Monaco is in, the Problems panel is its (types included); until then, the transpiler's.
    if (!this.#code.editorReady) this.#setDiagnostics(compiled.diagnostics);
    const syntax = compiled.diagnostics.find((diagnostic) => diagnostic.syntactic && diagnostic.severity === 'error');
    if (syntax) {
      const error: RunError = {
        name: 'SyntaxError',
        message: syntax.message,
        phase: 'compile',
        frames: [],
        at: { file: syntax.file, line: syntax.line, column: syntax.column },
      };
      this.#results.showStopped('Run (not started)', [{ kind: 'error', error, time: 0 }]);
      this.#results.select('console');
      this.#controls.busy(false, `Not run: syntax error in ${syntax.file}:${syntax.line}:${syntax.column} — ${syntax.message}`, 'error');
      return;
    }
    this.#controls.busy(true, `Running ${ORM_LABELS[state.orm]} on ${engineEntry(state.engine).label}…`, 'info', true);
    this.#results.startRun();
    this.#notices.clearRunNotices();
    const run = this.#runMarks.started(state);
    // Compare mode compares two runs from the same start: an empty database each.
    const fresh = state.options.freshDatabase || state.options.compare === true;
    const result = await this.#runner.run(state, compiled.files, entryFile(state), fresh, turn.signal);
    // Its code is no longer on screen: the run queued by the change shows its own result.
    if (result.kind === 'superseded' || !turn.current()) return this.#runMarks.dropped(run);
    const notShown = this.#runMarks.show(run, () => this.#finish(result, 'Ran'));
    if (notShown) return this.#controls.busy(false, notShown, 'error');
    performance.mark('playground:run-finished');
    if (state.options.compare && result.kind === 'outcome') await this.#compare(state, compiled.files, result.outcome, turn);
    if (!this.#firstResult && result.kind === 'outcome') {
      this.#firstResult = true;
      this.#root.dataset['firstResult'] = String(performance.now());
      performance.mark('playground:first-result');
      void this.#code.loadEditor();
      requestIdleCallback(() => this.#keepDamagedAside(), { timeout: 1_000 });
      // Edited code compiles in the transpiler's worker: it starts when the reader turns to the code
      // (an edit is preceded by focus or the pointer), so an edit's run waits for nothing but its
      // compilation, and a reader who only reads spends nothing on it.
      whenTurnedTo(this.#root.querySelector<HTMLElement>('[data-code]')!, prepareTranspiler);
    }
  }

  /** Compare mode: the same files with the other adapter package; the status line says what differed. */
  async #compare(state: PlaygroundState, files: readonly CompiledFile[], outcome: Outcome, turn: Turn): Promise<void> {
    const versions = await this.#runner.versions();
    if (!versions || !turn.current()) return;
    const ran = this.#controls.currentStatus();
    this.#controls.busy(true, 'Running the same code with the other adapter package, to compare…', 'info');
    const compared = await this.#compareRuns.compare(state, files, entryFile(state), outcome, versions, turn.signal);
    if (compared.kind === 'superseded' || !turn.current()) return;
    if (compared.kind === 'failed') this.#controls.busy(false, compared.message, 'warning');
    else this.#controls.busy(false, `${ran.text} ${comparisonSummary(compared.comparison)} See Compare.`, ran.kind);
  }

  /**
   * The build's output for an unchanged built-in or docs example, else the page's own transpiler
   * (in its worker): never Monaco, which only adds type errors, so no result waits for the editor.
   */
  async #compile(state: PlaygroundState): Promise<{ files: readonly CompiledFile[]; diagnostics: readonly Diagnostic[] } | { failed: string }> {
    const files = await buildOutput(state.orm, state.files);
    if (files) return { files, diagnostics: [] };
    try {
      return await transpile(state.files);
    } catch (error) {
      return { failed: `The code could not be compiled: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.` };
    }
  }

  #stop(): void {
    this.#scheduler.stop();
    this.#runner.stop();
    this.#compareRuns.stop();
  }

  /** The runtime the code on screen runs on. */
  #target(): RuntimeTarget {
    return { orm: this.#state.orm, engine: this.#state.engine, implementation: this.#state.implementation };
  }

  /** Queues a request on the runtime (a call, a flow, an import); dropped when the code on screen is replaced first. */
  async #request(busy: string, send: (target: RuntimeTarget, signal: AbortSignal) => Promise<RunnerResult>, verb: string): Promise<Outcome | undefined> {
    return this.#scheduler.queue(async (turn) => {
      this.#controls.busy(true, busy, 'info', true);
      const result = await send(this.#target(), turn.signal);
      return result.kind === 'superseded' || !turn.current() ? undefined : this.#finish(result, verb);
    });
  }

  #finish(result: Exclude<RunnerResult, { kind: 'superseded' }>, verb: string): Outcome | undefined {
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
    // A flow's console notes are its summary ("This browser is signed in as …"): the Auth.js tab shows it, not the banner.
    if (outcome.source.kind !== 'flow') this.#notices.fromConsole(outcome.console);
    const typeErrors = this.#diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !diagnostic.syntactic).length;
    const summary = `${verb} in ${formatMs(outcome.durationMs)}: ${plural(outcome.statements.length + (outcome.statementsDropped ?? 0), 'SQL statement')}, ${plural(outcome.calls.length + (outcome.callsDropped ?? 0), 'adapter call')}, ${plural(outcome.tables.length, 'table')}.`;
    const typeNote = typeErrors > 0 ? ` ${plural(typeErrors, 'type error')} (see Problems).` : '';
    if (outcome.error) {
      const where = outcome.error.at ? ` at ${outcome.error.at.file}:${outcome.error.at.line}` : '';
      // The runtime's words, never the page's own: a run's error is its code's; a call's or flow's, the runtime's.
      const label = outcome.source.kind === 'run' ? 'Your code' : 'From the runtime';
      this.#controls.busy(false, `${label}: ${runtimeText(`${outcome.error.name}${where}: ${outcome.error.message}`)}`, 'error');
      // A flow's error is drawn in the Auth.js panel, beside its HTTP exchange: the reader stays there.
      if (outcome.source.kind !== 'flow') this.#results.select('console');
    } else {
      this.#controls.busy(false, summary + typeNote, 'ok');
    }
    // For tests and the bench: how many outcomes so far, and the runtime's own duration of the last.
    this.#root.dataset['runs'] = String(Number(this.#root.dataset['runs'] ?? 0) + 1);
    this.#root.dataset['lastDurationMs'] = outcome.durationMs.toFixed(1);
    this.#root.dataset['lastOrm'] = this.#state.orm;
    this.#root.dataset['lastEngine'] = this.#state.engine;
    this.#root.dataset['lastImplementation'] = this.#state.implementation;
    return outcome;
  }

  async #call(method: AdapterMethod, args: unknown[]): Promise<void> {
    this.#results.adapterPanel.setBusy(true);
    const outcome = await this.#request(`Calling ${method}…`, (target, signal) => this.#runner.call(target, method, args, signal), `${method} done`);
    this.#results.adapterPanel.setBusy(false);
    if (outcome)
      this.#results.adapterPanel.showCall(
        outcome.calls.at(-1),
        outcome.error
          ? `${method} failed: ${outcome.error.message}`
          : `${method} done in ${formatMs(outcome.durationMs)}; the Tables tab shows what it changed.`,
      );
  }

  /**
   * An Auth.js flow from the Auth.js panel (which went busy at the press): queued like a call;
   * its outcome — HTTP exchange, calls, an Auth.js error — is drawn in that panel, which stays
   * in view, and the status line names what Auth.js answered.
   */
  async #flow(request: FlowRequest): Promise<void> {
    const label = `${FLOW_LIST[request.flow].label}${request.browser === 'other' ? ' (another device)' : ''}`;
    const outcome = await this.#request(`${label}…`, (target, signal) => this.#runner.flow(target, request, signal), `${label}: done`);
    if (!outcome) return;
    // Auth.js refusing (a used link, an unlinked account) is what the reader came to see, not a crash.
    const refused = authErrorOf(outcome.http, outcome.auth?.basePath ?? '');
    if (refused) this.#controls.status(`${label}: Auth.js refused it (${refused.code}); the Auth.js tab shows why.`, 'warning');
  }

  async #importDatabase(file: File): Promise<void> {
    // Before reading it: a file over the limit is not even loaded into the page.
    const tooLarge = importTooLarge(file.name, file.size);
    if (tooLarge) {
      this.#controls.status(tooLarge, 'error');
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A file of the other engine is named as such at once (the runtime checks every file anyway).
    const otherEngine = otherEngineFile(bytes, this.#state.engine, file.name);
    if (otherEngine) {
      this.#controls.status(otherEngine, 'error');
      return;
    }
    const outcome = await this.#request(
      `Importing ${file.name}…`,
      (target, signal) => this.#runner.loadDatabase(target, bytes, file.name, signal),
      `Imported ${file.name}`,
    );
    if (outcome) {
      this.#setState({ ...this.#state, options: { ...this.#state.options, freshDatabase: false } });
      this.#controls.status(
        `Imported ${file.name}: ${plural(outcome.tables.length, 'table')}. "Fresh database each run" is now off, so runs continue on it.`,
        'ok',
      );
      this.#results.select('tables');
    }
  }

  /**
   * Export: SQLite's database is in the last outcome; PostgreSQL's is dumped by the runtime on
   * request (a few hundred milliseconds), queued like any request so it sees what the last one left.
   */
  async #exportDatabase(): Promise<void> {
    const { orm, engine } = this.#state;
    if (engine === 'sqlite') {
      this.#share.downloadDatabase(this.#runner.database, orm, engine);
      return;
    }
    await this.#scheduler.queue(async (turn) => {
      this.#controls.busy(true, `Exporting the ${engineEntry(engine).label} database…`, 'info', true);
      const result = await this.#runner.exportDatabase({ orm, engine, implementation: this.#state.implementation }, turn.signal);
      if (result.kind === 'superseded' || !turn.current()) return;
      if (result.kind === 'database') this.#share.downloadDatabase(result.bytes, orm, engine);
      else if (result.kind === 'refused') this.#controls.busy(false, `The database could not be exported: ${result.message}`, 'error');
      else this.#controls.busy(false, result.error.message, 'warning');
    });
  }

  /** Replays what the reader did before the page was up (early-input.ts), in order. */
  async #replay(inputs: readonly EarlyInput[], autorun: boolean): Promise<void> {
    for (const input of inputs) {
      if (input.kind === 'orm' && isOrmId(input.value)) await this.#switchOrm(input.value);
      else if (input.kind === 'engine' && isEngineId(input.value)) this.#switchEngine(input.value);
      else if (input.kind === 'implementation' && isImplementationId(input.value)) this.#switchImplementation(input.value);
      else if (input.kind === 'example') await this.#loadExample(input.value);
      // The page runs its code on load anyway: an early Run press is that run.
      else if (input.kind === 'run' && !autorun) this.run();
    }
  }

  async #switchOrm(orm: OrmId): Promise<void> {
    if (orm === this.#state.orm) return;
    const current = this.#syncFromEditor();
    const generation = this.#scheduler.generation;
    if (
      !exampleOf(current.orm, current.files) &&
      !(await this.#dialogs.confirm(
        `Switch to ${ORM_LABELS[orm]}?`,
        `Your ${ORM_LABELS[current.orm]} code is kept in this browser: switching back brings it back.`,
        `Switch to ${ORM_LABELS[orm]}`,
      ))
    ) {
      this.#controls.setState(this.#state);
      return;
    }
    // Something else replaced the code while the dialog was open.
    if (generation !== this.#scheduler.generation) return;
    createAutosave(browserStorage(), `adapter-lab:playground:draft:${current.orm}`).save(current);
    const draft = createAutosave(browserStorage(), `adapter-lab:playground:draft:${orm}`).load()?.state;
    // The database on screen stays: the other ORM's code runs on it too.
    this.#replace(
      draft && draft.orm === orm
        ? { ...draft, engine: current.engine, implementation: current.implementation }
        : exampleState(defaultExample(orm), current.options, current.engine, current.implementation),
    );
  }

  /**
   * Runs the code on screen on another database. The code stays (nothing to confirm or keep);
   * as with another ORM, whatever ran for the old engine shows nothing, its runtime is closed
   * at once, and the code runs on the new engine's runtime.
   */
  #switchEngine(engine: EngineId): void {
    if (engine === this.#state.engine) return;
    this.#replace({ ...this.#syncFromEditor(), engine });
  }

  /** Runs the code on screen with the other adapter package for `@auth/…-adapter`, as #switchEngine does with another database. */
  #switchImplementation(implementation: ImplementationId): void {
    if (implementation === this.#state.implementation) return;
    this.#replace({ ...this.#syncFromEditor(), implementation });
  }

  async #loadExample(id: string): Promise<void> {
    const example = EXAMPLES.find((candidate) => candidate.id === id);
    if (!example) return;
    const current = this.#syncFromEditor();
    const generation = this.#scheduler.generation;
    const changed = !exampleOf(current.orm, current.files);
    if (
      changed &&
      !(await this.#dialogs.confirm(
        `Open "${example.title}"?`,
        'It replaces your code in the editor; "Restore" brings your code back afterwards.',
        'Open example',
      ))
    ) {
      this.#controls.setExamples(examplesOf(this.#state.orm), this.#exampleId);
      return;
    }
    if (generation !== this.#scheduler.generation) return;
    if (changed) this.#displaced.displaced(current, `the example "${example.title}"`, `"${example.title}" replaced your code.`);
    this.#replace(exampleState(example, current.options, current.engine, current.implementation));
  }

  async #reset(): Promise<void> {
    const example = EXAMPLES.find((candidate) => candidate.id === this.#exampleId) ?? defaultExample(this.#state.orm);
    const current = this.#syncFromEditor();
    if (sameState(current, exampleState(example, current.options, current.engine, current.implementation))) {
      this.#controls.status('The code already is the example.', 'ok');
      return;
    }
    const generation = this.#scheduler.generation;
    if (!(await this.#dialogs.confirm('Reset to the example?', `Your changes are discarded and "${example.title}" comes back.`, 'Reset'))) return;
    if (generation !== this.#scheduler.generation) return;
    this.#displaced.displaced(current, 'Reset to example', 'The code was reset to the example.');
    this.#replace(exampleState(example, current.options, current.engine, current.implementation));
  }

  async #openLink(): Promise<void> {
    this.#share.addressRead();
    const decoded = decodeState(location.hash);
    if (!decoded.ok) {
      if (decoded.reason !== 'empty') this.#notices.problem(`${withoutFallback(decoded.message)} Your code is unchanged.`, 'link');
      return;
    }
    const current = this.#syncFromEditor();
    if (sameState(current, decoded.state)) return;
    this.#displaced.displaced(current, 'a link', 'The link replaced the code you had open.');
    this.#replace(decoded.state);
  }

  /**
   * Puts other code on screen (an example, a link, an ORM or engine switch, a reset) and runs it.
   * Whatever ran for the old code shows nothing: another ORM's or engine's runtime is closed at
   * once (ending its run); a run on the same runtime may finish briefly, then is stopped.
   */
  #replace(state: PlaygroundState): void {
    const ormChanged = state.orm !== this.#state.orm;
    const runtimeChanged = ormChanged || state.engine !== this.#state.engine || state.implementation !== this.#state.implementation;
    this.#scheduler.replaced();
    this.#exampleId = exampleOf(state.orm, state.files)?.id ?? (ormChanged ? defaultExample(state.orm).id : this.#exampleId);
    this.#setState(state);
    this.#controls.setExamples(examplesOf(state.orm), this.#exampleId);
    void this.#code.set(typesId(state.orm, state.implementation), state.files, state.active);
    if (runtimeChanged) {
      this.#results.clearAdapter();
      void this.#runner.use({ orm: state.orm, engine: state.engine, implementation: state.implementation }).catch(() => {});
    } else if (this.#scheduler.running) {
      const superseded = this.#scheduler.running;
      setTimeout(() => {
        if (this.#scheduler.running === superseded) this.#runner.stop();
      }, SUPERSEDED_GRACE_MS);
    }
    this.run();
  }

  #syncFromEditor(): PlaygroundState {
    const files = this.#code.files();
    const active = this.#code.active || this.#state.active;
    if (files.length > 0 && !(active === this.#state.active && sameFiles(files, this.#state.files))) this.#state = { ...this.#state, files, active };
    return this.#state;
  }

  #edited(): void {
    this.#syncFromEditor();
    this.#scheduleSave();
  }

  #setState(state: PlaygroundState): void {
    this.#state = state;
    this.#controls.setState(state);
    this.#results.comparePanel.setEnabled(state.options.compare === true);
    // Its runtime starts now, not after the first run.
    if (state.options.compare) this.#compareRuns.prepare(state);
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

/** Calls `then` once, at the first focus, pointer or key inside `area`. */
function whenTurnedTo(area: HTMLElement, then: () => void): void {
  const events = ['focusin', 'pointerover', 'keydown'] as const;
  const once = (): void => {
    for (const type of events) area.removeEventListener(type, once, true);
    then();
  };
  for (const type of events) area.addEventListener(type, once, true);
}
