import { decodeState } from '../share/codec.ts';
import type { Autosave } from '../store/autosave.ts';
import { sameState, type PlaygroundState } from '../store/state.ts';
import { defaultExample, exampleState } from './examples.ts';

export interface BootState {
  readonly state: PlaygroundState;
  readonly from: 'link' | 'autosave' | 'example';
  /** Why a link could not be opened (the default example is shown instead). */
  readonly problem?: string;
  /** Whether to run the code on load: not when the last session's run never finished (a crash). */
  readonly autorun: boolean;
  /** The reader's own autosaved work when a link replaced it (offered back). */
  readonly previous?: PlaygroundState;
}

/** What the page opens with: a share link, else the autosave, else the Sequelize default example. */
export function initialState(hash: string, autosave: Autosave): BootState {
  const decoded = decodeState(hash);
  const saved = autosave.load();
  if (decoded.ok) {
    const previous = saved && !sameState(saved.state, decoded.state) ? saved.state : undefined;
    return { state: decoded.state, from: 'link', autorun: true, ...(previous ? { previous } : {}) };
  }
  const problem = decoded.reason === 'empty' ? undefined : decoded.message;
  if (saved && !problem) return { state: saved.state, from: 'autosave', autorun: !saved.interruptedRun };
  // A broken link shows the default example, as promised, and offers the saved work back.
  const previous = problem && saved ? saved.state : undefined;
  return { state: exampleState(defaultExample('sequelize')), from: 'example', autorun: true, ...(problem ? { problem } : {}), ...(previous ? { previous } : {}) };
}
