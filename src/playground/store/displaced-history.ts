/**
 * Work that something else replaced on screen (a link, an example, Reset, a restore): the last
 * few versions, newest first, each with when and why, until the reader brings one back. One
 * slot was not enough: a second link used to overwrite the first one's displaced work.
 */
import { parseState } from '../share/codec.ts';
import { plain } from './autosave.ts';
import { createKeptAside } from './kept-aside.ts';
import { sameState, type PlaygroundState } from './state.ts';
import { readText, removeKey, STORAGE_FULL, writeText, type AutosaveStorage, type SaveResult } from './storage.ts';

export const DISPLACED_LIMIT = 5;

export interface DisplacedWork {
  readonly state: PlaygroundState;
  readonly displacedAt: number;
  /** What replaced it, as a phrase: "a link", "the example", … */
  readonly by: string;
}

export type KeepResult = SaveResult & { readonly dropped?: number };

export interface DisplacedHistory {
  /** Newest first. */
  list(): DisplacedWork[];
  /** Adds `state` on top; an identical state already kept moves up instead of appearing twice. */
  keep(state: PlaygroundState, by: string): KeepResult;
  /** Removes and returns the entry holding `state` (states in the history are unique), or null. */
  take(state: PlaygroundState): DisplacedWork | null;
}

export function createDisplacedHistory(storage: AutosaveStorage | null, key: string, now: () => number = Date.now): DisplacedHistory {
  const historyKey = `${key}:displaced`;
  // The single slot of earlier playgrounds, folded into the history the first time it is read.
  const previousKey = `${key}:previous`;
  const aside = createKeptAside(storage, key, now);

  const store = (entries: readonly DisplacedWork[]): SaveResult => writeText(storage, historyKey, JSON.stringify({ format: 1, entries }));

  const read = (): DisplacedWork[] => {
    const text = readText(storage, historyKey);
    let entries: DisplacedWork[] = [];
    if (typeof text === 'string') {
      const parsed = parseHistory(text);
      // Unreadable: kept aside for the reader (never overwritten), and a new history starts.
      if (parsed === null)
        aside.keep(historyKey, text, 'The code kept from before a link or example replaced it could not be read: its stored data is damaged.');
      else entries = parsed;
    }
    const previous = readText(storage, previousKey);
    if (typeof previous === 'string') {
      const old = parseWork(safeJson(previous), 'something else');
      if (old === null) {
        aside.keep(previousKey, previous, 'The code kept from before a link replaced it could not be read: its stored data is damaged.');
      } else {
        const merged = entries.some((entry) => sameState(entry.state, old.state)) ? entries : [...entries, old].sort(newestFirst).slice(0, DISPLACED_LIMIT);
        // The old slot goes only once the history holds its work.
        if (store(merged).ok) {
          removeKey(storage, previousKey);
          entries = merged;
        }
      }
    }
    return entries;
  };

  return {
    list: read,
    keep(state, by) {
      const checked = parseState(plain(state));
      if (!checked.ok) return { ok: false, message: `The replaced code was not kept: ${checked.message}.` };
      const entry: DisplacedWork = { state: checked.state, displacedAt: now(), by };
      let entries = [entry, ...read().filter((other) => !sameState(other.state, entry.state))].slice(0, DISPLACED_LIMIT);
      let dropped = 0;
      for (;;) {
        const saved = store(entries);
        if (saved.ok || saved.message !== STORAGE_FULL || entries.length === 1) return saved.ok ? { ok: true, ...(dropped > 0 ? { dropped } : {}) } : saved;
        // Full storage: older versions make room for the one just replaced.
        entries = entries.slice(0, -1);
        dropped++;
      }
    },
    take(state) {
      const entries = read();
      const entry = entries.find((candidate) => sameState(candidate.state, state));
      if (!entry) return null;
      store(entries.filter((other) => other !== entry));
      return entry;
    },
  };
}

/** The entries, or null when the text is not a history this playground wrote. */
function parseHistory(text: string): DisplacedWork[] | null {
  const value = safeJson(text);
  if (typeof value !== 'object' || value === null || (value as Record<string, unknown>)['format'] !== 1) return null;
  const entries = (value as Record<string, unknown>)['entries'];
  if (!Array.isArray(entries)) return null;
  const parsed = entries.map((entry) => parseWork(entry));
  return parsed.every((entry) => entry !== null) ? parsed.sort(newestFirst).slice(0, DISPLACED_LIMIT) : null;
}

/** An entry of the history, or an autosave-shaped entry of the old single slot (`by` given). */
function parseWork(value: unknown, by?: string): DisplacedWork | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const state = parseState(record['state']);
  if (!state.ok) return null;
  const at = record[by === undefined ? 'displacedAt' : 'savedAt'];
  const reason = by ?? record['by'];
  if (typeof reason !== 'string') return null;
  return { state: state.state, displacedAt: typeof at === 'number' ? at : 0, by: reason };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function newestFirst(a: DisplacedWork, b: DisplacedWork): number {
  return b.displacedAt - a.displacedAt;
}
