/**
 * What a PostgreSQL (PGlite) database file is: PGlite's data-directory dump, a gzipped tar of the
 * cluster's files (`dumpDataDir('gzip')`). Checked before a PostgreSQL is started from it, so a
 * wrong or damaged file gets a reason instead of a crash, and the current database stays.
 */

const SQLITE_HEADER = 'SQLite format 3\0';
const BLOCK = 512;

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end && bytes[i] !== 0; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** The bytes of a gzip stream, inflated; throws when they are not one. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The text of the file named `wanted` in a tar archive, or undefined. */
function tarFile(tar: Uint8Array, wanted: string): string | undefined {
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const name = ascii(tar, offset, offset + 100);
    if (!name) return undefined;
    const size = Number.parseInt(ascii(tar, offset + 124, offset + 136).trim() || '0', 8);
    const start = offset + BLOCK;
    if (name.replace(/^\.?\//, '') === wanted) return ascii(tar, start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}

/** Why `bytes` cannot be loaded into PostgreSQL `major` (e.g. "19"), or null when they can. */
export async function checkDumpFile(bytes: Uint8Array, major: string): Promise<string | null> {
  if (ascii(bytes, 0, SQLITE_HEADER.length) === SQLITE_HEADER.slice(0, -1)) {
    return 'This is an SQLite database file: choose SQLite as the database to open it (PostgreSQL opens the .tar.gz files it exports).';
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    return "This is not a PostgreSQL database file of the playground (a .tar.gz of PGlite's data directory, as Export writes it).";
  }
  let tar: Uint8Array;
  try {
    tar = await gunzip(bytes);
  } catch {
    return 'This .tar.gz file is damaged: it could not be decompressed.';
  }
  const version = tarFile(tar, 'PG_VERSION')?.trim();
  if (!version) return "This archive holds no PostgreSQL data directory (no PG_VERSION file): it is not a database the playground's Export wrote.";
  if (version !== major) return `This database was written by PostgreSQL ${version}; the playground runs PostgreSQL ${major}, which cannot open it.`;
  return null;
}
