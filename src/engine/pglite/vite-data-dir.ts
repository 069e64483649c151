/**
 * Serves the fresh cluster's data directory (fresh-data-dir.ts) to the page as an asset:
 * `import url from 'adapter-lab:pglite-data-dir?url'`. The build makes it once (cached) and
 * emits it under /_astro/ like PGlite's wasm; the dev server serves the cached file.
 */
import type { Plugin } from 'vite';
import { freshDataDir } from './fresh-data-dir.ts';

export const PGLITE_DATA_DIR_MODULE = 'adapter-lab:pglite-data-dir';

export function pgliteDataDirPlugin(): Plugin {
  return {
    name: 'adapter-lab:pglite-data-dir',
    enforce: 'pre',
    async resolveId(source) {
      const [id, query] = source.split('?');
      if (id !== PGLITE_DATA_DIR_MODULE) return null;
      return `${await freshDataDir()}${query ? `?${query}` : ''}`;
    },
  };
}
