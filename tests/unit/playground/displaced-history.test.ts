// Work replaced on screen is kept, several versions deep, until the reader brings it back.
import { describe, expect, it } from 'vitest';
import { MAX_TOTAL_CODE } from '../../../src/playground/share/codec.ts';
import { createAutosave } from '../../../src/playground/store/autosave.ts';
import { DISPLACED_LIMIT, createDisplacedHistory } from '../../../src/playground/store/displaced-history.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';
import { MemoryStorage, domException } from './memory-storage.ts';

const KEY = 'adapter-lab:playground';

function version(n: number): PlaygroundState {
  return {
    orm: 'sequelize',
    engine: 'sqlite',
    implementation: 'ours',
    active: 'run.ts',
    options: { freshDatabase: true },
    files: [{ name: 'run.ts', code: `console.log(${n});` }],
  };
}

function clock(start = 1000): () => number {
  let time = start;
  return () => time++;
}

describe('the displaced-work history', () => {
  it('keeps the last five versions, newest first, with when and what replaced them', () => {
    const storage = new MemoryStorage();
    const history = createDisplacedHistory(storage, KEY, clock());
    for (let n = 1; n <= 7; n++) expect(history.keep(version(n), n % 2 ? 'a link' : 'the example')).toEqual({ ok: true });
    const list = createDisplacedHistory(storage, KEY).list();
    expect(list.map((entry) => entry.state)).toEqual([7, 6, 5, 4, 3].map(version));
    expect(list.map((entry) => entry.displacedAt)).toEqual([1006, 1005, 1004, 1003, 1002]);
    expect(list[0]?.by).toBe('a link');
    expect(list).toHaveLength(DISPLACED_LIMIT);
  });

  it('does not duplicate identical work: it moves up with its new time', () => {
    const history = createDisplacedHistory(new MemoryStorage(), KEY, clock());
    history.keep(version(1), 'a link');
    history.keep(version(2), 'a link');
    history.keep(version(1), 'Reset');
    expect(history.list().map((entry) => [entry.state, entry.by])).toEqual([
      [version(1), 'Reset'],
      [version(2), 'a link'],
    ]);
  });

  it('gives back any entry once, leaving the others', () => {
    const history = createDisplacedHistory(new MemoryStorage(), KEY, clock());
    for (const n of [1, 2, 3]) history.keep(version(n), 'a link');
    expect(history.take(version(1))?.state).toEqual(version(1));
    expect(history.take(version(3))?.by).toBe('a link');
    expect(history.list().map((entry) => entry.state)).toEqual([version(2)]);
    expect(history.take(version(3))).toBeNull();
  });

  it('refuses work it could not load again', () => {
    const history = createDisplacedHistory(new MemoryStorage(), KEY);
    const result = history.keep({ ...version(1), files: [{ name: 'run.ts', code: 'x'.repeat(MAX_TOTAL_CODE + 1) }] }, 'a link');
    expect(!result.ok && result.message).toMatch(/^The replaced code was not kept: the code is 300,001 characters/);
    expect(history.list()).toEqual([]);
  });

  it('drops the oldest versions, and says how many, when the storage is full', () => {
    const storage = new MemoryStorage();
    const history = createDisplacedHistory(storage, KEY, clock());
    for (const n of [1, 2, 3]) history.keep(version(n), 'a link');
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      if (JSON.parse(value).entries?.length > 2) throw domException('QuotaExceededError', 22);
      setItem(key, value);
    };
    expect(history.keep(version(4), 'a link')).toEqual({ ok: true, dropped: 2 });
    expect(history.list().map((entry) => entry.state)).toEqual([version(4), version(3)]);
  });

  it('folds the single slot of earlier playgrounds in', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${KEY}:previous`, JSON.stringify({ format: 1, state: version(9), savedAt: 5, running: false }));
    const history = createDisplacedHistory(storage, KEY, clock());
    history.keep(version(1), 'a link');
    expect(history.list().map((entry) => [entry.state, entry.displacedAt])).toEqual([
      [version(1), 1000],
      [version(9), 5],
    ]);
    expect(storage.getItem(`${KEY}:previous`)).toBeNull();
  });

  it("keeps a damaged history aside (listed with the autosave's), and starts a new one", () => {
    const storage = new MemoryStorage();
    storage.setItem(`${KEY}:displaced`, '{"format":1,"entries":[{"state":{}}]}');
    const history = createDisplacedHistory(storage, KEY, clock());
    expect(history.list()).toEqual([]);
    history.keep(version(1), 'a link');
    const autosave = createAutosave(storage);
    const [copy] = autosave.keptAside();
    expect(copy?.problem).toMatch(/could not be read: its stored data is damaged/);
    expect(autosave.keptAsideText(copy!)).toBe('{"format":1,"entries":[{"state":{}}]}');
    expect(history.list().map((entry) => entry.state)).toEqual([version(1)]);
  });
});
