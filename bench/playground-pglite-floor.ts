/**
 * The PostgreSQL routes' floor: the least any page could do to show the default example's result
 * on PostgreSQL in the browser. A bare page starts a Web Worker that fetches the very files the
 * playground fetches for PGlite (its wasm, its file-system bundle and the fresh cluster's data
 * directory), starts PGlite from them and executes the statements the playground executed for
 * the default example (read from the page's own SQL log in the same run), with their bound
 * parameters, then posts back. Floor = navigation start → that message. PGlite's own module is
 * served beside it (the build has no copy of its own: the bundler inlined it into the workers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentTypeFor } from '../tests/browser/support/static-server.ts';
import { DIST, type Site } from './docs-weight.ts';
import type { FloorTiming, LoggedStatement } from './playground-floor.ts';

export const PGLITE_FLOOR_PATH = '/__bench/pglite-floor/';
const MODULE_DIR = '/__bench/pglite-floor/pglite/';
const READS_CATALOG = /\b(pg_catalog|pg_\w+|information_schema)\b/i;

/** The PGlite files the built playground page fetches (its filled-in URLs), by what they are. */
function pgliteUrls(): { wasm: string; data: string; dataDir: string } {
  const html = readFileSync(join(DIST, 'playground', 'index.html'), 'utf8');
  const one = (what: string, pattern: RegExp): string => {
    const found = [...new Set(html.match(pattern) ?? [])];
    if (found.length !== 1)
      throw new Error(`PGlite floor: expected one URL of ${what} in the built playground page, found ${found.length}: ${found.join(', ')}`);
    return found[0]!;
  };
  return {
    wasm: one("PGlite's wasm", /\/_astro\/pglite[.-][\w-]+\.wasm/g),
    data: one("PGlite's file-system bundle", /\/_astro\/pglite[.-][\w-]+\.data/g),
    dataDir: one("the fresh cluster's data directory", /\/_astro\/[\w.-]*fresh-data-dir[\w.-]*\.tgz/g),
  };
}

/**
 * The floor worker (a module worker, so that PGlite's ES module loads as published). Replays the
 * statements as one connection would: `query(sql, params)` each, every row read.
 */
const FLOOR_WORKER = `
import { PGlite } from './pglite/index.js';
self.onmessage = async ({ data: { wasm, data, dataDir, statements } }) => {
  try {
    const get = (url) => fetch(url).then((response) => {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.arrayBuffer();
    });
    const [wasmBytes, dataBytes, dirBytes] = await Promise.all([get(wasm), get(data), get(dataDir)]);
    const pglite = await PGlite.create({
      pgliteWasmModule: await WebAssembly.compile(wasmBytes),
      fsBundle: new Blob([dataBytes]),
      loadDataDir: new Blob([dirBytes]),
    });
    const replayed = [];
    const replayStarted = performance.now();
    for (const { sql, params } of statements) {
      try {
        // As pg sends them: without parameters, the simple protocol (several statements at once).
        const fromHex = (hex) => Uint8Array.from(hex.match(/../g) || [], (pair) => parseInt(pair, 16));
        const values = (Array.isArray(params) ? params : []).map((param) => (param !== null && typeof param === 'object' && 'blob' in param ? fromHex(param.blob) : param));
        const results = values.length > 0 ? [await pglite.query(sql, values)] : await pglite.exec(sql);
        replayed.push({ rows: results.reduce((sum, result) => sum + result.rows.length, 0) });
      } catch (error) {
        replayed.push({ rows: 0, error: String(error && error.message || error) });
      }
    }
    postMessage({ replayed, statementsMs: performance.now() - replayStarted });
  } catch (error) {
    postMessage({ failed: String(error && error.stack || error) });
  }
};`;

function floorPage(urls: ReturnType<typeof pgliteUrls>, statements: readonly LoggedStatement[]): string {
  const message = { ...urls, statements: statements.map(({ sql, params }) => ({ sql, params })) };
  const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Playground floor (PGlite)</title><script>
const worker = new Worker('${PGLITE_FLOOR_PATH}worker.js', { type: 'module' });
worker.onmessage = ({ data }) => {
  const done = performance.now();
  window.__floor = data.failed ? { failed: data.failed } : { done, replayed: data.replayed, statementsMs: data.statementsMs };
};
worker.onerror = (event) => { window.__floor = { failed: event.message || 'the floor worker failed' }; };
worker.postMessage(${json(message)});
</script></head><body><p>Playground bench: PGlite floor</p></body></html>`;
}

/** Puts the floor page, its worker and PGlite's published module files on the bench's server. */
export function servePgliteFloor(site: Site, statements: readonly LoggedStatement[]): void {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
    site.serve(`${MODULE_DIR}${file}`, { contentType: contentTypeFor(file), body: readFileSync(join(dist, file)) });
  }
  site.serve(`${PGLITE_FLOOR_PATH}worker.js`, { contentType: 'text/javascript; charset=utf-8', body: FLOOR_WORKER });
  site.serve(PGLITE_FLOOR_PATH, { contentType: 'text/html; charset=utf-8', body: floorPage(pgliteUrls(), statements) });
}

/** One cold floor load (fresh context): navigation → the worker's answer, checked against the log. */
export async function pgliteFloorLoad(site: Site, statements: readonly LoggedStatement[], timeoutMs: number): Promise<FloorTiming> {
  const context = await site.browser.newContext();
  try {
    const page: Page = await context.newPage();
    await page.goto(`${site.url}${PGLITE_FLOOR_PATH}`);
    await page.waitForFunction(() => (window as { __floor?: unknown }).__floor !== undefined, undefined, { timeout: timeoutMs });
    const floor = await page.evaluate(
      () =>
        (window as unknown as { __floor: { failed?: string; done?: number; replayed?: Array<{ rows: number; error?: string }>; statementsMs?: number } })
          .__floor,
    );
    if (floor.failed !== undefined) throw new Error(`The PGlite floor page failed: ${floor.failed}`);
    const differences = floor.replayed!.flatMap((replayed, i) => {
      const logged = statements[i]!;
      // The catalog of the playground's database also lists the engine's own row log (its table's
      // types), which the floor's does not have: only its rows may differ, by that.
      const sameRows = replayed.rows === logged.rowsReturned || READS_CATALOG.test(logged.sql);
      return sameRows && (replayed.error === undefined) === (logged.error === undefined)
        ? []
        : [`#${i + 1} ${logged.sql.slice(0, 60)}: log ${logged.error ?? `${logged.rowsReturned} rows`}, floor ${replayed.error ?? `${replayed.rows} rows`}`];
    });
    if (differences.length > 0) throw new Error(`The PGlite floor did not replay the playground's statements faithfully:\n  ${differences.join('\n  ')}`);
    return { done: floor.done!, statementsMs: floor.statementsMs! };
  } finally {
    await context.close();
  }
}
