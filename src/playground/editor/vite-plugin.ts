/**
 * Keeps Monaco's CSS out of the page's <head>. Astro adds every stylesheet a page's script can
 * reach — through dynamic import() too — as a render-blocking <link> (withastro/astro#9495), so
 * the editor's ~250 kB of CSS would block the first paint of a page that loads the editor later.
 *
 * Each `import './x.css'` inside monaco-editor's ESM files becomes a small module that imports
 * that file's text (`?inline`, minified, its url()s still resolved as assets) and hands it to
 * monaco-css.ts, which attaches it when the editor's code runs. Same files, same order, loaded
 * with the editor. Register it in astro.config.mjs (`vite.plugins`).
 *
 * Build only: in `astro dev` Vite injects imported CSS from JavaScript when the module runs,
 * which is already what we want.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const MONACO_ESM = /[\\/]node_modules[\\/]monaco-editor[\\/]esm[\\/]/;
// Not under '\0adapter-lab:': the browser engine plugin loads every id with that prefix.
const WRAPPER = '\0adapter-lab-monaco-css:';
// The wrapper is JavaScript: an id ending in .css would send it through Vite's (and Astro's) CSS handling.
const WRAPPER_SUFFIX = '.js';
const ADOPT_MODULE = fileURLToPath(new URL('./monaco-css.ts', import.meta.url));

export function monacoCssPlugin(): Plugin {
  return {
    name: 'adapter-lab:monaco-css',
    apply: 'build',
    enforce: 'pre',
    // Page code only: Monaco never runs on the server, and workers import no CSS.
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    async resolveId(source, importer, options) {
      if (!importer || !MONACO_ESM.test(importer) || !/\.css$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !MONACO_ESM.test(resolved.id)) return null;
      return { id: `${WRAPPER}${resolved.id}${WRAPPER_SUFFIX}`, moduleSideEffects: true };
    },
    load(id) {
      if (!id.startsWith(WRAPPER)) return null;
      const file = id.slice(WRAPPER.length, -WRAPPER_SUFFIX.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `import { adoptMonacoCss } from ${JSON.stringify(ADOPT_MODULE)};`,
        'adoptMonacoCss(css);',
        '',
      ].join('\n');
    },
  };
}
