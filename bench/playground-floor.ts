/**
 * The playground bench's floor: the least any page could do to show the default example's
 * result. A bare page on the bench's own server starts a Web Worker that fetches the very sql.js
 * wasm the playground fetches, loads sql.js, opens a database and executes the statements the
 * playground executed for the default example (read from the page's own SQL log in the same
 * run), with their bound parameters, then posts back. Floor = navigation start → that message.
 * No ORM, no editor, no layout: the routes are compared to it as ratios, because absolute times
 * move 2–3× between machines while the ratio to a floor measured beside them does not.
 */
import { readFileSync } from 'node:fs';
import { sqlJsBrowserFiles } from '../src/engine/sql-js/browser-files.ts';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { StatementRecord } from '../src/playground/protocol.ts';
import { DIST, type Site } from './docs-weight.ts';

/** One statement as the floor replays it, and what the playground's log says it did. */
export type LoggedStatement = Pick<StatementRecord, 'sql' | 'params' | 'rowsReturned' | 'error'>;

/** One floor load: navigation start → the worker's answer, and the statements' part of it alone (a re-run's floor). */
export interface FloorTiming {
  readonly done: number;
  readonly statementsMs: number;
}

/** What the floor worker reports per statement: rows stepped through, and the error if it failed. */
interface Replayed {
  readonly rows: number;
  readonly error?: string;
}

export const FLOOR_PATH = '/__bench/floor/';
const LOADER_PATH = '/__bench/floor/sql-wasm-browser.js';
const STATEMENTS_GLOBAL = '__benchStatementLog';

/**
 * An init script for one load of the playground (not a timed one): keeps the statements of the
 * first outcome the page receives from its runtime, as they arrive on the page's MessagePort.
 * That is the run's SQL log itself — the statements sql.js executed in this browser, params as
 * bound — without reading the SQL panel, whose layout is not the bench's to rely on.
 */
export const STATEMENT_LOG_PROBE = `
(() => {
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() { return onmessage.get.call(this); },
    set(handler) {
      const keep = (event) => {
        const data = event.data;
        if (data && data.type === 'outcome' && !window.${STATEMENTS_GLOBAL}) {
          window.${STATEMENTS_GLOBAL} = data.outcome.statements.map(({ sql, params, rowsReturned, error }) => ({ sql, params, rowsReturned, error }));
        }
        return handler.call(this, event);
      };
      onmessage.set.call(this, typeof handler === 'function' ? keep : handler);
    },
  });
})();`;

export async function readStatementLog(page: Page): Promise<LoggedStatement[]> {
  const log = await page.evaluate((name) => (window as unknown as Record<string, LoggedStatement[] | undefined>)[name], STATEMENTS_GLOBAL);
  if (!log || log.length === 0) throw new Error("The playground's first outcome carried no SQL log: the floor has no statements to replay.");
  return log;
}

/**
 * The wasm URL the built playground page fetches (early-boot's filled-in placeholder), checked
 * to be byte for byte the wasm of the installed sql.js, whose browser loader the floor serves: the
 * build has no loader file of its own (the bundler inlined it into each ORM's worker script).
 */
function sqlJsFiles(): { wasmUrl: string; loader: string } {
  const html = readFileSync(join(DIST, 'playground', 'index.html'), 'utf8');
  const urls = [...new Set(html.match(/\/_astro\/sql-wasm-browser[.-][\w-]+\.wasm/g) ?? [])];
  if (urls.length !== 1) throw new Error(`Floor: expected one sql.js wasm URL in the built playground page, found ${urls.length}: ${urls.join(', ')}`);
  const installed = sqlJsBrowserFiles();
  const built = readFileSync(join(DIST, urls[0]!));
  if (!built.equals(readFileSync(installed.wasm))) {
    throw new Error(`Floor: ${urls[0]} is not the installed sql.js's wasm: the floor would not run the playground's sql.js (rebuild, or npm install).`);
  }
  return { wasmUrl: urls[0]!, loader: readFileSync(installed.loader, 'utf8') };
}

/**
 * The floor worker (a classic worker from a blob: URL, as the playground's runtime is). It fetches
 * the wasm and loads sql.js's loader at once, then replays the statements the way the engine's
 * statement runner does (src/engine/sql-js/run-statement.ts): one prepared statement per SQL text,
 * bound, stepped to the end reading every row, kept for reuse.
 */
const FLOOR_WORKER = `
self.onmessage = async ({ data: { wasmUrl, loaderUrl, statements } }) => {
  try {
    const wasm = fetch(wasmUrl).then((response) => {
      if (!response.ok) throw new Error(wasmUrl + ': HTTP ' + response.status);
      return response.arrayBuffer();
    });
    importScripts(loaderUrl);
    const SQL = await initSqlJs({ wasmBinary: await wasm });
    const database = new SQL.Database();
    const prepared = new Map();
    const replayStarted = performance.now();
    const fromHex = (hex) => Uint8Array.from(hex.match(/../g) || [], (pair) => parseInt(pair, 16));
    const value = (param) => (param !== null && typeof param === 'object' ? fromHex(param.blob) : param);
    const bindable = (params) => Array.isArray(params)
      ? params.map(value)
      : Object.fromEntries(Object.entries(params).map(([key, param]) => ['$' + key, value(param)]));
    const replayed = statements.map(({ sql, params }) => {
      let statement = prepared.get(sql);
      try {
        statement ??= database.prepare(sql);
        statement.bind(bindable(params));
        let rows = 0;
        let columns;
        while (statement.step()) { columns ??= statement.getColumnNames(); statement.get(); rows++; }
        statement.reset();
        prepared.set(sql, statement);
        return { rows };
      } catch (error) {
        statement?.free();
        prepared.delete(sql);
        return { rows: 0, error: String(error && error.message || error) };
      }
    });
    postMessage({ replayed, statementsMs: performance.now() - replayStarted });
  } catch (error) {
    postMessage({ failed: String(error && error.stack || error) });
  }
};`;

/** The floor page: starts the worker at once from an inline script, and notes when it answered. */
function floorPage(wasmUrl: string, statements: readonly LoggedStatement[]): string {
  const message = { wasmUrl, loaderUrl: LOADER_PATH, statements: statements.map(({ sql, params }) => ({ sql, params })) };
  // JSON inside <script>: "<" escaped so that no statement text can end the element.
  const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Playground floor</title><script>
const worker = new Worker(URL.createObjectURL(new Blob([${json(FLOOR_WORKER)}], { type: 'text/javascript' })));
worker.onmessage = ({ data }) => {
  const done = performance.now();
  window.__floor = data.failed ? { failed: data.failed } : { done, replayed: data.replayed, statementsMs: data.statementsMs };
};
worker.onerror = (event) => { window.__floor = { failed: event.message || 'the floor worker failed' }; };
const message = ${json(message)};
message.wasmUrl = location.origin + message.wasmUrl;
message.loaderUrl = location.origin + message.loaderUrl;
worker.postMessage(message);
</script></head><body><p>Playground bench: floor</p></body></html>`;
}

/** Puts the floor page (and sql.js's loader beside it) on the bench's server. */
export function serveFloor(site: Site, statements: readonly LoggedStatement[]): void {
  const { wasmUrl, loader } = sqlJsFiles();
  site.serve(LOADER_PATH, { contentType: 'text/javascript; charset=utf-8', body: loader });
  site.serve(FLOOR_PATH, { contentType: 'text/html; charset=utf-8', body: floorPage(wasmUrl, statements) });
}

/**
 * One cold floor load: a fresh context (empty cache), navigation → the worker's answer, in ms
 * from navigation start on the page's clock (the routes' marks use the same). Throws when the
 * replay differs from the log (a statement failed that did not, or returned other rows).
 */
export async function floorLoad(site: Site, statements: readonly LoggedStatement[], timeoutMs: number): Promise<FloorTiming> {
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}${FLOOR_PATH}`);
    await page.waitForFunction(() => (window as { __floor?: unknown }).__floor !== undefined, undefined, { timeout: timeoutMs });
    const floor = await page.evaluate(
      () => (window as unknown as { __floor: { failed?: string; done?: number; replayed?: Replayed[]; statementsMs?: number } }).__floor,
    );
    if (floor.failed !== undefined) throw new Error(`The floor page failed: ${floor.failed}`);
    const differences = floor.replayed!.flatMap((replayed, i) => {
      const logged = statements[i]!;
      return replayed.rows === logged.rowsReturned && (replayed.error === undefined) === (logged.error === undefined)
        ? []
        : [
            `#${i + 1} ${logged.sql.slice(0, 60)}: log ${logged.error ? `failed (${logged.error})` : `${logged.rowsReturned} rows`}, floor ${replayed.error ? `failed (${replayed.error})` : `${replayed.rows} rows`}`,
          ];
    });
    if (differences.length > 0) throw new Error(`The floor did not replay the playground's statements faithfully:\n  ${differences.join('\n  ')}`);
    return { done: floor.done!, statementsMs: floor.statementsMs! };
  } finally {
    await context.close();
  }
}

/** A statement count and its shape, to print beside the floor. */
export function describeLog(statements: readonly LoggedStatement[]): string {
  const params = statements.reduce((sum, { params }) => sum + (Array.isArray(params) ? params.length : Object.keys(params).length), 0);
  const failed = statements.filter(({ error }) => error !== undefined).length;
  return `${statements.length} statements, ${params} bound parameters${failed > 0 ? `, ${failed} failing as in the log` : ''}`;
}
