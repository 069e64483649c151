import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ORM_IDS, type OrmId, type SourceFile } from '../protocol.ts';
import { invalidFileName } from '../store/state.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export interface ExampleSource {
  readonly id: string;
  readonly title: string;
  readonly orm: OrmId;
  readonly description: string;
  readonly default: boolean;
  readonly files: readonly SourceFile[];
  readonly active: string;
}

interface ExampleJson {
  title?: unknown;
  orm?: unknown;
  description?: unknown;
  default?: unknown;
  files?: unknown;
  active?: unknown;
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
      if (!Array.isArray(json.files) || json.files.length === 0) fail('no files');
      const names = json.files as unknown[];
      const files = names.map((name, i) => {
        if (typeof name !== 'string') return fail(`files[${i}] is not a name`);
        const problem = invalidFileName(name, names.slice(0, i) as string[]);
        if (problem) fail(`${name}: ${problem}`);
        return { name, code: readFileSync(`${dir}${id}/${name}`, 'utf8') };
      });
      const active = typeof json.active === 'string' ? json.active : files[0]!.name;
      if (!files.some((file) => file.name === active)) fail(`active file ${active} is not among the files`);
      return {
        id,
        title: json.title as string,
        orm: json.orm as OrmId,
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
