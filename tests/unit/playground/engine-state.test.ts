// The database engine in the playground's state: links, the autosave and sameState carry it,
// and everything written before the engine choice still opens — on SQLite, as it did.
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, fromBase64Url, parseState } from '../../../src/playground/share/codec.ts';
import { createAutosave } from '../../../src/playground/store/autosave.ts';
import { sameState, type PlaygroundState } from '../../../src/playground/store/state.ts';
import { encodeStateV1, shareLink } from '../../support/share-links.ts';
import { MemoryStorage } from './memory-storage.ts';

const sqlite: PlaygroundState = {
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  files: [
    { name: 'auth.ts', code: "export const dialect = 'postgres';\n" },
    { name: 'run.ts', code: "import './auth.ts';\nconsole.log(1);\n" },
  ],
  active: 'auth.ts',
  options: { freshDatabase: true },
};
const postgres: PlaygroundState = { ...sqlite, engine: 'postgres' };

/** The JSON a link carries. */
function payload(hash: string): string {
  const bytes = fromBase64Url(hash.slice(hash.indexOf('.') + 1));
  if (typeof bytes === 'number') throw new Error('not base64url');
  return new TextDecoder().decode(inflateSync(bytes));
}

describe('share links carry the engine', () => {
  it('round-trips a PostgreSQL state in format 2', () => {
    const hash = encodeState(postgres);
    expect(hash).toMatch(/^2\./);
    expect(decodeState(hash)).toEqual({ ok: true, state: postgres, version: 2 });
  });

  it('names the engine right after the ORM, where the inline early-boot script reads both', () => {
    expect(payload(encodeState(postgres))).toMatch(/^\{"o":"sequelize","e":"postgres",/);
    expect(payload(encodeState({ ...postgres, orm: 'mikro-orm' })).slice(0, 48)).toMatch(/^\{"o":"mikro-orm","e":"postgres"/);
  });

  it('writes SQLite links exactly as before the engine choice (no engine key)', () => {
    const hash = encodeState(sqlite);
    expect(payload(hash)).toMatch(/^\{"o":"sequelize","f":/);
    const { engine: _engine, ...withoutEngine } = sqlite;
    const before = shareLink(2, { o: withoutEngine.orm, f: sqlite.files.map((file) => [file.name, file.code]), a: 0, x: { fresh: 1 } });
    expect(hash).toBe(before);
  });

  it('opens older links on SQLite: format 1, and format 2 without an engine', () => {
    const v1 = decodeState(encodeStateV1(postgres));
    expect(v1.ok && v1.state.engine).toBe('sqlite');
    const v2 = decodeState(shareLink(2, { o: 'mikro-orm', f: [['run.ts', 'console.log(1)']], a: 0, x: { fresh: 0 } }));
    expect(v2.ok && v2.state).toEqual({
      orm: 'mikro-orm',
      engine: 'sqlite',
      implementation: 'ours',
      files: [{ name: 'run.ts', code: 'console.log(1)' }],
      active: 'run.ts',
      options: { freshDatabase: false },
    });
  });

  it('refuses an engine it does not know, saying which it knows', () => {
    const result = decodeState(shareLink(2, { o: 'sequelize', e: 'oracle', f: [['run.ts', '']], a: 0, x: { fresh: 1 } }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('its database must be sqlite or postgres');
    expect(!result.ok && result.reason).toBe('invalid');
  });
});

describe('parseState and the autosave', () => {
  it('reads a state without an engine (an autosave from before the choice) as SQLite', () => {
    const { engine: _engine, ...old } = postgres;
    const parsed = parseState(old);
    expect(parsed.ok && parsed.state.engine).toBe('sqlite');
    expect(parseState({ ...old, engine: 'mysql' })).toEqual({ ok: false, message: 'engine must be sqlite or postgres' });
  });

  it('keeps the engine across sessions', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save(postgres);
    expect(createAutosave(storage).load()?.state).toEqual(postgres);
  });

  it('opens an autosave entry written before the engine choice on SQLite', () => {
    const storage = new MemoryStorage();
    const { engine: _engine, ...old } = postgres;
    storage.setItem('adapter-lab:playground', JSON.stringify({ format: 1, state: old, savedAt: 1, running: false }));
    const loaded = createAutosave(storage).load();
    expect(loaded?.state).toEqual(sqlite);
    expect(loaded?.interruptedRun).toBe(false);
  });
});

describe('sameState', () => {
  it('tells the same code on two engines apart', () => {
    expect(sameState(sqlite, { ...sqlite })).toBe(true);
    expect(sameState(sqlite, postgres)).toBe(false);
  });
});

describe('docs examples carry their engine', () => {
  it('reads "engine" from example.json (SQLite when absent) and refuses an unknown one', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { readExamples } = await import('../../../src/playground/build/read-examples.ts');
    const dir = `${mkdtempSync(join(tmpdir(), 'examples-'))}/`;
    const write = (id: string, json: object): void => {
      mkdirSync(join(dir, id));
      writeFileSync(join(dir, id, 'example.json'), JSON.stringify({ title: id, orm: 'sequelize', description: '', files: ['run.ts'], ...json }));
      writeFileSync(join(dir, id, 'run.ts'), 'console.log(1);\n');
    };
    write('on-postgres', { engine: 'postgres' });
    write('on-sqlite', {});
    const examples = readExamples(dir, { requireDefaults: false });
    expect(Object.fromEntries(examples.map((example) => [example.id, example.engine]))).toEqual({ 'on-postgres': 'postgres', 'on-sqlite': 'sqlite' });
    write('on-oracle', { engine: 'oracle' });
    expect(() => readExamples(dir, { requireDefaults: false })).toThrow(/on-oracle\/example\.json: engine must be one of sqlite, postgres/);
  });

  it('"Open in playground" opens the example on its engine', async () => {
    const { playgroundLink } = await import('../../../src/docs/build/docs-examples.ts');
    const open = (engine: 'sqlite' | 'postgres') => {
      const link = playgroundLink({ ...postgres, engine, compare: false });
      expect(link).toMatch(/^\/playground\/#2\./);
      const decoded = decodeState(link.slice(link.indexOf('#')));
      return decoded.ok ? decoded.state.engine : null;
    };
    expect(open('postgres')).toBe('postgres');
    expect(open('sqlite')).toBe('sqlite');
  });
});
