import type { ConsoleEntry } from '../protocol.ts';

/** Entries posted one by one per heartbeat period before the rest wait for the heartbeat. */
export const IMMEDIATE_ENTRIES = 20;

/**
 * Console entries on their way to the page. The first few of each heartbeat period go at once,
 * so the last lines before an endless synchronous loop (which no timer interrupts) still reach
 * the page; a flood past them waits for the next heartbeat and goes as one message.
 */
export class ProgressBatch {
  readonly #post: (entries: readonly ConsoleEntry[]) => void;
  #waiting: ConsoleEntry[] = [];
  #sentThisPeriod = 0;

  constructor(post: (entries: readonly ConsoleEntry[]) => void) {
    this.#post = post;
  }

  add(entry: ConsoleEntry): void {
    if (this.#waiting.length === 0 && this.#sentThisPeriod < IMMEDIATE_ENTRIES) {
      this.#sentThisPeriod++;
      this.#post([entry]);
    } else {
      this.#waiting.push(entry);
    }
  }

  /** What waits (possibly nothing), for the heartbeat or the outcome to carry; starts a new period. */
  take(): ConsoleEntry[] {
    const entries = this.#waiting;
    this.#waiting = [];
    this.#sentThisPeriod = 0;
    return entries;
  }
}
