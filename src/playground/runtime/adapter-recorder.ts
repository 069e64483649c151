import type { Adapter } from '@auth/core/adapters';
import {
  ADAPTER_METHODS,
  type AdapterCallRecord,
  type AdapterMethod,
  type CallSource,
  type SourceLocation,
  type StatementOrigin,
  type TableChange,
} from '../protocol.ts';
import { toDisplayValue } from './display-value.ts';
import type { RowEvent } from '../../engine/engine.ts';
import { toRunError } from './run-error.ts';
import type { SourceLocations } from './source-locations.ts';

/** Marks the recorder's wrappers, so that a method is never wrapped (and recorded) twice. */
const TRACKED = Symbol('adapter-lab.tracked');

interface InFlight {
  readonly id: number;
  readonly method: string;
  statements: number;
  concurrent: boolean;
  readonly changes: Map<string, { inserted: number; updated: number; deleted: number }>;
}

export interface TrackedAdapter {
  readonly adapter: Adapter;
  readonly description: string;
}

/**
 * Wraps the adapters the reader's code creates: every method call is recorded (arguments,
 * result or error, duration, statements, rows changed) and the statements that run meanwhile
 * are attributed to it. Calls in flight at the same time share the blame: their statements are
 * marked as belonging to several calls.
 */
export class AdapterRecorder {
  readonly #locations: SourceLocations;
  readonly #onCall: (record: AdapterCallRecord) => void;
  readonly #now: () => number;
  readonly #inFlight = new Map<number, InFlight>();
  #adapters: TrackedAdapter[] = [];
  #nextId = 1;
  #source: CallSource = 'code';

  constructor(locations: SourceLocations, now: () => number, onCall: (record: AdapterCallRecord) => void) {
    this.#locations = locations;
    this.#now = now;
    this.#onCall = onCall;
  }

  /** The adapter the reader's code configured last, which the Adapter panel calls. */
  current(): TrackedAdapter | undefined {
    return this.#adapters.at(-1);
  }

  /** Forgets the last run's adapters (a new run configures its own). */
  reset(): void {
    this.#adapters = [];
    this.#inFlight.clear();
  }

  inFlightCount(): number {
    return this.#inFlight.size;
  }

  /** Calls made while `work` runs come from `source` (the panel, a scenario). */
  async as<T>(source: CallSource, work: () => Promise<T>): Promise<T> {
    const previous = this.#source;
    this.#source = source;
    try {
      return await work();
    } finally {
      this.#source = previous;
    }
  }

  track(adapter: Adapter, description: string): Adapter {
    const tracked: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(adapter)) {
      // A method copied from an adapter already tracked (`{ ...adapter, createUser }`) is recorded once.
      const wrapped = typeof value === 'function' && !(TRACKED in value);
      tracked[key] = wrapped ? this.#wrap(key, value as (...args: unknown[]) => unknown, adapter) : value;
    }
    const result = tracked as Adapter;
    this.#adapters.push({ adapter: result, description });
    return result;
  }

  /** Who is issuing a statement right now. */
  origin(): StatementOrigin {
    if (this.#inFlight.size === 0) return { kind: 'code' };
    const calls = [...this.#inFlight.values()];
    for (const call of calls) call.statements++;
    if (calls.length === 1) return { kind: 'call', callId: calls[0]!.id, method: calls[0]!.method };
    return { kind: 'calls', methods: calls.map((call) => call.method) };
  }

  rowChanged(event: RowEvent): void {
    for (const call of this.#inFlight.values()) {
      let counts = call.changes.get(event.table);
      if (!counts) call.changes.set(event.table, (counts = { inserted: 0, updated: 0, deleted: 0 }));
      counts[event.op === 'insert' ? 'inserted' : event.op === 'update' ? 'updated' : 'deleted']++;
    }
  }

  #wrap(method: string, fn: (...args: unknown[]) => unknown, self: Adapter): (...args: unknown[]) => Promise<unknown> {
    return Object.assign(
      async (...args: unknown[]) => {
        const id = this.#nextId++;
        const source = this.#source;
        const at: SourceLocation | undefined = source === 'code' ? this.#locations.firstUserLocation(new Error().stack) : undefined;
        const call: InFlight = { id, method, statements: 0, concurrent: this.#inFlight.size > 0, changes: new Map() };
        for (const other of this.#inFlight.values()) other.concurrent = true;
        this.#inFlight.set(id, call);
        const displayedArgs = args.map((arg) => toDisplayValue(arg));
        const started = this.#now();
        const finish = (outcome: { result: unknown } | { error: unknown }): AdapterCallRecord => {
          this.#inFlight.delete(id);
          const changes: TableChange[] = [...call.changes].map(([table, counts]) => ({ table, ...counts }));
          const record: AdapterCallRecord = {
            id,
            method,
            args: displayedArgs,
            durationMs: this.#now() - started,
            statements: call.statements,
            changes,
            source,
            concurrent: call.concurrent,
            ...(at ? { at } : {}),
            ...('error' in outcome ? { error: toRunError(outcome.error, 'run', this.#locations) } : { result: toDisplayValue(outcome.result) }),
          };
          this.#onCall(record);
          return record;
        };
        try {
          const result = await fn.apply(self, args);
          finish({ result });
          return result;
        } catch (error) {
          this.#locations.rememberErrorSite(error, at);
          finish({ error });
          throw error;
        }
      },
      { [TRACKED]: true },
    );
  }
}

/** The Auth.js methods an adapter implements, in the Adapter interface's order. */
export function adapterMethods(adapter: Adapter): AdapterMethod[] {
  return ADAPTER_METHODS.filter((method) => typeof (adapter as Record<string, unknown>)[method] === 'function');
}
