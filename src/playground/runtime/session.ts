import type { DatabaseState } from '../../engine/database-state.ts';
import type { Engine, EngineDatabase, RowObserver } from '../../engine/engine.ts';
import { CALL_LIMIT, CONSOLE_ENTRY_LIMIT, CONSOLE_LOG_LIMIT, HTTP_EXCHANGE_LIMIT } from '../output-limits.ts';
import type {
  AdapterCallRecord,
  AdapterMethod,
  ChangeSource,
  CompiledFile,
  ConsoleEntry,
  FlowRequest,
  HttpExchange,
  Outcome,
  RunError,
  RuntimeVersions,
  WholeValue,
} from '../protocol.ts';
import { AdapterRecorder, adapterMethods } from './adapter-recorder.ts';
import { reviveArguments } from '../call-arguments.ts';
import { ConsoleCapture } from './console-capture.ts';
import { toDisplayValue } from './display-value.ts';
import { PLAYGROUND_ENV, type OrmEnvironment } from './env/environment.ts';
import { ModuleGraph, type ProvidedModule } from './module-graph.ts';
import { PlaygroundError, toRunError } from './run-error.ts';
import { RunTimers } from './run-timers.ts';
import type { AuthRuntimeLoader } from './auth/world.ts';
import { SessionAuth } from './session-auth.ts';
import { SourceLocations } from './source-locations.ts';
import { StatementRecords } from './statement-records.ts';
import { diffTables } from './table-diff.ts';
import { countText } from '../count-text.ts';

/** What one action (run, call, scenario, import) collects until its outcome is built. */
interface Action {
  readonly source: ChangeSource;
  readonly started: number;
  readonly before: DatabaseState;
  readonly console: ConsoleEntry[];
  /** Entries over CONSOLE_ENTRY_LIMIT (calls, errors) that were not kept. */
  droppedEntries: number;
  readonly statements: StatementRecords;
  readonly calls: AdapterCallRecord[];
  /** Calls over CALL_LIMIT that were not recorded. */
  callsDropped: number;
  readonly http: HttpExchange[];
  /** Exchanges over HTTP_EXCHANGE_LIMIT that were not recorded. */
  httpDropped: number;
  readonly notices: Set<string>;
}

/** Notices kept on top of CONSOLE_ENTRY_LIMIT: they are few (one per distinct text) and explain the run. */
const NOTICE_ALLOWANCE = 100;

const EMPTY_STATE: DatabaseState = new Map();

/**
 * The playground's runtime: one ORM environment, one database at a time, and the reader's
 * code run against it — in the sandboxed worker in the browser, and in Node for the tests and
 * the docs' example runner. Each action returns an Outcome with everything the panels show.
 * One action at a time: the caller waits for one before starting the next.
 */
export class PlaygroundSession {
  readonly #engine: Engine;
  readonly #environment: OrmEnvironment;
  readonly #locations = new SourceLocations();
  readonly #graph: ModuleGraph;
  readonly #recorder: AdapterRecorder;
  readonly #console: ConsoleCapture;
  readonly #timers = new RunTimers();
  // Set once `ready` resolves; every action awaits it first.
  #database!: EngineDatabase;
  #changes!: RowObserver;
  #unwatch: () => void = () => {};
  #disposed = false;
  #action: Action | undefined;
  #seq = 0;
  #httpSeq = 0;
  readonly #auth: SessionAuth;
  /** Uncaught errors that arrived between actions. */
  #late: RunError[] = [];
  readonly versions: RuntimeVersions;
  /** Resolves when the first database is open (`database`'s bytes, or an empty one); rejects when it cannot be. */
  readonly ready: Promise<void>;

  /** `loadAuth`: how to get Auth.js when the code imports it or a flow runs (without it, neither works). */
  constructor(engine: Engine, environment: OrmEnvironment, database?: Uint8Array, options: { loadAuth?: AuthRuntimeLoader } = {}) {
    this.#engine = engine;
    this.#environment = environment;
    const now = (): number => performance.now() - (this.#action?.started ?? 0);
    this.#recorder = new AdapterRecorder(this.#locations, now, (record) => {
      const action = this.#action;
      if (action && action.calls.length < CALL_LIMIT) action.calls.push(record);
      else if (action) action.callsDropped++;
      this.#emit({ kind: 'call', call: record, time: now() });
    });
    this.#console = new ConsoleCapture({ locations: this.#locations, now, emit: (entry) => this.#emit(entry), notice: (text) => this.#notice(text) });
    const modules: ReadonlyMap<string, ProvidedModule> = environment.modules({
      connectors: () => this.#database.connectors,
      notice: (text) => this.#notice(text),
      track: (adapter, description) => this.#recorder.track(adapter, description),
    });
    this.#auth = new SessionAuth(
      {
        currentAdapter: () => this.#recorder.current(),
        track: (adapter, description) => this.#recorder.track(adapter, description),
        notice: (text) => this.#notice(text),
        http: (exchange) => this.#http(exchange),
        asFlow: (work) => this.#recorder.as('flow', work),
        elapsed: () => this.#elapsed(),
      },
      options.loadAuth,
    );
    const auth = this.#auth;
    this.#graph = new ModuleGraph(
      {
        resolve: (specifier) => modules.get(specifier) ?? auth.resolve(specifier),
        specifiers: [...modules.keys(), ...auth.specifiers],
        prepare: (specifiers) => auth.prepare(specifiers),
        explain: (specifier) => environment.explain?.(specifier) ?? auth.explain(specifier),
      },
      this.#locations,
    );
    this.versions = { ...environment.versions, database: engine.version };
    this.ready = engine.open(database).then((opened) => this.#use(opened));
    // Awaited by each action; a caller that never starts one must not see an unhandled rejection.
    this.ready.catch(() => {});
  }

  /**
   * Called with each console entry as it is logged, while an action runs: the worker passes it
   * on at once, so that output before an endless loop still reaches the page.
   */
  onEntry: ((entry: ConsoleEntry) => void) | undefined;

  /**
   * Called after each statement of an action: proof of life for the worker's watchdog while
   * code awaits queries in a loop — an engine that answers at once (sql.js) lets such a loop run on
   * microtasks alone and the worker's timer-driven heartbeat never gets a turn.
   */
  onStatement: (() => void) | undefined;

  /** Runs the reader's files from `entry`, on a fresh database unless `database` (bytes) or `keep` says otherwise. */
  async run(files: readonly CompiledFile[], entry: string, options: { database?: Uint8Array | null; keep?: boolean } = {}): Promise<Outcome> {
    await this.ready;
    this.#timers.cancelAll();
    this.#recorder.reset();
    this.#graph.dispose();
    this.#locations.clear();
    this.#environment.beforeRun?.();
    if (options.database) await this.#replaceDatabase(options.database);
    else if (!options.keep) await this.#replaceDatabase(undefined);
    this.#auth.reset();
    const action = await this.#begin({ kind: 'run' });
    const restoreEnv = installProcessEnv();
    const uninstallAuth = this.#auth.install();
    let error: RunError | undefined;
    this.#console.install();
    const stackLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    try {
      await this.#timers.tracked(async () => {
        let namespace: Record<string, unknown>;
        try {
          namespace = await this.#graph.evaluate(files, entry);
        } catch (thrown) {
          const loadError = thrown instanceof PlaygroundError && thrown.name === 'LoadError';
          error = toRunError(thrown, loadError ? 'load' : 'run', this.#locations);
          this.#emit({ kind: 'error', error, time: this.#elapsed() });
          return;
        }
        if ('default' in namespace && namespace['default'] !== undefined) {
          this.#emit({ kind: 'value', label: `export default of ${entry}`, value: toDisplayValue(await namespace['default']), time: this.#elapsed() });
        }
        try {
          await this.#auth.afterRun(action.calls.length);
        } catch (thrown) {
          error = toRunError(thrown, 'run', this.#locations);
          this.#emit({ kind: 'error', error, time: this.#elapsed() });
        }
      });
      // Let promises the code did not await settle or reject before reading the result: the
      // browser reports an unhandled rejection from a task of its own, after the current one.
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => RunTimers.setTimeout(resolve, turn === 0 ? 0 : 4));
    } finally {
      Error.stackTraceLimit = stackLimit;
      this.#console.uninstall();
      uninstallAuth();
      restoreEnv();
    }
    for (const [specifier, redirect] of this.#graph.redirects()) this.#notice(`${specifier}: ${redirect}`);
    const pending = this.#recorder.inFlightCount();
    if (pending > 0)
      this.#notice(`${pending} adapter call${pending === 1 ? ' was' : 's were'} still running when the code finished: await them to see their results here.`);
    return this.#finish(action, error);
  }

  /** Calls one method of the adapter the last run configured, with JSON arguments (dates revived). */
  async call(method: AdapterMethod, args: readonly unknown[]): Promise<Outcome> {
    await this.ready;
    const action = await this.#begin({ kind: 'call', method });
    const tracked = this.#recorder.current();
    let error: RunError | undefined;
    if (!tracked) {
      error = toRunError(
        new PlaygroundError('No adapter to call: run code that creates one first (e.g. `SequelizeAdapter(sequelize)`).', { name: 'NoAdapter' }),
        'run',
        this.#locations,
      );
    } else if (typeof (tracked.adapter as Record<string, unknown>)[method] !== 'function') {
      error = toRunError(new PlaygroundError(`The adapter has no ${method} method.`, { name: 'NoSuchMethod' }), 'run', this.#locations);
    } else {
      const fn = (tracked.adapter as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      try {
        await this.#recorder.as('panel', () => this.#timers.tracked(() => fn(...reviveArguments(method, args))));
      } catch (thrown) {
        error = toRunError(thrown, 'run', this.#locations);
      }
    }
    if (error && !action.calls.some((call) => call.error)) this.#emit({ kind: 'error', error, time: this.#elapsed() });
    return this.#finish(action, error);
  }

  /**
   * Performs an Auth.js flow with a simulated browser: real requests to Auth.js with the
   * configuration of the last run (or one made around its adapter). The reader's callbacks and
   * events run, their console output shows.
   */
  async flow(request: FlowRequest): Promise<Outcome> {
    await this.ready;
    const action = await this.#begin({ kind: 'flow', flow: request.flow, browser: request.browser });
    const restoreEnv = installProcessEnv();
    let error: RunError | undefined;
    this.#console.install();
    try {
      const summary = await this.#timers.tracked(() => this.#auth.flow(request));
      this.#notice(summary);
    } catch (thrown) {
      error = toRunError(thrown, 'run', this.#locations);
      this.#emit({ kind: 'error', error, time: this.#elapsed() });
    } finally {
      this.#console.uninstall();
      restoreEnv();
    }
    return this.#finish(action, error);
  }

  /**
   * Replaces the database's contents with a database file's — after the engine has checked it
   * apart, so a bad file changes nothing — keeping the database the ORMs are connected to.
   * Returns the reason when the file is refused.
   */
  async loadDatabase(bytes: Uint8Array, fileName: string): Promise<Outcome | { refused: string }> {
    await this.ready;
    const problem = await this.#engine.checkFile(bytes);
    if (problem) return { refused: `${fileName}: ${problem}` };
    const action = await this.#begin({ kind: 'import', fileName });
    try {
      await this.#changes.paused(() => this.#database.replaceWith(bytes));
    } catch (error) {
      this.#action = undefined;
      return { refused: `${fileName}: the database could not be copied (${error instanceof Error ? error.message : String(error)}); nothing was changed.` };
    }
    this.#notice(`Loaded ${fileName}. Runs now continue on this database only when "Fresh database each run" is off.`);
    return this.#finish(action, undefined);
  }

  /**
   * A rejection nobody handled, or an error thrown where nobody catches it (a timer callback):
   * shown in the current action's console, or in the next one's when none is running.
   */
  reportUncaught(reason: unknown, kind: 'rejection' | 'exception'): void {
    const error = toRunError(reason, kind === 'rejection' ? 'unhandled' : 'uncaught', this.#locations);
    if (this.#action) this.#emit({ kind: 'error', error, time: this.#elapsed() });
    else this.#late.push(error);
  }

  /**
   * One whole stored value of the current database (EngineDatabase.readValue): not an action —
   * no outcome, nothing recorded, nothing changed. Refused while an action runs, whose rows are in flux.
   */
  async readValue(table: string, key: string, column: string): Promise<{ value: WholeValue } | { refused: string }> {
    if (this.#action) return { refused: 'The code is still running; its tables are not final yet.' };
    await this.ready;
    return this.#database.readValue(table, key, column);
  }

  /** The current database file. */
  async exportDatabase(): Promise<Uint8Array> {
    await this.ready;
    return this.#database.export();
  }

  dispose(): void {
    this.#disposed = true;
    this.#timers.cancelAll();
    this.#release();
  }

  /** Stops observing the current database and closes it. */
  #release(): void {
    this.#unwatch();
    this.#changes?.dispose();
    void this.#database?.close();
  }

  async #replaceDatabase(bytes: Uint8Array | undefined): Promise<void> {
    const next = await this.#engine.open(bytes);
    this.#release();
    this.#use(next);
  }

  #use(database: EngineDatabase): void {
    if (this.#disposed) {
      void database.close();
      return;
    }
    this.#database = database;
    this.#changes = database.observeRows((event) => this.#recorder.rowChanged(event));
    this.#unwatch = database.watchStatements((event) => {
      const action = this.#action;
      if (!action) return;
      this.onStatement?.();
      action.statements.add(event, ++this.#seq, this.#recorder.origin(), this.#elapsed() - event.durationMs);
    });
  }

  async #begin(source: ChangeSource): Promise<Action> {
    this.#changes.reset();
    this.#console.reset();
    const before = source.kind === 'run' && (await this.#database.isEmpty()) ? EMPTY_STATE : await this.#database.readState();
    const action: Action = {
      source,
      started: performance.now(),
      before,
      console: [],
      droppedEntries: 0,
      statements: new StatementRecords(),
      calls: [],
      callsDropped: 0,
      http: [],
      httpDropped: 0,
      notices: new Set(),
    };
    this.#action = action;
    for (const error of this.#late.splice(0)) this.#emit({ kind: 'error', error, time: 0 });
    return action;
  }

  async #finish(action: Action, error: RunError | undefined): Promise<Outcome> {
    await this.#changes.catchUp();
    const dropped = this.#console.dropped() + action.droppedEntries;
    if (dropped > 0) {
      this.#notice(
        `${countText(dropped)} more console entries were left out: the playground keeps the first ${countText(CONSOLE_LOG_LIMIT)} console.* lines and ${countText(CONSOLE_ENTRY_LIMIT)} entries in all per run.`,
      );
    }
    const after = await this.#database.readState();
    const tracked = this.#recorder.current();
    const outcome: Outcome = {
      ok: error === undefined,
      ...(error ? { error } : {}),
      source: action.source,
      console: action.console,
      statements: action.statements.records,
      ...(action.statements.dropped > 0 ? { statementsDropped: action.statements.dropped } : {}),
      calls: [...action.calls].sort((a, b) => a.id - b.id),
      ...(action.callsDropped > 0 ? { callsDropped: action.callsDropped } : {}),
      tables: diffTables(action.before, after, this.#changes),
      schema: await this.#database.readSchema(),
      adapter: tracked ? { description: tracked.description, methods: adapterMethods(tracked.adapter) } : null,
      auth: this.#auth.info(),
      http: action.http,
      ...(action.httpDropped > 0 ? { httpDropped: action.httpDropped } : {}),
      durationMs: performance.now() - action.started,
      database: this.#engine.exportsEachAction ? await this.#database.export() : null,
    };
    this.#action = undefined;
    return outcome;
  }

  #elapsed(): number {
    return performance.now() - (this.#action?.started ?? performance.now());
  }

  #emit(entry: ConsoleEntry): void {
    const action = this.#action;
    if (!action) return;
    // Adapter calls and errors in a loop are capped like console.* lines; notices are few and say what happened.
    if (action.console.length >= CONSOLE_ENTRY_LIMIT + (entry.kind === 'notice' ? NOTICE_ALLOWANCE : 0)) {
      action.droppedEntries++;
      return;
    }
    action.console.push(entry);
    this.onEntry?.(entry);
  }

  #http(exchange: Omit<HttpExchange, 'seq' | 'time'>): void {
    const action = this.#action;
    if (!action) return;
    if (action.http.length >= HTTP_EXCHANGE_LIMIT) {
      action.httpDropped++;
      return;
    }
    action.http.push({ ...exchange, seq: ++this.#httpSeq, time: Math.max(0, this.#elapsed() - exchange.durationMs) });
  }

  #notice(text: string): void {
    const action = this.#action;
    if (!action || action.notices.has(text)) return;
    action.notices.add(text);
    this.#emit({ kind: 'notice', text, time: this.#elapsed() });
  }
}

/**
 * `process.env` for the reader's code: in a worker there is no `process`, so one is made; in
 * Node the missing variables are added for the run and removed after.
 */
function installProcessEnv(): () => void {
  const host = globalThis as { process?: { env?: Record<string, string | undefined> } };
  if (!host.process) {
    host.process = { env: { ...PLAYGROUND_ENV } };
    return () => {};
  }
  const env = (host.process.env ??= {});
  const added = Object.keys(PLAYGROUND_ENV).filter((key) => env[key] === undefined);
  for (const key of added) env[key] = PLAYGROUND_ENV[key];
  return () => {
    for (const key of added) delete env[key];
  };
}
