/**
 * The data directory a fresh PostgreSQL starts from, made once (Node only: the build, the tests).
 * PGlite.create() runs initdb, which takes 2–3 s in Node and 6–8 s in a browser worker on a busy
 * 2-core machine; started from initdb's result (PGlite's own data-directory dump) it takes well
 * under a second in Node and about two in the browser. So the build ships that dump beside
 * PGlite's wasm (vite-data-dir.ts) and the Node engine starts from it too. Kept in
 * node_modules/.cache, named by PGlite's version; written whole, then renamed, so that
 * concurrent first runs never read half a file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  const main = require.resolve('@electric-sql/pglite');
  // dist/index.cjs → the package folder.
  return (require(join(dirname(dirname(main)), 'package.json')) as { version: string }).version;
}

/** Where the dump of a fresh cluster of this PGlite version is kept. */
export function freshDataDirFile(): string {
  return fileURLToPath(new URL(`../../../node_modules/.cache/adapter-lab/pglite-${pgliteVersion()}-fresh-data-dir.tgz`, import.meta.url));
}

let making: Promise<string> | undefined;

/** The path of the fresh cluster's dump, made first if there is none yet. */
export function freshDataDir(): Promise<string> {
  making ??= (async () => {
    const file = freshDataDirFile();
    if (existsSync(file)) return file;
    const pglite = await PGlite.create();
    try {
      // Everything initdb wrote, flushed, before anything else touches it.
      await pglite.exec('CHECKPOINT');
      const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      await mkdir(dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
      try {
        await writeFile(partial, dump);
        await rename(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
      return file;
    } finally {
      await pglite.close();
    }
  })();
  making.catch(() => {
    making = undefined;
  });
  return making;
}

/** The fresh data directory's dump, as PGlite's `loadDataDir` takes it; one it cannot start from is made again. */
export async function startFreshPglite(options: PGliteOptions = {}): Promise<PGlite> {
  const start = async (): Promise<PGlite> => PGlite.create({ ...options, loadDataDir: new Blob([await readFile(await freshDataDir())]) });
  try {
    return await start();
  } catch {
    // A dump from an interrupted or other build: make it again, once.
    await rm(freshDataDirFile(), { force: true });
    making = undefined;
    return start();
  }
}
