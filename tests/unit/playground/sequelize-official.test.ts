// The published @auth/sequelize-adapter, unmodified, through the very session the browser runs
// (its own runtime: "@auth (official)"), on each engine: the official docs' custom model makes
// camelCase columns where ours makes snake_case ones, and the default example signs people in.
import { afterAll, describe, expect, it } from 'vitest';
import { buildExamples } from '../../../src/playground/build/examples-plugin.ts';
import type { EngineId } from '../../../src/playground/engine-registry.ts';
import type { ImplementationId } from '../../../src/playground/implementation-registry.ts';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { compile, createSession, files } from './support.ts';

const examples = await buildExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

/** Runs a built-in example, its adapter imported by the official name as a reader's app does. */
async function runExample(id: string, engine: EngineId, implementation: ImplementationId): Promise<{ outcome: Outcome; session: PlaygroundSession }> {
  const example = examples.find((candidate) => candidate.id === id)!;
  const session = await createSession('sequelize', engine, implementation);
  sessions.push(session);
  const sources = example.files.map(({ name, code }) => ({ name, code: code.replaceAll('"@adapter-lab/sequelize-adapter"', '"@auth/sequelize-adapter"') }));
  return { outcome: await session.run(await compile('sequelize', sources), entryFile(example)), session };
}

const columns = (outcome: Outcome, table: string): string[] =>
  outcome.schema.tables.find((each) => each.name === table)?.columns.map((column) => column.name) ?? [];
const live = (outcome: Outcome, table: string): number =>
  outcome.tables.find((view) => view.name === table)?.rows.filter((row) => row.status !== 'deleted').length ?? -1;

describe.each(['sqlite', 'postgres'] as const)('the official Sequelize adapter on %s', (engine) => {
  it('names itself in the versions: the published package and its version', async () => {
    const session = await createSession('sequelize', engine, 'official');
    sessions.push(session);
    expect(session.versions.adapter).toBe('@auth/sequelize-adapter 2.11.3');
    expect(session.versions.orm).toMatch(/^Sequelize 6\./);
  });

  it("runs the official docs' custom model as upstream does: camelCase emailVerified, createdAt and updatedAt (ours: email_verified)", async () => {
    const official = (await runExample('sequelize-custom-model', engine, 'official')).outcome;
    expect(official.error).toBeUndefined();
    expect(columns(official, 'users')).toEqual(
      expect.arrayContaining(['id', 'name', 'email', 'emailVerified', 'image', 'phoneNumber', 'createdAt', 'updatedAt']),
    );
    expect(columns(official, 'users')).not.toContain('email_verified');
    const ours = (await runExample('sequelize-custom-model', engine, 'ours')).outcome;
    expect(ours.error).toBeUndefined();
    expect(columns(ours, 'users')).toContain('email_verified');
    expect(columns(ours, 'users')).not.toContain('emailVerified');
    // The import was not redirected: no notice says ours was served for it.
    expect(official.console.some((entry) => entry.kind === 'notice' && entry.text.includes('serves @adapter-lab'))).toBe(false);
    expect(ours.console.some((entry) => entry.kind === 'notice' && entry.text.includes('serves @adapter-lab'))).toBe(true);
  });

  it('starts each run from the package as loaded: what one run defined from its models decides nothing in the next', async () => {
    // One worker keeps the package across runs; Sequelize writes `field` into the attribute
    // definitions it is given, and the custom model spreads the package's own.
    const example = (id: string) => examples.find((candidate) => candidate.id === id)!;
    const session = await createSession('sequelize', engine, 'official');
    sessions.push(session);
    const run = async (id: string) => {
      const sources = example(id).files.map(({ name, code }) => ({
        name,
        code: code.replaceAll('"@adapter-lab/sequelize-adapter"', '"@auth/sequelize-adapter"'),
      }));
      const outcome = await session.run(await compile('sequelize', sources), entryFile(example(id)));
      expect(outcome.error).toBeUndefined();
      return columns(outcome, 'users');
    };
    expect(await run('sequelize-custom-model')).toContain('emailVerified');
    // The default models are defined underscored, as in a fresh process…
    expect(await run('sequelize-sign-in')).toContain('email_verified');
    // …and that leaves the custom model camelCase, as upstream.
    expect(await run('sequelize-custom-model')).toEqual(expect.arrayContaining(['emailVerified', 'phoneNumber', 'createdAt']));
  });

  it('signs two people in through Auth.js with the default example, with its own statements', async () => {
    const { outcome } = await runExample('sequelize-sign-in', engine, 'official');
    expect(outcome.error).toBeUndefined();
    expect(['users', 'accounts', 'sessions', 'verification_tokens'].map((table) => live(outcome, table))).toEqual([2, 1, 1, 0]);
    // Upstream reads a session and its user in two queries (ours: one join; SQLite adds its PRAGMAs).
    const most = (of: Outcome): number => Math.max(...of.calls.filter((call) => call.method === 'getSessionAndUser').map((call) => call.statements));
    expect(most(outcome)).toBeGreaterThanOrEqual(2);
    const ours = (await runExample('sequelize-sign-in', engine, 'ours')).outcome;
    expect(most(ours)).toBe(1);
  });

  it('gives the official package for @auth/sequelize-adapter and ours for @adapter-lab/sequelize-adapter in one project', async () => {
    const session = await createSession('sequelize', engine, 'official');
    sessions.push(session);
    const code = `
      import { Sequelize } from "sequelize"
      import Official from "@auth/sequelize-adapter"
      import Ours from "@adapter-lab/sequelize-adapter"
      const sequelize = new Sequelize("sqlite::memory:", { logging: false })
      const official = Official(sequelize)
      await sequelize.sync()
      const user = await official.createUser!({ id: crypto.randomUUID(), email: "a@example.com", emailVerified: null })
      console.log(typeof user, Object.keys(user).sort().join(","))
      console.log(typeof Ours)
    `;
    const outcome = await session.run(await compile('sequelize', files({ 'run.ts': code })), 'run.ts');
    expect(outcome.error).toBeUndefined();
    expect(outcome.calls.map((call) => call.method)).toEqual(['createUser']);
    const logs = outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview).join(' ')] : []));
    // Upstream returns the model's plain values; ours is a different function altogether.
    expect(logs[1]).toContain('function');
  });
});
