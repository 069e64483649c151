/**
 * The bundle's package.json files. Module resolution in Monaco's TypeScript worker reads them
 * (`types`, `exports`, `typesVersions`), and every reader downloads them: the real ones keep only
 * those fields, and the packages generated here get a declaration-only one.
 */
import type TS from 'typescript';

type Ts = typeof TS;

export function readJson(ts: Ts, file: string): Record<string, unknown> {
  const text = ts.sys.readFile(file);
  if (text === undefined) throw new Error(`Type bundle: cannot read ${file}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A declaration-only package.json: what TypeScript needs to resolve `name` to `index.d.ts`. */
export function declarationPackage(name: string, version: unknown, types = './index.d.ts'): string {
  return json({ name, version, types, exports: { '.': { types } } });
}

const TRIMMED_FIELDS = ['name', 'version', 'types', 'typings', 'exports', 'typesVersions', 'main'] as const;

/** Whether an exports key (`.`, `./sub`, `./lib/*`) matches a requested subpath. */
function exportKeyMatches(key: string, wanted: string): boolean {
  const star = key.indexOf('*');
  if (star < 0) return key === wanted;
  return wanted.startsWith(key.slice(0, star)) && wanted.endsWith(key.slice(star + 1)) && wanted.length >= key.length - 1;
}

/**
 * Only the exports entries some file imports (conditions kept whole, `types` among them): so
 * `import "sequelize/lib/utils"` is an error in the editor, as it is at run time.
 */
function pruneExports(exportsField: unknown, wanted: ReadonlySet<string>): unknown {
  const isSubpathMap =
    typeof exportsField === 'object' && exportsField !== null && !Array.isArray(exportsField) && Object.keys(exportsField).every((key) => key.startsWith('.'));
  if (!isSubpathMap) return wanted.has('.') ? exportsField : {};
  return Object.fromEntries(Object.entries(exportsField).filter(([key]) => [...wanted].some((sub) => exportKeyMatches(key, sub))));
}

/** An installed package's manifest, cut down to the resolution fields and the export subpaths in `wanted`. */
export function trimPackageJson(manifest: Record<string, unknown>, wanted: ReadonlySet<string>): string {
  const trimmed: Record<string, unknown> = {};
  for (const field of TRIMMED_FIELDS) {
    if (manifest[field] === undefined) continue;
    trimmed[field] = field === 'exports' ? pruneExports(manifest[field], wanted) : manifest[field];
  }
  return json(trimmed);
}
