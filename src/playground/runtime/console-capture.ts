import { CONSOLE_ARGUMENT_LIMIT, CONSOLE_CHAR_BUDGET, CONSOLE_LOG_LIMIT } from '../output-limits.ts';
import type { ConsoleEntry, LogLevel } from '../protocol.ts';
import { toDisplayValues } from './display-value.ts';
import type { SourceLocations } from './source-locations.ts';

/** Messages libraries print that the playground explains better as a notice. */
const EXPLAINED: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^AsyncLocalStorage not available$/,
    'MikroORM warns "AsyncLocalStorage not available": browsers have no AsyncLocalStorage, so MikroORM has no implicit request context here. Work on `orm.em.fork()` (the adapter always does).',
  ],
];

type ConsoleMethod = (...args: unknown[]) => void;

/**
 * Replaces `console` while the reader's code runs and turns each call into a Console entry
 * with the place in their TypeScript it came from.
 */
export class ConsoleCapture {
  readonly #locations: SourceLocations;
  readonly #emit: (entry: ConsoleEntry) => void;
  readonly #notice: (text: string) => void;
  readonly #now: () => number;
  #original: Partial<Record<keyof Console, unknown>> | undefined;
  #count = 0;
  #chars = 0;
  #dropped = 0;
  readonly #counters = new Map<string, number>();
  readonly #timers = new Map<string, number>();

  constructor(options: { locations: SourceLocations; now: () => number; emit: (entry: ConsoleEntry) => void; notice: (text: string) => void }) {
    this.#locations = options.locations;
    this.#now = options.now;
    this.#emit = options.emit;
    this.#notice = options.notice;
  }

  install(): void {
    if (this.#original) return;
    const target = globalThis.console as unknown as Record<string, unknown>;
    const original: Record<string, unknown> = {};
    const replace = (name: string, method: ConsoleMethod): void => {
      original[name] = target[name];
      target[name] = method;
    };
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) replace(level, (...args) => this.#log(level, args));
    replace('trace', (...args) => this.#log('log', args.length > 0 ? args : ['Trace']));
    replace('dir', (value) => this.#log('log', [value]));
    replace('table', (value) => this.#log('log', [value]));
    replace('assert', (condition, ...args) => {
      if (!condition) this.#log('error', ['Assertion failed', ...args]);
    });
    replace('count', (label = 'default') => {
      const count = (this.#counters.get(String(label)) ?? 0) + 1;
      this.#counters.set(String(label), count);
      this.#log('log', [`${String(label)}: ${count}`]);
    });
    replace('time', (label = 'default') => {
      this.#timers.set(String(label), this.#now());
    });
    replace('timeEnd', (label = 'default') => {
      const start = this.#timers.get(String(label));
      this.#timers.delete(String(label));
      this.#log(start === undefined ? 'warn' : 'log', [
        start === undefined ? `Timer "${String(label)}" does not exist` : `${String(label)}: ${(this.#now() - start).toFixed(3)} ms`,
      ]);
    });
    this.#original = original;
  }

  uninstall(): void {
    if (!this.#original) return;
    Object.assign(globalThis.console, this.#original);
    this.#original = undefined;
  }

  /** Starts counting a new run's entries. */
  reset(): void {
    this.#count = 0;
    this.#chars = 0;
    this.#dropped = 0;
    this.#counters.clear();
    this.#timers.clear();
  }

  /** How many entries were dropped over the limits (entries, characters) since reset(). */
  dropped(): number {
    return this.#dropped;
  }

  #log(level: LogLevel, args: unknown[]): void {
    const [first] = args;
    if (args.length === 1 && typeof first === 'string') {
      const explained = EXPLAINED.find(([pattern]) => pattern.test(first));
      if (explained) {
        this.#notice(explained[1]);
        return;
      }
    }
    // Checked before any work: a log in a loop of 100,000 costs a comparison per call past the limit.
    if (this.#count >= CONSOLE_LOG_LIMIT || this.#chars >= CONSOLE_CHAR_BUDGET) {
      this.#dropped++;
      return;
    }
    this.#count++;
    const shown =
      args.length > CONSOLE_ARGUMENT_LIMIT ? [...args.slice(0, CONSOLE_ARGUMENT_LIMIT), `… ${args.length - CONSOLE_ARGUMENT_LIMIT} more arguments`] : args;
    const { values, size } = toDisplayValues(shown);
    this.#chars += size;
    const at = this.#locations.firstUserLocation(new Error().stack);
    this.#emit({ kind: 'log', level, values, time: this.#now(), ...(at ? { at } : {}) });
  }
}
