/// <reference lib="webworker" />
/** Module Web Worker running the engine check for one ORM; only that ORM's code is downloaded. */
import type { EngineCheckReport, OrmName } from './report.ts';
import { runEngineCheck } from './run-check.ts';

export type EngineCheckRequest = { readonly orm: OrmName };
export type EngineCheckResponse =
  | { readonly ok: true; readonly report: EngineCheckReport }
  | { readonly ok: false; readonly error: string };

self.onmessage = async (event: MessageEvent<EngineCheckRequest>) => {
  let response: EngineCheckResponse;
  try {
    response = { ok: true, report: await runEngineCheck(event.data.orm) };
  } catch (error) {
    response = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  self.postMessage(response);
};
