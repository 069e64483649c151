// The docs' compare-mode examples ("compare": true in example.json) show live the differences the
// migration pages document: each is run with our adapter and with the published package through
// the playground's sessions, and the comparison must list every difference its expect.differences names.
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocsExamples } from '../../../src/docs/build/docs-examples.ts';
import { compareOutcomes } from '../../../src/playground/compare/compare-outcomes.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { createSession } from '../playground/support.ts';

const examples = (await buildDocsExamples()).filter((example) => example.compare);
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

describe.each(examples.map((example) => [example.id, example] as const))('compare example %s', (_id, example) => {
  it('shows each difference it documents', async () => {
    const [ours, official] = await Promise.all(
      (['ours', 'official'] as const).map((implementation) => createSession(example.orm, example.engine, implementation)),
    );
    sessions.push(ours!, official!);
    const a = await ours!.run(example.compiled, entryFile(example));
    const b = await official!.run(example.compiled, entryFile(example));
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    const comparison = compareOutcomes(a, b, [ours!.versions.adapter, official!.versions.adapter]);
    const subjects = comparison.rows.map((row) => row.subject.replace(/^\d+\. /, ''));
    for (const expected of example.expect.differences) expect(subjects, `${expected} in the Compare panel`).toContain(expected);
    expect(example.expect.differences.length).toBeGreaterThan(0);
  });
});

it('has compare examples for both ORMs', () => {
  expect(new Set(examples.map((example) => example.orm))).toEqual(new Set(['sequelize', 'mikro-orm']));
});
