// The transpiler as the browser gets it: Vite builds the page-side client with the site's
// worker settings (src/engine/vite-browser-engine.ts), and Babel must end up in the worker's
// own asset only. The built worker then runs here, in a bare JavaScript context standing in for
// a worker's global scope (no Node APIs), and answers a request. Prints the sizes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';
import type { TranspileResult } from '../../../src/playground/compiler/transpile.ts';
import type { TranspileWorkerMessage } from '../../../src/playground/compiler/transpiler-protocol.ts';
import { browserEngineVite } from '../../../src/engine/vite-browser-engine.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), 'adapter-lab-transpiler-'));
afterAll(() => {
  if (!process.env['KEEP']) rmSync(outDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

it('keeps Babel out of the page: the client is tiny and the worker is its own asset, which runs without Node', async () => {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ...browserEngineVite(),
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { client: path.join(ROOT, 'src/playground/compiler/transpiler-client.ts') }, preserveEntrySignatures: 'exports-only' },
    },
  });
  const built = filesUnder(outDir).filter((file) => file.endsWith('.js'));
  // Two files carry the worker's name: the page's small constructor chunk (`?worker`) and the
  // worker script itself, a classic script (the site's workers are IIFEs).
  const worker = built.filter((file) => path.basename(file).startsWith('transpile.worker') && !/\bexport\b/.test(readFileSync(file, 'utf8').slice(0, 4000)));
  expect(worker, built.join(', ')).toHaveLength(1);
  const page = built.filter((file) => !worker.includes(file));
  const pageBytes = page.reduce((sum, file) => sum + readFileSync(file).length, 0);
  for (const file of page) expect(readFileSync(file, 'utf8'), file).not.toMatch(/transformFromAst|decorators-legacy/);
  const workerCode = readFileSync(worker[0]!);
  console.log(
    `transpile worker ${path.basename(worker[0]!)}: ${kB(workerCode.length)} raw, ${kB(gzipSync(workerCode).length)} gzip; page-side client ${kB(pageBytes)} raw (${page.length} chunks)`,
  );
  expect(pageBytes).toBeLessThan(8 * 1024);

  // A worker's global scope: `self` with postMessage and message listeners, and no Node.
  const posted: TranspileWorkerMessage[] = [];
  const listeners: Array<(event: { data: unknown }) => void> = [];
  const self = {
    postMessage: (message: TranspileWorkerMessage) => posted.push(message),
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  const context = vm.createContext({ self, console, TextEncoder, TextDecoder, URL, setTimeout, clearTimeout, queueMicrotask });
  const started = performance.now();
  vm.runInContext(workerCode.toString('utf8'), context, { filename: path.basename(worker[0]!) });
  const startMs = performance.now() - started;
  expect(posted).toEqual([{ type: 'ready' }]);
  const files = [
    { name: 'run.ts', code: 'import { Entity } from "./entity.ts"\nconsole.log(new Entity())\n' },
    { name: 'entity.ts', code: 'function dec(..._: unknown[]): void {}\nexport class Entity {\n  @dec name?: string\n  created: Date = new Date()\n}\n' },
  ];
  const request = performance.now();
  for (const listener of listeners) listener({ data: { id: 7, files } });
  const requestMs = performance.now() - request;
  const reply = posted[1] as Extract<TranspileWorkerMessage, { type: 'result' }>;
  expect(reply).toMatchObject({ type: 'result', id: 7 });
  const result: TranspileResult = reply.result;
  expect(result.diagnostics).toEqual([]);
  expect(result.files[0]!.js).toContain('from "./entity.js"');
  expect(result.files[1]!.js).toContain('__metadata("design:type", String)');
  console.log(`built worker in a bare context: evaluated and warmed up in ${startMs.toFixed(0)} ms, then a 2-file request in ${requestMs.toFixed(1)} ms`);
}, 120_000);
