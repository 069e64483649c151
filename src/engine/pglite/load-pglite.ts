import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../engine.ts';
import { startFreshPglite } from './fresh-data-dir.ts';
import { pgliteEngine } from './pglite-engine.ts';

/** The PGlite engine in Node (tests, the docs' example runner), started from a fresh cluster's data directory. */
export function loadPgliteEngine(): Promise<Engine> {
  return pgliteEngine((dump) => (dump ? PGlite.create({ loadDataDir: dump }) : startFreshPglite()));
}
