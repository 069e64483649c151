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
import { RuntimeClient, type Request, type RequestResult } from '../sandbox/runtime-client.ts';

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

export interface RunnerEvents {
  /** The runtime of `orm` is starting (downloading), ready (detail: its versions) or failed. */
  onState(state: 'starting' | 'ready' | 'failed', orm: OrmId, detail: string): void;
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
 * Owns the runtime of the ORM on screen: starts it (once per ORM switch; switching closes the
 * other one, ending whatever it was running), sends requests one at a time, each naming the
 * ORM it is for — so a request can never run on another ORM's runtime — and after a stop or
 * crash starts a new one from the last database the page saw, so neither the code nor the data
 * is lost when a run has to be killed.
 */
export class Runner {
  readonly #events: RunnerEvents;
  #orm: OrmId | undefined;
  #client: Promise<RuntimeClient> | undefined;
  #database: Uint8Array | null = null;
  #active: RuntimeClient | undefined;
  #versions: RuntimeVersions | undefined;
  /** Which start is current: a start superseded by a later one reports nothing. */
  #starts = 0;
  /** Aborted when the page switches away from the current ORM: requests waiting for its runtime give up at once. */
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

  /** Starts (or switches to) the runtime of `orm`; the database starts empty on a switch. */
  use(orm: OrmId): Promise<RuntimeClient> {
    if (this.#orm === orm && this.#client) return this.#client;
    if (this.#orm !== orm) {
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
    this.#orm = orm;
    this.#client = this.#start(orm, ++this.#starts);
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
  run(orm: OrmId, files: readonly CompiledFile[], entry: string, fresh: boolean, signal?: AbortSignal): Promise<RunnerResult> {
    return this.#send(orm, { type: 'run', files, entry, database: null, keep: !fresh }, signal);
  }

  call(orm: OrmId, method: AdapterMethod, args: readonly unknown[], signal?: AbortSignal): Promise<RunnerResult> {
    return this.#send(orm, { type: 'call', method, args }, signal);
  }

  flow(orm: OrmId, flow: FlowRequest, signal?: AbortSignal): Promise<RunnerResult> {
    return this.#send(orm, { type: 'flow', flow }, signal);
  }

  loadDatabase(orm: OrmId, bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<RunnerResult> {
    const tooLarge = importTooLarge(fileName, bytes.byteLength);
    if (tooLarge) return Promise.resolve({ kind: 'refused', message: tooLarge });
    return this.#send(orm, { type: 'load-database', bytes, fileName }, signal);
  }

  /** Reads one whole value of the current database (read only: the database and the last outcome stay as they are). */
  readValue(orm: OrmId, table: string, key: string, column: string, signal?: AbortSignal): Promise<ValueResult> {
    return this.#send(orm, { type: 'read-value', table, key, column }, signal);
  }

  /** Stops the request in flight, if any (the runtime restarts from the last database). */
  stop(): boolean {
    if (!this.#active?.busy) return false;
    this.#active.stop();
    return true;
  }

  async #start(orm: OrmId, start: number): Promise<RuntimeClient> {
    this.#events.onState('starting', orm, '');
    try {
      const client = await RuntimeClient.start(orm, this.#database, { onProgress: (entries) => this.#events.onProgress(entries) });
      if (start === this.#starts) {
        this.#versions = client.versions;
        this.#events.onState('ready', orm, `${client.versions.orm}, ${client.versions.adapter}, ${client.versions.database}`);
      }
      return client;
    } catch (error) {
      if (start === this.#starts) {
        this.#client = undefined;
        this.#events.onState('failed', orm, error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  }

  #send<R extends Request>(orm: OrmId, request: R, signal?: AbortSignal): Promise<ResultOf<R>> {
    // The client answers each request type with its own kind of result (RuntimeClient.request).
    return this.#sendAny(orm, request, signal) as Promise<ResultOf<R>>;
  }

  async #sendAny(orm: OrmId, request: Request, signal?: AbortSignal): Promise<RunnerResult | ValueResult | DatabaseResult> {
    const clientLoading = this.use(orm);
    let client: RuntimeClient | 'aborted';
    try {
      if (signal?.aborted) throw new StopBeforeStart();
      // Stop while the runtime is still starting answers at once (the runtime goes on starting);
      // so does a switch to another ORM.
      client = await untilAborted(clientLoading, [this.#ormChoice.signal, ...(signal ? [signal] : [])]);
    } catch (error) {
      if (error instanceof StopBeforeStart) client = 'aborted';
      else return { kind: 'refused', message: `The ${ORM_LABELS[orm]} runtime could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (this.#orm !== orm) return { kind: 'superseded' };
    if (client === 'aborted') return stoppedBeforeStart();
    this.#active = client;
    const result: RequestResult = await client.request(request);
    if (this.#active === client) this.#active = undefined;
    if (this.#orm !== orm || this.#client !== clientLoading) return { kind: 'superseded' };
    if (result.kind === 'outcome') {
      this.#database = result.outcome.database;
      return result;
    }
    if (result.kind === 'value' || result.kind === 'database') return result;
    // The runtime's words, which the reader's code can forge: labelled as the runtime's.
    if (result.kind === 'refused') return { kind: 'refused', message: `From the runtime: ${runtimeText(result.message)}` };
    // The worker is gone: start a new one from the last database, ready for the next request.
    this.#client = undefined;
    void this.use(orm).catch(() => {});
    const error: RunError = { name: result.phase === 'crash' ? 'RuntimeCrash' : 'Stopped', message: result.message, phase: result.phase, frames: [] };
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
