import type { AuthInfo, FlowRequest } from '../protocol.ts';
import { AUTH_MODULE_NAMES, frameworkOnly, isAuthModule } from '../module-names.ts';
import type { ProvidedModule } from './module-graph.ts';
import { PlaygroundError } from './run-error.ts';
import type { AuthHost, AuthRuntimeLoader, AuthWorld } from './auth/world.ts';

/**
 * The session's side of the Auth.js seam (auth/world.ts): loads the Auth.js runtime the first
 * time the reader's code imports one of its modules or a flow is asked for, and keeps one world
 * (browsers, inbox, clock, the configured app) per session.
 */
export class SessionAuth {
  readonly #load: AuthRuntimeLoader | undefined;
  readonly #host: AuthHost;
  #world: AuthWorld | undefined;
  #loading: Promise<AuthWorld> | undefined;
  /** An action is running: the world's clock and network are in place (from its loading on, if it loads meanwhile). */
  #active = false;
  #uninstall: (() => void) | undefined;

  constructor(host: AuthHost, load: AuthRuntimeLoader | undefined) {
    this.#host = host;
    this.#load = load;
  }

  /** The module map's part: Auth.js's modules once loaded. */
  resolve(specifier: string): ProvidedModule | undefined {
    return this.#world?.modules.get(specifier);
  }

  readonly specifiers: readonly string[] = AUTH_MODULE_NAMES.map((name) => name.specifier);

  /** Loads Auth.js when the run imports one of its modules. */
  async prepare(specifiers: ReadonlySet<string>): Promise<void> {
    if ([...specifiers].some(isAuthModule)) await this.world();
  }

  explain(specifier: string): { readonly message: string; readonly hint: string } | undefined {
    return frameworkOnly(specifier);
  }

  /** The world, loading Auth.js first if needed. */
  world(): Promise<AuthWorld> {
    if (this.#world) return Promise.resolve(this.#world);
    if (!this.#load) return Promise.reject(new PlaygroundError('Auth.js is not available in this runtime.', { name: 'LoadError' }));
    this.#loading ??= this.#load().then((runtime) => {
      const world = (this.#world = runtime.createAuthWorld(this.#host));
      // Loaded by the running code's imports: its top-level flows need the world in place at once.
      if (this.#active && !this.#uninstall) this.#uninstall = world.install();
      return world;
    });
    this.#loading.catch(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /** Before a run: the last run's world is forgotten. */
  reset(): void {
    this.#world?.reset();
  }

  /** While an action runs, the simulated clock and network (once Auth.js is loaded). Returns the undo. */
  install(): () => void {
    this.#active = true;
    this.#uninstall ??= this.#world?.install();
    return () => {
      this.#active = false;
      this.#uninstall?.();
      this.#uninstall = undefined;
    };
  }

  async afterRun(adapterCalls: number): Promise<void> {
    await this.#world?.afterRun(adapterCalls);
  }

  async flow(request: FlowRequest): Promise<string> {
    const uninstall = this.install();
    try {
      return await (await this.world()).flow(request);
    } finally {
      uninstall();
    }
  }

  info(): AuthInfo | null {
    return this.#world?.info() ?? null;
  }
}
