import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Engine } from '../engine.ts';
import { createSqlJsDialect } from './kysely-dialect.ts';
import { sqlJsEngine } from './sql-js-engine.ts';
import { createSqlite3Shim } from './sqlite3-shim.ts';

let loading: Promise<SqlJsStatic> | undefined;

/**
 * Loads sql.js once per JavaScript realm. In Node, sql.js finds its wasm file itself; in the
 * browser, Vite emits the wasm as an asset (the `?url` import) and we tell sql.js where it is.
 * A failed load is not cached, so a later call can retry.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`Could not load SQLite (sql.js): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  return loading;
}

/** The sql.js engine with both ORMs' bridges, over loadSqlJs() (Node, or the page's own realm). */
export async function loadSqlJsEngine(): Promise<Engine> {
  return sqlJsEngine(await loadSqlJs(), { sequelize: (SQL, database) => createSqlite3Shim(SQL, { database }), kysely: createSqlJsDialect });
}

async function load(): Promise<SqlJsStatic> {
  if (isNode()) return initSqlJs();
  // The browser build of sql.js (package "browser" export) pairs with this wasm file.
  const { default: wasmUrl } = await import('sql.js/dist/sql-wasm-browser.wasm?url');
  return initSqlJs({ locateFile: () => wasmUrl });
}

function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string' && !('document' in globalThis) && !('WorkerGlobalScope' in globalThis);
}
