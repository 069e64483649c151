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
import type { EngineAssets, EngineFiles } from '../protocol.ts';
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
  readonly files: Promise<EngineFiles>;
  readonly progress: AssetProgress;
  /** The files, once downloaded. */
  settled?: EngineFiles;
}

const downloads = new Map<EngineId, EngineDownload>();

/*
 * A runtime's start moves (transfers) the engine's files to it rather than copying them: a copy
 * of PGlite's ~20 MB held the page's main thread for 100–300 ms at every start. The runtime
 * gives them back with its `ready` (giveBack); files still out when another start needs them —
 * that runtime is still starting, or was stopped first — are downloaded again (the HTTP cache
 * answers).
 */
const lent = new WeakSet<EngineFiles>();

/** The files' sizes as the build wrote them into the page (early-boot.ts), for a response without a usable Content-Length. */
function builtSizes(): Readonly<Record<string, number>> {
  const early = (window as unknown as Record<string, EarlyDownloads | undefined>)[EARLY_DOWNLOADS_GLOBAL];
  return early?.sizes ?? {};
}

/**
 * The bytes of one response, counted into `progress` as they arrive. Each chunk is copied into
 * place as it comes (into a buffer of the expected size, grown if that was wrong): joining
 * megabytes of chunks at the end was one long task.
 */
async function streamed(response: Response, progress: AssetProgress, expected: number | null): Promise<ArrayBuffer> {
  if (!response.body) {
    const whole = await response.arrayBuffer();
    progress.received += whole.byteLength;
    return whole;
  }
  let bytes = new Uint8Array(expected ?? 1 << 20);
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (length + value.byteLength > bytes.byteLength) {
      const grown = new Uint8Array(Math.max(bytes.byteLength * 2, length + value.byteLength));
      grown.set(bytes.subarray(0, length));
      bytes = grown;
    }
    bytes.set(value, length);
    length += value.byteLength;
    progress.received += value.byteLength;
  }
  return length === bytes.byteLength ? bytes.buffer : bytes.buffer.slice(0, length);
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
      const expected = arrivingLength(response) ?? sizes[url] ?? null;
      totals.set(name, expected);
      const known = [...totals.values()];
      if (known.length === Object.keys(urls).length && known.every((size) => size !== null)) progress.total = (known as number[]).reduce((a, b) => a + b, 0);
      return [name, await streamed(response, progress, expected)] as const;
    }),
  ).then((entries) => {
    progress.done = true;
    return Object.fromEntries(entries);
  });
  const started: EngineDownload = { files, progress };
  files.then(
    (settled) => {
      started.settled = settled;
    },
    () => {},
  );
  return started;
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

/** Every engine download the page has started, settled or not. */
export function engineDownloadsStarted(): Promise<unknown>[] {
  return [...downloads.values()].map((download) => download.files);
}

/** How far `engine`'s download is, if it has started. */
export function engineProgress(engine: EngineId): AssetProgress | undefined {
  return downloads.get(engine)?.progress;
}

/**
 * The download the page's inline script started, kept as this engine's own (unless one is
 * already under way). Its files are lent: the inline script's runtime moves them.
 */
export function adoptEarlyDownload(engine: EngineId, files: Promise<EngineFiles>, progress: AssetProgress): void {
  if (downloads.has(engine)) return;
  const adopted: EngineDownload = { files, progress };
  files.then(
    (settled) => {
      lent.add(settled);
      adopted.settled = settled;
    },
    () => {
      if (downloads.get(engine) === adopted) downloads.delete(engine);
    },
  );
  downloads.set(engine, adopted);
}

/** Whether any of the files was moved away (a transferred ArrayBuffer is left empty; no engine file is). */
const movedAway = (files: EngineFiles): boolean => lent.has(files) || Object.values(files).some((file) => file.byteLength === 0);

/**
 * The engine's files as the worker's RuntimeInit carries them, and what to transfer: the page's
 * own files, lent (see `lent`), or a new download of them while those are out.
 */
export async function engineAssets(engine: EngineId): Promise<[EngineAssets, Transferable[]]> {
  for (let attempt = 1; ; attempt++) {
    const download = engineFiles(engine);
    const files = await download.files;
    if (!movedAway(files)) {
      lent.add(files);
      // Every file under its EngineAssets name (ENGINE_ASSET_URLS names them so).
      const named = Object.keys(ENGINE_ASSET_URLS[engine]).map((name) => {
        const file = files[name];
        if (!file) throw new Error(`The ${engine} runtime's file ${name} is missing.`);
        return [name, file] as const;
      });
      return [{ engine, ...Object.fromEntries(named) } as EngineAssets, named.map(([, bytes]) => bytes)];
    }
    // Out with a runtime that has not given them back: this start downloads its own.
    if (downloads.get(engine) === download) downloads.delete(engine);
    if (attempt === 3) throw new Error(`The ${engine} runtime's files are in use by another runtime.`);
  }
}

/** A started runtime's files back (its `ready`), kept for later starts, unless the page holds files of its own again. */
export function giveBack(engine: EngineId, files: EngineFiles): void {
  const complete = Object.keys(ENGINE_ASSET_URLS[engine]).every((name) => (files[name]?.byteLength ?? 0) > 0);
  const current = downloads.get(engine);
  if (!complete || (current && !(current.settled && movedAway(current.settled)))) return;
  const total = Object.values(files).reduce((sum, file) => sum + file.byteLength, 0);
  downloads.set(engine, { files: Promise.resolve(files), progress: { received: total, total, done: true }, settled: files });
}

/** "4.2 of 11.9 MB" (or "4.2 MB" while the total is unknown). */
export function progressText(progress: AssetProgress): string {
  const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
  return progress.total ? `${mb(Math.min(progress.received, progress.total))} of ${mb(progress.total)} MB` : `${mb(progress.received)} MB`;
}
