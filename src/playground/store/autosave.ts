/**
 * Autosave: the reader's work survives reloads, crashes and closed tabs. Synchronous and
 * timer-free (the page decides when to save); every storage call is guarded, because storage
 * can be missing, blocked, full, or hold anything at all.
 */
import { parseState } from '../share/codec.ts';
import type { PlaygroundState } from './state.ts';

export type AutosaveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SaveResult = { ok: true } | { ok: false; message: string };

export interface LoadedWork {
  readonly state: PlaygroundState;
  /** The last session saved while a run was going and never saw it end: it may have frozen the tab. */
  readonly interruptedRun: boolean;
  readonly savedAt: number;
}

export interface Autosave {
  /** The saved work, or null (nothing saved, or unreadable: see `lastError`). Never writes. */
  load(): LoadedWork | null;
  save(state: PlaygroundState): SaveResult;
  /** Marks the stored work as running (saving `state` first when given, which should be the code being run). */
  runStarted(state?: PlaygroundState): SaveResult;
  runFinished(): SaveResult;
  /** Sets aside the reader's own work before a share link replaces it. */
  keepPrevious(state: PlaygroundState): SaveResult;
  /** The work set aside by `keepPrevious`, removed from storage; null when there is none. */
  takePrevious(): PlaygroundState | null;
  /** Why the last `load`/`takePrevious` found nothing usable, or null. */
  readonly lastError: string | null;
}

/** What is stored under the key; `format` lets a later playground read (or migrate) old entries. */
interface Entry {
  format: 1;
  state: PlaygroundState;
  savedAt: number;
  running: boolean;
}

/** `localStorage`, or null where merely touching it throws (blocked site data, some sandboxes). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Where the playground keeps its autosave (early-boot.ts reads the ORM from it too). */
export const AUTOSAVE_KEY = 'adapter-lab:playground';

export function createAutosave(storage: AutosaveStorage | null, key = AUTOSAVE_KEY, now: () => number = Date.now): Autosave {
  const previousKey = `${key}:previous`;
  let lastError: string | null = null;
  let running = false;
  // The entry this session last read or wrote, so run flags can be set without re-reading storage.
  let current: Entry | null = null;

  const write = (target: string, entry: Entry): SaveResult => {
    if (!storage) return { ok: false, message: unavailable('no storage is available — a private window or blocked site data can cause this') };
    try {
      storage.setItem(target, JSON.stringify(entry));
      return { ok: true };
    } catch (error) {
      return { ok: false, message: storageProblem(error) };
    }
  };

  const read = (target: string): { entry: Entry } | { error: string } | null => {
    if (!storage) return null;
    let text: string | null;
    try {
      text = storage.getItem(target);
    } catch (error) {
      return { error: storageProblem(error) };
    }
    if (text === null) return null;
    return parseEntry(text);
  };

  const entryFor = (state: PlaygroundState): Entry => ({ format: 1, state: plain(state), savedAt: now(), running });

  const setRunning = (value: boolean, state?: PlaygroundState): SaveResult => {
    running = value;
    if (state) current = entryFor(state);
    else if (current) current = { ...current, running };
    // Nothing saved or loaded yet: nothing to mark; the flag rides along with the next save.
    return current ? write(key, current) : { ok: true };
  };

  return {
    load() {
      lastError = null;
      const found = read(key);
      if (found === null) return null;
      if ('error' in found) {
        lastError = found.error;
        return null;
      }
      current = found.entry;
      return { state: found.entry.state, interruptedRun: found.entry.running, savedAt: found.entry.savedAt };
    },
    save(state) {
      current = entryFor(state);
      return write(key, current);
    },
    runStarted: (state) => setRunning(true, state),
    runFinished: () => setRunning(false),
    keepPrevious(state) {
      return write(previousKey, { format: 1, state: plain(state), savedAt: now(), running: false });
    },
    takePrevious() {
      lastError = null;
      const found = read(previousKey);
      try {
        storage?.removeItem(previousKey);
      } catch {
        // Left behind, it is just offered again later; nothing is lost.
      }
      if (found === null) return null;
      if ('error' in found) {
        lastError = found.error;
        return null;
      }
      return found.entry.state;
    },
    get lastError() {
      return lastError;
    },
  };
}

function parseEntry(text: string): { entry: Entry } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'The autosaved code could not be restored: its stored data is damaged.' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'The autosaved code could not be restored: its stored data is damaged.' };
  const record = value as Record<string, unknown>;
  if (record['format'] !== 1) {
    return { error: `The autosaved code could not be restored: it was saved in a format (${String(record['format'])}) this playground does not read.` };
  }
  const parsed = parseState(record['state']);
  if (!parsed.ok) return { error: `The autosaved code could not be restored: ${parsed.message}.` };
  const savedAt = typeof record['savedAt'] === 'number' ? record['savedAt'] : 0;
  return { entry: { format: 1, state: parsed.state, savedAt, running: record['running'] === true } };
}

/** Only the state's own data: a caller's object may carry more, and must not end up in storage. */
function plain(state: PlaygroundState): PlaygroundState {
  return {
    orm: state.orm,
    files: state.files.map((file) => ({ name: file.name, code: file.code })),
    active: state.active,
    options: { freshDatabase: state.options.freshDatabase },
  };
}

function unavailable(why: string): string {
  return `Autosave is off: this browser does not let the playground store data (${why}). Copy a share link to keep your work.`;
}

function storageProblem(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  // Firefox used its own name for a full storage; old WebKit only set the legacy code 22.
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22) {
    return 'Autosave is paused: the browser\'s storage for this site is full. Your code is still here; copy a share link to keep it, or free space by clearing other site data.';
  }
  if (name === 'SecurityError') return unavailable('site data is blocked in the browser\'s settings');
  const detail = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
  return `Autosave failed: ${detail}. Copy a share link to keep your work.`;
}
