import { Auth, setEnvDefaults } from '@auth/core';
import type { Adapter } from '@auth/core/adapters';
import { AuthError } from '@auth/core/errors';
import GitHub from '@auth/core/providers/github';
import Nodemailer from '@auth/core/providers/nodemailer';
import type { AuthConfig } from '@auth/core';
import type { ProviderInfo } from '../../protocol.ts';
import { PLAYGROUND_ENV } from '../env/environment.ts';
import type { AuthHost } from './world.ts';

/** How the reader's code set Auth.js up: which package's entry point, which decides the base path. */
export type Framework = 'next-auth' | 'core' | 'express' | 'sveltekit' | 'qwik' | 'playground';

const DEFAULT_BASE_PATH: Readonly<Record<Framework, string>> = {
  'next-auth': '/api/auth',
  core: '/auth',
  express: '/auth',
  sveltekit: '/auth',
  qwik: '/auth',
  playground: '/api/auth',
};

export type ConfigSource = AuthConfig | ((request: Request | undefined) => AuthConfig | Promise<AuthConfig>);

interface Registration {
  readonly source: ConfigSource;
  readonly framework: Framework;
  readonly description: string;
}

type NormalisedProvider = Record<string, unknown> & { id: string; name: string; type: string; options?: Record<string, unknown> };

export interface AppConfig {
  readonly config: AuthConfig;
  readonly basePath: string;
  readonly providers: readonly ProviderInfo[];
  readonly strategy: 'database' | 'jwt';
  readonly maxAge: number;
  readonly updateAge: number;
}

/** What an e-mail provider's sendVerificationRequest was asked to send. */
export interface SentLink {
  readonly to: string;
  readonly url: string;
  readonly provider: string;
  readonly subject: string;
}

/**
 * The reader's Auth.js app: the configuration their code registered (through NextAuth(),
 * Auth(), ExpressAuth(), …), completed as the framework would complete it (base path, secret,
 * provider ids and secrets from the environment), and every request handled by the real
 * `Auth(request, config)` of @auth/core. Without a registration but with an adapter, the
 * playground's own app around that adapter.
 */
export class AuthApp {
  readonly #host: AuthHost;
  readonly #send: (link: SentLink) => void;
  readonly #tracked = new WeakMap<object, Adapter>();
  #registration: Registration | undefined;
  #last: AppConfig | undefined;
  /** Errors Auth.js logged since the last take (an adapter error behind an error page). */
  #errors: Error[] = [];

  constructor(host: AuthHost, send: (link: SentLink) => void) {
    this.#host = host;
    this.#send = send;
  }

  register(source: ConfigSource, framework: Framework, description: string): void {
    this.#registration = { source, framework, description };
    this.#last = undefined;
  }

  reset(): void {
    this.#registration = undefined;
    this.#last = undefined;
    this.#errors = [];
  }

  /** Whether there is an app to talk to: a registered configuration, or an adapter to build one around. */
  exists(): boolean {
    return this.#registration !== undefined || this.#host.currentAdapter() !== undefined;
  }

  registered(): boolean {
    return this.#registration !== undefined;
  }

  description(): string {
    if (this.#registration) return this.#registration.description;
    const adapter = this.#host.currentAdapter();
    return `Auth.js around ${adapter?.description ?? 'no adapter'}, with the playground's providers (your code configured no Auth.js)`;
  }

  /** The last resolved configuration, for AuthInfo (a lazily configured app resolves at its first request). */
  last(): AppConfig | undefined {
    return this.#last;
  }

  takeErrors(): Error[] {
    return this.#errors.splice(0);
  }

  /** Resolves the configuration for `request` (a function configuration is called each time, as the frameworks do). */
  async resolve(request?: Request): Promise<AppConfig> {
    const registration = this.#registration;
    const framework = registration?.framework ?? 'playground';
    const raw: AuthConfig = registration
      ? typeof registration.source === 'function'
        ? await registration.source(request)
        : registration.source
      : { providers: [], ...(this.#host.currentAdapter() ? { adapter: this.#host.currentAdapter()!.adapter } : {}) };
    if (!raw || typeof raw !== 'object')
      throw new TypeError(`${registration?.description ?? 'The Auth.js configuration'} is not an object: got ${raw === null ? 'null' : typeof raw}.`);
    const adapter = raw.adapter ? this.#trackedAdapter(raw.adapter) : undefined;
    const providers = (raw.providers ?? []).map((provider) => normalise(provider));
    const added = new Set<NormalisedProvider>();
    if (!providers.some((provider) => provider.type === 'oauth' || provider.type === 'oidc')) {
      const github = normalise(GitHub({ clientId: PLAYGROUND_ENV['AUTH_GITHUB_ID']!, clientSecret: PLAYGROUND_ENV['AUTH_GITHUB_SECRET']! }));
      providers.push(github);
      added.add(github);
    }
    if (adapter && !providers.some((provider) => provider.type === 'email')) {
      const email = normalise(Nodemailer({ id: 'email', name: 'Email', server: PLAYGROUND_ENV['EMAIL_SERVER']!, from: PLAYGROUND_ENV['EMAIL_FROM']! }));
      providers.push(email);
      added.add(email);
    }
    for (const provider of providers) if (provider.type === 'email') this.#deliverToInbox(provider);
    const config: AuthConfig = {
      ...raw,
      providers: providers as unknown as AuthConfig['providers'],
      ...(adapter ? { adapter } : {}),
      basePath: raw.basePath ?? DEFAULT_BASE_PATH[framework],
      logger: this.#logger(raw.logger),
    };
    setEnvDefaults(PLAYGROUND_ENV, config, true);
    const strategy = config.session?.strategy ?? (adapter ? 'database' : 'jwt');
    const app: AppConfig = {
      config,
      basePath: config.basePath!,
      strategy,
      maxAge: config.session?.maxAge ?? 30 * 24 * 60 * 60,
      updateAge: config.session?.updateAge ?? 24 * 60 * 60,
      providers: providers.map((provider) => providerInfo(provider, added.has(provider))),
    };
    this.#last = app;
    return app;
  }

  /** Handles a request to Auth.js's routes, or undefined when `request` is for another path. */
  handle(request: Request, app: AppConfig): Promise<Response> | undefined {
    const path = new URL(request.url).pathname;
    if (path !== app.basePath && !path.startsWith(`${app.basePath}/`)) return undefined;
    return this.#host.asFlow(() => Auth(request, app.config));
  }

  #trackedAdapter(adapter: Adapter): Adapter {
    const current = this.#host.currentAdapter();
    if (current && current.adapter === adapter) return adapter;
    let tracked = this.#tracked.get(adapter);
    if (!tracked) {
      tracked = this.#host.track(adapter, 'the adapter of your Auth.js configuration');
      this.#tracked.set(adapter, tracked);
    }
    return tracked;
  }

  /** The inbox gets the link whatever the provider does with it (Nodemailer's transport and Resend's API are simulated too). */
  #deliverToInbox(provider: NormalisedProvider): void {
    const original = (provider.options?.['sendVerificationRequest'] ?? provider['sendVerificationRequest']) as
      | ((params: Record<string, unknown>) => Promise<void>)
      | undefined;
    if ((original as { playground?: boolean } | undefined)?.playground) return;
    const send = this.#send;
    const deliver = Object.assign(
      async (params: Record<string, unknown>) => {
        const url = String(params['url']);
        send({ to: String(params['identifier']), url, provider: provider.name, subject: `Sign in to ${new URL(url).host}` });
        await original?.(params);
      },
      { playground: true },
    );
    provider['sendVerificationRequest'] = deliver;
    if (provider.options) provider.options = { ...provider.options, sendVerificationRequest: deliver };
  }

  #logger(logger: AuthConfig['logger']): NonNullable<AuthConfig['logger']> {
    return {
      ...logger,
      error: (error: Error) => {
        this.#errors.push(error);
        if (logger?.error) {
          logger.error(error);
          return;
        }
        // Auth.js's own logger, without its terminal colours: the cause is logged as a value so
        // that the Console shows its stack and the reader's line.
        console.error(`[auth][error] ${error instanceof AuthError ? error.type : error.name}: ${error.message}`);
        const cause = error.cause as { err?: unknown } | undefined;
        if (cause && typeof cause === 'object' && cause.err instanceof Error) console.error('[auth][cause]:', cause.err);
      },
    };
  }
}

function normalise(provider: unknown): NormalisedProvider {
  const value = (typeof provider === 'function' ? (provider as () => unknown)() : provider) as NormalisedProvider;
  if (!value || typeof value !== 'object') throw new TypeError(`An entry of providers is not a provider: got ${value === null ? 'null' : typeof value}.`);
  // Auth.js merges a provider's options over its defaults; read id and name the same way.
  const options = value.options ?? {};
  return { ...value, id: String(options['id'] ?? value.id), name: String(options['name'] ?? value.name ?? value.id) };
}

function providerInfo(provider: NormalisedProvider, added: boolean): ProviderInfo {
  const type = (['oauth', 'oidc', 'email', 'credentials', 'webauthn'] as const).find((known) => known === provider.type) ?? 'oauth';
  const credentials = (provider.options?.['credentials'] ?? provider['credentials']) as Record<string, { label?: unknown }> | undefined;
  const fields =
    type === 'credentials' && credentials
      ? Object.fromEntries(Object.entries(credentials).map(([name, field]) => [name, typeof field?.label === 'string' ? field.label : name]))
      : undefined;
  return { id: provider.id, name: provider.name, type, added, ...(fields ? { fields } : {}) };
}
