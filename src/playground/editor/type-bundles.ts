/**
 * The editor's type declarations per ORM (built by types/, served as virtual modules). Each
 * is large, so it is fetched only when its ORM is first shown, and once: the module cache
 * keeps it for the page's lifetime.
 */
import loaders from 'virtual:playground-types';
import type { OrmId } from '../orm-registry.ts';
import type { TypeBundle } from './types/build-type-bundle.ts';

export async function loadTypeBundle(orm: OrmId): Promise<TypeBundle> {
  return (await loaders[orm]()).default;
}

/** The bundle as Monaco's extra libraries: one virtual file per entry, at its own path. */
export function extraLibs(bundle: TypeBundle): { content: string; filePath: string }[] {
  return Object.entries(bundle.files).map(([filePath, content]) => ({ content, filePath }));
}
