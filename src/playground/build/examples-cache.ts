// The example folders, compiled once per process for all the build plugins that show or look
// up examples (the playground's built-in examples and known code, the docs' examples).
import { cachedTypeBundle } from '../editor/types/type-bundle-cache.ts';
import { buildExamples, type BuiltExample } from './examples-plugin.ts';
import { EXAMPLES_DIR, readExamples } from './read-examples.ts';

const built = new Map<string, Promise<BuiltExample[]>>();

/**
 * The examples of `dir` (the playground's own need a default per ORM; others none), compiled
 * with the shared type bundles. A failed build is not kept: the next call tries again.
 */
export function cachedExamples(dir: string): Promise<BuiltExample[]> {
  let examples = built.get(dir);
  if (!examples) {
    const what = dir === EXAMPLES_DIR ? "The playground's built-in examples" : `The examples of ${dir}`;
    const building = Promise.resolve().then(() => buildExamples(cachedTypeBundle, readExamples(dir, { requireDefaults: dir === EXAMPLES_DIR }), what));
    built.set(dir, (examples = building));
    building.catch(() => {
      if (built.get(dir) === building) built.delete(dir);
    });
  }
  return examples;
}

/** Forgets every compiled folder: an example or a declaration it was checked against changed. */
export function forgetExamples(): void {
  built.clear();
}
