import type { Autosave } from '../store/autosave.ts';
import type { PlaygroundState } from '../store/state.ts';

/**
 * The autosave's marks around a run. A run is marked finished only once its result is painted:
 * a result whose drawing freezes the tab leaves the run marked, so a reload does not run the code
 * again; one whose drawing throws is marked as not shown, with the reason. Each run has a number,
 * so a late mark of an older run cannot clear a newer one's.
 */
export class RunMarks {
  readonly #autosave: Autosave;
  #latest = 0;

  constructor(autosave: Autosave) {
    this.#autosave = autosave;
  }

  started(state: PlaygroundState): number {
    this.#autosave.runStarted(state);
    return ++this.#latest;
  }

  /** The run ended and shows nothing (its code was replaced on screen). */
  dropped(run: number): void {
    if (run === this.#latest) this.#autosave.runFinished();
  }

  /**
   * Draws the run's result with `draw`; the run is marked finished once that is on screen.
   * Returns null, or (when drawing threw) the status line that says so.
   */
  show(run: number, draw: () => void): string | null {
    try {
      draw();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#autosave.resultNotShown(reason);
      return `The code ran, but its result could not be shown: ${reason}. A reload will not run this code again; press Run to try once more.`;
    }
    afterPaint(() => {
      if (run === this.#latest) this.#autosave.runFinished();
    });
    return null;
  }
}

/**
 * Calls `then` once what the page has drawn so far is on screen: a task queued from an
 * animation frame runs after that frame's paint. A hidden page paints nothing: at once there.
 */
function afterPaint(then: () => void): void {
  if (document.visibilityState === 'hidden') {
    then();
    return;
  }
  requestAnimationFrame(() => setTimeout(then, 0));
}
