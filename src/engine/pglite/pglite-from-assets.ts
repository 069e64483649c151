import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../engine.ts';
import { pgliteEngine } from './pglite-engine.ts';

/** PGlite's files as the page hands them to the sandboxed worker, which fetches nothing. */
export interface PgliteAssets {
  readonly pgliteWasm: ArrayBuffer;
  readonly initdbWasm: ArrayBuffer;
  readonly fsBundle: ArrayBuffer;
}

/** The PGlite engine in the sandboxed worker, from the assets the page sent. */
export async function pgliteEngineFromAssets(assets: PgliteAssets): Promise<Engine> {
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(assets.pgliteWasm), WebAssembly.compile(assets.initdbWasm)]);
  const fsBundle = new Blob([assets.fsBundle]);
  return pgliteEngine((dump) => PGlite.create({ pgliteWasmModule, initdbWasmModule, fsBundle, ...(dump ? { loadDataDir: dump } : {}) }));
}
