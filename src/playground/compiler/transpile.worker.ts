/**
 * The transpile worker: a Web Worker of the page's own origin that turns the reader's
 * TypeScript into JavaScript (transpile.ts) off the main thread. It only parses and prints
 * text — it never runs the reader's code (that happens in the sandboxed runtime worker) — so it
 * needs none of the sandbox's isolation. Babel is in this worker's bundle only, never the page's.
 */
import { createTranspileCache, transpileFiles } from './transpile.ts';
import type { TranspileRequest, TranspileWorkerMessage } from './transpiler-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: TranspileWorkerMessage): void => self.postMessage(message);
// Per file: after an edit to one file, only that file is compiled again (unless what it
// declares changed, which other files' decorator metadata may depend on).
const cache = createTranspileCache();

self.addEventListener('message', (event: MessageEvent<TranspileRequest>) => {
  const { id, files } = event.data;
  try {
    post({ type: 'result', id, result: transpileFiles(files, cache) });
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
});

// Warm up while the reader is still reading: Babel's first transform initialises lazily
// (hundreds of milliseconds); later ones take a few.
transpileFiles([{ name: 'warm-up.ts', code: '@d class A { @d x: string; y = 1; constructor(private z: number) {} }\nfunction d(..._: unknown[]): void {}\n' }]);
post({ type: 'ready' });
