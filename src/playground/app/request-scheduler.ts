import { SerialQueue } from './serial-queue.ts';

/** A task's turn: its Stop signal, and whether the code on screen is still the code it was for. */
export interface Turn {
  readonly signal: AbortSignal;
  current(): boolean;
}

/**
 * When the page's requests to the runtime run. One at a time, in order (runs, adapter calls,
 * flows, imports never overlap); at most one run waits, and it takes the code on screen when
 * its turn comes, so pressing Run while code runs never queues the same code twice, and never
 * loses an edit. Replacing the code on screen (an example, a link, an ORM switch) makes every
 * task queued or running for the old code stale: it may finish, but shows nothing. Stop drops
 * whatever waits and aborts the task in flight.
 */
export class RequestScheduler<State> {
  readonly #queue = new SerialQueue();
  readonly #same: (a: State, b: State) => boolean;
  readonly #onIdle: () => void;
  #runQueued = false;
  #running: { readonly generation: number; readonly state: State } | undefined;
  #generation = 0;
  #stops = 0;
  #abort: AbortController | undefined;

  /** `onIdle`: the last task ended, whatever became of it. */
  constructor(same: (a: State, b: State) => boolean, onIdle: () => void) {
    this.#same = same;
    this.#onIdle = onIdle;
  }

  /** Counts replacements of the code on screen: equal before and after a wait, nothing replaced it. */
  get generation(): number {
    return this.#generation;
  }

  /** The run in flight (an opaque token), if any. */
  get running(): object | undefined {
    return this.#running;
  }

  /** Queues a run of the state `take()` gives when its turn comes. */
  queueRun(take: () => State, run: (state: State, turn: Turn) => Promise<void>): void {
    if (this.#runQueued) return;
    const running = this.#running;
    if (running && running.generation === this.#generation && this.#same(running.state, take())) return;
    this.#runQueued = true;
    const stops = this.#stops;
    void this.#queue.add(async () => {
      this.#runQueued = false;
      if (stops !== this.#stops) return;
      const state = take();
      this.#running = { generation: this.#generation, state };
      try {
        await this.#turn(this.#generation, (turn) => run(state, turn));
      } finally {
        this.#running = undefined;
      }
    });
  }

  /** Queues a request for the code on screen now; dropped (undefined) when that code is replaced first. */
  queue<T>(task: (turn: Turn) => Promise<T>): Promise<T | undefined> {
    const generation = this.#generation;
    const stops = this.#stops;
    return this.#queue.add(async () => (generation !== this.#generation || stops !== this.#stops ? undefined : this.#turn(generation, task)));
  }

  /** Other code is on screen now: what was queued or running for the old code goes stale. */
  replaced(): void {
    this.#generation++;
  }

  stop(): void {
    this.#stops++;
    this.#runQueued = false;
    this.#abort?.abort();
  }

  async #turn<T>(generation: number, task: (turn: Turn) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      return await task({ signal: abort.signal, current: () => generation === this.#generation });
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
      // This task still counts in the queue's size until it has settled.
      if (this.#queue.size <= 1) this.#onIdle();
    }
  }
}
