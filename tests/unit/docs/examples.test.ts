// Every docs example (src/docs/examples/) compiles against the playground's type bundle and
// runs on its ORM over sql.js in Node, through the playground's own runtime and module map —
// the code a reader opens with "Open in playground" — and leaves the tables and columns its
// example.json promises. A broken example fails CI.
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocsExamples, type DocsExample } from '../../../src/docs/build/docs-examples.ts';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { createSession } from '../playground/support.ts';

const examples = await buildDocsExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

async function run(example: DocsExample): Promise<Outcome> {
  const session = await createSession(example.orm, example.engine);
  sessions.push(session);
  return session.run(example.compiled, entryFile(example));
}

/** The type of an error Auth.js logged (`[auth][error] Verification: …`), from a console entry. */
const authErrorType = (entry: Outcome['console'][number]): string | undefined => {
  if (entry.kind !== 'log' || entry.level !== 'error' || entry.values[0]?.type !== 'string') return undefined;
  return /^\[auth\]\[error\] (\w+):/.exec(JSON.parse(entry.values[0].preview) as string)?.[1];
};

// Errors Auth.js logs for what the example provokes on purpose (expect.authErrors) are no problem.
// So are the adapter calls it makes throw on purpose (expect.callErrors), which must then throw.
const problems = (outcome: Outcome, expected: readonly string[] = [], callErrors: readonly string[] = []): string[] => [
  ...(outcome.error
    ? [`${outcome.error.name}: ${outcome.error.message}${outcome.error.at ? ` (${outcome.error.at.file}:${outcome.error.at.line})` : ''}`]
    : []),
  ...outcome.console.flatMap((entry) =>
    entry.kind === 'error'
      ? [`${entry.error.name}: ${entry.error.message}`]
      : entry.kind === 'log' && entry.level === 'error' && !expected.includes(authErrorType(entry) ?? '')
        ? ['console.error in the example']
        : [],
  ),
  ...outcome.calls.flatMap((call) => (call.error && !callErrors.includes(call.method) ? [`${call.method}: ${call.error.message}`] : [])),
];

it('there are docs examples for both ORMs', () => {
  expect(new Set(examples.map((example) => example.orm))).toEqual(new Set(['sequelize', 'mikro-orm']));
});

describe.each(examples.map((example) => [example.id, example] as const))('docs example %s', (_id, example) => {
  it(`${example.expect.error ? 'ends with the error it shows' : 'runs without an error'} and leaves the tables, columns and rows it promises`, async () => {
    const outcome = await run(example);
    const found = problems(outcome, example.expect.authErrors, example.expect.callErrors);
    for (const method of example.expect.callErrors)
      expect(
        outcome.calls.some((call) => call.method === method && call.error),
        `${method} throws`,
      ).toBe(true);
    if (example.expect.error) {
      // The one error it shows on purpose, and nothing else.
      expect(found.length, found.join('\n')).toBeGreaterThan(0);
      for (const problem of found) expect(problem).toContain(example.expect.error);
      expect(outcome.ok).toBe(false);
    } else {
      expect(found).toEqual([]);
      expect(outcome.ok).toBe(true);
    }
    expect(outcome.console.flatMap((entry) => authErrorType(entry) ?? [])).toEqual(example.expect.authErrors);
    for (const [table, columns] of Object.entries(example.expect.tables)) {
      const view = outcome.tables.find((candidate) => candidate.name === table);
      expect(view, `table ${table} (tables: ${outcome.tables.map((each) => each.name).join(', ')})`).toBeDefined();
      for (const column of columns) expect(view!.columns, `${table}.${column}`).toContain(column);
    }
    for (const [table, count] of Object.entries(example.expect.rows)) {
      const live = outcome.tables.find((candidate) => candidate.name === table)?.rows.filter((row) => row.status !== 'deleted').length;
      expect(live, `live rows in ${table}`).toBe(count);
    }
  });
});
