// Autosave: work survives reloads and crashes, and no storage failure throws or loses it.
import { describe, expect, it } from 'vitest';
import { MAX_FILES, MAX_TOTAL_CODE } from '../../../src/playground/share/codec.ts';
import { createAutosave } from '../../../src/playground/store/autosave.ts';
import { MemoryStorage, domException } from './memory-storage.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';

const KEY = 'adapter-lab:playground';

class FullStorage extends MemoryStorage {
  readonly error: unknown;
  constructor(error: unknown) {
    super();
    this.error = error;
  }
  override setItem(): void {
    throw this.error;
  }
}

const work: PlaygroundState = {
  orm: 'mikro-orm',
  engine: 'sqlite',
  implementation: 'ours',
  active: 'entities.ts',
  options: { freshDatabase: false },
  files: [
    { name: 'run.ts', code: "import './entities.ts';\nconsole.log('😀');" },
    { name: 'entities.ts', code: 'export class User {}' },
  ],
};
const other: PlaygroundState = { ...work, orm: 'sequelize', active: 'run.ts', files: [{ name: 'run.ts', code: 'console.log(1);' }] };

describe('save and load', () => {
  it('restores what was saved, in a new session', () => {
    const storage = new MemoryStorage();
    expect(createAutosave(storage, KEY, () => 1234).save(work)).toEqual({ ok: true });
    const loaded = createAutosave(storage).load();
    expect(loaded).toEqual({ state: work, interruptedRun: false, unshownResult: null, savedAt: 1234 });
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toEqual({ format: 1, state: work, savedAt: 1234, running: false });
  });

  it('stores only the state, not whatever else the object carries', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save({ ...work, editor: { cursor: 3 } } as PlaygroundState);
    expect(Object.keys(JSON.parse(storage.getItem(KEY) ?? '{}').state).sort()).toEqual(['active', 'engine', 'files', 'implementation', 'options', 'orm']);
  });

  it('returns null when nothing is saved', () => {
    const autosave = createAutosave(new MemoryStorage());
    expect(autosave.load()).toBeNull();
    expect(autosave.lastError).toBeNull();
  });

  it('uses its own key', () => {
    const storage = new MemoryStorage();
    createAutosave(storage, 'other').save(other);
    createAutosave(storage).save(work);
    expect(createAutosave(storage, 'other').load()?.state).toEqual(other);
    expect(createAutosave(storage).load()?.state).toEqual(work);
  });
});

describe('corrupt entries', () => {
  const corrupt: Array<[string, string, RegExp]> = [
    ['not JSON', '{"format": 1, "state": {', /its stored data is damaged/],
    ['JSON but not an object', '42', /its stored data is damaged/],
    ['another format', JSON.stringify({ format: 7, state: work }), /format \(7\)/],
    ['an invalid state', JSON.stringify({ format: 1, state: { ...work, files: [] }, savedAt: 1, running: false }), /there are no files/],
    ['a bad file', JSON.stringify({ format: 1, state: { ...work, files: [{ name: '../x.ts', code: '' }] } }), /file 1 is named "..\/x.ts"/],
  ];
  for (const [title, text, message] of corrupt) {
    it(`returns null for ${title}, says why, and keeps the entry aside where saves never reach it`, () => {
      const storage = new MemoryStorage();
      storage.setItem(KEY, text);
      const autosave = createAutosave(storage, KEY, () => 42);
      expect(autosave.load()).toBeNull();
      expect(autosave.lastError).toMatch(/^The autosaved code could not be restored: /);
      expect(autosave.lastError).toMatch(message);
      const copy = autosave.damaged?.copy;
      expect(copy).toMatchObject({ problem: autosave.lastError, keptAt: 42, chars: text.length });
      expect(autosave.damaged?.text).toBe(text);
      expect(storage.getItem(copy?.key ?? '')).toBe(text);
      expect(storage.getItem(KEY)).toBeNull();
      // Run flags write nothing (nothing was loaded), and later saves go to the autosave's own key.
      expect(autosave.runStarted()).toEqual({ ok: true });
      expect(autosave.runFinished()).toEqual({ ok: true });
      expect(autosave.save(work)).toEqual({ ok: true });
      expect(autosave.keptAside()).toEqual([copy]);
      expect(autosave.keptAsideText(copy!)).toBe(text);
      // The next session finds the copy listed still.
      const next = createAutosave(storage);
      expect(next.load()?.state).toEqual(work);
      expect(next.damaged).toBeNull();
      expect(next.keptAside()).toEqual([copy]);
    });
  }

  it('keeps an oversized entry (4.5 MB) aside whole', () => {
    const huge = JSON.stringify({
      format: 1,
      state: { ...work, files: [{ name: 'run.ts', code: 'x'.repeat(4_500_000) }], active: 'run.ts' },
      savedAt: 1,
      running: false,
    });
    const storage = new MemoryStorage();
    storage.setItem(KEY, huge);
    const autosave = createAutosave(storage);
    expect(autosave.load()).toBeNull();
    expect(autosave.lastError).toMatch(/the code is 4,500,000 characters in total; the playground holds up to 300,000/);
    expect(storage.getItem(autosave.damaged?.copy?.key ?? '')).toBe(huge);
  });

  it('with keepAsideLater, moves the entry only when asked, and the saves made meanwhile wait for it', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, 'not json');
    const autosave = createAutosave(storage);
    expect(autosave.load({ keepAsideLater: true })).toBeNull();
    expect(autosave.damaged).toMatchObject({ text: 'not json', copy: null });
    expect(autosave.save(work).ok).toBe(true);
    expect(autosave.runStarted(work).ok).toBe(true);
    // Nothing written over it yet, nothing kept aside yet.
    expect(storage.getItem(KEY)).toBe('not json');
    expect(autosave.keptAside()).toEqual([]);
    autosave.keepDamagedAside();
    const copy = autosave.damaged?.copy;
    expect(copy && autosave.keptAsideText(copy)).toBe('not json');
    // The save that waited is the latest one: the work, marked running.
    expect(JSON.parse(storage.getItem(KEY)!)).toMatchObject({ format: 1, state: work, running: true });
    autosave.keepDamagedAside();
    expect(autosave.keptAside()).toHaveLength(1);
  });

  it('keeps a second damaged entry beside the first, and deletes one only when asked', () => {
    const storage = new MemoryStorage();
    let time = 1;
    storage.setItem(KEY, 'first');
    const one = createAutosave(storage, KEY, () => time++);
    one.load();
    one.save(work);
    storage.setItem(KEY, 'second');
    const two = createAutosave(storage, KEY, () => time++);
    two.load();
    const copies = two.keptAside();
    expect(copies.map((copy) => two.keptAsideText(copy))).toEqual(['first', 'second']);
    two.discardKeptAside(copies[0]!);
    expect(two.keptAside().map((copy) => two.keptAsideText(copy))).toEqual(['second']);
    expect(storage.getItem(copies[0]!.key)).toBeNull();
  });

  it('leaves a damaged entry in place and pauses saving when it cannot be moved aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, 'not json');
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key, value) => {
      if (key.startsWith(`${KEY}:kept-aside:`)) throw domException('QuotaExceededError', 22);
      setItem(key, value);
    };
    const autosave = createAutosave(storage);
    expect(autosave.load()).toBeNull();
    expect(autosave.damaged).toMatchObject({ text: 'not json', copy: null });
    const saved = autosave.save(work);
    expect(!saved.ok && saved.message).toMatch(/^Autosave is paused: .*would overwrite it/);
    expect(storage.getItem(KEY)).toBe('not json');
    expect(autosave.keptAside()).toEqual([]);
  });

  it('returns null when reading storage itself throws', () => {
    const storage = new MemoryStorage();
    storage.getItem = () => {
      throw domException('SecurityError', 18);
    };
    const autosave = createAutosave(storage);
    expect(autosave.load()).toBeNull();
    expect(autosave.lastError).toMatch(/^Autosave is off: this browser does not let the playground store data \(/);
  });
});

describe('storage that refuses', () => {
  it('reports a full storage and does not throw', () => {
    for (const error of [domException('QuotaExceededError', 22), domException('NS_ERROR_DOM_QUOTA_REACHED', 1014), domException('Error', 22)]) {
      const result = createAutosave(new FullStorage(error)).save(work);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/storage for this site is full/);
    }
  });

  it('reports a real DOMException by its name', () => {
    const result = createAutosave(new FullStorage(new DOMException('denied', 'SecurityError'))).save(work);
    expect(!result.ok && result.message).toMatch(/^Autosave is off: this browser does not let the playground store data \(site data is blocked/);
  });

  it('reports other failures with their message', () => {
    const result = createAutosave(new FullStorage(new Error('disk on fire'))).save(work);
    expect(!result.ok && result.message).toContain('disk on fire');
  });

  it('works without storage at all', () => {
    const autosave = createAutosave(null);
    const saved = autosave.save(work);
    expect(saved.ok).toBe(false);
    expect(!saved.ok && saved.message).toMatch(/^Autosave is off: this browser does not let the playground store data \(.+\)\./);
    expect(autosave.load()).toBeNull();
    expect(autosave.runStarted(work).ok).toBe(false);
    expect(autosave.keptAside()).toEqual([]);
  });
});

describe('interrupted runs', () => {
  it('reports a run that never finished, e.g. an infinite loop that froze the tab', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.save(work);
    expect(tab.runStarted()).toEqual({ ok: true });
    // The tab is killed here: runFinished never comes.
    const next = createAutosave(storage).load();
    expect(next).toMatchObject({ state: work, interruptedRun: true });
  });

  it('does not report a run that finished', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.save(work);
    tab.runStarted();
    tab.runFinished();
    expect(createAutosave(storage).load()?.interruptedRun).toBe(false);
  });

  it('saves the code being run along with the flag', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.save(work);
    tab.runStarted(other);
    expect(createAutosave(storage).load()).toMatchObject({ state: other, interruptedRun: true });
  });

  it('keeps the flag through saves during the run, and in later sessions until the code is run or changed', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.runStarted(work);
    tab.save(other);
    const next = createAutosave(storage);
    expect(next.load()).toMatchObject({ state: other, interruptedRun: true });
    // Reloading (which saves the same code) must not make the next load run it.
    next.save(other);
    const third = createAutosave(storage);
    expect(third.load()?.interruptedRun).toBe(true);
    third.save({ ...other, files: [{ name: 'run.ts', code: 'console.log(2);' }] });
    expect(createAutosave(storage).load()?.interruptedRun).toBe(false);
  });

  it('clears the flag once the reader runs the code and its result is shown', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).runStarted(work);
    const next = createAutosave(storage);
    next.load();
    next.runStarted();
    expect(createAutosave(storage).load()?.interruptedRun).toBe(true);
    next.runFinished();
    expect(createAutosave(storage).load()?.interruptedRun).toBe(false);
  });

  it('marks the loaded work when the page runs it without saving first', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save(work);
    const page = createAutosave(storage);
    page.load();
    page.runStarted();
    expect(createAutosave(storage).load()?.interruptedRun).toBe(true);
  });

  it('writes nothing for a run before anything was saved or loaded, then flags the first save', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.runStarted();
    expect(storage.writes).toBe(0);
    tab.save(work);
    expect(createAutosave(storage).load()?.interruptedRun).toBe(true);
  });
});

describe('results that could not be shown', () => {
  it('are remembered with their reason, so the next load does not run the code again', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.runStarted(work);
    expect(tab.resultNotShown('Cannot read properties of undefined')).toEqual({ ok: true });
    const next = createAutosave(storage);
    expect(next.load()).toMatchObject({ state: work, interruptedRun: false, unshownResult: 'Cannot read properties of undefined' });
    next.save(work);
    expect(createAutosave(storage).load()?.unshownResult).toBe('Cannot read properties of undefined');
    next.runStarted();
    next.runFinished();
    expect(createAutosave(storage).load()?.unshownResult).toBeNull();
  });

  it('go with the code: other code saved afterwards is not marked', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.runStarted(work);
    tab.resultNotShown('boom');
    tab.save(other);
    expect(createAutosave(storage).load()?.unshownResult).toBeNull();
  });
});

describe('sizes', () => {
  const sized = (length: number, files = 1): PlaygroundState => ({
    ...other,
    files: Array.from({ length: files }, (_, i) => ({ name: i === 0 ? 'run.ts' : `f${i}.ts`, code: i === 0 ? 'x'.repeat(length) : '' })),
  });

  it('saves exactly what loads: up to 300,000 characters of code', () => {
    const storage = new MemoryStorage();
    expect(createAutosave(storage).save(sized(MAX_TOTAL_CODE))).toEqual({ ok: true });
    expect(createAutosave(storage).load()?.state).toEqual(sized(MAX_TOTAL_CODE));
  });

  it('pauses rather than saving code it could not load, keeping the last code that fits', () => {
    for (const state of [sized(MAX_TOTAL_CODE + 1), sized(1, MAX_FILES + 1)]) {
      const storage = new MemoryStorage();
      const autosave = createAutosave(storage);
      autosave.save(work);
      const saved = autosave.save(state);
      expect(!saved.ok && saved.message).toMatch(
        /^Autosave is paused: (the code is 300,001 characters in total|there are 31 files); the playground holds up to [\d,]+, so it could not be loaded again\./,
      );
      // A run of it marks the last code that fits, which is what a reload would bring back.
      autosave.runStarted(state);
      expect(createAutosave(storage).load()).toMatchObject({ state: work, interruptedRun: true });
    }
  });
});
