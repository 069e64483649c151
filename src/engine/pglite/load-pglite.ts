import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../engine.ts';
import { freshDataDir } from './fresh-data-dir.ts';
import { pgliteEngine } from './pglite-engine.ts';

/** The PGlite engine in Node (tests, the docs' example runner), started from a fresh cluster's data directory. */
export async function loadPgliteEngine(): Promise<Engine> {
  const fresh = new Blob([await readFile(await freshDataDir())]);
  return pgliteEngine((dump) => PGlite.create({ loadDataDir: dump ?? fresh }));
}
