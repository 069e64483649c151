import { createRequire } from 'node:module';

/**
 * Where the installed sql.js keeps the browser build's files (Node only): its wasm and its
 * classic-script loader, for tools that serve sql.js to a page themselves (bench/playground-floor.ts).
 */
export function sqlJsBrowserFiles(): { readonly wasm: string; readonly loader: string } {
  const require = createRequire(import.meta.url);
  return { wasm: require.resolve('sql.js/dist/sql-wasm-browser.wasm'), loader: require.resolve('sql.js/dist/sql-wasm-browser.js') };
}
