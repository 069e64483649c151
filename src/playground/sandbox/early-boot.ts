/**
 * Starts the playground's runtime from inline scripts in the page's HTML, while the page's own
 * module is still downloading and Starlight is laying the page out. In the <head>, before the
 * stylesheets (which hold back any later inline script until they have loaded), `earlyFetch`
 * works out which ORM the page will open (share link, else autosave, else the default ORM — the
 * rules of initial-state.ts, reading only the link's ORM) and fetches that ORM's worker script and
 * sql.js's wasm. In the body, `earlyBoot` starts the worker in the sandbox iframe the HTML holds
 * by then, with the handshake RuntimeClient uses too (handshake.ts). RuntimeClient.start()
 * adopts it; when the ORM turns out different, or anything here failed, it starts a runtime as
 * usual.
 *
 * Both functions are serialised into the page (index.astro): they must not use anything from
 * outside their own bodies, so what they know of the ORMs and of share links comes in their
 * config, from the registry and the codec. The URLs are placeholders that the build fills in
 * (runtime-urls.ts); on the dev server they stay placeholders and these do nothing.
 */
import type { OrmId } from '../orm-registry.ts';
import type { HandshakeNames, RuntimeInit } from '../protocol.ts';
import type { startInSandbox } from './handshake.ts';

export interface EarlyFetchConfig {
  /** Each ORM's worker script (by its registry id), and sql.js's wasm. */
  readonly urls: { readonly workers: Readonly<Record<OrmId, string>>; readonly wasm: string };
  /** The ORM when neither a link nor the autosave names one. */
  readonly defaultOrm: OrmId;
  /** The share-link formats the codec reads (each payload's JSON starts with the ORM). */
  readonly linkVersions: readonly number[];
  readonly autosaveKey: string;
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

/** What earlyFetch leaves for earlyBoot. */
export interface EarlyDownloads {
  readonly wasm: Promise<ArrayBuffer>;
  readonly runtime: Promise<{ readonly orm: OrmId; readonly worker: Promise<Blob> }>;
}

/** A runtime earlyBoot started: RuntimeClient waits for its `ready` on `port`. */
export interface EarlyRuntime {
  readonly orm: OrmId;
  readonly port: MessagePort;
  readonly frame: HTMLIFrameElement;
  readonly worker: Promise<Blob>;
  readonly wasm: Promise<ArrayBuffer>;
}

export const EARLY_RUNTIME_GLOBAL = '__adapterLabEarlyRuntime';
export const EARLY_DOWNLOADS_GLOBAL = '__adapterLabEarlyDownloads';

export function earlyFetch(config: EarlyFetchConfig): void {
  if (!config.urls.wasm.startsWith('/') || typeof DecompressionStream !== 'function') return;
  const load = (url: string): Promise<Response> =>
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response;
    });
  const wasm = load(config.urls.wasm).then((response) => response.arrayBuffer());

  // The link's ORM is the first key of its JSON (`{"o":"…"`): inflate only its first bytes.
  const linkOrm = async (hash: string): Promise<string | null> => {
    const match = new RegExp(`^(?:${config.linkVersions.join('|')})\\.([A-Za-z0-9_-]+)$`).exec(hash);
    if (!match || hash.length > config.maxHashLength) return null;
    const base64 = match[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.length < 24) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    void reader.cancel().catch(() => {});
    return /^\{"o":"([a-z-]+)"/.exec(text)?.[1] ?? null;
  };
  const savedOrm = (): string | null => {
    try {
      const saved = JSON.parse(localStorage.getItem(config.autosaveKey) ?? 'null') as { state?: { orm?: unknown } } | null;
      return typeof saved?.state?.orm === 'string' ? saved.state.orm : null;
    } catch {
      return null;
    }
  };
  const isOrm = (value: string | null): value is OrmId => value !== null && Object.hasOwn(config.urls.workers, value);
  const runtime = (async () => {
    const hash = location.hash.slice(1);
    // A broken link opens the default example, as the page does.
    const chosen = hash ? await linkOrm(hash).catch(() => null) : savedOrm();
    const orm = isOrm(chosen) ? chosen : config.defaultOrm;
    const worker = load(config.urls.workers[orm]).then((response) => response.blob());
    worker.catch(() => {});
    return { orm, worker };
  })();
  wasm.catch(() => {});
  runtime.catch(() => {});
  const downloads: EarlyDownloads = { wasm, runtime };
  (window as unknown as Record<string, unknown>)[config.fetchGlobal] = downloads;
}

/** `start` is handshake.ts's startInSandbox, serialised beside this function (it cannot import it). */
export function earlyBoot(config: EarlyBootConfig, start: typeof startInSandbox): void {
  const frame = document.querySelector<HTMLIFrameElement>('iframe[data-playground-sandbox="unused"]');
  const downloads = (window as unknown as Record<string, EarlyDownloads | undefined>)[config.fetchGlobal];
  if (!frame || !downloads) return;
  frame.dataset['playgroundSandbox'] = 'early';

  const boot = async (): Promise<EarlyRuntime> => {
    const { orm, worker } = await downloads.runtime;
    const init = downloads.wasm.then((wasm): [RuntimeInit, Transferable[]] => {
      const bytes = wasm.slice(0);
      return [{ type: config.handshake.init, assets: { engine: 'sqlite', wasm: bytes }, database: null }, [bytes]];
    });
    init.catch(() => {});
    const port = await start(frame, { names: config.handshake, readyGlobal: config.readyGlobal, worker, init });
    return { orm, port, frame, worker, wasm: downloads.wasm };
  };
  const started = boot();
  started.catch(() => {});
  (window as unknown as Record<string, unknown>)[config.resultGlobal] = started;
}
