/**
 * The TypeScript worker, with Monaco's start-up race absorbed: until the first TypeScript model
 * has made Monaco load its TypeScript mode (a lazy chunk), getTypeScriptWorker() rejects with
 * "TypeScript not registered!" instead of waiting.
 */
import type { Uri } from 'monaco-editor/editor/editor.api';
import { getTypeScriptWorker, type TypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';

const NOT_REGISTERED = /not registered/i;
// Generous: on a slow connection the mode's chunk can take seconds to arrive.
const GIVE_UP_AFTER_MS = 30_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker, with `uris` (every model the request reads) synchronised into it first. */
export async function typeScriptWorker(uris: readonly Uri[]): Promise<TypeScriptWorker> {
  const started = performance.now();
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      const getWorker = await getTypeScriptWorker();
      return await getWorker(...uris);
    } catch (error) {
      // Monaco rejects with a bare string; an Error keeps a stack for whoever reports it.
      if (!NOT_REGISTERED.test(String(error)) || performance.now() - started > GIVE_UP_AFTER_MS)
        throw error instanceof Error ? error : new Error(String(error));
      await delay(wait);
    }
  }
}
