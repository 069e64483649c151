/**
 * Stored data the playground could not read (a damaged or oversized autosave) is never
 * overwritten: it moves to a key of its own, listed in a small index, until the reader
 * downloads or deletes it.
 */
import { readText, removeKey, writeText, type AutosaveStorage } from './storage.ts';

export interface KeptAsideCopy {
  readonly key: string;
  /** Why it could not be read, as a sentence. */
  readonly problem: string;
  readonly keptAt: number;
  readonly chars: number;
}

export interface KeptAside {
  /** Copies kept aside so far, oldest first. */
  list(): KeptAsideCopy[];
  /** The raw text of a copy, or null when it is gone. */
  text(copy: KeptAsideCopy): string | null;
  /** Moves `text` away from `from` (where it was found); on failure it stays at `from`, untouched. */
  keep(from: string, text: string, problem: string): { ok: true; copy: KeptAsideCopy } | { ok: false; message: string };
  discard(copy: KeptAsideCopy): void;
}

export function createKeptAside(storage: AutosaveStorage | null, base: string, now: () => number): KeptAside {
  const indexKey = `${base}:kept-aside`;

  const list = (): KeptAsideCopy[] => {
    const text = readText(storage, indexKey);
    if (typeof text !== 'string') return [];
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.filter(isCopy) : [];
    } catch {
      // A damaged index loses only the list; the copies themselves stay under their keys.
      return [];
    }
  };

  return {
    list,
    text(copy) {
      const text = readText(storage, copy.key);
      return typeof text === 'string' ? text : null;
    },
    keep(from, text, problem) {
      const copies = list();
      const keptAt = now();
      let key = `${indexKey}:${keptAt}`;
      for (let n = 2; copies.some((copy) => copy.key === key); n++) key = `${indexKey}:${keptAt}-${n}`;
      const copy: KeptAsideCopy = { key, problem, keptAt, chars: text.length };
      const indexed = writeText(storage, indexKey, JSON.stringify([...copies, copy]));
      if (!indexed.ok) return indexed;
      // Removed first: an entry near the storage quota could not exist twice.
      removeKey(storage, from);
      const moved = writeText(storage, key, text);
      if (moved.ok) return { ok: true, copy };
      // It fitted where it was, so it fits there again.
      writeText(storage, from, text);
      writeText(storage, indexKey, JSON.stringify(copies));
      return moved;
    },
    discard(copy) {
      removeKey(storage, copy.key);
      writeText(storage, indexKey, JSON.stringify(list().filter((other) => other.key !== copy.key)));
    },
  };
}

function isCopy(value: unknown): value is KeptAsideCopy {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['key'] === 'string' && typeof record['problem'] === 'string' && typeof record['keptAt'] === 'number' && typeof record['chars'] === 'number'
  );
}
