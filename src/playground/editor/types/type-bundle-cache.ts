// The type bundles, built once per process for all the build plugins that need them.
import type { OrmId } from '../../protocol.ts';
import { buildTypeBundle, type TypeBundle } from './build-type-bundle.ts';

const built = new Map<OrmId, Promise<TypeBundle>>();

/**
 * The bundle of `orm`, built once per process and shared by the build plugins that need it
 * (the editor's types, the playground's and the docs' examples). A failed build is not kept:
 * the next call tries again (say, after the fix is saved).
 */
export function cachedTypeBundle(orm: OrmId): Promise<TypeBundle> {
  let bundle = built.get(orm);
  if (!bundle) {
    const building = buildTypeBundle(orm);
    built.set(orm, (bundle = building));
    building.catch(() => {
      if (built.get(orm) === building) built.delete(orm);
    });
  }
  return bundle;
}

/** Forgets the cached bundle of `orm` (or all of them): one of its inputs changed. */
export function forgetTypeBundles(orm?: OrmId): void {
  if (orm) built.delete(orm);
  else built.clear();
}
