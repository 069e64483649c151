// The type bundles, built once per process for all the build plugins that need them.
import type { ImplementationId } from '../../implementation-registry.ts';
import type { OrmId } from '../../protocol.ts';
import { buildTypeBundle, type TypeBundle } from './build-type-bundle.ts';

const built = new Map<string, Promise<TypeBundle>>();
let builds = 0;

/**
 * The bundle of `orm` (with `implementation`'s adapter for the official name), built once per
 * process and shared by the build plugins that need it (the editor's types, the playground's
 * and the docs' examples). A failed build is not kept: the next call tries again (say, after
 * the fix is saved).
 */
export function cachedTypeBundle(orm: OrmId, implementation: ImplementationId = 'ours'): Promise<TypeBundle> {
  const key = `${orm}/${implementation}`;
  let bundle = built.get(key);
  if (!bundle) {
    const building = buildTypeBundle(orm, implementation);
    builds++;
    built.set(key, (bundle = building));
    building.catch(() => {
      if (built.get(key) === building) built.delete(key);
    });
  }
  return bundle;
}

/** Forgets the cached bundles of `orm` (or all of them): one of its inputs changed. */
export function forgetTypeBundles(orm?: OrmId): void {
  if (!orm) built.clear();
  else for (const key of [...built.keys()]) if (key.startsWith(`${orm}/`)) built.delete(key);
}

/** How many builds this process has started: a rebuild on every load would be seconds each (the build plugins' tests count them). */
export function typeBundleBuilds(): number {
  return builds;
}
