/**
 * Autosave: the reader's work survives reloads, crashes and closed tabs. Synchronous and
 * timer-free (the page decides when to save). It never loses work: an entry it cannot read is
 * kept aside (kept-aside.ts), never overwritten; it saves only what it can load again; and code
 * whose last run froze the tab, or whose result could not be shown, is not run again on load.
 */
import { parseState } from '../share/codec.ts';
import { createKeptAside, type KeptAsideCopy } from './kept-aside.ts';
import type { PlaygroundState } from './state.ts';
import { sameState } from './state.ts';
import { readText, removeKey, writeText, type AutosaveStorage, type SaveResult } from './storage.ts';

export { browserStorage, type AutosaveStorage, type SaveResult } from './storage.ts';
export type { KeptAsideCopy } from './kept-aside.ts';

export interface LoadedWork {
  readonly state: PlaygroundState;
  /** A run of this code started and never ended: it may have frozen the tab. */
  readonly interruptedRun: boolean;
  /** Why the last run's result could not be shown, or null. */
  readonly unshownResult: string | null;
  readonly savedAt: number;
}

/** An entry `load` could not read: moved aside, or (when even that failed) left where it was. */
export interface DamagedAutosave {
  readonly problem: string;
  readonly text: string;
  /** Null when it could not be moved: it stays under the autosave's key, and saving is paused. */
  readonly copy: KeptAsideCopy | null;
}

export interface Autosave {
  /**
   * The saved work, or null (nothing saved, or unreadable: see `lastError` and `damaged`).
   * An unreadable entry is moved aside at once, or with `keepAsideLater` only when
   * `keepDamagedAside()` is called (moving megabytes is a long task a page can run after its
   * first paint); saves wait for it meanwhile, so nothing overwrites the entry.
   */
  load(options?: { keepAsideLater?: boolean }): LoadedWork | null;
  /** Moves aside the damaged entry `load({ keepAsideLater: true })` found, then makes the save that waited. */
  keepDamagedAside(): void;
  /** Saves `state`, unless it is more than the playground loads (then nothing is written). */
  save(state: PlaygroundState): SaveResult;
  /** Marks the stored work as running (saving `state` first when given, which should be the code being run). */
  runStarted(state?: PlaygroundState): SaveResult;
  /** The run's result is on screen. */
  runFinished(): SaveResult;
  /** The run ended but its result could not be shown: the next load does not run it again. */
  resultNotShown(reason: string): SaveResult;
  /** Why the last `load` found nothing usable, or null. */
  readonly lastError: string | null;
  /** What the last `load` found damaged, or null. */
  readonly damaged: DamagedAutosave | null;
  /** Every copy kept aside so far (this session's and earlier ones), oldest first. */
  keptAside(): KeptAsideCopy[];
  keptAsideText(copy: KeptAsideCopy): string | null;
  discardKeptAside(copy: KeptAsideCopy): void;
  /** Deletes a damaged entry that could not be moved aside (if it is still there), which resumes saving. */
  discardDamaged(): void;
}

/**
 * What is stored under the key; `format` lets a later playground read (or migrate) old entries.
 * `unshown` is optional, so entries of earlier playgrounds read as they are.
 */
interface Entry {
  format: 1;
  state: PlaygroundState;
  savedAt: number;
  running: boolean;
  unshown?: string;
}

/** A warning about one exact state, which holds until that state is run again or changed. */
interface Caution {
  readonly state: PlaygroundState;
  readonly interrupted: boolean;
  readonly unshown: string | null;
}

/** Where the playground keeps its autosave (early-boot.ts reads the ORM from it too). */
export const AUTOSAVE_KEY = 'adapter-lab:playground';

export function createAutosave(storage: AutosaveStorage | null, key = AUTOSAVE_KEY, now: () => number = Date.now): Autosave {
  const aside = createKeptAside(storage, key, now);
  let lastError: string | null = null;
  let damaged: DamagedAutosave | null = null;
  // A run of this session is under way.
  let running = false;
  let caution: Caution | null = null;
  // The state last written or read, so run flags can be set without re-reading storage.
  let current: { state: PlaygroundState; savedAt: number } | null = null;
  // A damaged entry still where it was found, to be moved aside; the latest save waits for that.
  let keepPending = false;
  let waitingSave = false;

  const write = (state: PlaygroundState, savedAt: number): SaveResult => {
    if (keepPending) {
      waitingSave = true;
      return { ok: true };
    }
    if (damaged && !damaged.copy) {
      return {
        ok: false,
        message:
          'Autosave is paused: the autosave that could not be restored could not be moved aside either, and saving would overwrite it. Download or delete it (see the note above the results).',
      };
    }
    const cautious = caution && sameState(caution.state, state) ? caution : null;
    const entry: Entry = {
      format: 1,
      state,
      savedAt,
      running: running || (cautious?.interrupted ?? false),
      ...(cautious?.unshown ? { unshown: cautious.unshown } : {}),
    };
    return writeText(storage, key, JSON.stringify(entry));
  };

  const setFlags = (state?: PlaygroundState): SaveResult => {
    // Code over the limits is not saved (see save): the flags go on the last code that fits.
    const checked = state ? parseState(plain(state)) : null;
    if (checked?.ok) current = { state: checked.state, savedAt: now() };
    // Nothing saved or loaded yet: nothing to mark; the flags ride along with the next save.
    return current ? write(current.state, current.savedAt) : { ok: true };
  };

  const keepAside = (): void => {
    if (!damaged || damaged.copy) return;
    const kept = aside.keep(key, damaged.text, damaged.problem);
    if (kept.ok) damaged = { ...damaged, copy: kept.copy };
  };

  return {
    load(options) {
      lastError = null;
      damaged = null;
      keepPending = false;
      const text = readText(storage, key);
      if (text === null) return null;
      if (typeof text !== 'string') {
        lastError = text.error;
        return null;
      }
      const parsed = parseEntry(text);
      if ('error' in parsed) {
        lastError = parsed.error;
        damaged = { problem: parsed.error, text, copy: null };
        if (options?.keepAsideLater) keepPending = true;
        else keepAside();
        return null;
      }
      const { entry } = parsed;
      current = { state: entry.state, savedAt: entry.savedAt };
      caution = entry.running || entry.unshown ? { state: entry.state, interrupted: entry.running, unshown: entry.unshown ?? null } : null;
      return { state: entry.state, interruptedRun: entry.running, unshownResult: entry.unshown ?? null, savedAt: entry.savedAt };
    },
    keepDamagedAside() {
      if (!keepPending) return;
      keepPending = false;
      keepAside();
      if (waitingSave && current) {
        waitingSave = false;
        write(current.state, current.savedAt);
      }
    },
    save(state) {
      const checked = parseState(plain(state));
      if (!checked.ok) {
        return {
          ok: false,
          message: `Autosave is paused: ${checked.message}, so it could not be loaded again. The last code that fits is kept; copy a share link or shorten the code.`,
        };
      }
      current = { state: checked.state, savedAt: now() };
      return write(current.state, current.savedAt);
    },
    runStarted(state) {
      running = true;
      // The reader runs it: earlier warnings about this code have been seen.
      caution = null;
      return setFlags(state);
    },
    runFinished() {
      running = false;
      return setFlags();
    },
    resultNotShown(reason) {
      running = false;
      if (current) caution = { state: current.state, interrupted: false, unshown: reason };
      return setFlags();
    },
    get lastError() {
      return lastError;
    },
    get damaged() {
      return damaged;
    },
    keptAside: () => aside.list(),
    keptAsideText: (copy) => aside.text(copy),
    discardKeptAside(copy) {
      aside.discard(copy);
    },
    discardDamaged() {
      if (!damaged || damaged.copy) return;
      if (readText(storage, key) === damaged.text) removeKey(storage, key);
      damaged = null;
    },
  };
}

function parseEntry(text: string): { entry: Entry } | { error: string } {
  const damagedData = { error: 'The autosaved code could not be restored: its stored data is damaged.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return damagedData;
  }
  if (typeof value !== 'object' || value === null) return damagedData;
  const record = value as Record<string, unknown>;
  if (record['format'] !== 1) {
    return { error: `The autosaved code could not be restored: it was saved in a format (${String(record['format'])}) this playground does not read.` };
  }
  const parsed = parseState(record['state']);
  if (!parsed.ok) return { error: `The autosaved code could not be restored: ${parsed.message}.` };
  const savedAt = typeof record['savedAt'] === 'number' ? record['savedAt'] : 0;
  const unshown = typeof record['unshown'] === 'string' && record['unshown'] !== '' ? record['unshown'] : undefined;
  return { entry: { format: 1, state: parsed.state, savedAt, running: record['running'] === true, ...(unshown ? { unshown } : {}) } };
}

/** Only the state's own data: a caller's object may carry more, and must not end up in storage. */
export function plain(state: PlaygroundState): PlaygroundState {
  return {
    orm: state.orm,
    engine: state.engine,
    implementation: state.implementation,
    files: state.files.map((file) => ({ name: file.name, code: file.code })),
    active: state.active,
    options: { freshDatabase: state.options.freshDatabase, ...(state.options.compare ? { compare: true } : {}) },
  };
}
