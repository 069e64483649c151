/**
 * Serves each ORM's editor type bundle (build-type-bundle.ts) as a virtual module, so the page
 * imports `virtual:playground-types/<orm>` (the registry's `typeBundle`) and hands its files to
 * Monaco; and `virtual:playground-types`, a loader per ORM of the registry, so the page names
 * no ORM. Bundles are built on first import and kept for the rest of the build (both
 * environments share them); in dev, an edit to an adapter's source drops that ORM's bundle,
 * and Vite reloads the importer.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { ORMS, type OrmId } from '../../orm-registry.ts';
import { typeBundleInputs, type TypeBundle } from './build-type-bundle.ts';
import { cachedTypeBundle, forgetTypeBundles } from './type-bundle-cache.ts';

/** The loaders' module (type-bundles.ts imports it). */
export const PLAYGROUND_TYPE_LOADERS = 'virtual:playground-types';
const RESOLVED_LOADERS = `\0${PLAYGROUND_TYPE_LOADERS}`;

function ormOf(id: string, resolved: boolean): OrmId | undefined {
  return ORMS.find((orm) => id === (resolved ? `\0${orm.typeBundle}` : orm.typeBundle))?.id;
}

/** `{ "<orm>": () => import("<its type bundle>"), … }`: imports Vite can see, one per ORM. */
function loadersCode(): string {
  const loaders = ORMS.map((orm) => `  ${JSON.stringify(orm.id)}: () => import(${JSON.stringify(orm.typeBundle)}),`);
  return `export default {\n${loaders.join('\n')}\n};\n`;
}

/** The module's code: a JSON.parse of the bundle, which engines parse faster than a literal this size. */
function moduleCode(bundle: TypeBundle): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify({ files: bundle.files }))});\n`;
}

export function playgroundTypesPlugin(): Plugin {
  const inputs = new Map<OrmId, ReadonlySet<string>>();

  return {
    name: 'adapter-lab:playground-types',
    resolveId(source) {
      if (source === PLAYGROUND_TYPE_LOADERS) return RESOLVED_LOADERS;
      return ormOf(source, false) ? `\0${source}` : null;
    },
    async load(id) {
      if (id === RESOLVED_LOADERS) return { code: loadersCode(), map: null };
      const orm = ormOf(id, true);
      if (!orm) return null;
      const files = typeBundleInputs(orm);
      inputs.set(orm, new Set(files.map((file) => path.resolve(file))));
      for (const file of files) this.addWatchFile(file);
      return { code: moduleCode(await cachedTypeBundle(orm)), map: null, moduleSideEffects: false };
    },
    watchChange(id) {
      const changed = path.resolve(id);
      for (const [orm, files] of inputs) if (files.has(changed)) forgetTypeBundles(orm);
    },
  };
}
