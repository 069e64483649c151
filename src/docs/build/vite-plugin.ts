/**
 * `virtual:docs-examples`: the docs' examples, compiled, with their playground links. Imported
 * only by Astro components (at build time), so none of it ships to a docs page as JS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { cachedTypeBundle, forgetTypeBundles } from '../../playground/editor/types/type-bundle-cache.ts';
import { EXAMPLES_DIR, exampleFilePaths } from '../../playground/build/read-examples.ts';
import { cachedExamples, forgetExamples } from '../../playground/build/examples-cache.ts';
import { buildDocsExamples, DOCS_EXAMPLES_DIR } from './docs-examples.ts';

export const DOCS_EXAMPLES_ID = 'virtual:docs-examples';
const RESOLVED = `\0${DOCS_EXAMPLES_ID}`;

export function docsExamplesPlugin(): Plugin {
  return {
    name: 'adapter-lab:docs-examples',
    resolveId: (source) => (source === DOCS_EXAMPLES_ID ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      const examples = await buildDocsExamples(cachedTypeBundle, undefined, cachedExamples);
      for (const example of examples) {
        for (const dir of [DOCS_EXAMPLES_DIR, EXAMPLES_DIR]) {
          if (!existsSync(path.join(dir, example.id))) continue;
          this.addWatchFile(path.join(dir, example.id, 'example.json'));
          for (const file of exampleFilePaths(dir, example.id).values()) this.addWatchFile(file);
        }
      }
      return { code: `export const docsExamples = JSON.parse(${JSON.stringify(JSON.stringify(examples))});\n`, map: null };
    },
    watchChange() {
      forgetTypeBundles();
      forgetExamples();
    },
  };
}
