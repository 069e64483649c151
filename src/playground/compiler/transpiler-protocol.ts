/** What the page and its transpile worker (transpile.worker.ts) exchange: plain data. */
import type { SourceFile } from '../protocol.ts';
import type { TranspileResult } from './transpile.ts';

export interface TranspileRequest {
  readonly id: number;
  readonly files: readonly SourceFile[];
}

export type TranspileWorkerMessage =
  /** Sent once the worker has loaded (and warmed up) the transpiler. */
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: TranspileResult }
  /** The transpiler itself threw (a bug: the reader's syntax errors are diagnostics, in `result`). */
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
