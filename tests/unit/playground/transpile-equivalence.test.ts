// The fast transpiler (src/playground/compiler/transpile.ts) against the editor's TypeScript:
// every built-in playground example and every docs example, compiled both ways, run through
// the playground runtime in Node, must leave the same tables — names, columns and rows — and
// the transpiled run must not fail where the TypeScript one does not.
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocsExamples, type DocsExample } from '../../../src/docs/build/docs-examples.ts';
import { transpileFiles } from '../../../src/playground/compiler/transpile.ts';
import type { CellValue, CompiledFile, Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { entryFile } from '../../../src/playground/store/state.ts';
import { createSession } from './support.ts';

// buildDocsExamples reads the docs' examples and the playground's built-in ones, compiled with
// compileProject (the editor's TypeScript, options and type bundle).
const examples = await buildDocsExamples();
const sessions: PlaygroundSession[] = [];
afterAll(() => {
  for (const session of sessions) session.dispose();
});

async function run(example: DocsExample, files: readonly CompiledFile[]): Promise<Outcome> {
  const session = await createSession(example.orm);
  sessions.push(session);
  return session.run(files, entryFile(example));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
/** An access token the simulated GitHub issued (random in Node, where randomness is not seeded). */
const GITHUB_TOKEN = /^gho_[0-9a-f]{32}$/;
/** A verification token as Auth.js stores it: the SHA-256 of a random token (hex). */
const HASHED_TOKEN = /^[0-9a-f]{64}$/;

/** Random ids and the clock differ between any two runs: compare their shape, not their value. */
function stable(value: CellValue): unknown {
  if (typeof value === 'string' && UUID.test(value)) return '<uuid>';
  if (typeof value === 'string' && ISO_TIME.test(value)) return '<time>';
  if (typeof value === 'string' && GITHUB_TOKEN.test(value)) return '<access token>';
  if (typeof value === 'string' && HASHED_TOKEN.test(value)) return '<hashed token>';
  if (typeof value === 'number' && value > 1e12 && value < 1e13) return '<time ms>';
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return value;
}

const tables = (outcome: Outcome): unknown[] =>
  outcome.tables.map((table) => ({
    name: table.name,
    columns: table.columns,
    rows: table.rows.map((row) => ({ status: row.status, transient: row.transient ?? false, values: row.values.map(stable) })),
  }));

const problems = (outcome: Outcome): string[] => [
  ...(outcome.error ? [`${outcome.error.name}: ${outcome.error.message}`] : []),
  ...outcome.console.flatMap((entry) => (entry.kind === 'error' ? [`${entry.error.name}: ${entry.error.message}`] : [])),
  ...outcome.calls.flatMap((call) => (call.error ? [`${call.method}: ${call.error.message}`] : [])),
];

it('covers the built-in examples of both ORMs and the docs examples', () => {
  expect(new Set(examples.map((example) => example.orm))).toEqual(new Set(['sequelize', 'mikro-orm']));
  const folders = (dir: string): number => readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
  expect(examples.length).toBe(folders('../../../src/docs/examples/') + folders('../../../src/playground/examples/'));
});

describe.each(examples.map((example) => [example.id, example] as const))('%s', (_id, example) => {
  it('transpiled, leaves the same tables as compiled by TypeScript, and fails only where TypeScript does', async () => {
    const transpiled = transpileFiles(example.files);
    expect(transpiled.diagnostics).toEqual([]);
    expect(transpiled.files.map((file) => file.name)).toEqual(example.compiled.map((file) => file.name));
    const reference = await run(example, example.compiled);
    const outcome = await run(example, transpiled.files);
    if (problems(reference).length === 0) expect(problems(outcome)).toEqual([]);
    expect(outcome.ok).toBe(reference.ok);
    expect(tables(outcome)).toEqual(tables(reference));
    expect(outcome.calls.map((call) => call.method)).toEqual(reference.calls.map((call) => call.method));
  }, 60_000);
});
