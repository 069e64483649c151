import { byEngine, DEFAULT_ENGINE, engineEntry, type EngineId } from '../engine-registry.ts';
import { appendBounded, PAGE_CONSOLE_ENTRY_LIMIT } from '../output-limits.ts';
import { byImplementation, DEFAULT_IMPLEMENTATION, type ImplementationId, implementationEntry } from '../implementation-registry.ts';
import { byOrm, ormEntry, type OrmId, runtimeWorker } from '../orm-registry.ts';
import {
  type AuthCode,
  type ConsoleEntry,
  HANDSHAKE,
  type Outcome,
  type RunPhase,
  type RuntimeInit,
  type RuntimeRequest,
  type RuntimeResponse,
  type RuntimeVersions,
  type WholeValue,
  type WorkerConnect,
} from '../protocol.ts';
import { checkRuntimeResponse, runtimeText } from '../protocol-guards.ts';
import { EARLY_DOWNLOADS_GLOBAL, EARLY_RUNTIME_GLOBAL, type EarlyDownloads, type EarlyRuntime } from './early-boot.ts';
import { adoptEarlyDownload, engineAssets, engineDownloadsStarted, engineFiles, giveBack } from './engine-downloads.ts';
import { type SandboxStartOptions, startInSandbox } from './handshake.ts';
import { READY_SANDBOXES_GLOBAL, SANDBOX_FRAME_ATTRIBUTES, sandboxSrcdoc } from './sandbox-frame.ts';
import { CHECK_INTERVAL_MS, Watchdog, policyFor, stopMessage, type RequestType } from './watchdog.ts';

// Auth.js (@auth/core and the playground's modules over it): a classic script of its own, built
// like the workers, downloaded only for code that imports it (prefetchAuthCode) or a runtime that
// asks for it (`load-auth`).
import authRuntimeUrl from './auth-runtime.chunk.ts?worker&url';

// Every ORM's worker entry per engine and adapter implementation (orm-registry.ts runtimeWorker),
// each built as a worker script of its own, so a page downloads one ORM on one engine with one adapter. Eager: these modules are one URL string
// each, and a dynamic import would put a round trip before the worker script's download.
const BUILT_WORKERS = import.meta.glob<string>('./*.worker.ts', { query: '?worker&url', import: 'default', eager: true });

const WORKER_URLS: Readonly<Record<OrmId, Readonly<Record<ImplementationId, Readonly<Record<EngineId, string | undefined>>>>>> = byOrm((orm) =>
  byImplementation((implementation) =>
    byEngine((engine) => {
      const file = runtimeWorker(orm, engine.id, implementation.id);
      return file ? BUILT_WORKERS[`./${file}.ts`] : undefined;
    }),
  ),
);

/** The built worker of `orm` on `engine` with `implementation`; throws, saying so, when there is none. */
export function workerUrl(orm: OrmId, engine: EngineId, implementation: ImplementationId = DEFAULT_IMPLEMENTATION): string {
  const url = WORKER_URLS[orm][implementation][engine];
  if (!url) {
    const entry = ormEntry(orm);
    throw new Error(
      implementation === 'official'
        ? `The official ${entry.adapter.official} does not run on ${engineEntry(engine).label} in the playground yet: choose ${engineEntry(DEFAULT_ENGINE).label}, or ${implementationEntry('ours').label}.`
        : `The playground has no ${engineEntry(engine).label} runtime for ${entry.label} (sandbox/${entry.workers[engine]}.ts is missing).`,
    );
  }
  return url;
}

export type Request = RuntimeRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** How a request ended: its outcome (or the value read), a refusal (nothing changed), or the worker was stopped. */
export type RequestResult =
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'value'; readonly value: WholeValue }
  | { readonly kind: 'database'; readonly bytes: Uint8Array }
  | { readonly kind: 'refused'; readonly message: string }
  | {
      readonly kind: 'stopped';
      readonly phase: Extract<RunPhase, 'timeout' | 'stopped' | 'crash'>;
      readonly message: string;
      readonly console: readonly ConsoleEntry[];
    };

/** What a request of this kind can end with: a read gives a value, every other request an outcome. */
export type ResultOf<R extends { readonly type: string }> = R extends { readonly type: 'read-value' }
  ? Exclude<RequestResult, { kind: 'outcome' | 'database' }>
  : R extends { readonly type: 'export-database' }
    ? Exclude<RequestResult, { kind: 'outcome' | 'value' }>
    : Exclude<RequestResult, { kind: 'value' | 'database' }>;

export interface RuntimeStartOptions {
  readonly engine?: EngineId;
  /** Which adapter package the runtime serves for the official name (ours by default). */
  readonly implementation?: ImplementationId;
  /** The engine's files are in: the runtime itself starts now (PGlite's download is megabytes, its start seconds). */
  readonly onStarting?: () => void;
}

export interface RuntimeClientOptions {
  /** Called with console output while a request runs (it also arrives in the outcome). */
  onProgress?: (console: readonly ConsoleEntry[]) => void;
  timeLimitMs?: number;
}

const cache = new Map<string, Promise<ArrayBuffer | Blob | string>>();

function fetchOnce<T extends ArrayBuffer | Blob | string>(url: string, as: 'blob' | 'arrayBuffer' | 'text', init?: RequestInit): Promise<T> {
  let loading = cache.get(url);
  if (!loading) {
    loading = fetch(url, init).then((response): Promise<ArrayBuffer | Blob | string> => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return as === 'blob' ? response.blob() : as === 'text' ? response.text() : response.arrayBuffer();
    });
    loading.catch(() => cache.delete(url));
    cache.set(url, loading);
  }
  return loading as Promise<T>;
}

/** A download of Auth.js's script that hangs fails after this long (the run waiting for it is told). */
const AUTH_DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * Auth.js's script, downloaded once for every runtime. A failed download is forgotten once a
 * runtime has been told (the next run downloads it again), or when a later prefetch finds it failed.
 */
let authDownload: { readonly code: Promise<string>; failed: boolean } | undefined;

function downloadAuth(): Promise<string> {
  if (authDownload) return authDownload.code;
  const download = {
    code: fetch(authRuntimeUrl, { signal: AbortSignal.timeout(AUTH_DOWNLOAD_TIMEOUT_MS) }).then((response) => {
      if (!response.ok) throw new Error(`${authRuntimeUrl}: HTTP ${response.status}`);
      return response.text();
    }),
    failed: false,
  };
  download.code.catch(() => {
    download.failed = true;
  });
  authDownload = download;
  return download.code;
}

/** Everything the page is downloading for runtimes (worker scripts, engine files, the inline script's), once settled. */
function runtimeDownloads(): Promise<unknown> {
  const early = (window as unknown as Record<string, EarlyDownloads | undefined>)[EARLY_DOWNLOADS_GLOBAL]?.runtime.then((download) =>
    Promise.allSettled([download.worker, download.files]),
  );
  return Promise.allSettled([...cache.values(), ...engineDownloadsStarted(), ...(early ? [early] : [])]);
}

/**
 * Downloads Auth.js's script for a run that will ask for it (app/auth-imports.ts), once the
 * runtime's own downloads are in (not competing with them: the runtime compiles its script for a
 * while after). The runtime's request for it is then answered at once instead of waiting for a
 * download. Under `astro dev` the worker imports Auth.js itself.
 */
export function prefetchAuthCode(): void {
  if (import.meta.env.DEV) return;
  void runtimeDownloads().then(() => {
    if (authDownload?.failed) authDownload = undefined;
    void downloadAuth().catch(() => {});
  });
}

/** Auth.js's script for a runtime that asked for it (a download already under way included). */
function authCode(): Promise<AuthCode> {
  return downloadAuth().then(
    (code): AuthCode => ({ type: 'auth-code', code }),
    (error: unknown): AuthCode => {
      // Told once: the next run downloads it again.
      if (authDownload?.failed) authDownload = undefined;
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${AUTH_DOWNLOAD_TIMEOUT_MS / 1000} s`
          : error instanceof Error
            ? error.message
            : String(error);
      return { type: 'auth-code', error: `the page could not download Auth.js's code (${reason}). Check your connection and run again.` };
    },
  );
}

/** Starts downloading the runtime of `orm` on `engine` with `implementation` (worker script and the engine's files) without starting it. */
export function prefetchRuntime(orm: OrmId, engine: EngineId, implementation: ImplementationId): void {
  void engineFiles(engine).files.catch(() => {});
  const url = WORKER_URLS[orm][implementation][engine];
  if (!import.meta.env.DEV && url) void fetchOnce(url, 'blob').catch(() => {});
}

interface Pending {
  readonly id: number;
  readonly type: RequestType;
  readonly resolve: (result: RequestResult) => void;
  readonly console: ConsoleEntry[];
  readonly watchdog: Watchdog;
}

/** What the page calls each kind of request in its messages. */
const REQUEST_NAMES: Readonly<Record<RequestType, string>> = {
  run: 'the run',
  call: 'the call',
  flow: 'the flow',
  'load-database': 'the import',
  'read-value': 'reading the value',
  'export-database': 'the export',
};

/** The answer each request type expects (besides `refused`). */
const ANSWER: Readonly<Record<RequestType, 'outcome' | 'value' | 'database'>> = {
  run: 'outcome',
  call: 'outcome',
  flow: 'outcome',
  'load-database': 'outcome',
  'read-value': 'value',
  'export-database': 'database',
};

/** Console entries handed to onProgress at a time: a forged flood must not become one huge spread call. */
const PROGRESS_SLICE = 1_000;

/**
 * The page's handle on one runtime worker. In the production build the worker runs inside the
 * sandbox iframe (sandbox-frame.ts); under `astro dev` it is a plain module worker of the
 * page's origin (Vite serves workers as modules there), with isolation.ts as its only fence.
 * A watchdog stops a request whose worker stopped answering or ran out of time: the iframe
 * and worker are torn down (terminating whatever loop held them) and the request resolves as
 * `stopped`; the caller then starts a new runtime.
 */
export class RuntimeClient {
  readonly orm: OrmId;
  readonly engine: EngineId;
  readonly versions: RuntimeVersions;
  readonly startupMs: number;
  readonly #port: MessagePort;
  readonly #teardown: () => void;
  readonly #options: RuntimeClientOptions;
  #pending: Pending | undefined;
  #nextId = 1;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #dead: string | undefined;
  /** A malformed message was reported on the console: later ones are dropped quietly. */
  #warned = false;

  private constructor(
    orm: OrmId,
    engine: EngineId,
    port: MessagePort,
    teardown: () => void,
    ready: { versions: RuntimeVersions; startupMs: number },
    options: RuntimeClientOptions,
  ) {
    this.orm = orm;
    this.engine = engine;
    this.#port = port;
    this.#teardown = teardown;
    this.versions = ready.versions;
    this.startupMs = ready.startupMs;
    this.#options = options;
    port.onmessage = (event: MessageEvent<unknown>) => this.#receive(event.data);
    port.onmessageerror = () => this.#malformed('a message that could not be read');
  }

  /**
   * Downloads (once) and starts the runtime of `orm` on `options.engine` (SQLite by default), its
   * database from `database` when given.
   */
  static async start(orm: OrmId, database: Uint8Array | null, options: RuntimeClientOptions & RuntimeStartOptions = {}): Promise<RuntimeClient> {
    const engine = options.engine ?? DEFAULT_ENGINE;
    const implementation = options.implementation ?? DEFAULT_IMPLEMENTATION;
    const url = workerUrl(orm, engine, implementation);
    await adoptEarlyDownloads();
    const adopted = database === null ? await adoptEarlyRuntime(orm, engine, implementation, options.onStarting) : null;
    if (adopted) return new RuntimeClient(orm, engine, adopted.port, adopted.teardown, adopted.ready, options);
    // The worker starts (and evaluates its ORM) while the engine's files may still be downloading.
    performance.mark('playground:runtime-start');
    const init = engineAssets(engine).then(([assets, transfer]): [RuntimeInit, Transferable[]] => {
      options.onStarting?.();
      const message: RuntimeInit = { type: HANDSHAKE.init, assets, database: database ? database.slice() : null };
      return [message, transfer];
    });
    // Awaited in connect(), unless the sandbox failed first.
    init.catch(() => {});
    const { port, teardown } = await connect(url, init);
    try {
      const ready = await runtimeReady(port, engine);
      performance.mark('playground:runtime-ready', { detail: { startupMs: ready.startupMs } });
      return new RuntimeClient(orm, engine, port, teardown, ready, options);
    } catch (error) {
      teardown();
      throw error;
    }
  }

  get busy(): boolean {
    return this.#pending !== undefined;
  }

  /** Sends one request; resolves when it is done, refused, or stopped. One at a time. */
  request<R extends Request>(request: R): Promise<ResultOf<R>> {
    // The worker answers each request type with its own kind of message (#receive).
    return this.#request(request) as Promise<ResultOf<R>>;
  }

  #request(request: Request): Promise<RequestResult> {
    if (this.#dead) return Promise.resolve({ kind: 'stopped', phase: 'crash', message: this.#dead, console: [] });
    if (this.#pending) throw new Error('The runtime is busy with another request.');
    const id = this.#nextId++;
    return new Promise<RequestResult>((resolve) => {
      const watchdog = new Watchdog(policyFor(request.type, this.#options.timeLimitMs), performance.now());
      this.#pending = { id, type: request.type, resolve, console: [], watchdog };
      this.#port.postMessage({ ...request, id });
      this.#watchdog = setInterval(() => this.#check(), CHECK_INTERVAL_MS);
    });
  }

  /** Stops the current request (the Stop button): the worker is torn down. */
  stop(phase: 'stopped' | 'timeout' = 'stopped', message = 'Stopped: the run was cancelled and the runtime restarted. Your code is unchanged.'): void {
    this.#kill(phase, message);
  }

  dispose(): void {
    this.#kill('stopped', 'The runtime was closed.');
  }

  #check(): void {
    const pending = this.#pending;
    if (!pending) return;
    // A hidden tab's timers are throttled while messages still flow: a late check there is no stall.
    const verdict = pending.watchdog.check(performance.now(), document.visibilityState === 'hidden');
    if (verdict) this.#kill('timeout', stopMessage(verdict, pending.type));
  }

  /**
   * The reader's code can post on the runtime's port: a message that is not the protocol's is
   * dropped, and the request in flight fails (its runtime cannot be trusted any more).
   */
  #malformed(problem: string): void {
    if (!this.#warned) {
      this.#warned = true;
      console.warn(
        `Adapter Lab playground: dropped a malformed message from the runtime (${problem}). Further malformed messages from this runtime are dropped without a warning.`,
      );
    }
    const pending = this.#pending;
    if (pending)
      this.#kill(
        'crash',
        `The runtime sent a malformed result (${problem}); ${REQUEST_NAMES[pending.type]} was stopped and the runtime restarted. Your code is unchanged.`,
      );
  }

  #kill(phase: 'stopped' | 'timeout' | 'crash', message: string): void {
    clearInterval(this.#watchdog);
    const pending = this.#pending;
    this.#pending = undefined;
    this.#dead ??= message;
    this.#port.onmessage = null;
    this.#port.onmessageerror = null;
    this.#teardown();
    pending?.resolve({ kind: 'stopped', phase, message, console: pending.console });
  }

  /**
   * The worker needs Auth.js (the code imports it, or a flow runs): it waits, beating, while the
   * page downloads the script; that time does not count towards the request's time limit.
   */
  #sendAuthCode(): void {
    const watchdog = this.#pending?.watchdog;
    watchdog?.pause();
    void authCode().then((answer) => {
      watchdog?.resume();
      if (!this.#dead) this.#port.postMessage(answer);
    });
  }

  #receive(data: unknown): void {
    const problem = checkRuntimeResponse(data);
    if (problem) {
      this.#malformed(problem);
      return;
    }
    const message = data as RuntimeResponse;
    const pending = this.#pending;
    if (message.type === 'load-auth') {
      this.#sendAuthCode();
      return;
    }
    if (message.type === 'fatal') {
      // Its text may be the reader's code's: quoted after the page's own words, never as them.
      this.#kill('crash', `The runtime failed and was restarted; your code is unchanged. From the runtime: “${runtimeText(message.message)}”`);
      return;
    }
    if (!pending || !('id' in message) || message.id !== pending.id) return;
    pending.watchdog.sign(performance.now());
    if (message.type === 'progress') {
      for (let start = 0; start < message.console.length; start += PROGRESS_SLICE) {
        const slice = message.console.slice(start, start + PROGRESS_SLICE);
        // Kept for a stopped request's console: bounded whatever the runtime sends.
        appendBounded(pending.console, slice, PAGE_CONSOLE_ENTRY_LIMIT);
        this.#options.onProgress?.(slice);
      }
      return;
    }
    // The reader's code could answer a read with an outcome, or a run with a value.
    if (message.type !== ANSWER[pending.type] && message.type !== 'refused') {
      this.#malformed(`a ${message.type} message in answer to ${REQUEST_NAMES[pending.type]}`);
      return;
    }
    clearInterval(this.#watchdog);
    this.#pending = undefined;
    if (message.type === 'outcome') pending.resolve({ kind: 'outcome', outcome: message.outcome });
    else if (message.type === 'value') pending.resolve({ kind: 'value', value: message.value });
    else if (message.type === 'database') pending.resolve({ kind: 'database', bytes: message.bytes });
    else pending.resolve({ kind: 'refused', message: message.type === 'refused' ? message.message : 'Unexpected answer from the runtime.' });
  }
}

/**
 * What the page's inline script downloads (early-boot.ts), taken over once, as soon as it knows
 * the ORM and engine: its progress is the page's to show, and later starts (after a Stop, after
 * switching back) reuse its files, whether or not its runtime is adopted.
 */
async function adoptEarlyDownloads(): Promise<void> {
  const slot = window as unknown as Record<string, EarlyDownloads | undefined>;
  const downloads = slot[EARLY_DOWNLOADS_GLOBAL];
  if (!downloads || adoptedDownloads) return;
  adoptedDownloads = true;
  try {
    const download = await downloads.runtime;
    adoptEarlyDownload(download.engine, download.files, download.progress);
    const url = WORKER_URLS[download.orm][download.implementation]?.[download.engine];
    if (url && !cache.has(url)) cache.set(url, download.worker);
  } catch {
    // Nothing was downloaded early: the page downloads as usual.
  }
}

let adoptedDownloads = false;

/**
 * The runtime the page's inline script started (early-boot.ts), once: adopted when it is of
 * `orm` on `engine` with `implementation`; otherwise (or when it failed) removed, and the caller starts one as usual.
 * Its downloads serve later starts either way.
 */
async function adoptEarlyRuntime(
  orm: OrmId,
  engine: EngineId,
  implementation: ImplementationId,
  onStarting: (() => void) | undefined,
): Promise<{ port: MessagePort; teardown: () => void; ready: { versions: RuntimeVersions; startupMs: number } } | null> {
  const slot = window as unknown as Record<string, Promise<EarlyRuntime> | undefined>;
  const early = slot[EARLY_RUNTIME_GLOBAL];
  if (!early) return null;
  delete slot[EARLY_RUNTIME_GLOBAL];
  let booted: EarlyRuntime | undefined;
  try {
    booted = await early;
    if (booted.orm !== orm || booted.engine !== engine || booted.implementation !== implementation) {
      booted.frame.remove();
      return null;
    }
    void booted.files.then(
      () => onStarting?.(),
      () => {},
    );
    const ready = await runtimeReady(booted.port, booted.engine);
    performance.mark('playground:runtime-ready', { detail: { startupMs: ready.startupMs, early: true } });
    const frame = booted.frame;
    return { port: booted.port, teardown: () => frame.remove(), ready };
  } catch {
    booted?.frame.remove();
    return null;
  }
}

/** The sandbox the page's HTML started (index.astro), the first time only. */
function prerenderedFrame(): HTMLIFrameElement | null {
  const frame = document.querySelector<HTMLIFrameElement>('iframe[data-playground-sandbox="unused"]');
  if (frame) frame.dataset['playgroundSandbox'] = 'used';
  return frame;
}

function newFrame(): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  for (const [name, value] of Object.entries(SANDBOX_FRAME_ATTRIBUTES)) {
    if (value === true) frame.setAttribute(name, '');
    else frame.setAttribute(name, value);
  }
  frame.srcdoc = sandboxSrcdoc();
  return frame;
}

/** The page's performance marks of the handshake's steps (the bench reads them). */
const HANDSHAKE_MARKS: Readonly<Record<Parameters<NonNullable<SandboxStartOptions['mark']>>[0], string>> = {
  'sandbox-ready': 'playground:sandbox-ready',
  'worker-source': 'playground:worker-source',
  'init-ready': 'playground:wasm-fetched',
};

/**
 * A MessagePort to a fresh worker from `url` that was sent `init` (handshake.ts), and how to tear
 * it all down.
 */
async function connect(url: string, init: SandboxStartOptions['init']): Promise<{ port: MessagePort; teardown: () => void }> {
  if (import.meta.env.DEV) {
    const channel = new MessageChannel();
    const worker = new Worker(url, { type: 'module', name: 'adapter-lab-runtime' });
    const connection: WorkerConnect = { type: HANDSHAKE.connect, port: channel.port2 };
    worker.postMessage(connection, [channel.port2]);
    try {
      const [message, transfer] = await init;
      performance.mark(HANDSHAKE_MARKS['init-ready']);
      channel.port1.postMessage(message, transfer);
    } catch (error) {
      worker.terminate();
      throw error;
    }
    return { port: channel.port1, teardown: () => worker.terminate() };
  }
  const frame = prerenderedFrame() ?? newFrame();
  try {
    const port = await startInSandbox(frame, {
      names: HANDSHAKE,
      readyGlobal: READY_SANDBOXES_GLOBAL,
      worker: fetchOnce<Blob>(url, 'blob'),
      init,
      mark: (step) => performance.mark(HANDSHAKE_MARKS[step]),
    });
    return { port, teardown: () => frame.remove() };
  } catch (error) {
    frame.remove();
    throw error;
  }
}

/** The runtime's answer to `init`: its versions, or why it could not start. */
function runtimeReady(port: MessagePort, engine: EngineId): Promise<{ versions: RuntimeVersions; startupMs: number }> {
  return new Promise((resolve, reject) => {
    port.onmessage = (event: MessageEvent<unknown>) => {
      const problem = checkRuntimeResponse(event.data);
      const message = event.data as RuntimeResponse;
      if (problem) reject(new Error(`it sent a malformed message (${problem})`));
      else if (message.type === HANDSHAKE.ready) {
        giveBack(engine, message.files);
        resolve({ versions: message.versions, startupMs: message.startupMs });
      } else if (message.type === HANDSHAKE.fatal) reject(new Error(runtimeText(message.message)));
    };
  });
}
