/**
 * The editor's type declarations per ORM (built by types/, served as virtual modules), and per
 * official adapter package where the editor types it (a patch over its ORM's bundle). Each is
 * fetched only when first shown, and once: the module cache keeps it for the page's lifetime.
 */
import loaders from 'virtual:playground-types';
import type { OrmId } from '../orm-registry.ts';
import type { TypesId } from './types-id.ts';
import { applyTypeBundlePatch, type TypeBundle } from './types/type-bundle-patch.ts';

export type { TypesId } from './types-id.ts';

export async function loadTypeBundle(id: TypesId): Promise<TypeBundle> {
  const [orm, official] = id.split('/') as [OrmId, string | undefined];
  const patchLoader = official ? loaders[id as `${OrmId}/official`] : undefined;
  const [base, patch] = await Promise.all([loaders[orm](), patchLoader?.()]);
  return patch ? applyTypeBundlePatch(base.default, patch.default) : base.default;
}

/** The bundle as Monaco's extra libraries: one virtual file per entry, at its own path. */
export function extraLibs(bundle: TypeBundle): { content: string; filePath: string }[] {
  return Object.entries(bundle.files).map(([filePath, content]) => ({ content, filePath }));
}
