// The adapter implementation in the playground's state ("@adapter-lab" | "@auth (official)"):
// links, the autosave and sameState carry it; everything written before the choice opens on ours.
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, fromBase64Url, parseState } from '../../../src/playground/share/codec.ts';
import { createAutosave } from '../../../src/playground/store/autosave.ts';
import { sameState, type PlaygroundState } from '../../../src/playground/store/state.ts';
import { shareLink } from '../../support/share-links.ts';
import { MemoryStorage } from './memory-storage.ts';

const ours: PlaygroundState = {
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  files: [{ name: 'auth.ts', code: 'import SequelizeAdapter from "@auth/sequelize-adapter"\n' }],
  active: 'auth.ts',
  options: { freshDatabase: true },
};
const official: PlaygroundState = { ...ours, implementation: 'official' };

function payload(hash: string): string {
  const bytes = fromBase64Url(hash.slice(hash.indexOf('.') + 1));
  if (typeof bytes === 'number') throw new Error('not base64url');
  return new TextDecoder().decode(inflateSync(bytes));
}

describe('share links carry the adapter implementation', () => {
  it('round-trips the official choice, on each engine', () => {
    for (const state of [official, { ...official, engine: 'postgres' as const }])
      expect(decodeState(encodeState(state))).toEqual({ ok: true, state, version: 2 });
  });

  it('names it right after the engine (or the ORM), where the inline early-boot script reads it', () => {
    expect(payload(encodeState(official))).toMatch(/^\{"o":"sequelize","i":"official","f":/);
    expect(payload(encodeState({ ...official, orm: 'mikro-orm', engine: 'postgres' }))).toMatch(/^\{"o":"mikro-orm","e":"postgres","i":"official",/);
  });

  it('writes links of ours exactly as before the choice (no key)', () => {
    expect(encodeState(ours)).toBe(shareLink(2, { o: 'sequelize', f: ours.files.map((file) => [file.name, file.code]), a: 0, x: { fresh: 1 } }));
  });

  it('refuses an implementation it does not know, saying which it knows', () => {
    const result = decodeState(shareLink(2, { o: 'sequelize', i: 'forked', f: [['run.ts', '']], a: 0, x: { fresh: 1 } }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('its adapter must be ours or official');
  });
});

describe('parseState and the autosave', () => {
  it('reads a state without an implementation (an autosave from before the choice) as ours, and refuses an unknown one', () => {
    const { implementation: _implementation, ...old } = official;
    const parsed = parseState(old);
    expect(parsed.ok && parsed.state.implementation).toBe('ours');
    expect(parseState({ ...old, implementation: 'mine' })).toEqual({ ok: false, message: 'implementation must be ours or official' });
  });

  it('keeps the choice across sessions', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save(official);
    expect(createAutosave(storage).load()?.state).toEqual(official);
  });

  it('tells the same code with the two implementations apart', () => {
    expect(sameState(ours, { ...ours })).toBe(true);
    expect(sameState(ours, official)).toBe(false);
  });
});

describe('compare mode in links and the autosave', () => {
  const comparing: PlaygroundState = { ...ours, options: { freshDatabase: true, compare: true } };

  it('round-trips as `c: 1` in the options, absent when off (links from before it open without it)', () => {
    expect(payload(encodeState(comparing))).toContain('"x":{"fresh":1,"c":1}');
    expect(decodeState(encodeState(comparing))).toEqual({ ok: true, state: comparing, version: 2 });
    expect(payload(encodeState(ours))).toContain('"x":{"fresh":1}}');
    const refused = decodeState(shareLink(2, { o: 'sequelize', f: [['run.ts', '']], a: 0, x: { fresh: 1, c: 2 } }));
    expect(!refused.ok && refused.message).toContain('c must be 1 or absent');
  });

  it('is kept by the autosave and told apart by sameState', () => {
    const storage = new MemoryStorage();
    createAutosave(storage).save(comparing);
    expect(createAutosave(storage).load()?.state).toEqual(comparing);
    expect(sameState(ours, comparing)).toBe(false);
    expect(sameState(ours, { ...ours, options: { freshDatabase: true, compare: false } })).toBe(true);
  });
});
