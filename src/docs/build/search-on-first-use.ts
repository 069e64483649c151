/**
 * Starlight's search (Search.astro) imports Pagefind's UI — 26 kB of JS gzipped, more than the
 * rest of a docs page's scripts together — on `requestIdleCallback` after every page load,
 * whether the reader searches or not. This Vite plugin makes it load on first use instead: when
 * the pointer reaches the search button, it takes focus or a touch, or Ctrl/Cmd+K is pressed.
 * The dialog and its shortcut are Starlight's own, unchanged. The build fails if Starlight's
 * script no longer has the line this replaces (check after a Starlight upgrade).
 */
import type { Plugin } from 'vite';

const IDLE_LOAD = 'const onIdle = window.requestIdleCallback || ((cb) => setTimeout(cb, 1));';

// `openBtn` is the search button, in scope where Starlight's line stands.
const FIRST_USE_LOAD = `const onIdle = (load) => {
	let started = false;
	const start = () => { if (!started) { started = true; load(); } };
	for (const type of ['pointerenter', 'focus', 'touchstart', 'click']) openBtn.addEventListener(type, start, { once: true, passive: true });
	window.addEventListener('keydown', (event) => { if ((event.metaKey || event.ctrlKey) && event.key === 'k') start(); });
};`;

export function searchOnFirstUsePlugin(): Plugin {
  let replaced = false;
  return {
    name: 'adapter-lab:search-on-first-use',
    // The production build only: the dev server serves Starlight's script in another form (and
    // never loads Pagefind's UI anyway).
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/@astrojs[\\/]starlight[\\/].*Search\.astro\?astro&type=script/.test(id)) return null;
      if (!code.includes(IDLE_LOAD))
        this.error(`Starlight's Search.astro changed: "${IDLE_LOAD}" is gone, so search-on-first-use.ts cannot defer Pagefind's UI. Update the plugin.`);
      replaced = true;
      return { code: code.replace(IDLE_LOAD, FIRST_USE_LOAD), map: null };
    },
    buildEnd(error) {
      if (!error && !replaced && this.environment?.name === 'client')
        this.error("search-on-first-use.ts never saw Starlight's search script: the plugin no longer applies.");
    },
  };
}
