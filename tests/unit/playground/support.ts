// Helpers for the playground runtime tests: examples from src/playground/examples compiled the
// way the playground compiles them, and a session per ORM over sql.js in Node.
import { loadAuthInNode } from '../../../src/playground/runtime/auth/node-loader.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import { loadSqlJsEngine as loadSqlJs } from '../../../src/engine/sql-js/load-sql-js.ts';
import { compileProject } from '../../../src/playground/compiler/compile-project.ts';
import type { Diagnostic } from '../../../src/playground/compiler/diagnostics.ts';
import { buildTypeBundle, type TypeBundle } from '../../../src/playground/editor/types/build-type-bundle.ts';
import type { CompiledFile, OrmId, Outcome, SourceFile } from '../../../src/playground/protocol.ts';
import { mikroOrmEnvironment } from '../../../src/playground/runtime/env/mikro-orm-env.ts';
import { sequelizeEnvironment } from '../../../src/playground/runtime/env/sequelize-env.ts';
import { PlaygroundSession } from '../../../src/playground/runtime/session.ts';

const EXAMPLES = new URL('../../../src/playground/examples/', import.meta.url);

export function exampleFiles(id: string): SourceFile[] {
  const dir = new URL(`${id}/`, EXAMPLES);
  const meta = JSON.parse(readFileSync(new URL('example.json', dir), 'utf8')) as { files: string[] };
  return meta.files.map((name) => ({ name, code: readFileSync(new URL(name, dir), 'utf8') }));
}

export function exampleIds(): string[] {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const bundles = new Map<OrmId, Promise<TypeBundle>>();

/** Compiles the files as the playground does (its TypeScript options and type bundle), with diagnostics. */
export async function compileWithDiagnostics(orm: OrmId, files: readonly SourceFile[]): Promise<{ files: CompiledFile[]; diagnostics: Diagnostic[] }> {
  let bundle = bundles.get(orm);
  if (!bundle) bundles.set(orm, (bundle = buildTypeBundle(orm)));
  const compiled = compileProject(files, await bundle);
  return { files: [...compiled.files], diagnostics: [...compiled.diagnostics] };
}

export async function compile(orm: OrmId, files: readonly SourceFile[]): Promise<CompiledFile[]> {
  return (await compileWithDiagnostics(orm, files)).files;
}

/** Files from `{ 'run.ts': '…' }`. */
export function files(map: Record<string, string>): SourceFile[] {
  return Object.entries(map).map(([name, code]) => ({ name, code }));
}

export async function createSession(orm: OrmId): Promise<PlaygroundSession> {
  const SQL = await loadSqlJs();
  return new PlaygroundSession(SQL, orm === 'sequelize' ? sequelizeEnvironment : mikroOrmEnvironment, undefined, { loadAuth: loadAuthInNode });
}

/**
 * A Sequelize session made on the first run of a test and disposed after it: `run(code)` runs one
 * `run.ts`, on a fresh database unless `keep`. Call at the top of a test file.
 */
export function useSequelizeSession(): { run(code: string, keep?: boolean): Promise<Outcome>; readonly session: PlaygroundSession | undefined } {
  let session: PlaygroundSession | undefined;
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });
  return {
    async run(code, keep = false) {
      session ??= await createSession('sequelize');
      return session.run(await compile('sequelize', files({ 'run.ts': code })), 'run.ts', { keep });
    },
    get session() {
      return session;
    },
  };
}
