/// <reference lib="webworker" />
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../../engine/load-sql-js.ts';
import { installBuffer } from './run-check.ts';
import type { EngineCheckReport } from './report.ts';
import type { EngineCheckResponse } from './worker-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The body of an engine-check worker: one ORM's check per worker script, so that the worker
 * (a single classic script, see vite-browser-engine.ts) carries only that ORM.
 */
export function serveCheck(check: (SQL: SqlJsStatic) => Promise<EngineCheckReport>): void {
  self.onmessage = async () => {
    let response: EngineCheckResponse;
    try {
      installBuffer();
      response = { ok: true, report: await check(await loadSqlJs()) };
    } catch (error) {
      response = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    self.postMessage(response);
  };
}
