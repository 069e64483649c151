import type { EngineId } from '../engine-registry.ts';
import type { ImplementationId } from '../implementation-registry.ts';
import type { OrmId, SourceFile } from '../protocol.ts';

/** The reader's whole playground: what a share link carries and the autosave keeps. */
export interface PlaygroundState {
  readonly orm: OrmId;
  /** The database the code runs on (engine-registry.ts); links and autosaves from before it existed mean SQLite. */
  readonly engine: EngineId;
  /** Which package imports of `@auth/*-adapter` run (implementation-registry.ts); links and autosaves from before the choice mean ours. */
  readonly implementation: ImplementationId;
  /** In tab order; names are unique, end in `.ts`, and contain no `/`. */
  readonly files: readonly SourceFile[];
  /** The file whose tab is open. */
  readonly active: string;
  readonly options: PlaygroundOptions;
}

export interface PlaygroundOptions {
  /**
   * Each run starts from an empty database (default). Off: runs continue on the database the
   * last run, call or import left (e.g. an imported `.sqlite` file).
   */
  readonly freshDatabase: boolean;
  /**
   * Compare mode: each run also runs with the other adapter implementation, both on fresh
   * databases, and the Compare panel shows what differs. Absent (off) in links and autosaves
   * from before it.
   */
  readonly compare?: boolean;
}

export const DEFAULT_OPTIONS: PlaygroundOptions = { freshDatabase: true };

/** The file a run starts from: `run.ts` when there is one, else the first file. */
export function entryFile(state: Pick<PlaygroundState, 'files'>): string {
  return state.files.find((file) => file.name === 'run.ts')?.name ?? state.files[0]?.name ?? 'run.ts';
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\.ts$/;

/** Why `name` cannot be a playground file name, or null when it can. */
export function invalidFileName(name: string, existing: readonly string[]): string | null {
  if (!FILE_NAME.test(name)) return 'File names are letters, digits, ".", "_" or "-", end in .ts, and have no folders.';
  if (name.endsWith('.d.ts')) return 'Declaration files (.d.ts) are not supported.';
  if (existing.includes(name)) return `There is already a file named ${name}.`;
  return null;
}

/** The same files, with the same names and code, in the same order. */
export function sameFiles(a: readonly SourceFile[], b: readonly SourceFile[]): boolean {
  return a.length === b.length && a.every((file, i) => file.name === b[i]?.name && file.code === b[i]?.code);
}

/** Two states are the same work (used to skip needless saves and runs). */
export function sameState(a: PlaygroundState, b: PlaygroundState): boolean {
  return (
    a.orm === b.orm &&
    a.engine === b.engine &&
    a.implementation === b.implementation &&
    a.active === b.active &&
    a.options.freshDatabase === b.options.freshDatabase &&
    (a.options.compare ?? false) === (b.options.compare ?? false) &&
    sameFiles(a.files, b.files)
  );
}
