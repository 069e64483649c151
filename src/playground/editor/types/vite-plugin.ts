/**
 * Serves each ORM's editor type bundle (build-type-bundle.ts) as a virtual module, so the page
 * imports `virtual:playground-types/<orm>` and hands its files to Monaco. Bundles are built on
 * first import and kept for the rest of the build (both environments share them); in dev, an
 * edit to an adapter's source drops that ORM's bundle, and Vite reloads the importer.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { ORM_IDS, type OrmId } from '../../protocol.ts';
import { typeBundleInputs, type TypeBundle } from './build-type-bundle.ts';
import { cachedTypeBundle, forgetTypeBundles } from './type-bundle-cache.ts';

export const PLAYGROUND_TYPES_PREFIX = 'virtual:playground-types/';
const RESOLVED_PREFIX = `\0${PLAYGROUND_TYPES_PREFIX}`;

function ormOf(id: string, prefix: string): OrmId | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const orm = id.slice(prefix.length);
  return ORM_IDS.find((known) => known === orm);
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
      const orm = ormOf(source, PLAYGROUND_TYPES_PREFIX);
      return orm ? RESOLVED_PREFIX + orm : null;
    },
    async load(id) {
      const orm = ormOf(id, RESOLVED_PREFIX);
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
