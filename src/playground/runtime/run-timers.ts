type Handle = ReturnType<typeof setTimeout>;
type Callback = (...args: unknown[]) => void;
type Starter = (callback: unknown, delay?: number, ...args: unknown[]) => Handle;

const realSetTimeout = globalThis.setTimeout.bind(globalThis) as unknown as Starter;
const realSetInterval = globalThis.setInterval.bind(globalThis) as unknown as Starter;
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const realClearInterval = globalThis.clearInterval.bind(globalThis);

/** The tracker whose code is running now (a run, or a callback of one of its timers). */
let active: RunTimers | undefined;
let installed = false;

function track(real: Starter, once: boolean): Starter {
  return (callback, delay, ...args) => {
    const owner = active;
    if (!owner || typeof callback !== 'function') return real(callback, delay, ...args);
    let handle: Handle | undefined;
    const wrapped = function (this: unknown, ...callArgs: unknown[]): void {
      if (once && handle !== undefined) owner.live.delete(handle);
      const previous = active;
      active = owner;
      try {
        (callback as Callback).apply(this, callArgs);
      } finally {
        active = previous;
      }
    };
    handle = real(wrapped, delay, ...args);
    owner.live.add(handle);
    return handle;
  };
}

/** Replaces the global timer functions once per realm (every session shares the wrappers). */
function install(): void {
  if (installed) return;
  installed = true;
  globalThis.setTimeout = track(realSetTimeout, true) as unknown as typeof setTimeout;
  globalThis.setInterval = track(realSetInterval, false) as unknown as typeof setInterval;
  globalThis.clearTimeout = ((handle: Handle | undefined) => {
    if (handle !== undefined) active?.live.delete(handle);
    realClearTimeout(handle);
  }) as typeof clearTimeout;
  globalThis.clearInterval = ((handle: Handle | undefined) => {
    if (handle !== undefined) active?.live.delete(handle);
    realClearInterval(handle);
  }) as typeof clearInterval;
}

/**
 * Keeps track of the timers the reader's code (and the libraries it drives) starts, so that the
 * next run can cancel the last one's: a forgotten `setInterval` must not keep writing into a
 * database that belongs to a finished run. Only timers started inside a run are tracked —
 * including those their callbacks start later — never the host's own (a test runner's, say).
 */
export class RunTimers {
  /** The host's own setTimeout, never tracked. */
  static readonly setTimeout = realSetTimeout;
  readonly live = new Set<Handle>();

  constructor() {
    install();
  }

  /** Runs `work` with the timers it starts tracked. */
  async tracked<T>(work: () => Promise<T>): Promise<T> {
    const previous = active;
    active = this;
    try {
      return await work();
    } finally {
      active = previous;
    }
  }

  cancelAll(): void {
    for (const handle of this.live) {
      realClearTimeout(handle);
      realClearInterval(handle);
    }
    this.live.clear();
  }
}
