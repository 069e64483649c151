import type { Adapter } from '@auth/core/adapters';
import type { OrmConnectors } from '../../../engine/engine.ts';
import type { OrmId, RuntimeVersions } from '../../protocol.ts';
import type { ProvidedModule } from '../module-graph.ts';

/** What an ORM environment needs from the session that runs the reader's code. */
export interface EnvironmentContext {
  /** What the ORMs connect through, to the database of the current run: every ORM instance the reader creates writes into it. */
  connectors(): OrmConnectors;
  /** Tells the reader something once per run (deduplicated by text). */
  notice(text: string): void;
  /** Records an adapter the reader's code created; returns the adapter to hand them instead. */
  track(adapter: Adapter, description: string): Adapter;
}

/**
 * One ORM's playground: the modules the reader's code imports, each pointed at the in-browser
 * SQLite whatever database it names.
 */
export interface OrmEnvironment {
  readonly orm: OrmId;
  readonly versions: RuntimeVersions;
  /** The importable modules by specifier (see module-names.ts), bound to `context`. */
  modules(context: EnvironmentContext): ReadonlyMap<string, ProvidedModule>;
  /** Called as each run starts: puts back what earlier runs changed in the packages, as a fresh process would have them. */
  beforeRun?(): void;
  /** Why a package this environment does not serve cannot be imported here, when there is more to say than "no such package". */
  explain?(specifier: string): { readonly message: string; readonly hint: string } | undefined;
}

/**
 * `process.env` as the reader's code sees it. Snippets read their connection strings from the
 * environment; these name a server database like a real app's, and the playground's ORMs say
 * so and use SQLite instead. No NODE_ENV=production: the adapters' development defaults apply.
 */
export const PLAYGROUND_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/app',
  DATABASE_CONNECTION_STRING: 'postgres://postgres:postgres@localhost:5432/app',
  AUTH_SECRET: 'playground-secret-not-for-production',
  AUTH_URL: 'http://localhost:3000',
  AUTH_TRUST_HOST: 'true',
  // What providers read from the environment in a real app; the simulated GitHub accepts these.
  AUTH_GITHUB_ID: 'playground-github-client-id',
  AUTH_GITHUB_SECRET: 'playground-github-client-secret',
  AUTH_RESEND_KEY: 're_playground_key',
  EMAIL_SERVER: 'smtp://user:password@smtp.example.com:587',
  EMAIL_FROM: 'Auth.js <no-reply@example.com>',
};

/** The modules both ORMs' playgrounds serve alike (module-names.ts SHARED); undefined for others. */
export function sharedModule(specifier: string): Readonly<Record<string, unknown>> | undefined {
  if (specifier === 'node:crypto' || specifier === 'crypto') {
    const api = {
      randomUUID: () => globalThis.crypto.randomUUID(),
      getRandomValues: <T extends ArrayBufferView | null>(array: T): T => globalThis.crypto.getRandomValues(array as never) as T,
      webcrypto: globalThis.crypto,
    };
    return namespace({ ...api, default: api });
  }
  if (specifier === '@auth/core/adapters') return namespace({});
  return undefined;
}

/** A module namespace from a plain object: the entries a bridge module re-exports. */
export function namespace(entries: Record<string, unknown>): Readonly<Record<string, unknown>> {
  return Object.freeze({ ...entries });
}

/** Hides the password of a connection URL (`postgres://user:•••@host/db`). */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1•••@');
}
