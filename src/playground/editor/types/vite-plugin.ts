/**
 * Serves each ORM's editor type bundle (build-type-bundle.ts) as a virtual module, so the page
 * imports `virtual:playground-types/<orm>` (the registry's `typeBundle`) and hands its files to
 * Monaco; where the official adapter package is typed (orm-registry.ts `officialRuntime.typed`),
 * `…/official`, the patch that turns that bundle into the one with the official package; and
 * `virtual:playground-types`, a loader per bundle, so the page names no ORM. Bundles are built on
 * first import and kept for the rest of the build (both environments share them); in dev, an
 * edit to an adapter's source drops that ORM's bundles, and Vite reloads the importer.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { ORMS, type OrmId } from '../../orm-registry.ts';
import { typeBundleInputs } from './build-type-bundle.ts';
import { type TypeBundle, type TypeBundlePatch, typeBundlePatch } from './type-bundle-patch.ts';
import { cachedTypeBundle, forgetTypeBundles } from './type-bundle-cache.ts';

/** The loaders' module (type-bundles.ts imports it). */
export const PLAYGROUND_TYPE_LOADERS = 'virtual:playground-types';
const RESOLVED_LOADERS = `\0${PLAYGROUND_TYPE_LOADERS}`;
const OFFICIAL = '/official';

/** The ORM of a bundle's module id, and whether it is the official package's patch. */
function bundleOf(id: string, resolved: boolean): { orm: OrmId; official: boolean } | undefined {
  for (const orm of ORMS) {
    const base = resolved ? `\0${orm.typeBundle}` : orm.typeBundle;
    if (id === base) return { orm: orm.id, official: false };
    if (orm.officialRuntime.typed && id === `${base}${OFFICIAL}`) return { orm: orm.id, official: true };
  }
  return undefined;
}

/** `{ "<orm>": () => import("<its type bundle>"), "<orm>/official": …, … }`: imports Vite can see, one per bundle. */
function loadersCode(): string {
  const loaders = ORMS.flatMap((orm) => [
    `  ${JSON.stringify(orm.id)}: () => import(${JSON.stringify(orm.typeBundle)}),`,
    ...(orm.officialRuntime.typed ? [`  ${JSON.stringify(`${orm.id}${OFFICIAL}`)}: () => import(${JSON.stringify(`${orm.typeBundle}${OFFICIAL}`)}),`] : []),
  ]);
  return `export default {\n${loaders.join('\n')}\n};\n`;
}

/** The module's code: a JSON.parse of the bundle, which engines parse faster than a literal this size. */
function moduleCode(bundle: TypeBundle | TypeBundlePatch): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(bundle))});\n`;
}

export function playgroundTypesPlugin(): Plugin {
  const inputs = new Map<OrmId, ReadonlySet<string>>();

  return {
    name: 'adapter-lab:playground-types',
    resolveId(source) {
      if (source === PLAYGROUND_TYPE_LOADERS) return RESOLVED_LOADERS;
      return bundleOf(source, false) ? `\0${source}` : null;
    },
    async load(id) {
      if (id === RESOLVED_LOADERS) return { code: loadersCode(), map: null };
      const bundle = bundleOf(id, true);
      if (!bundle) return null;
      const { orm, official } = bundle;
      const files = typeBundleInputs(orm);
      inputs.set(orm, new Set(files.map((file) => path.resolve(file))));
      for (const file of files) this.addWatchFile(file);
      const ours = await cachedTypeBundle(orm);
      const code = official ? moduleCode(typeBundlePatch(ours, await cachedTypeBundle(orm, 'official'))) : moduleCode({ files: ours.files });
      return { code, map: null, moduleSideEffects: false };
    },
    watchChange(id) {
      const changed = path.resolve(id);
      for (const [orm, files] of inputs) if (files.has(changed)) forgetTypeBundles(orm);
    },
  };
}
