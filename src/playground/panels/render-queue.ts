/**
 * Draws big results in slices, so that the page answers input whatever a run produced: work
 * whose cost (in table cells) fits the synchronous budget is done at once — small results
 * appear complete in the same task, as before — and the rest in later tasks of at most
 * TASK_BUDGET cells each. While slices wait, the host carries `data-rendering="true"`.
 */

/** Cells drawn in the task that asked for them. */
export const SYNC_BUDGET = 3_000;
/** Cells drawn per later task: well under the 200 ms long-task budget on a slow machine. */
export const TASK_BUDGET = 1_500;

export interface RenderJob {
  readonly cost: number;
  run(): void;
}

export class RenderQueue {
  readonly #host: HTMLElement;
  readonly #jobs: RenderJob[] = [];
  #syncLeft = SYNC_BUDGET;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  /** Runs `job` now if it fits what is left of this task's budget and nothing waits, else later. */
  add(job: RenderJob): void {
    if (this.#jobs.length === 0 && job.cost <= this.#syncLeft) {
      this.#syncLeft -= job.cost;
      job.run();
      return;
    }
    this.#jobs.push(job);
    this.#schedule();
  }

  /** Forgets waiting work (the panel is drawn anew) and gives the next drawing a fresh budget. */
  cancel(): void {
    this.#jobs.length = 0;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#syncLeft = SYNC_BUDGET;
    delete this.#host.dataset['rendering'];
  }

  /** A new input (a click) gets a fresh synchronous budget: its answer should appear at once. */
  refill(): void {
    if (this.#jobs.length === 0) this.#syncLeft = SYNC_BUDGET;
  }

  #schedule(): void {
    this.#host.dataset['rendering'] = 'true';
    this.#timer ??= setTimeout(() => this.#drain(), 0);
  }

  #drain(): void {
    this.#timer = undefined;
    let spent = 0;
    // At least one job per task, however big: jobs are sliced to TASK_BUDGET by their makers.
    while (this.#jobs.length > 0 && (spent === 0 || spent + this.#jobs[0]!.cost <= TASK_BUDGET)) {
      const job = this.#jobs.shift()!;
      spent += job.cost;
      job.run();
    }
    if (this.#jobs.length > 0) this.#schedule();
    else {
      this.#syncLeft = SYNC_BUDGET;
      delete this.#host.dataset['rendering'];
    }
  }
}
