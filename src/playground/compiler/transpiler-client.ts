/**
 * The page's side of the fast transpiler: runs transpile.ts in its own Web Worker
 * (transpile.worker.ts), started on first use or earlier with `prepare()`, so a run of the
 * reader's code never waits for Monaco's TypeScript worker. Babel lives in that worker's bundle;
 * this module loads only a small worker constructor, and only when the worker starts.
 *
 * @example
 *   prepareTranspiler();                       // e.g. when the playground page starts
 *   const { files, diagnostics } = await transpile(state.files);
 *   // diagnostics: syntax errors only (no type-checking); a file with one is not in `files`
 */
import type { SourceFile } from '../protocol.ts';
import type { TranspileResult } from './transpile.ts';
import type { TranspileRequest, TranspileWorkerMessage } from './transpiler-protocol.ts';

/** What the client needs of a worker: a real `Worker`, or a stand-in in tests. */
export interface TranspileWorkerLike {
  postMessage(message: TranspileRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TranspileWorkerMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface TranspilerOptions {
  /** Starts the worker; by default Vite's `?worker` build of transpile.worker.ts. */
  readonly createWorker?: () => TranspileWorkerLike | Promise<TranspileWorkerLike>;
  /** How many file sets' results to keep (default 32). */
  readonly cacheSize?: number;
}

export interface Transpiler {
  /** Starts the worker now (it loads and warms up Babel), so the first `transpile` does not wait. Idempotent. */
  prepare(): void;
  /**
   * The files compiled to the JavaScript the runtime runs, with a source map each, and their
   * syntax errors as diagnostics. The same files again (names and contents) resolve to the
   * cached result at once, without a message to the worker. Rejects with
   * {@link TranspilerUnavailableError} if the worker cannot start or dies.
   */
  transpile(files: readonly SourceFile[]): Promise<TranspileResult>;
  /** Ends the worker and rejects what is pending; a later call starts a new one. */
  dispose(): void;
}

/** The transpile worker could not start (blocked, failed to load) or stopped. */
export class TranspilerUnavailableError extends Error {
  override readonly name = 'TranspilerUnavailableError';
}

interface Pending {
  readonly resolve: (result: TranspileResult) => void;
  readonly reject: (error: Error) => void;
}

interface Connection {
  readonly worker: Promise<TranspileWorkerLike>;
  readonly ready: Promise<void>;
  readonly pending: Map<number, Pending>;
}

async function defaultWorker(): Promise<TranspileWorkerLike> {
  // A dynamic import: the worker's constructor (and its URL) only when a transpiler starts.
  const { default: TranspileWorker } = await import('./transpile.worker.ts?worker');
  return new TranspileWorker();
}

/** The key of a file set: names and contents, in order (the entry file is the first). */
function cacheKey(files: readonly SourceFile[]): string {
  return files.map((file) => `${file.name}\u0000${file.code}`).join('\u0000\u0000');
}

export function createTranspiler(options: TranspilerOptions = {}): Transpiler {
  const createWorker = options.createWorker ?? defaultWorker;
  const cacheSize = options.cacheSize ?? 32;
  const cache = new Map<string, Promise<TranspileResult>>();
  let connection: Connection | undefined;
  let nextId = 1;

  const fail = (current: Connection, error: Error): void => {
    if (connection === current) connection = undefined;
    for (const pending of current.pending.values()) pending.reject(error);
    current.pending.clear();
    void current.worker.then(
      (worker) => worker.terminate(),
      () => {},
    );
  };

  const connect = (): Connection => {
    if (connection) return connection;
    const pending = new Map<number, Pending>();
    const worker = Promise.resolve().then(createWorker);
    worker.catch(() => {}); // reported through `ready`
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // Nobody may be waiting yet (prepare()): the failure is reported to the next transpile().
    ready.catch(() => {});
    const current: Connection = { worker, ready, pending };
    connection = current;
    let started = false;
    worker.then(
      (instance) => {
        instance.addEventListener('message', (event) => {
          const message = event.data;
          if (message.type === 'ready') {
            started = true;
            markReady();
            return;
          }
          const waiting = pending.get(message.id);
          if (!waiting) return;
          pending.delete(message.id);
          if (message.type === 'result') waiting.resolve(message.result);
          else waiting.reject(new Error(`The TypeScript transpiler failed: ${message.message}`));
        });
        instance.addEventListener('error', (event) => {
          // An ErrorEvent when its script threw, a plain Event when it did not load (or was blocked).
          const message = (event as Partial<ErrorEvent>).message;
          const detail = typeof message === 'string' && message ? message : 'its script did not load or threw';
          const error = new TranspilerUnavailableError(
            started ? `The TypeScript transpiler worker stopped: ${detail}` : `The TypeScript transpiler worker could not start: ${detail}`,
          );
          markFailed(error);
          fail(current, error);
        });
      },
      (error: unknown) => {
        const failure = new TranspilerUnavailableError(
          `The TypeScript transpiler worker could not start: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
        markFailed(failure);
        fail(current, failure);
      },
    );
    return current;
  };

  const send = async (files: readonly SourceFile[]): Promise<TranspileResult> => {
    const current = connect();
    // `ready` first: it rejects with the explained error when the worker does not start.
    await current.ready;
    const worker = await current.worker;
    return new Promise<TranspileResult>((resolve, reject) => {
      const id = nextId++;
      current.pending.set(id, { resolve, reject });
      // Plain copies: the reader's state objects may carry more than a name and code.
      worker.postMessage({ id, files: files.map((file) => ({ name: file.name, code: file.code })) });
    });
  };

  return {
    prepare: () => void connect(),
    transpile(files) {
      const key = cacheKey(files);
      const cached = cache.get(key);
      if (cached) {
        // Most recently used last: the oldest entry is the first to go.
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      const result = send(files);
      cache.set(key, result);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      // A failure is not cached: the next call tries again (with a new worker if it died).
      result.catch(() => {
        if (cache.get(key) === result) cache.delete(key);
      });
      return result;
    },
    dispose() {
      if (connection) fail(connection, new TranspilerUnavailableError('The TypeScript transpiler was disposed.'));
    },
  };
}

let shared: Transpiler | undefined;

/** The page's one transpiler (created on first use). */
export function sharedTranspiler(): Transpiler {
  shared ??= createTranspiler();
  return shared;
}

/** Starts the page's transpiler worker early (e.g. when the playground loads), without waiting. */
export function prepareTranspiler(): void {
  sharedTranspiler().prepare();
}

/** Transpiles with the page's transpiler: see {@link Transpiler.transpile}. */
export function transpile(files: readonly SourceFile[]): Promise<TranspileResult> {
  return sharedTranspiler().transpile(files);
}
