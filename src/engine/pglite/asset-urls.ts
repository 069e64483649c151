/**
 * The URLs of PGlite's three files for the browser build, as Vite emits them: PostgreSQL's
 * WebAssembly and the data bundle of its installation (share/, lib/), which the package exports,
 * and a fresh cluster's data directory, made at build time (vite-data-dir.ts) so that PGlite
 * starts without running initdb. The page downloads them only when PostgreSQL is chosen and
 * hands the bytes to the sandboxed worker, which fetches nothing — as with sql.js's wasm
 * (../sql-js/wasm-url.ts).
 */
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';
import dataDirUrl from 'adapter-lab:pglite-data-dir?url';
// A named import: Vite keeps only this field of the package's manifest in the page's bundle.
import { version as pgliteVersion } from '../../../node_modules/@electric-sql/pglite/package.json';

/** By the names of protocol.ts's PostgresAssets. */
export const PGLITE_ASSET_URLS = { pgliteWasm: pgliteWasmUrl, fsBundle: pgliteDataUrl, dataDir: dataDirUrl } as const;

/** PGlite's version (the page names it beside PostgreSQL's: "PostgreSQL 19.0 (PGlite 0.6.1)"). */
export const PGLITE_VERSION: string = pgliteVersion;
