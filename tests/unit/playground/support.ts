// Helpers for the playground runtime tests: examples from src/playground/examples compiled the
// way the playground compiles them, and a session per ORM over sql.js in Node.
import { loadAuthInNode } from '../../../src/playground/runtime/auth/node-loader.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { Engine } from '../../../src/engine/engine.ts';
import { loadPgliteEngine } from '../../../src/engine/pglite/load-pglite.ts';
import { loadSqlJsEngine } from '../../../src/engine/sql-js/load-sql-js.ts';
import type { EngineId } from '../../../src/playground/engine-registry.ts';
import { compileProject } from '../../../src/playground/compiler/compile-project.ts';
import type { Diagnostic } from '../../../src/playground/compiler/diagnostics.ts';
import { buildTypeBundle, type TypeBundle } from '../../../src/playground/editor/types/build-type-bundle.ts';
import type { ImplementationId } from '../../../src/playground/implementation-registry.ts';
import { ormEntry, type OrmId, runtimeEnvironment } from '../../../src/playground/orm-registry.ts';
import type { CompiledFile, Outcome, SourceFile } from '../../../src/playground/protocol.ts';
import type { OrmEnvironment } from '../../../src/playground/runtime/env/environment.ts';
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

// Eager, as static imports were: loading an ORM is not part of any test's time.
const ENVIRONMENTS = import.meta.glob<Readonly<Record<string, OrmEnvironment>>>('../../../src/playground/runtime/env/*-env.ts', { eager: true });

/** The ORM's environment on `engine` with `implementation`'s adapter, as its registry entry names it. */
export function environmentOf(orm: OrmId, engine: EngineId = 'sqlite', implementation: ImplementationId = 'ours'): OrmEnvironment {
  const named = runtimeEnvironment(ormEntry(orm), engine, implementation);
  if (!named) throw new Error(`The ORM registry names no ${implementation} runtime of ${orm} on ${engine}`);
  const { module, export: name } = named;
  const environment = ENVIRONMENTS[`../../../src/playground/runtime/env/${module}.ts`]?.[name];
  if (!environment) throw new Error(`No ${name} in src/playground/runtime/env/${module}.ts, as the ORM registry says for ${orm}`);
  return environment;
}

/** The engines in Node, each started once per test file (starting PostgreSQL takes seconds). */
const engines: { [E in EngineId]?: Promise<Engine> } = {};

export function engineOf(engine: EngineId): Promise<Engine> {
  return (engines[engine] ??= engine === 'postgres' ? loadPgliteEngine() : loadSqlJsEngine());
}

export async function createSession(orm: OrmId, engine: EngineId = 'sqlite', implementation: ImplementationId = 'ours'): Promise<PlaygroundSession> {
  return new PlaygroundSession(await engineOf(engine), environmentOf(orm, engine, implementation), undefined, { loadAuth: loadAuthInNode });
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
