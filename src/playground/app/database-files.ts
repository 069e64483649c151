/**
 * Which engine a database file is of, from its first bytes: an import of the other engine's file
 * is told so at once, in words that say what to do. The runtime checks every file fully anyway
 * (the engine's checkFile); this only names the common mistake before a copy is sent.
 */
import { engineEntry, type EngineId } from '../engine-registry.ts';

const SQLITE_HEADER = new TextEncoder().encode('SQLite format 3\0');

/** The engine whose export `bytes` look like, or null when neither's. */
export function fileEngine(bytes: Uint8Array): EngineId | null {
  if (bytes.length >= SQLITE_HEADER.length && SQLITE_HEADER.every((byte, i) => bytes[i] === byte)) return 'sqlite';
  // gzip's magic number: PGlite's data-directory dump (a .tar.gz) as Export writes it.
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'postgres';
  return null;
}

/** Why `bytes` are not imported on `engine` because they are the other engine's file, or null. */
export function otherEngineFile(bytes: Uint8Array, engine: EngineId, fileName: string): string | null {
  const found = fileEngine(bytes);
  if (found === null || found === engine) return null;
  const theirs = engineEntry(found);
  const ours = engineEntry(engine);
  return `${fileName} is a ${theirs.label} database file, and the database on screen is ${ours.label} (it imports ${ours.fileExtension} files). Choose ${theirs.label} as the database, then import it. Nothing was changed.`;
}
