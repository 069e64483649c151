/**
 * The URLs of PGlite's three files for the browser build, as Vite emits them (the package exports
 * each): PostgreSQL's WebAssembly, initdb's, and the data bundle of its installation (share/,
 * lib/). The page downloads them only when PostgreSQL is chosen and hands the bytes to the
 * sandboxed worker, which fetches nothing — as with sql.js's wasm (../sql-js/wasm-url.ts).
 */
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import initdbWasmUrl from '@electric-sql/pglite/initdb.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
// A named import: Vite keeps only this field of the package's manifest in the page's bundle.
import { version as pgliteVersion } from '../../../node_modules/@electric-sql/pglite/package.json';

/** By the names of protocol.ts's PostgresAssets. */
export const PGLITE_ASSET_URLS = { pgliteWasm: pgliteWasmUrl, initdbWasm: initdbWasmUrl, fsBundle: pgliteDataUrl } as const;

/** PGlite's version (the page names it beside PostgreSQL's: "PostgreSQL 19.0 (PGlite 0.6.1)"). */
export const PGLITE_VERSION: string = pgliteVersion;
