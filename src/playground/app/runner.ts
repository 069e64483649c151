import {
  ORM_LABELS,
  type AdapterMethod,
  type CompiledFile,
  type ConsoleEntry,
  type OrmId,
  type Outcome,
  type RunError,
  type RuntimeVersions,
  type FlowRequest,
  type WholeValue,
} from '../protocol.ts';
import { runtimeText } from '../protocol-guards.ts';
import { engineEntry, type EngineId } from '../engine-registry.ts';
import type { ImplementationId } from '../implementation-registry.ts';
import { engineProgress, progressText } from '../sandbox/engine-downloads.ts';
import { prefetchAuthCode, RuntimeClient, type Request, type RequestResult } from '../sandbox/runtime-client.ts';
import { databaseVersion } from './engine-versions.ts';

/** A runtime: one ORM on one engine with one adapter implementation. Every request names the one it is for. */
export interface RuntimeTarget {
  readonly orm: OrmId;
  readonly engine: EngineId;
  readonly implementation: ImplementationId;
}

export function sameTarget(a: RuntimeTarget, b: RuntimeTarget): boolean {
  return a.orm === b.orm && a.engine === b.engine && a.implementation === b.implementation;
}

/** How often the download's progress is shown while the engine's files come in. */
const PROGRESS_INTERVAL_MS = 150;

/**
 * The largest database file the playground imports, 100 MB: the file is held by the page, copied
 * to the worker, checked on a copy and copied into the live database, all in memory.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Why a file of `size` bytes is not imported, or undefined when it may be. */
export function importTooLarge(fileName: string, size: number): string | undefined {
  if (size <= MAX_IMPORT_BYTES) return undefined;
  const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 * 1024 ? 0 : 1)} MB`;
  return `${fileName} was not imported: it is ${megabytes(size)}, and the playground imports database files of up to ${megabytes(MAX_IMPORT_BYTES)}. Nothing was changed.`;
}

export type RuntimeState = 'downloading' | 'starting' | 'ready' | 'failed';

export interface RunnerEvents {
  /**
   * The runtime of `target` is downloading its engine's files (detail: how far, "4.2 of 11.9 MB"),
   * starting, ready (detail: its versions) or failed (detail: why).
   */
  onState(state: RuntimeState, target: RuntimeTarget, detail: string): void;
  onProgress(console: readonly ConsoleEntry[]): void;
}

/** A request that ended without an outcome: refused (nothing changed) or stopped (runtime restarted). */
export type Failure =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'stopped'; readonly error: RunError; readonly console: readonly ConsoleEntry[] };

/**
 * `superseded`: the page switched to another ORM before or while the request ran, so its
 * runtime was closed; the request's result belongs to code no longer on screen.
 */
export type RunnerResult = { readonly kind: 'outcome'; readonly outcome: Outcome } | Failure | { readonly kind: 'superseded' };

/** How a read of one whole value ended (see RunnerResult). */
export type ValueResult = { readonly kind: 'value'; readonly value: WholeValue } | Failure | { readonly kind: 'superseded' };

/** How an export of the runtime's database ended (engines whose outcomes carry none). */
export type DatabaseResult = { readonly kind: 'database'; readonly bytes: Uint8Array } | Failure | { readonly kind: 'superseded' };

type ResultOf<R extends Request> = R extends { readonly type: 'read-value' }
  ? ValueResult
  : R extends { readonly type: 'export-database' }
    ? DatabaseResult
    : RunnerResult;

/**
 * Owns the runtime of the ORM and engine on screen: starts it (once per switch of either;
 * switching closes the other one, ending whatever it was running), sends requests one at a time,
 * each naming the ORM and engine it is for — so a request can never run on another runtime — and
 * after a stop or crash starts a new one from the last database the page saw, so neither the
 * code nor the data is lost when a run has to be killed. (PostgreSQL's outcomes carry no database
 * — its dump takes far longer than a run — so its new runtime starts empty, and the stop says so.)
 */
export class Runner {
  readonly #events: RunnerEvents;
  #orm: OrmId | undefined;
  #engine: EngineId | undefined;
  #implementation: ImplementationId | undefined;
  #client: Promise<RuntimeClient> | undefined;
  #database: Uint8Array | null = null;
  #active: RuntimeClient | undefined;
  #versions: RuntimeVersions | undefined;
  /** Which start is current: a start superseded by a later one reports nothing. */
  #starts = 0;
  /** Aborted when the page switches away from the current ORM or engine: requests waiting for its runtime give up at once. */
  #ormChoice = new AbortController();

  constructor(events: RunnerEvents) {
    this.#events = events;
  }

  /** The database as the last outcome left it (for export, and to restart from). */
  get database(): Uint8Array | null {
    return this.#database;
  }

  /** The ORM whose runtime is current (started or starting). */
  get orm(): OrmId | undefined {
    return this.#orm;
  }

  /** The engine whose runtime is current (started or starting). */
  get engine(): EngineId | undefined {
    return this.#engine;
  }

  #isCurrent(target: RuntimeTarget): boolean {
    return this.#orm === target.orm && this.#engine === target.engine && this.#implementation === target.implementation;
  }

  /** Starts (or switches to) the runtime of `target`; the database starts empty on a switch. */
  use(target: RuntimeTarget): Promise<RuntimeClient> {
    if (this.#isCurrent(target) && this.#client) return this.#client;
    if (!this.#isCurrent(target)) {
      this.#database = null;
      this.#versions = undefined;
      // The other ORM's runtime ends now, and with it any request it was running or waiting to run.
      void this.#client?.then(
        (client) => client.dispose(),
        () => {},
      );
      this.#ormChoice.abort();
      this.#ormChoice = new AbortController();
    }
    this.#orm = target.orm;
    this.#engine = target.engine;
    this.#implementation = target.implementation;
    this.#client = this.#start({ orm: target.orm, engine: target.engine, implementation: target.implementation }, ++this.#starts);
    return this.#client;
  }

  /** The versions of the current ORM's runtime, once it is ready. */
  async versions(): Promise<RuntimeVersions | undefined> {
    try {
      await this.#client;
      return this.#versions;
    } catch {
      return undefined;
    }
  }

  // `signal`: aborted (the Stop button) while the runtime is still starting, the request is never sent.
  run(target: RuntimeTarget, files: readonly CompiledFile[], entry: string, fresh: boolean, signal?: AbortSignal): Promise<RunnerResult> {
    return this.#send(target, { type: 'run', files, entry, database: null, keep: !fresh }, signal);
  }

  call(target: RuntimeTarget, method: AdapterMethod, args: readonly unknown[], signal?: AbortSignal): Promise<RunnerResult> {
    return this.#send(target, { type: 'call', method, args }, signal);
  }

  flow(target: RuntimeTarget, flow: FlowRequest, signal?: AbortSignal): Promise<RunnerResult> {
    // A flow runs Auth.js: downloaded while the runtime starts, not when it asks.
    prefetchAuthCode();
    return this.#send(target, { type: 'flow', flow }, signal);
  }

  loadDatabase(target: RuntimeTarget, bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<RunnerResult> {
    const tooLarge = importTooLarge(fileName, bytes.byteLength);
    if (tooLarge) return Promise.resolve({ kind: 'refused', message: tooLarge });
    return this.#send(target, { type: 'load-database', bytes, fileName }, signal);
  }

  /** Reads one whole value of the current database (read only: the database and the last outcome stay as they are). */
  readValue(target: RuntimeTarget, table: string, key: string, column: string, signal?: AbortSignal): Promise<ValueResult> {
    return this.#send(target, { type: 'read-value', table, key, column }, signal);
  }

  /** The runtime's database as a file (PostgreSQL: its outcomes carry none, the runtime dumps it on request). */
  exportDatabase(target: RuntimeTarget, signal?: AbortSignal): Promise<DatabaseResult> {
    return this.#send(target, { type: 'export-database' }, signal);
  }

  /** Stops the request in flight, if any (the runtime restarts from the last database). */
  stop(): boolean {
    if (!this.#active?.busy) return false;
    this.#active.stop();
    return true;
  }

  async #start(target: RuntimeTarget, start: number): Promise<RuntimeClient> {
    const current = (): boolean => start === this.#starts;
    const { label, runtime } = engineEntry(target.engine);
    let starting = false;
    const showStarting = (): void => {
      starting = true;
      clearInterval(progress);
      if (current()) this.#events.onState('starting', target, `Starting ${label}…`);
    };
    // While the engine's files download, the page shows how far (they may be megabytes); then that the runtime starts.
    const showProgress = (): void => {
      const downloaded = engineProgress(target.engine);
      if (!current() || starting) clearInterval(progress);
      else if (downloaded && !downloaded.done) this.#events.onState('downloading', target, `Downloading ${label} (${runtime}): ${progressText(downloaded)}`);
    };
    const progress = setInterval(showProgress, PROGRESS_INTERVAL_MS);
    this.#events.onState('starting', target, `Starting ${ORM_LABELS[target.orm]} on ${label}…`);
    try {
      const client = await RuntimeClient.start(target.orm, this.#database, {
        engine: target.engine,
        implementation: target.implementation,
        onProgress: (entries) => this.#events.onProgress(entries),
        onStarting: showStarting,
      });
      if (current()) {
        this.#versions = client.versions;
        this.#events.onState(
          'ready',
          target,
          `${client.versions.orm}, ${client.versions.adapter}, ${databaseVersion(target.engine, client.versions.database)}`,
        );
      }
      return client;
    } catch (error) {
      if (current()) {
        this.#client = undefined;
        this.#events.onState('failed', target, error instanceof Error ? error.message : String(error));
      }
      throw error;
    } finally {
      clearInterval(progress);
    }
  }

  #send<R extends Request>(target: RuntimeTarget, request: R, signal?: AbortSignal): Promise<ResultOf<R>> {
    // The client answers each request type with its own kind of result (RuntimeClient.request).
    return this.#sendAny({ orm: target.orm, engine: target.engine, implementation: target.implementation }, request, signal) as Promise<ResultOf<R>>;
  }

  async #sendAny(target: RuntimeTarget, request: Request, signal?: AbortSignal): Promise<RunnerResult | ValueResult | DatabaseResult> {
    const { orm } = target;
    const clientLoading = this.use(target);
    let client: RuntimeClient | 'aborted';
    try {
      if (signal?.aborted) throw new StopBeforeStart();
      // Stop while the runtime is still starting answers at once (the runtime goes on starting);
      // so does a switch to another ORM or engine.
      client = await untilAborted(clientLoading, [this.#ormChoice.signal, ...(signal ? [signal] : [])]);
    } catch (error) {
      if (error instanceof StopBeforeStart) client = 'aborted';
      else return { kind: 'refused', message: `The ${ORM_LABELS[orm]} runtime could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!this.#isCurrent(target)) return { kind: 'superseded' };
    if (client === 'aborted') return stoppedBeforeStart();
    this.#active = client;
    const result: RequestResult = await client.request(request);
    if (this.#active === client) this.#active = undefined;
    if (!this.#isCurrent(target) || this.#client !== clientLoading) return { kind: 'superseded' };
    if (result.kind === 'outcome') {
      this.#database = result.outcome.database;
      return result;
    }
    if (result.kind === 'value' || result.kind === 'database') return result;
    // The runtime's words, which the reader's code can forge: labelled as the runtime's.
    if (result.kind === 'refused') return { kind: 'refused', message: `From the runtime: ${runtimeText(result.message)}` };
    // The worker is gone: start a new one from the last database, ready for the next request.
    this.#client = undefined;
    void this.use(target).catch(() => {});
    // Its data lived in the worker that was just ended: said plainly rather than implied by "restarted".
    const lost =
      this.#database === null && target.engine === 'postgres'
        ? ` The ${engineEntry(target.engine).label} database was inside the stopped runtime, so the new one starts with an empty database.`
        : '';
    const error: RunError = {
      name: result.phase === 'crash' ? 'RuntimeCrash' : 'Stopped',
      message: `${result.message}${lost}`,
      phase: result.phase,
      frames: [],
    };
    return { kind: 'stopped', error, console: result.console };
  }
}

class StopBeforeStart extends Error {}

/** A request the Stop button ended before the runtime got it. */
export function stoppedBeforeStart(): Failure {
  const error: RunError = { name: 'Stopped', message: 'Stopped before it started. Your code is unchanged.', phase: 'stopped', frames: [] };
  return { kind: 'stopped', error, console: [] };
}

/** `promise`'s value, or 'aborted' as soon as one of `signals` aborts (listeners removed after). */
export async function untilAborted<T>(promise: Promise<T>, signals: readonly AbortSignal[]): Promise<T | 'aborted'> {
  const any = AbortSignal.any([...signals]);
  if (any.aborted) return 'aborted';
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<'aborted'>((resolve) => {
        onAbort = () => resolve('aborted');
        any.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) any.removeEventListener('abort', onAbort);
  }
}
