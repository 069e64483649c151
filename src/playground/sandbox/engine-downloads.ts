/**
 * The page's downloads of each engine's files, which it hands to the sandboxed worker (the
 * worker fetches nothing): sql.js's wasm for SQLite, PGlite's three files for PostgreSQL. Each
 * engine's files download once per page (kept for every later start: after a Stop, after
 * switching away and back), with their progress readable while they come: PGlite is megabytes,
 * and the page says how far it is rather than a frozen "Starting…".
 *
 * The page's inline script (early-boot.ts) may have started them already: `adoptEarlyDownload`
 * takes its promise and its progress over.
 */
import { PGLITE_ASSET_URLS } from '../../engine/pglite/asset-urls.ts';
import { sqlJsWasmUrl } from '../../engine/sql-js/wasm-url.ts';
import type { EngineId } from '../engine-registry.ts';
import type { EngineAssets } from '../protocol.ts';
import { EARLY_DOWNLOADS_GLOBAL, type AssetProgress, type EarlyDownloads } from './early-boot.ts';

/**
 * Each engine's files, by the names of its EngineAssets fields (protocol.ts). A new file of an
 * engine is one entry here (its URL: ../../engine/pglite/asset-urls.ts) and one pattern in
 * build/runtime-urls.ts (how the build names it, for the inline script).
 */
export const ENGINE_ASSET_URLS: Readonly<Record<EngineId, Readonly<Record<string, string>>>> = {
  sqlite: { wasm: sqlJsWasmUrl },
  postgres: PGLITE_ASSET_URLS,
};

interface EngineDownload {
  readonly files: Promise<Readonly<Record<string, ArrayBuffer>>>;
  readonly progress: AssetProgress;
}

const downloads = new Map<EngineId, EngineDownload>();

/** The files' sizes as the build wrote them into the page (early-boot.ts), for a response without a usable Content-Length. */
function builtSizes(): Readonly<Record<string, number>> {
  const early = (window as unknown as Record<string, EarlyDownloads | undefined>)[EARLY_DOWNLOADS_GLOBAL];
  return early?.sizes ?? {};
}

/** The bytes of one response, counted into `progress` as they arrive. */
async function streamed(response: Response, progress: AssetProgress): Promise<ArrayBuffer> {
  if (!response.body) {
    const whole = await response.arrayBuffer();
    progress.received += whole.byteLength;
    return whole;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    progress.received += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes.buffer;
}

/** A response's length as it will arrive: Content-Length counts compressed bytes when the response is encoded. */
function arrivingLength(response: Response): number | null {
  const length = Number(response.headers.get('content-length'));
  const encoding = response.headers.get('content-encoding');
  return Number.isFinite(length) && length > 0 && (!encoding || encoding === 'identity') ? length : null;
}

function download(engine: EngineId): EngineDownload {
  const urls = ENGINE_ASSET_URLS[engine];
  const sizes = builtSizes();
  const progress: AssetProgress = { received: 0, total: null, done: false };
  const totals = new Map<string, number | null>();
  const files = Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      totals.set(name, arrivingLength(response) ?? sizes[url] ?? null);
      const known = [...totals.values()];
      if (known.length === Object.keys(urls).length && known.every((size) => size !== null)) progress.total = (known as number[]).reduce((a, b) => a + b, 0);
      return [name, await streamed(response, progress)] as const;
    }),
  ).then((entries) => {
    progress.done = true;
    return Object.fromEntries(entries);
  });
  return { files, progress };
}

/** Starts (once) or joins the download of `engine`'s files. */
export function engineFiles(engine: EngineId): EngineDownload {
  let current = downloads.get(engine);
  if (!current) {
    current = download(engine);
    const started = current;
    // A failed download is tried again by the next start.
    started.files.catch(() => {
      if (downloads.get(engine) === started) downloads.delete(engine);
    });
    downloads.set(engine, started);
  }
  return current;
}

/** How far `engine`'s download is, if it has started. */
export function engineProgress(engine: EngineId): AssetProgress | undefined {
  return downloads.get(engine)?.progress;
}

/** The download the page's inline script started, kept as this engine's own (unless one is already under way). */
export function adoptEarlyDownload(engine: EngineId, files: Promise<Readonly<Record<string, ArrayBuffer>>>, progress: AssetProgress): void {
  if (downloads.has(engine)) return;
  const adopted = { files, progress };
  files.catch(() => {
    if (downloads.get(engine) === adopted) downloads.delete(engine);
  });
  downloads.set(engine, adopted);
}

/**
 * The engine's files as the worker's RuntimeInit carries them, and what to transfer: copies,
 * since a transferred buffer is gone from the page, and the originals serve every later start.
 */
export async function engineAssets(engine: EngineId): Promise<[EngineAssets, Transferable[]]> {
  const files = await engineFiles(engine).files;
  // Every file under its EngineAssets name (ENGINE_ASSET_URLS names them so), each a copy.
  const copies = Object.keys(ENGINE_ASSET_URLS[engine]).map((name) => {
    const file = files[name];
    if (!file) throw new Error(`The ${engine} runtime's file ${name} is missing.`);
    return [name, file.slice(0)] as const;
  });
  const assets = { engine, ...Object.fromEntries(copies) } as EngineAssets;
  return [assets, copies.map(([, bytes]) => bytes)];
}

/** "4.2 of 11.9 MB" (or "4.2 MB" while the total is unknown). */
export function progressText(progress: AssetProgress): string {
  const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
  return progress.total ? `${mb(Math.min(progress.received, progress.total))} of ${mb(progress.total)} MB` : `${mb(progress.received)} MB`;
}
