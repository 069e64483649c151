// Compare mode's differences, from real runs of the same project with our adapter and with the
// published package (the very sessions the browser runs): upstream's camelCase columns for the
// official docs' custom model, its two-statement session read, and no difference where there is none.
import { afterAll, describe, expect, it } from 'vitest';
import { buildExamples } from '../../../src/playground/build/examples-plugin.ts';
import { compareOutcomes, comparisonSummary, Normaliser } from '../../../src/playground/compare/compare-outcomes.ts';
import type { ImplementationId } from '../../../src/playground/implementation-registry.ts';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { compile, createSession } from './support.ts';

const examples = await buildExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

/** A built-in Sequelize example with its adapter imported by the official name, as a reader's app does. */
async function run(id: string, implementation: ImplementationId): Promise<Outcome> {
  const example = examples.find((candidate) => candidate.id === id)!;
  const session = await createSession('sequelize', 'sqlite', implementation);
  sessions.push(session);
  const sources = example.files.map(({ name, code }) => ({ name, code: code.replaceAll('"@adapter-lab/sequelize-adapter"', '"@auth/sequelize-adapter"') }));
  return session.run(await compile('sequelize', sources), entryFile(example));
}

const LABELS = ['@adapter-lab/sequelize-adapter 0.1.0', '@auth/sequelize-adapter 2.11.3'] as const;

describe('compareOutcomes', () => {
  it("shows the official docs' custom model's columns: email_verified on ours, emailVerified on the official package", async () => {
    const comparison = compareOutcomes(await run('sequelize-custom-model', 'ours'), await run('sequelize-custom-model', 'official'), LABELS);
    const columns = comparison.rows.find((row) => row.subject === 'users: columns');
    expect(columns).toEqual({ section: 'Tables', subject: 'users: columns', a: 'email_verified', b: 'emailVerified' });
    expect(comparisonSummary(comparison)).toMatch(/^\d+ differences? between @adapter-lab\/sequelize-adapter 0\.1\.0 and @auth\/sequelize-adapter 2\.11\.3 \(/);
  });

  it('shows the statements each method sent where they differ: one join for a session and its user, against two reads', async () => {
    const comparison = compareOutcomes(await run('sequelize-sign-in', 'ours'), await run('sequelize-sign-in', 'official'), LABELS);
    const sessionRead = comparison.rows.find(
      (row) => row.section === 'Statements' && row.subject.endsWith('getSessionAndUser') && row.a.startsWith('1 statement'),
    );
    expect(sessionRead?.a.split('\n')).toHaveLength(2);
    expect(sessionRead?.b).toMatch(/^[2-9] statements\n/);
    expect(sessionRead?.a).toMatch(/JOIN/i);
    // The same calls, in the same order, on both: what differs is how, not what.
    expect(comparison.rows.filter((row) => row.section === 'Adapter calls' && /\(no call\)/.test(row.a + row.b))).toEqual([]);
    expect(comparison.compared.calls).toBeGreaterThan(10);
  });

  it('finds no difference between two runs of the same implementation, whatever their ids and times', async () => {
    const comparison = compareOutcomes(await run('sequelize-sign-in', 'ours'), await run('sequelize-sign-in', 'ours'), [LABELS[0], LABELS[0]]);
    expect(comparison.rows).toEqual([]);
    expect(comparisonSummary(comparison)).toMatch(/^No difference between .* \(\d+ adapter calls, 5 tables, \d+ and \d+ SQL statements compared\)\.$/);
  });
});

describe('Normaliser', () => {
  it('numbers ids by first appearance and masks times and tokens', () => {
    const normaliser = new Normaliser();
    const a = '3f0c6a9e-1b2c-4d5e-8f90-1234567890ab';
    const b = '00000000-1111-4222-8333-444444444444';
    expect(normaliser.text(`${a} ${b} ${a.toUpperCase()}`)).toBe('‹id 1› ‹id 2› ‹id 1›');
    expect(normaliser.text('2026-12-07 10:30:37.915 +00:00 and 2026-12-07T10:30:37.915Z and 1796640637915')).toBe('‹time› and ‹time› and ‹time›');
    expect(normaliser.text('token fd0e5eb671fa0b0c6bf2a16eda9238686cbd5a70b468a53c5f952a79bda63981')).toBe('token ‹token 1›');
  });
});
