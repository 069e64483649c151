/**
 * How the page names a runtime's database: the engine's own version as the runtime reports it
 * ("PostgreSQL 19.0", "SQLite 3.49.1") and what runs it in the browser with its version
 * ("PGlite 0.6.1", "sql.js 1.16.0") — in the status line and in "Copy as Markdown".
 */
import { PGLITE_VERSION } from '../../engine/pglite/asset-urls.ts';
// A named import: Vite keeps only this field of the package's manifest in the page's bundle.
import { version as sqlJsVersion } from '../../../node_modules/sql.js/package.json';
import { type EngineId, engineEntry } from '../engine-registry.ts';

const RUNTIME_VERSIONS: Readonly<Record<EngineId, string>> = { sqlite: sqlJsVersion, postgres: PGLITE_VERSION };

/** "PostgreSQL 19.0 (PGlite 0.6.1)"; before the runtime has said its version, "PostgreSQL (PGlite 0.6.1)". */
export function databaseVersion(engine: EngineId, reported: string | undefined): string {
  const { label, runtime } = engineEntry(engine);
  const what = `${runtime} ${RUNTIME_VERSIONS[engine]}`;
  const version = reported?.trim() || label;
  // A runtime that names what runs it already is not named twice.
  return version.includes(runtime) ? version : `${version} (${what})`;
}
