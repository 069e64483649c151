/**
 * Starts the playground's runtime from inline scripts in the page's HTML, while the page's own
 * module is still downloading and Starlight is laying the page out. In the <head>, before the
 * stylesheets (which hold back any later inline script until they have loaded), `earlyFetch`
 * works out which ORM and engine the page will open (share link, else autosave, else the defaults
 * — the rules of initial-state.ts, reading only the first characters of the link's JSON) and
 * fetches that ORM's worker script for that engine and the engine's files (sql.js's wasm, or
 * PGlite's three files — megabytes, read by a worker of its own — counting the bytes as they come so the page can show progress). In the body, `earlyBoot` starts the worker in the sandbox iframe the HTML holds
 * by then, with the handshake RuntimeClient uses too (handshake.ts). RuntimeClient.start()
 * adopts it; when the ORM or engine turns out different, or anything here failed, it starts a runtime as
 * usual.
 *
 * Both functions are serialised into the page (index.astro): they must not use anything from
 * outside their own bodies, so what they know of the ORMs and of share links comes in their
 * config, from the registry and the codec. The URLs are placeholders that the build fills in
 * (runtime-urls.ts); on the dev server they stay placeholders and these do nothing.
 */
import type { EngineId } from '../engine-registry.ts';
import type { ImplementationId } from '../implementation-registry.ts';
import type { OrmId } from '../orm-registry.ts';
import type { EngineAssets, HandshakeNames, RuntimeInit } from '../protocol.ts';
import type { startInSandbox } from './handshake.ts';

export interface EarlyFetchConfig {
  readonly urls: {
    /** Each ORM's worker script per adapter implementation and engine (by their registry ids); empty where there is none. */
    readonly workers: Readonly<Record<OrmId, Readonly<Record<ImplementationId, Readonly<Record<EngineId, string>>>>>>;
    /** Each engine's files, by the names of its EngineAssets fields. */
    readonly assets: Readonly<Record<EngineId, Readonly<Record<string, string>>>>;
  };
  /** The size of each engine file (by the same names), as the build wrote it: the total of a response without a usable Content-Length. */
  readonly sizes: Readonly<Record<EngineId, Readonly<Record<string, string>>>>;
  /** The ORM and engine when neither a link nor the autosave names them. */
  readonly defaultOrm: OrmId;
  readonly defaultEngine: EngineId;
  readonly defaultImplementation: ImplementationId;
  /** The share-link formats the codec reads (each payload's JSON starts with the ORM, then the engine and the implementation unless they are the defaults). */
  readonly linkVersions: readonly number[];
  readonly autosaveKey: string;
  /** No autosave the page would load is longer: a longer one opens the default, so it is not parsed here. */
  readonly maxAutosaveLength: number;
  readonly maxHashLength: number;
  /** Where the downloads are left for earlyBoot. */
  readonly fetchGlobal: string;
}

export interface EarlyBootConfig {
  readonly fetchGlobal: string;
  readonly readyGlobal: string;
  readonly resultGlobal: string;
  /** The handshake's message names (protocol.ts). */
  readonly handshake: HandshakeNames;
}

/** How far an engine's download is: bytes received, of `total` when it is known. */
export interface AssetProgress {
  received: number;
  total: number | null;
  done: boolean;
}

/** What earlyFetch started: the runtime of one ORM on one engine. */
export interface EarlyDownload {
  readonly orm: OrmId;
  readonly engine: EngineId;
  readonly implementation: ImplementationId;
  readonly worker: Promise<Blob>;
  /** The engine's files by the names of its EngineAssets fields. */
  readonly files: Promise<Readonly<Record<string, ArrayBuffer>>>;
  readonly progress: AssetProgress;
}

/** What earlyFetch leaves for earlyBoot (and the page). */
export interface EarlyDownloads {
  readonly runtime: Promise<EarlyDownload>;
  /** Each engine file's size by its URL, as the build wrote it. */
  readonly sizes: Readonly<Record<string, number>>;
}

/** A runtime earlyBoot started: RuntimeClient waits for its `ready` on `port`. */
export interface EarlyRuntime extends EarlyDownload {
  readonly port: MessagePort;
  readonly frame: HTMLIFrameElement;
}

export const EARLY_RUNTIME_GLOBAL = '__adapterLabEarlyRuntime';
export const EARLY_DOWNLOADS_GLOBAL = '__adapterLabEarlyDownloads';

export function earlyFetch(config: EarlyFetchConfig): void {
  if (!config.urls.assets.sqlite['wasm']?.startsWith('/') || typeof DecompressionStream !== 'function') return;
  const sizes: Record<string, number> = {};
  for (const engine of Object.keys(config.urls.assets) as EngineId[]) {
    for (const [name, url] of Object.entries(config.urls.assets[engine])) {
      const size = Number(config.sizes[engine]?.[name]);
      if (size > 0) sizes[url] = size;
    }
  }
  /** Engine files of this many bytes or more are read in a worker (see startReading). */
  const READ_IN_WORKER_BYTES = 4_000_000;
  const load = (url: string): Promise<Response> =>
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response;
    });

  // The link's ORM and engine are the first keys of its JSON (`{"o":"…","e":"…"`): inflate only its first bytes.
  const linkChoice = async (hash: string): Promise<{ orm?: unknown; engine?: unknown; implementation?: unknown } | null> => {
    const match = new RegExp(`^(?:${config.linkVersions.join('|')})\\.([A-Za-z0-9_-]+)$`).exec(hash);
    if (!match || hash.length > config.maxHashLength) return null;
    const base64 = match[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.length < 72) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    void reader.cancel().catch(() => {});
    const found = /^\{"o":"([a-z-]+)"(?:,"e":"([a-z-]+)")?(?:,"i":"([a-z-]+)")?/.exec(text);
    // No `e`: SQLite, as every link before the engine choice; no `i`: our adapter, as before that choice.
    return found ? { orm: found[1], engine: found[2] ?? config.defaultEngine, implementation: found[3] ?? config.defaultImplementation } : null;
  };
  const savedChoice = (): { orm?: unknown; engine?: unknown; implementation?: unknown } | null => {
    try {
      const text = localStorage.getItem(config.autosaveKey);
      if (text === null || text.length > config.maxAutosaveLength) return null;
      const saved = JSON.parse(text) as {
        state?: { orm?: unknown; engine?: unknown; implementation?: unknown };
      } | null;
      return saved?.state
        ? {
            orm: saved.state.orm,
            engine: saved.state.engine ?? config.defaultEngine,
            implementation: saved.state.implementation ?? config.defaultImplementation,
          }
        : null;
    } catch {
      return null;
    }
  };
  const isOrm = (value: unknown): value is OrmId => typeof value === 'string' && Object.hasOwn(config.urls.workers, value);
  const isEngine = (value: unknown): value is EngineId => typeof value === 'string' && Object.hasOwn(config.urls.assets, value);
  const isImplementation = (value: unknown): value is ImplementationId =>
    typeof value === 'string' && Object.hasOwn(config.urls.workers[config.defaultOrm], value);

  /**
   * One file fetched and read into one buffer, on the page or in the reading worker (startReading):
   * each chunk copied into place as it comes (joining megabytes at the end was one long task), its
   * bytes counted. The same loop as engine-downloads.ts's `streamed`: this one is serialised into
   * the page and into the reading worker, so it can import nothing.
   */
  const readFile = async (url: string, sizeHint: number | null, post: (message: unknown, transfer?: Transferable[]) => void): Promise<void> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length'));
    const encoding = response.headers.get('content-encoding');
    const expected = length > 0 && (!encoding || encoding === 'identity') ? length : sizeHint;
    post({ kind: 'expected', expected });
    const reader = response.body!.getReader();
    let bytes = new Uint8Array(expected ?? 1 << 20);
    let size = 0;
    let unreported = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (size + value.byteLength > bytes.byteLength) {
        const grown = new Uint8Array(Math.max(bytes.byteLength * 2, size + value.byteLength));
        grown.set(bytes.subarray(0, size));
        bytes = grown;
      }
      bytes.set(value, size);
      size += value.byteLength;
      unreported += value.byteLength;
      // The page's progress needs no more than a few hundred steps for megabytes.
      if (unreported >= 1 << 16) {
        post({ kind: 'progress', bytes: unreported });
        unreported = 0;
      }
    }
    if (unreported > 0) post({ kind: 'progress', bytes: unreported });
    const buffer = size === bytes.byteLength ? bytes.buffer : bytes.buffer.slice(0, size);
    post({ kind: 'done', buffer }, [buffer]);
  };

  type ReadMessage = { id: number; kind: string; expected?: number | null; bytes?: number; buffer?: ArrayBuffer; message?: string };

  /**
   * Reads `urls` with readFile — in a worker of the page's own when they are megabytes: read on
   * the page, PGlite's ~20 MB of response chunks held its main thread in frames of 50–250 ms
   * before the page's script could run (a PostgreSQL link showed no code for about a second).
   * sql.js's wasm is read on the page: a worker costs more than it saves there.
   */
  const startReading = (urls: readonly string[], bytes: number, receive: (message: ReadMessage) => void): (() => void) => {
    if (bytes < READ_IN_WORKER_BYTES) {
      urls.forEach((url, id) => {
        readFile(url, sizes[url] ?? null, (message) => receive({ id, ...(message as object) } as ReadMessage)).catch((error: unknown) =>
          receive({ id, kind: 'error', message: String((error as Error | null)?.message ?? error) }),
        );
      });
      return () => {};
    }
    const source = `const readFile = ${readFile.toString()};
onmessage = (event) => {
  const { id, url, sizeHint } = event.data;
  readFile(url, sizeHint, (message, transfer) => postMessage({ id, ...message }, transfer || [])).catch((error) => postMessage({ id, kind: 'error', message: String((error && error.message) || error) }));
};`;
    const scriptUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const reader = new Worker(scriptUrl, { name: 'adapter-lab-engine-download' });
    reader.onmessage = (event: MessageEvent<ReadMessage>) => receive(event.data);
    reader.onerror = (event) => {
      event.preventDefault();
      const message = `the engine's files could not be read: ${event.message || 'the reading worker failed'}`;
      for (const id of urls.keys()) receive({ id, kind: 'error', message });
    };
    // A blob: worker's URLs resolve against the blob: URL: each is made absolute here.
    for (const [id, url] of urls.entries()) reader.postMessage({ id, url: new URL(url, location.href).href, sizeHint: sizes[url] ?? null });
    return () => {
      reader.terminate();
      URL.revokeObjectURL(scriptUrl);
    };
  };

  /** The engine's files, each counted into `progress` as it arrives, each moved whole to the page. */
  const files = (engine: EngineId, progress: AssetProgress): Promise<Record<string, ArrayBuffer>> => {
    const entries = Object.entries(config.urls.assets[engine]);
    const totals: Array<number | null> = [];
    const pending = new Map<number, { resolve(buffer: ArrayBuffer): void; reject(error: Error): void }>();
    const receive = (message: ReadMessage): void => {
      if (message.kind === 'expected') {
        totals.push(message.expected ?? null);
        if (totals.length === entries.length && totals.every((total) => total !== null)) progress.total = (totals as number[]).reduce((a, b) => a + b, 0);
      } else if (message.kind === 'progress') progress.received += message.bytes ?? 0;
      else if (message.kind === 'done') pending.get(message.id)?.resolve(message.buffer!);
      else if (message.kind === 'error') pending.get(message.id)?.reject(new Error(message.message));
    };
    const all = Promise.all(
      entries.map(
        ([name], id) =>
          new Promise<readonly [string, ArrayBuffer]>((resolve, reject) => pending.set(id, { resolve: (buffer) => resolve([name, buffer] as const), reject })),
      ),
    ).then((named) => {
      progress.done = true;
      return Object.fromEntries(named);
    });
    const urls = entries.map(([, url]) => url);
    const finish = startReading(
      urls,
      urls.reduce((sum, url) => sum + (sizes[url] ?? 0), 0),
      receive,
    );
    all.then(finish, finish);
    return all;
  };

  const runtime = (async (): Promise<EarlyDownload> => {
    const hash = location.hash.slice(1);
    // A broken link opens the default example, as the page does.
    const chosen = hash ? await linkChoice(hash).catch(() => null) : savedChoice();
    const orm = isOrm(chosen?.orm) ? chosen.orm : config.defaultOrm;
    const engine = isEngine(chosen?.engine) ? chosen.engine : config.defaultEngine;
    const implementation = isImplementation(chosen?.implementation) ? chosen.implementation : config.defaultImplementation;
    const url = config.urls.workers[orm][implementation][engine];
    // None for this choice (the official adapter where it does not run): the page says so.
    if (!url) throw new Error(`no runtime for ${orm} (${implementation}) on ${engine}`);
    const worker = load(url).then((response) => response.blob());
    const progress: AssetProgress = { received: 0, total: null, done: false };
    const assets = files(engine, progress);
    worker.catch(() => {});
    assets.catch(() => {});
    return { orm, engine, implementation, worker, files: assets, progress };
  })();
  runtime.catch(() => {});
  const downloads: EarlyDownloads = { runtime, sizes };
  (window as unknown as Record<string, unknown>)[config.fetchGlobal] = downloads;
}

/** `start` is handshake.ts's startInSandbox, serialised beside this function (it cannot import it). */
export function earlyBoot(config: EarlyBootConfig, start: typeof startInSandbox): void {
  const frame = document.querySelector<HTMLIFrameElement>('iframe[data-playground-sandbox="unused"]');
  const downloads = (window as unknown as Record<string, EarlyDownloads | undefined>)[config.fetchGlobal];
  if (!frame || !downloads) return;
  frame.dataset['playgroundSandbox'] = 'early';

  const boot = async (): Promise<EarlyRuntime> => {
    const download = await downloads.runtime;
    // Moved, not copied (a copy of PGlite's files held the main thread): the runtime gives them
    // back with its `ready`, and the page keeps them for later starts (engine-downloads.ts).
    const init = download.files.then((files): [RuntimeInit, Transferable[]] => {
      // Every file under its EngineAssets name (the config names them so).
      const assets = { engine: download.engine, ...files } as EngineAssets;
      return [{ type: config.handshake.init, assets, database: null }, Object.values(files)];
    });
    init.catch(() => {});
    const port = await start(frame, { names: config.handshake, readyGlobal: config.readyGlobal, worker: download.worker, init });
    return { ...download, port, frame };
  };
  const started = boot();
  started.catch(() => {});
  (window as unknown as Record<string, unknown>)[config.resultGlobal] = started;
}
