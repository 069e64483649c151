// Autosave: work survives reloads and crashes, and no storage failure throws or loses it.
import { describe, expect, it } from 'vitest';
import { createAutosave, type AutosaveStorage } from '../../../src/playground/store/autosave.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';

const KEY = 'adapter-lab:playground';

class MemoryStorage implements AutosaveStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** What browsers throw: a DOMException is not always an Error subclass across realms, so duck-typed. */
function domException(name: string, code = 0): { name: string; code: number; message: string } {
  return { name, code, message: `The operation failed (${name}).` };
}

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
    expect(loaded).toEqual({ state: work, interruptedRun: false, savedAt: 1234 });
    expect(JSON.parse(storage.getItem(KEY) ?? '')).toEqual({ format: 1, state: work, savedAt: 1234, running: false });
  });

  it('stores only the state, not whatever else the object carries', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save({ ...work, editor: { cursor: 3 } } as PlaygroundState);
    expect(Object.keys(JSON.parse(storage.getItem(KEY) ?? '{}').state).sort()).toEqual(['active', 'files', 'options', 'orm']);
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
    it(`returns null for ${title}, says why, and leaves the entry alone`, () => {
      const storage = new MemoryStorage();
      storage.setItem(KEY, text);
      const autosave = createAutosave(storage);
      expect(autosave.load()).toBeNull();
      expect(autosave.lastError).toMatch(/^The autosaved code could not be restored: /);
      expect(autosave.lastError).toMatch(message);
      // Run flags must not overwrite the entry either: the page decides what happens to it.
      expect(autosave.runStarted()).toEqual({ ok: true });
      expect(autosave.runFinished()).toEqual({ ok: true });
      expect(storage.getItem(KEY)).toBe(text);
    });
  }

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
    expect(autosave.keepPrevious(work).ok).toBe(false);
    expect(autosave.takePrevious()).toBeNull();
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

  it('keeps the flag through saves during the run, and clears it in the next session once it saves', () => {
    const storage = new MemoryStorage();
    const tab = createAutosave(storage);
    tab.runStarted(work);
    tab.save(other);
    const next = createAutosave(storage);
    expect(next.load()).toMatchObject({ state: other, interruptedRun: true });
    next.save(other);
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

describe('the previous-work slot', () => {
  it('keeps the reader\'s work aside and gives it back once', () => {
    const storage = new MemoryStorage();
    const page = createAutosave(storage);
    expect(page.keepPrevious(work)).toEqual({ ok: true });
    page.save(other);
    expect(storage.items.has(`${KEY}:previous`)).toBe(true);
    const later = createAutosave(storage);
    expect(later.load()?.state).toEqual(other);
    expect(later.takePrevious()).toEqual(work);
    expect(later.takePrevious()).toBeNull();
    expect(storage.items.has(`${KEY}:previous`)).toBe(false);
  });

  it('returns null for a corrupt previous entry, says why, and clears it', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${KEY}:previous`, 'not json');
    const autosave = createAutosave(storage);
    expect(autosave.takePrevious()).toBeNull();
    expect(autosave.lastError).toMatch(/damaged/);
    expect(storage.items.has(`${KEY}:previous`)).toBe(false);
  });

  it('reports a full storage when keeping', () => {
    const result = createAutosave(new FullStorage(domException('QuotaExceededError', 22))).keepPrevious(work);
    expect(!result.ok && result.message).toMatch(/full/);
  });
});
