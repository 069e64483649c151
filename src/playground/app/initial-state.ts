import { DEFAULT_ORM } from '../orm-registry.ts';
import { decodeState } from '../share/codec.ts';
import type { Autosave, LoadedWork } from '../store/autosave.ts';
import { sameState, type PlaygroundState } from '../store/state.ts';
import { defaultExample, exampleState } from './examples.ts';

export interface BootState {
  readonly state: PlaygroundState;
  readonly from: 'link' | 'autosave' | 'example';
  /** Why a link could not be opened. */
  readonly problem?: string;
  /** Whether to run the code on load. */
  readonly autorun: boolean;
  /** Why the code is not run on load (its last run froze the tab, or its result could not be shown). */
  readonly held?: string;
  /** The reader's own autosaved work when a link replaced it (kept, and offered back). */
  readonly displaced?: PlaygroundState;
}

/**
 * What the page opens with: a share link, else the autosave, else the default ORM's default example.
 * A link that cannot be opened leaves the autosave on screen, as a broken link on an open page
 * does: nothing of the reader's is replaced, however many broken links come in a row.
 */
export function initialState(hash: string, autosave: Autosave): BootState {
  const decoded = decodeState(hash);
  // A damaged entry is moved aside after the first paint (the page calls keepDamagedAside).
  const saved = autosave.load({ keepAsideLater: true });
  if (decoded.ok) {
    // The address bar carries the code on screen, so a plain reload comes this way too.
    if (saved && sameState(saved.state, decoded.state)) return fromAutosave(saved);
    return { state: decoded.state, from: 'link', autorun: true, ...(saved ? { displaced: saved.state } : {}) };
  }
  if (decoded.reason === 'empty') return saved ? fromAutosave(saved) : { state: exampleState(defaultExample(DEFAULT_ORM)), from: 'example', autorun: true };
  if (!saved) return { state: exampleState(defaultExample(DEFAULT_ORM)), from: 'example', autorun: true, problem: decoded.message };
  return { ...fromAutosave(saved), problem: `${withoutFallback(decoded.message)} Your code from last time is open instead.` };
}

/** The link's message without the codec's "The default example is loaded instead." */
export function withoutFallback(message: string): string {
  return message.replace(/ The default example is loaded instead\.$/, '');
}

function fromAutosave(saved: LoadedWork): BootState {
  const held =
    saved.unshownResult !== null
      ? `The last run's result could not be shown (${saved.unshownResult}), so the code was not run again. Press Run when ready.`
      : saved.interruptedRun
        ? 'Your last run did not finish (it may have frozen the tab), so the code was not run again. Press Run when ready.'
        : undefined;
  return { state: saved.state, from: 'autosave', autorun: held === undefined, ...(held ? { held } : {}) };
}
