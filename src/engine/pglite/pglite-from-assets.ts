import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../engine.ts';
import { pgliteEngine } from './pglite-engine.ts';

/** PGlite's files as the page hands them to the sandboxed worker, which fetches nothing. */
export interface PgliteAssets {
  readonly pgliteWasm: ArrayBuffer;
  readonly fsBundle: ArrayBuffer;
  /** A fresh cluster's data directory (fresh-data-dir.ts): every fresh start begins from it, without initdb. */
  readonly dataDir: ArrayBuffer;
}

/** The PGlite engine in the sandboxed worker, from the assets the page sent. */
export async function pgliteEngineFromAssets(assets: PgliteAssets): Promise<Engine> {
  const pgliteWasmModule = await WebAssembly.compile(assets.pgliteWasm);
  const fsBundle = new Blob([assets.fsBundle]);
  const fresh = new Blob([assets.dataDir]);
  return pgliteEngine((dump) => PGlite.create({ pgliteWasmModule, fsBundle, loadDataDir: dump ?? fresh }));
}
