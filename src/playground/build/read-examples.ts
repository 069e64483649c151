import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ENGINE, ENGINE_IDS, type EngineId, isEngineId } from '../engine-registry.ts';
import { ORM_IDS, type OrmId, type SourceFile } from '../protocol.ts';
import { invalidFileName } from '../store/state.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export interface ExampleSource {
  readonly id: string;
  readonly title: string;
  readonly orm: OrmId;
  /** The database it runs on (`"engine"` in example.json, SQLite when absent): docs links open it there. */
  readonly engine: EngineId;
  /**
   * Opens in compare mode (`"compare": true`): each run also runs with the official adapter
   * package, and the Compare panel shows what differs. Its code imports `@auth/…-adapter`, the
   * name both packages answer to.
   */
  readonly compare: boolean;
  readonly description: string;
  readonly default: boolean;
  readonly files: readonly SourceFile[];
  readonly active: string;
}

interface ExampleJson {
  title?: unknown;
  orm?: unknown;
  engine?: unknown;
  compare?: unknown;
  description?: unknown;
  default?: unknown;
  files?: unknown;
  active?: unknown;
  sharedFiles?: unknown;
}

/**
 * Where each of an example's files is read from: its own folder, but for the files its
 * example.json's `sharedFiles` maps to another example's file (a path relative to the folder).
 * One file shown by two examples is one file, not two copies drifting apart; each example still
 * carries the file's text, so the editor and share links see no difference. Throws naming what
 * is wrong.
 */
export function exampleFilePaths(dir: string, id: string): Map<string, string> {
  const where = `${dir}${id}/example.json`;
  const json = JSON.parse(readFileSync(where, 'utf8')) as ExampleJson;
  const fail = (problem: string): never => {
    throw new Error(`${where}: ${problem}`);
  };
  const names = Array.isArray(json.files) ? json.files.filter((name): name is string => typeof name === 'string') : [];
  const shared = json.sharedFiles ?? {};
  if (typeof shared !== 'object' || shared === null || Array.isArray(shared)) return fail('sharedFiles must map file names to paths');
  const paths = new Map(names.map((name) => [name, `${dir}${id}/${name}`]));
  for (const [name, target] of Object.entries(shared)) {
    if (!paths.has(name)) fail(`sharedFiles names ${name}, which is not among the files`);
    if (typeof target !== 'string') return fail(`sharedFiles.${name} is not a path`);
    const path = resolve(dir, id, target);
    if (!existsSync(path)) fail(`sharedFiles.${name}: ${path} does not exist`);
    if (existsSync(paths.get(name)!)) fail(`${name} is in the folder and in sharedFiles: keep one of them`);
    paths.set(name, path);
  }
  return paths;
}

/**
 * Every example folder, validated: defaults first, then by title. Throws naming what is wrong.
 * The playground's own examples need one default per ORM; the docs' examples have none.
 */
export function readExamples(dir = EXAMPLES_DIR, { requireDefaults = true } = {}): ExampleSource[] {
  const examples = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const id = entry.name;
      const where = `${dir}${id}/example.json`;
      if (!existsSync(where)) throw new Error(`${dir}${id}/ is an example folder without an example.json (see ${dir}README.md)`);
      const json = JSON.parse(readFileSync(where, 'utf8')) as ExampleJson;
      const fail = (problem: string): never => {
        throw new Error(`${where}: ${problem}`);
      };
      if (typeof json.title !== 'string' || !json.title) fail('no title');
      if (typeof json.description !== 'string') fail('no description');
      if (!ORM_IDS.includes(json.orm as OrmId)) fail(`orm must be one of ${ORM_IDS.join(', ')}`);
      if (json.engine !== undefined && !isEngineId(json.engine)) fail(`engine must be one of ${ENGINE_IDS.join(', ')} (or absent: ${DEFAULT_ENGINE})`);
      if (json.compare !== undefined && typeof json.compare !== 'boolean') fail('compare must be true or false');
      if (!Array.isArray(json.files) || json.files.length === 0) fail('no files');
      const names = json.files as unknown[];
      const paths = exampleFilePaths(dir, id);
      const files = names.map((name, i) => {
        if (typeof name !== 'string') return fail(`files[${i}] is not a name`);
        const problem = invalidFileName(name, names.slice(0, i) as string[]);
        if (problem) fail(`${name}: ${problem}`);
        return { name, code: readFileSync(paths.get(name)!, 'utf8') };
      });
      const active = typeof json.active === 'string' ? json.active : files[0]!.name;
      if (json.compare === true && !files.some((file) => /from ["']@auth\/[a-z-]+-adapter["']/.test(file.code)))
        fail('compare is true, but no file imports @auth/…-adapter: both runs would run the same adapter');
      if (!files.some((file) => file.name === active)) fail(`active file ${active} is not among the files`);
      return {
        id,
        title: json.title as string,
        orm: json.orm as OrmId,
        engine: isEngineId(json.engine) ? json.engine : DEFAULT_ENGINE,
        compare: json.compare === true,
        description: json.description as string,
        default: json.default === true,
        files,
        active,
      };
    });
  for (const orm of requireDefaults ? ORM_IDS : []) {
    const defaults = examples.filter((example) => example.orm === orm && example.default);
    if (defaults.length !== 1) throw new Error(`${dir}: ${orm} needs exactly one default example, found ${defaults.length}`);
  }
  return examples.sort((a, b) => Number(b.default) - Number(a.default) || a.title.localeCompare(b.title));
}
