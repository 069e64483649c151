/**
 * Tasks run one at a time, in the order they were added. A task that throws does not stop the
 * ones after it (its own caller sees the error).
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  /** Tasks added and not yet finished (the running one included). */
  get size(): number {
    return this.#waiting;
  }

  add<T>(task: () => Promise<T>): Promise<T> {
    this.#waiting++;
    const result = this.#tail.then(task);
    this.#tail = result
      .catch(() => undefined)
      .finally(() => {
        this.#waiting--;
      });
    return result;
  }
}
