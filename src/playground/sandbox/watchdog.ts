/**
 * Whether a request to the runtime worker should be stopped: its worker stopped answering (no
 * sign of life for a while), or it ran past the time limit. The checks run on the page's main
 * thread, which can itself be busy (rendering a big result, another tab's work): while it is,
 * the worker's heartbeats wait in the page's queue and a check that runs first would blame the
 * worker. So a check that comes late judges nothing — the next punctual one does, once the
 * queued heartbeats have been seen — and the time limit counts only time the page could observe.
 * Pure (the caller passes the clock), so it is tested in Node.
 */

/** How often the page checks on a request. */
export const CHECK_INTERVAL_MS = 100;
/** No sign of life for this long while a request runs: the worker is stuck in synchronous code. */
export const STUCK_AFTER_MS = 1_500;
/** No run, call or flow may run longer than this, even one that keeps the worker responsive. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;
/**
 * Loading a database file is one synchronous step in the worker (no heartbeat until it is
 * done), so an import is judged by its time limit only.
 */
export const IMPORT_TIME_LIMIT_MS = 30_000;
/** A check later than this after the previous one means the page's own thread was held up. */
const LATE_AFTER_MS = 2 * CHECK_INTERVAL_MS;

export type RequestType = 'run' | 'call' | 'flow' | 'load-database' | 'read-value' | 'export-database';

export interface WatchdogPolicy {
  /** null: the request cannot send heartbeats, so silence proves nothing. */
  readonly stuckAfterMs: number | null;
  readonly timeLimitMs: number;
}

export function policyFor(type: RequestType, timeLimitMs = DEFAULT_TIME_LIMIT_MS): WatchdogPolicy {
  if (type === 'load-database') return { stuckAfterMs: null, timeLimitMs: Math.max(timeLimitMs, IMPORT_TIME_LIMIT_MS) };
  // Reading a whole value is one synchronous query (no heartbeat), bounded by its size limit.
  if (type === 'read-value') return { stuckAfterMs: null, timeLimitMs };
  // PGlite's dump is one long call into its WebAssembly: no heartbeat while it runs.
  if (type === 'export-database') return { stuckAfterMs: null, timeLimitMs: Math.max(timeLimitMs, IMPORT_TIME_LIMIT_MS) };
  return { stuckAfterMs: STUCK_AFTER_MS, timeLimitMs };
}

export type Verdict = { readonly kind: 'stuck'; readonly wallMs: number } | { readonly kind: 'time-limit'; readonly limitMs: number; readonly wallMs: number };

export class Watchdog {
  readonly #policy: WatchdogPolicy;
  readonly #started: number;
  #lastSign: number;
  #lastCheck: number;
  /** Time the page could observe since the start: stalls of its own count as one interval. */
  #observed = 0;
  #previousLate = false;
  /** The page is downloading something the worker waits for: that time is not the code's. */
  #paused = false;

  constructor(policy: WatchdogPolicy, now: number) {
    this.#policy = policy;
    this.#started = now;
    this.#lastSign = now;
    this.#lastCheck = now;
  }

  /**
   * While the page downloads what the worker asked for (Auth.js's script), the time limit does
   * not count: a slow connection is not the code's doing. The worker still beats meanwhile (it
   * only awaits the answer), so a stall is still judged.
   */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  /** A message from the worker arrived: it is alive. */
  sign(now: number): void {
    this.#lastSign = Math.max(this.#lastSign, now);
  }

  /**
   * `throttled`: the page is hidden, so the browser delays its timers but not its messages —
   * a late check then is not a stall, and the time it waited counts.
   */
  check(now: number, throttled = false): Verdict | undefined {
    const gap = now - this.#lastCheck;
    this.#lastCheck = now;
    const late = gap > LATE_AFTER_MS && !throttled;
    const previousLate = this.#previousLate;
    this.#previousLate = late;
    if (!this.#paused) this.#observed += late ? CHECK_INTERVAL_MS : gap;
    const wallMs = now - this.#started;
    // After a stall, what the worker sent meanwhile (heartbeats, even its result) may still be
    // queued behind this check: the next check judges, once it has been seen. A page that
    // stalls before every check still had turns between them, so the time limit holds there.
    const overTime = this.#observed > this.#policy.timeLimitMs;
    if (overTime && (!late || previousLate)) return { kind: 'time-limit', limitMs: this.#policy.timeLimitMs, wallMs };
    if (late) return undefined;
    const stuck = this.#policy.stuckAfterMs !== null && now - this.#lastSign > this.#policy.stuckAfterMs;
    return stuck ? { kind: 'stuck', wallMs } : undefined;
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** The page's words for a stopped request (status line and Console). */
export function stopMessage(verdict: Verdict, type: RequestType): string {
  if (type === 'load-database') {
    return `Stopped after ${seconds(verdict.wallMs)} s: the database file took too long to load (the limit is ${(verdict.kind === 'time-limit' ? verdict.limitMs : IMPORT_TIME_LIMIT_MS) / 1000} s). The runtime was restarted with the database as it was; your code is unchanged.`;
  }
  if (type === 'read-value') {
    return `Stopped after ${seconds(verdict.wallMs)} s: reading the whole value took too long. The runtime was restarted with the database as it was; your code is unchanged.`;
  }
  if (verdict.kind === 'stuck') {
    return `Stopped after ${seconds(verdict.wallMs)} s: the code stopped responding (an endless loop?). The runtime was restarted; your code is unchanged.`;
  }
  return `Stopped: still running after ${verdict.limitMs / 1000} s, the playground's time limit (code that keeps awaiting queries or timers runs until then). The runtime was restarted; your code is unchanged.`;
}
