import { examples } from 'virtual:playground-examples';
import type { BuiltExample } from '../build/examples-plugin.ts';
import type { EngineId } from '../engine-registry.ts';
import { DEFAULT_IMPLEMENTATION, type ImplementationId } from '../implementation-registry.ts';
import type { TypesId } from '../editor/types-id.ts';
import { ORM_IDS, ormEntry, type OrmId } from '../orm-registry.ts';
import type { CompiledFile, SourceFile } from '../protocol.ts';
import { DEFAULT_OPTIONS, sameFiles, type PlaygroundState } from '../store/state.ts';

export const EXAMPLES: readonly BuiltExample[] = examples;

export function examplesOf(orm: OrmId): BuiltExample[] {
  return EXAMPLES.filter((example) => example.orm === orm);
}

export function defaultExample(orm: OrmId): BuiltExample {
  return EXAMPLES.find((example) => example.id === ormEntry(orm).defaultExample)!;
}

/**
 * The example's code, on `engine` when given (the page keeps the engine on screen), else on the
 * example's own; with the adapter implementation on screen (ours when none is given).
 */
export function exampleState(
  example: BuiltExample,
  options = DEFAULT_OPTIONS,
  engine: EngineId = example.engine,
  implementation: ImplementationId = DEFAULT_IMPLEMENTATION,
): PlaygroundState {
  return { orm: example.orm, engine, implementation, files: example.files.map(({ name, code }) => ({ name, code })), active: example.active, options };
}

/** The example whose files these are, unchanged, if any. */
export function exampleOf(orm: OrmId, files: readonly SourceFile[]): BuiltExample | undefined {
  return EXAMPLES.find((example) => example.orm === orm && sameFiles(example.files, files));
}

/** The build's compiled output for files that are a built-in example as it ships. */
export function precompiled(orm: OrmId, files: readonly SourceFile[]): readonly CompiledFile[] | undefined {
  return exampleOf(orm, files)?.compiled;
}

/**
 * The build's compiled output for files that are a built-in or a docs example as it ships: the
 * docs' (a chunk of its own) are loaded on the first call that needs them.
 */
export async function buildOutput(orm: OrmId, files: readonly SourceFile[]): Promise<readonly CompiledFile[] | undefined> {
  const builtIn = precompiled(orm, files);
  if (builtIn) return builtIn;
  try {
    const { knownCode } = await import('virtual:playground-known-code');
    return knownCode.find((known) => known.orm === orm && sameFiles(known.files, files))?.compiled;
  } catch {
    // The chunk did not load (offline, a new deployment): the transpiler compiles it instead.
    return undefined;
  }
}

/** Whether the build type-checked exactly these files against `types` (a built-in or docs example, with our adapter's declarations). */
export async function checkedByBuild(types: TypesId, files: readonly SourceFile[]): Promise<boolean> {
  const orm = ORM_IDS.find((id) => id === types);
  return orm !== undefined && (await buildOutput(orm, files)) !== undefined;
}
