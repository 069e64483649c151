import type { AdapterMethod, CompiledFile, ConsoleEntry, OrmId, Outcome, RunError, RuntimeVersions, ScenarioId } from '../protocol.ts';
import { RuntimeClient, type RequestResult } from '../sandbox/runtime-client.ts';

export interface RunnerEvents {
  /** The runtime of `orm` is starting (downloading) or ready. */
  onState(state: 'starting' | 'ready' | 'failed', detail: string): void;
  onProgress(console: readonly ConsoleEntry[]): void;
}

/** A request that ended without an outcome: refused (nothing changed) or stopped (runtime restarted). */
export type Failure = { readonly kind: 'refused'; readonly message: string } | { readonly kind: 'stopped'; readonly error: RunError; readonly console: readonly ConsoleEntry[] };

export type RunnerResult = { readonly kind: 'outcome'; readonly outcome: Outcome } | Failure;

/**
 * Owns the runtime for the current ORM: starts it (once per ORM switch), sends requests one at
 * a time, and after a stop or crash starts a new one from the last database the page saw —
 * so neither the code nor the data is lost when a run has to be killed.
 */
export class Runner {
  readonly #events: RunnerEvents;
  #orm: OrmId | undefined;
  #client: Promise<RuntimeClient> | undefined;
  #database: Uint8Array | null = null;
  #active: RuntimeClient | undefined;

  constructor(events: RunnerEvents) {
    this.#events = events;
  }

  /** The database as the last outcome left it (for export, and to restart from). */
  get database(): Uint8Array | null {
    return this.#database;
  }

  get busy(): boolean {
    return this.#active?.busy ?? false;
  }

  /** Starts (or switches to) the runtime of `orm`; the database starts empty on a switch. */
  use(orm: OrmId): Promise<RuntimeClient> {
    if (this.#orm === orm && this.#client) return this.#client;
    if (this.#orm !== orm) this.#database = null;
    this.#orm = orm;
    void this.#client?.then((client) => client.dispose(), () => {});
    this.#client = this.#start(orm);
    return this.#client;
  }

  async versions(): Promise<RuntimeVersions | undefined> {
    try {
      return (await this.#client)?.versions;
    } catch {
      return undefined;
    }
  }

  run(files: readonly CompiledFile[], entry: string, fresh: boolean): Promise<RunnerResult> {
    return this.#send({ type: 'run', files, entry, database: null, keep: !fresh });
  }

  call(method: AdapterMethod, args: readonly unknown[]): Promise<RunnerResult> {
    return this.#send({ type: 'call', method, args });
  }

  scenario(scenario: ScenarioId): Promise<RunnerResult> {
    return this.#send({ type: 'scenario', scenario });
  }

  loadDatabase(bytes: Uint8Array, fileName: string): Promise<RunnerResult> {
    return this.#send({ type: 'load-database', bytes, fileName });
  }

  stop(): void {
    this.#active?.stop();
  }

  async #start(orm: OrmId): Promise<RuntimeClient> {
    this.#events.onState('starting', orm);
    try {
      const client = await RuntimeClient.start(orm, this.#database, { onProgress: (entries) => this.#events.onProgress(entries) });
      this.#events.onState('ready', `${client.versions.orm}, ${client.versions.adapter}, ${client.versions.sqlite}`);
      return client;
    } catch (error) {
      this.#client = undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.#events.onState('failed', message);
      throw error;
    }
  }

  async #send(request: Parameters<RuntimeClient['request']>[0]): Promise<RunnerResult> {
    const orm = this.#orm;
    if (!orm) throw new Error('No ORM chosen.');
    const client = await this.use(orm);
    this.#active = client;
    const result: RequestResult = await client.request(request);
    this.#active = undefined;
    if (result.kind === 'outcome') {
      this.#database = result.outcome.database;
      return result;
    }
    if (result.kind === 'refused') return result;
    // The worker is gone: start a new one from the last database, ready for the next request.
    this.#client = undefined;
    void this.use(orm).catch(() => {});
    const error: RunError = { name: result.phase === 'crash' ? 'RuntimeCrash' : 'Stopped', message: result.message, phase: result.phase, frames: [] };
    return { kind: 'stopped', error, console: result.console };
  }
}
