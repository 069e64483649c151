// The official Auth.js docs' adapter snippets pasted into auth.ts, run as written through the
// playground session (no run.ts): Auth.js starts, its first request creates the tables, and the
// custom model's phoneNumber and the custom entity's role columns are there.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { OFFICIAL_SNIPPETS } from '../../support/official-auth-snippets.ts';
import { compile, createSession, files } from './support.ts';

let session: PlaygroundSession | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

describe.each(OFFICIAL_SNIPPETS.map((snippet) => [snippet.name, snippet] as const))('%s', (_name, snippet) => {
  it('runs as written and shows the tables and columns', { timeout: 60_000 }, async () => {
    session = await createSession(snippet.orm);
    const outcome = await session.run(await compile(snippet.orm, files({ 'auth.ts': snippet.auth })), 'auth.ts');
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.console.filter((entry) => entry.kind === 'error' || (entry.kind === 'log' && entry.level === 'error'))).toEqual([]);
    expect(outcome.auth?.sessionStrategy).toBe('database');
    // The first request the playground makes for a configured Auth.js: one session lookup.
    expect(outcome.calls.map((call) => [call.method, call.error?.message])).toEqual([['getSessionAndUser', undefined]]);
    for (const [table, columns] of Object.entries(snippet.tables)) {
      const view = outcome.tables.find((candidate) => candidate.name === table);
      expect(view, `table ${table} (tables: ${outcome.tables.map((each) => each.name).join(', ')})`).toBeDefined();
      expect(view!.columns).toEqual(expect.arrayContaining([...columns]));
    }
  });
});
