import { ORM_LABELS } from '../protocol.ts';
import type { DisplacedHistory, DisplacedWork as Version } from '../store/displaced-history.ts';
import { sameState, type PlaygroundState } from '../store/state.ts';
import type { StatusKind } from './controls.ts';
import { exampleOf } from './examples.ts';
import type { Notices } from './notices.ts';
import { countText } from '../count-text.ts';

export interface DisplacedWorkHooks {
  /** The state on screen now. */
  current(): PlaygroundState;
  /** Puts a state on screen and runs it. */
  replace(state: PlaygroundState): void;
  status(message: string, kind: StatusKind): void;
}

/**
 * Code that a link, an example, Reset or a restore replaced on screen: kept in the history
 * (displaced-history.ts) and offered back in a note — the newest with one button, older ones
 * in a list. An unchanged example is never kept: nothing of the reader's would be lost, and it
 * would push real work out of the history.
 */
export class DisplacedWork {
  readonly #history: DisplacedHistory;
  readonly #notices: Notices;
  readonly #hooks: DisplacedWorkHooks;

  constructor(history: DisplacedHistory, notices: Notices, hooks: DisplacedWorkHooks) {
    this.#history = history;
    this.#notices = notices;
    this.#hooks = hooks;
  }

  /** Keeps `state`, which `by` (a phrase: "a link") is replacing, and offers it back with `message`. */
  displaced(state: PlaygroundState, by: string, message: string): void {
    if (!this.#keep(state, by)) return;
    this.offer(message);
  }

  /** Offers the kept versions back (nothing when there are none). */
  offer(message: string): void {
    const versions = this.#history.list();
    this.#notices.offerRestore(
      message,
      versions.map((version) => ({ label: describe(version), restore: () => this.restore(version) })),
    );
  }

  /** Brings `version` back; what it replaces on screen is kept in its turn. */
  restore(version: Version): void {
    const taken = this.#history.take(version.state);
    if (!taken) {
      this.#hooks.status('That code is no longer kept here (another tab may have restored it).', 'warning');
      return;
    }
    const current = this.#hooks.current();
    const kept = !sameState(current, taken.state) && this.#keep(current, 'a restore');
    this.#hooks.replace(taken.state);
    if (kept) this.offer('Your earlier code is back; the code it replaced is kept too.');
  }

  /** Whether `state` is now in the history. */
  #keep(state: PlaygroundState, by: string): boolean {
    if (exampleOf(state.orm, state.files)) return false;
    const kept = this.#history.keep(state, by);
    if (!kept.ok) this.#hooks.status(kept.message, 'error');
    else if (kept.dropped)
      this.#hooks.status(
        `The browser's storage for this site is full: the ${kept.dropped === 1 ? 'oldest kept version was' : `${kept.dropped} oldest kept versions were`} dropped to keep the code just replaced.`,
        'warning',
      );
    return kept.ok;
  }
}

/** "Sequelize: run.ts, user.ts (1,234 characters) — replaced by a link, 14:02:11" (the date too when not today). */
export function describe(version: Version, today = new Date()): string {
  const at = new Date(version.displacedAt);
  const sameDay = at.toDateString() === today.toDateString();
  const time = at.toLocaleTimeString('en-GB');
  const when = sameDay ? time : `${at.toLocaleDateString('en-GB')} ${time}`;
  const files = version.state.files.map((file) => file.name);
  const names = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
  const size = version.state.files.reduce((total, file) => total + file.code.length, 0);
  return `${ORM_LABELS[version.state.orm]}: ${names} (${countText(size)} characters) — replaced by ${version.by}, ${when}`;
}
