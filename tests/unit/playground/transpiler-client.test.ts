// The page's transpiler client with a stand-in for its worker (the real one is a Vite worker
// bundle): it answers from transpile.ts in this process, as transpile.worker.ts does.
import { describe, expect, it } from 'vitest';
import { transpileFiles } from '../../../src/playground/compiler/transpile.ts';
import { createTranspiler, TranspilerUnavailableError, type TranspileWorkerLike } from '../../../src/playground/compiler/transpiler-client.ts';
import type { TranspileRequest, TranspileWorkerMessage } from '../../../src/playground/compiler/transpiler-protocol.ts';
import { files } from './support.ts';

class FakeWorker implements TranspileWorkerLike {
  readonly requests: TranspileRequest[] = [];
  terminated = false;
  readonly #listeners: Record<string, Array<(event: never) => void>> = {};

  readonly behaviour: 'works' | 'fails to load' | 'crashes on request';

  constructor(behaviour: FakeWorker['behaviour'] = 'works') {
    this.behaviour = behaviour;
    setTimeout(() => (behaviour === 'fails to load' ? this.#emit('error', new Event('error')) : this.#reply({ type: 'ready' })), 1);
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    (this.#listeners[type] ??= []).push(listener);
  }

  postMessage(message: TranspileRequest): void {
    this.requests.push(structuredClone(message));
    if (this.behaviour === 'crashes on request') {
      setTimeout(() => this.#emit('error', Object.assign(new Event('error'), { message: 'Uncaught RangeError: out of memory' })), 1);
      return;
    }
    setTimeout(() => this.#reply({ type: 'result', id: message.id, result: transpileFiles(message.files) }), 1);
  }

  terminate(): void {
    this.terminated = true;
  }

  #reply(data: TranspileWorkerMessage): void {
    this.#emit('message', { data } as MessageEvent);
  }

  #emit(type: string, event: unknown): void {
    for (const listener of this.#listeners[type] ?? []) listener(event as never);
  }
}

describe('createTranspiler', () => {
  it('starts its worker lazily, or early with prepare(), once', async () => {
    const workers: FakeWorker[] = [];
    const transpiler = createTranspiler({
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      },
    });
    await Promise.resolve();
    expect(workers).toHaveLength(0);
    transpiler.prepare();
    transpiler.prepare();
    await transpiler.transpile(files({ 'run.ts': 'const a: number = 1\n' }));
    expect(workers).toHaveLength(1);
  });

  it('compiles in the worker, and answers the same files again from its cache without a message', async () => {
    const worker = new FakeWorker();
    const transpiler = createTranspiler({ createWorker: () => worker });
    const sources = files({ 'run.ts': 'import { x } from "./x.ts"\nconsole.log(x satisfies number)\n', 'x.ts': 'export const x: number = 1\n' });
    const first = await transpiler.transpile(sources);
    expect(first.diagnostics).toEqual([]);
    expect(first.files.map((file) => file.name)).toEqual(['run.ts', 'x.ts']);
    expect(first.files[0]!.js).toContain('from "./x.js"');
    const again = await transpiler.transpile(files({ 'run.ts': sources[0]!.code, 'x.ts': sources[1]!.code }));
    expect(again).toBe(first);
    expect(worker.requests).toHaveLength(1);
    await transpiler.transpile(files({ 'run.ts': 'console.log(2)\n', 'x.ts': sources[1]!.code }));
    expect(worker.requests).toHaveLength(2);
  });

  it('returns syntax errors as diagnostics, not as a failure', async () => {
    const transpiler = createTranspiler({ createWorker: () => new FakeWorker() });
    const result = await transpiler.transpile(files({ 'run.ts': 'let = 1\n' }));
    expect(result.diagnostics).toMatchObject([{ file: 'run.ts', line: 1, syntactic: true, severity: 'error' }]);
  });

  it('fails with a clear error when the worker cannot start, and tries again on the next call', async () => {
    let attempts = 0;
    const transpiler = createTranspiler({ createWorker: () => new FakeWorker(++attempts === 1 ? 'fails to load' : 'works') });
    const failure = transpiler.transpile(files({ 'run.ts': 'console.log(1)\n' }));
    await expect(failure).rejects.toBeInstanceOf(TranspilerUnavailableError);
    await expect(failure).rejects.toThrow(/transpiler worker could not start/);
    await expect(transpiler.transpile(files({ 'run.ts': 'console.log(1)\n' }))).resolves.toMatchObject({ diagnostics: [] });
    expect(attempts).toBe(2);
  });

  it('fails with a clear error when the worker cannot even be constructed (e.g. blocked by a CSP)', async () => {
    const transpiler = createTranspiler({
      createWorker: () => {
        throw new Error('Refused to create a worker');
      },
    });
    await expect(transpiler.transpile(files({ 'run.ts': '1\n' }))).rejects.toThrow(/could not start: Refused to create a worker/);
  });

  it('rejects what is pending when the worker dies, naming why', async () => {
    const worker = new FakeWorker('crashes on request');
    const transpiler = createTranspiler({ createWorker: () => worker });
    await expect(transpiler.transpile(files({ 'run.ts': '1\n' }))).rejects.toThrow(/worker stopped: Uncaught RangeError: out of memory/);
    expect(worker.terminated).toBe(true);
  });
});
