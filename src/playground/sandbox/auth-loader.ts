/**
 * How the runtime worker gets Auth.js in the production build: it asks the page (`load-auth`),
 * which downloads the Auth.js runtime's script once (the worker itself can fetch nothing, see
 * sandbox-frame.ts) and answers with its code (`auth-code`). The worker evaluates it as a classic
 * script from a blob: URL it makes itself — allowed by the sandbox's CSP — and takes the runtime
 * from the global the script sets (auth-runtime.chunk.ts). Once per worker; a failed download
 * may be tried again by the next run.
 */
import type { AuthCode, RuntimeResponse } from '../protocol.ts';
import type { AuthRuntime, AuthRuntimeLoader } from '../runtime/auth/world.ts';
import { PlaygroundError } from '../runtime/run-error.ts';
import { AUTH_RUNTIME_GLOBAL } from './auth-runtime-global.ts';

export interface PageAuthLoader {
  /** The session's loader (PlaygroundSession's `loadAuth`). */
  readonly load: AuthRuntimeLoader;
  /** The page's answer, as it arrives on the port (out of turn: the request that asked is still running). */
  receive(answer: AuthCode): void;
}

/**
 * `post` sends on the page's port; `evaluate` runs a classic script's code in the worker's
 * global scope (see scriptEvaluator).
 */
export function pageAuthLoader(post: (message: RuntimeResponse) => void, evaluate: (code: string) => void): PageAuthLoader {
  let loading: Promise<AuthRuntime> | undefined;
  let answer: ((code: AuthCode) => void) | undefined;
  return {
    load() {
      if (loading) return loading;
      const attempt = new Promise<AuthCode>((resolve) => {
        answer = resolve;
        post({ type: 'load-auth' });
      }).then((code) => {
        if ('error' in code) throw new PlaygroundError(`Auth.js could not be loaded: ${code.error}`, { name: 'LoadError' });
        evaluate(code.code);
        return takeRuntime();
      });
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      return attempt;
    },
    receive(code) {
      const waiting = answer;
      answer = undefined;
      waiting?.(code);
    },
  };
}

/** The runtime the script left in its global, which is then cleared (the reader's code has no use for it). */
function takeRuntime(): AuthRuntime {
  const global = globalThis as Record<string, unknown>;
  const runtime = global[AUTH_RUNTIME_GLOBAL] as Partial<AuthRuntime> | undefined;
  delete global[AUTH_RUNTIME_GLOBAL];
  if (typeof runtime?.createAuthWorld !== 'function')
    throw new PlaygroundError('Auth.js could not be loaded: its script ran but did not provide the Auth.js runtime.', { name: 'LoadError' });
  return runtime as AuthRuntime;
}

/**
 * Runs a classic script's code with `importScripts`, from a blob: URL. The function is taken
 * when the worker starts: the worker's lock-down (isolation.ts) removes `importScripts` from the
 * reader's reach afterwards.
 */
export function scriptEvaluator(scope: { importScripts?: (...urls: string[]) => void }): (code: string) => void {
  const importScripts = scope.importScripts?.bind(scope);
  return (code) => {
    if (!importScripts) throw new PlaygroundError('Auth.js could not be loaded: this worker cannot evaluate scripts.', { name: 'LoadError' });
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    try {
      importScripts(url);
    } finally {
      URL.revokeObjectURL(url);
    }
  };
}
