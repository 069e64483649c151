/// <reference lib="webworker" />
/**
 * The runtime's Web Worker: one ORM environment, one PlaygroundSession, requests handled one
 * at a time in arrival order. While a request runs, a heartbeat goes to the page every 100 ms
 * — proof of life: a worker stuck in a loop sends none, and the page then stops it — from a
 * timer, or from the statement path when code awaits queries in a loop (no timer runs then).
 * Console entries go as they are logged (the first few of each period at once, so the page
 * keeps the output even before an endless loop; a flood with the next beat, see progress-batch.ts).
 */
import { Buffer } from 'buffer/';
import type { Engine } from '../../engine/engine.ts';
import type { OrmEnvironment } from '../runtime/env/environment.ts';
import { PlaygroundSession } from '../runtime/session.ts';
import type { AuthCode, EngineAssets, Outcome, RuntimeInit, RuntimeRequest, RuntimeResponse } from '../protocol.ts';
import type { AuthRuntimeLoader } from '../runtime/auth/world.ts';
import { pageAuthLoader, scriptEvaluator } from './auth-loader.ts';
import { blockNetworkAndStorage } from './isolation.ts';
import { ProgressBatch } from './progress-batch.ts';
import { installSeededRandom, reseedRandom } from './seeded-random.ts';

declare const self: DedicatedWorkerGlobalScope;

const HEARTBEAT_MS = 100;

/** The page's end of the channel: the worker talks to the page only through it (see sandbox-frame.ts). */
let port: MessagePort | undefined;

function post(response: RuntimeResponse, transfer: Transferable[] = []): void {
  port?.postMessage(response, transfer);
}

function send(id: number, outcome: Outcome): void {
  // The database bytes are moved, not copied.
  post({ type: 'outcome', id, outcome }, outcome.database ? [outcome.database.buffer as ArrayBuffer] : []);
}

/** The init message's engine files (every ArrayBuffer of its assets), by name. */
function engineFiles(assets: EngineAssets): Record<string, ArrayBuffer> {
  return Object.fromEntries(Object.entries(assets).filter((entry): entry is [string, ArrayBuffer] => entry[1] instanceof ArrayBuffer));
}

/** `openEngine`: the database engine from the assets the page sends (the worker fetches nothing). */
export function startRuntimeWorker<E extends EngineAssets>(environment: OrmEnvironment, openEngine: (assets: E) => Promise<Engine>): void {
  // Node-minded code (the ORMs' BLOB handling, the reader's `Buffer.from`) expects a global Buffer.
  (globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
  installSeededRandom();
  // Auth.js only when the code imports it or a flow runs. Under `astro dev` the worker is a module
  // of the site's origin and imports it; the production build asks the page for its script (the
  // sandbox fetches nothing), and Vite drops this import() there, so the bundle holds none of it.
  const pageAuth = pageAuthLoader(post, scriptEvaluator(self));
  const loadAuth: AuthRuntimeLoader = import.meta.env.DEV ? async () => (await import('../runtime/auth/auth-runtime.ts')).authRuntime : pageAuth.load;
  let session: PlaygroundSession | undefined;
  let current: number | undefined;
  const batch = new ProgressBatch((entries) => {
    if (current !== undefined) post({ type: 'progress', id: current, console: entries });
  });
  let queue: Promise<void> = Promise.resolve();
  let lastBeat = 0;
  const beat = (): void => {
    if (current === undefined) return;
    lastBeat = performance.now();
    post({ type: 'progress', id: current, console: batch.take() });
  };
  // Created before any run, so the session's timer tracking never counts it.
  const heartbeat = setInterval.bind(globalThis);
  heartbeat(beat, HEARTBEAT_MS);

  async function handle(request: RuntimeRequest): Promise<void> {
    if (!session) throw new Error('The runtime was not initialised.');
    current = request.id;
    try {
      switch (request.type) {
        case 'run':
          reseedRandom();
          send(request.id, await session.run(request.files, request.entry, request.database ? { database: request.database } : { keep: request.keep }));
          break;
        case 'call':
          send(request.id, await session.call(request.method, request.args));
          break;
        case 'flow':
          send(request.id, await session.flow(request.flow));
          break;
        case 'read-value': {
          const result = await session.readValue(request.table, request.key, request.column);
          post('refused' in result ? { type: 'refused', id: request.id, message: result.refused } : { type: 'value', id: request.id, value: result.value });
          break;
        }
        case 'export-database': {
          const bytes = await session.exportDatabase();
          post({ type: 'database', id: request.id, bytes }, [bytes.buffer as ArrayBuffer]);
          break;
        }
        case 'load-database': {
          const result = await session.loadDatabase(request.bytes, request.fileName);
          if ('refused' in result) post({ type: 'refused', id: request.id, message: result.refused });
          else send(request.id, result);
          break;
        }
      }
    } finally {
      // What still waits is in the outcome already; the next request starts with none.
      batch.take();
      current = undefined;
    }
  }

  const receive = (event: MessageEvent<RuntimeInit | RuntimeRequest | AuthCode>): void => {
    const message = event.data;
    // Out of turn: the request that asked for Auth.js is waiting for it.
    if (message.type === 'auth-code') {
      pageAuth.receive(message);
      return;
    }
    if (message.type === 'init') {
      const started = performance.now();
      queue = queue
        .then(async () => {
          const engine = await openEngine(message.assets as E);
          const opened = new PlaygroundSession(engine, environment, message.database ?? undefined, { loadAuth });
          await opened.ready;
          session = opened;
          session.onEntry = (entry) => batch.add(entry);
          // Code that awaits queries in a loop never yields to the timer above: its statements beat instead.
          session.onStatement = () => {
            if (performance.now() - lastBeat >= HEARTBEAT_MS) beat();
          };
          blockNetworkAndStorage(globalThis);
          // The engine is open and keeps what it needs of its files: the page gets them back (moved, not copied).
          const files = engineFiles(message.assets);
          post({ type: 'ready', versions: session.versions, startupMs: performance.now() - started, files }, Object.values(files));
        })
        .catch((error: unknown) =>
          post({ type: 'fatal', message: `The playground runtime could not start: ${error instanceof Error ? error.message : String(error)}` }),
        );
      return;
    }
    queue = queue
      .then(() => handle(message))
      .catch((error: unknown) => {
        post({ type: 'fatal', message: `The playground runtime failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
      });
  };
  // The reader's forgotten promise rejections and timer exceptions: theirs to see, not the browser's.
  self.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    session?.reportUncaught(event.reason, 'rejection');
  });
  self.addEventListener('error', (event) => {
    event.preventDefault();
    session?.reportUncaught(event.error ?? new Error(event.message), 'exception');
  });
  // The first message carries the port; everything after comes through it.
  self.addEventListener('message', (event: MessageEvent<{ type: 'connect'; port: MessagePort }>) => {
    if (event.data?.type !== 'connect' || port) return;
    port = event.data.port;
    port.onmessage = receive;
  });
}
