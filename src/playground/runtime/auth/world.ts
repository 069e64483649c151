/**
 * The seam between the playground's session and Auth.js. Everything that imports @auth/core
 * lives behind `AuthRuntime` (auth-runtime.ts), which the session loads only when the reader's
 * code imports Auth.js or a flow is asked for: in the browser the page downloads it then (a
 * script of its own), in Node it is a dynamic import. This file imports no runtime code.
 */
import type { Adapter } from '@auth/core/adapters';
import type { AuthInfo, FlowRequest, HttpExchange } from '../../protocol.ts';
import type { TrackedAdapter } from '../adapter-recorder.ts';
import type { ProvidedModule } from '../module-graph.ts';

/** What the Auth.js world needs from the session. */
export interface AuthHost {
  /** The adapter the reader's code configured last (already tracked), if any. */
  currentAdapter(): TrackedAdapter | undefined;
  /** Records an adapter the playground has not seen (one written by hand and passed to Auth.js). */
  track(adapter: Adapter, description: string): Adapter;
  /** Tells the reader something once per action (deduplicated by text). */
  notice(text: string): void;
  /** One HTTP exchange of the current action (the session numbers and times it). */
  http(exchange: Omit<HttpExchange, 'seq' | 'time'>): void;
  /** Runs `work` with the adapter calls it causes attributed to Auth.js (source 'flow'). */
  asFlow<T>(work: () => Promise<T>): Promise<T>;
  /** Milliseconds since the current action started. */
  elapsed(): number;
}

export interface AuthWorld {
  /** The modules the reader's code may import from Auth.js's packages and `@adapter-lab/playground`. */
  readonly modules: ReadonlyMap<string, ProvidedModule>;
  /** Before each run: new browsers, inbox and clock, and no configuration until the code makes one. */
  reset(): void;
  /** While an action runs: the simulated clock and network (fetch) in place. Returns the undo. */
  install(): () => void;
  /**
   * After a run: when the code configured Auth.js but nothing called the adapter yet, the first
   * request a returning visitor's browser makes, so the adapter creates its tables as on an
   * app's first use.
   */
  afterRun(adapterCalls: number): Promise<void>;
  /** Performs one flow with a simulated browser; resolves to a one-line summary for the Console. */
  flow(request: FlowRequest): Promise<string>;
  /** The configured app and the simulated world's state, or null when there is neither a configuration nor an adapter. */
  info(): AuthInfo | null;
}

export interface AuthRuntime {
  createAuthWorld(host: AuthHost): AuthWorld;
}

/** How the session gets the Auth.js runtime: from the page in the browser, by import() in Node. */
export type AuthRuntimeLoader = () => Promise<AuthRuntime>;
