import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../engine.ts';
import { pgliteEngine } from './pglite-engine.ts';

/** The PGlite engine in Node (tests, the docs' example runner): PGlite finds its own files. */
export function loadPgliteEngine(): Promise<Engine> {
  return pgliteEngine((dump) => PGlite.create(dump ? { loadDataDir: dump } : {}));
}
