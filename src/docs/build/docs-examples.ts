/**
 * The docs' runnable examples: their own (src/docs/examples/<id>/) and the playground's
 * built-in examples, which pages may show too — the playground's example format plus what a run
 * must leave behind (`expect`), compiled at build time like the playground's own examples (a
 * type error fails the build), each with its "Open in playground" link.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTypeBundle, type TypeBundle } from '../../playground/editor/types/build-type-bundle.ts';
import type { OrmId } from '../../playground/protocol.ts';
import { encodeState } from '../../playground/share/codec.ts';
import { buildExamples, type BuiltExample } from '../../playground/build/examples-plugin.ts';
import { EXAMPLES_DIR, readExamples } from '../../playground/build/read-examples.ts';

export const DOCS_EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

/** What CI checks after running an example: these tables with (at least) these columns, and live row counts. */
export interface ExampleExpectation {
  readonly tables: Readonly<Record<string, readonly string[]>>;
  readonly rows: Readonly<Record<string, number>>;
  /** Auth.js errors the example provokes on purpose (e.g. "Verification" for a link opened twice), each logged by Auth.js as `[auth][error] <type>`. */
  readonly authErrors: readonly string[];
  /**
   * The error the run ends with on purpose (a database refusing a value, as on a server), as part
   * of its message; without it, the run must end without one.
   */
  readonly error?: string;
  /**
   * For a compare-mode example: what the Compare panel must list, each a difference's subject
   * without its call number ("users: columns", "linkAccount") — the documented differences it shows live.
   */
  readonly differences: readonly string[];
  /** Adapter methods a call of which throws on purpose (the example catches it to show it): each must throw, and nothing else may. */
  readonly callErrors: readonly string[];
}

export interface DocsExample extends BuiltExample {
  readonly expect: ExampleExpectation;
  /** The playground URL (path and hash) that opens exactly this example's files. */
  readonly link: string;
}

export function readExpectation(id: string, dir: string): ExampleExpectation {
  const where = `${dir}${id}/example.json`;
  const { expect } = JSON.parse(readFileSync(where, 'utf8')) as {
    expect?: { tables?: unknown; rows?: unknown; authErrors?: unknown; error?: unknown; differences?: unknown; callErrors?: unknown };
  };
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(expect) || !isRecord(expect.tables) || Object.keys(expect.tables).length === 0) {
    throw new Error(`${where}: "expect.tables" must name the tables (and columns) a run of this example leaves behind`);
  }
  for (const [table, columns] of Object.entries(expect.tables)) {
    if (!Array.isArray(columns) || !columns.every((column) => typeof column === 'string'))
      throw new Error(`${where}: expect.tables.${table} must be a list of column names`);
  }
  const rows = expect.rows ?? {};
  if (!isRecord(rows) || !Object.values(rows).every((count) => Number.isInteger(count)))
    throw new Error(`${where}: expect.rows must map table names to row counts`);
  const authErrors = expect.authErrors ?? [];
  if (!Array.isArray(authErrors) || !authErrors.every((type) => typeof type === 'string'))
    throw new Error(`${where}: expect.authErrors must be a list of Auth.js error types`);
  if (expect.error !== undefined && (typeof expect.error !== 'string' || !expect.error))
    throw new Error(`${where}: expect.error must be (part of) the message of the error the run ends with`);
  const differences = expect.differences ?? [];
  if (!Array.isArray(differences) || !differences.every((subject) => typeof subject === 'string'))
    throw new Error(`${where}: expect.differences must be a list of the Compare panel's subjects`);
  const callErrors = expect.callErrors ?? [];
  if (!Array.isArray(callErrors) || !callErrors.every((method) => typeof method === 'string'))
    throw new Error(`${where}: expect.callErrors must be a list of adapter method names`);
  return {
    differences: differences as string[],
    callErrors: callErrors as string[],
    tables: expect.tables as Record<string, string[]>,
    rows: rows as Record<string, number>,
    authErrors: authErrors as string[],
    ...(typeof expect.error === 'string' ? { error: expect.error } : {}),
  };
}

/**
 * The link carries the example's engine (`"engine": "postgres"` in its example.json), so it opens
 * on that database, and compare mode (`"compare": true`), so it opens comparing both adapter packages.
 */
export function playgroundLink(example: Pick<BuiltExample, 'orm' | 'engine' | 'compare' | 'files' | 'active'>): string {
  const options = { freshDatabase: true, ...(example.compare ? { compare: true } : {}) };
  return `/playground/#${encodeState({ orm: example.orm, engine: example.engine, implementation: 'ours', files: example.files, active: example.active, options })}`;
}

/**
 * Every docs example (the docs' own, then the playground's), compiled; throws naming each type
 * error or malformed example.json. `compileDir` lets the build plugins share one compilation
 * per folder (examples-cache.ts).
 */
export async function buildDocsExamples(
  bundleFor: (orm: OrmId) => Promise<TypeBundle> = buildTypeBundle,
  dirs: readonly string[] = [DOCS_EXAMPLES_DIR, EXAMPLES_DIR],
  compileDir: (dir: string) => Promise<BuiltExample[]> = (dir) =>
    buildExamples(bundleFor, readExamples(dir, { requireDefaults: dir === EXAMPLES_DIR }), `The examples of ${dir}`),
): Promise<DocsExample[]> {
  const all: DocsExample[] = [];
  for (const dir of dirs) {
    const built = await compileDir(dir);
    all.push(...built.map((example) => ({ ...example, expect: readExpectation(example.id, dir), link: playgroundLink(example) })));
  }
  const ids = all.map((example) => example.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new Error(`Example ids must be unique across ${dirs.join(' and ')}: ${twice.join(', ')}`);
  return all;
}
