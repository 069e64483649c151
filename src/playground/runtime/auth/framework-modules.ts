import * as core from '@auth/core';
import * as errors from '@auth/core/errors';
import * as jwt from '@auth/core/jwt';
import * as credentials from '@auth/core/providers/credentials';
import * as github from '@auth/core/providers/github';
import * as nodemailer from '@auth/core/providers/nodemailer';
import * as resend from '@auth/core/providers/resend';
import type { Session } from '@auth/core/types';
import type { AUTH_PACKAGES } from '../../module-names.ts';
import { namespace } from '../env/environment.ts';
import type { ProvidedModule } from '../module-graph.ts';
import { PlaygroundError } from '../run-error.ts';
import type { AuthApp, ConfigSource, Framework } from './auth-app.ts';
import type { Flows } from './flows.ts';
import type { SimulatedBrowser } from './simulated-browser.ts';
import type { SignInOptions } from './playground-api.ts';
import { APP_ORIGIN } from './simulated-browser.ts';

interface Context {
  readonly app: AuthApp;
  readonly flows: Flows;
  /** The browser whose cookies a server-side helper (`auth()`, `getSession`) reads: the reader's. */
  browser(): SimulatedBrowser;
}

const PROVIDERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  github,
  credentials,
  nodemailer,
  resend,
  // @auth/core/providers/email is the deprecated name of the Nodemailer provider.
  email: nodemailer,
};

/**
 * What SvelteKit and Qwik pass a configuration function: their request event. The parts an
 * Auth.js setup reads are there — the request, its URL, and the environment (Qwik's `event.env`,
 * which reads the playground's process.env).
 */
function requestEvent(request: Request | undefined): Record<string, unknown> {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const url = new URL(request?.url ?? `${APP_ORIGIN}/`);
  return { request, url, params: {}, locals: {}, platform: {}, env: { get: (key: string) => env[key] } };
}

function withEvent(config: ConfigSource): ConfigSource {
  if (typeof config !== 'function') return config;
  return (request) => (config as unknown as (event: unknown) => ReturnType<Exclude<ConfigSource, object>>)(requestEvent(request));
}

/** Functions of a framework integration that only make sense inside that framework's server. */
function frameworkOnly(name: string, framework: string): () => never {
  return () => {
    throw new PlaygroundError(`${name} runs inside ${framework}'s request handling, which the playground does not run.`, {
      name: 'FrameworkError',
      hint: "The playground calls Auth.js for you: use the Auth.js tab's flows, or `browser` from @adapter-lab/playground in run.ts.",
    });
  };
}

/**
 * The packages a reader's Auth.js setup imports, as thin modules over the real @auth/core:
 * every entry point registers its configuration with the playground's app (the flows then use
 * it) and the server-side helpers read the reader's simulated browser.
 */
export function frameworkModules(context: Context): Array<[string, ProvidedModule]> {
  const { app, flows } = context;
  const register = (config: ConfigSource, framework: Framework, description: string): void => {
    if (config === null || (typeof config !== 'object' && typeof config !== 'function')) {
      throw new TypeError(
        `${description} needs an Auth.js configuration object (or a function returning one); got ${config === null ? 'null' : typeof config}.`,
      );
    }
    app.register(config, framework, description);
  };
  const session = (): Promise<Session | null> => flows.session(context.browser());
  const signIn = async (provider?: string, options?: SignInOptions | FormData | Record<string, unknown>): Promise<string> => {
    const visit = await flows.signIn(context.browser(), provider, toSignInOptions(options));
    return visit.url;
  };
  const signOut = async (): Promise<string> => (await flows.signOut(context.browser())).url;

  function NextAuth(config: ConfigSource) {
    register(config, 'next-auth', 'NextAuth({…}) from next-auth');
    const handler = async (request: Request): Promise<Response> => {
      const resolved = await app.resolve(request);
      return (await app.handle(request, resolved)) ?? new Response('Not Found', { status: 404 });
    };
    // auth() in a Server Component reads the request's cookies: here, the reader's browser's.
    // auth(handler) wraps middleware or a route handler with `request.auth`.
    function auth(...args: unknown[]): unknown {
      const [first] = args;
      if (typeof first === 'function') {
        return async (request: Request & { auth?: Session | null }, ...rest: unknown[]) => {
          request.auth = await session();
          return (first as (...a: unknown[]) => unknown)(request, ...rest);
        };
      }
      return session();
    }
    return {
      handlers: { GET: handler, POST: handler },
      auth,
      signIn,
      signOut,
      unstable_update: (data: unknown) => flows.updateSession(context.browser(), data),
    };
  }

  const wrappedAuth = (request: Request, config: ConfigSource & object) => {
    register(config, 'core', 'Auth(request, config) from @auth/core');
    return core.Auth(request, config as Parameters<typeof core.Auth>[1]);
  };
  const coreNamespace = namespace({ ...core, Auth: wrappedAuth });

  function ExpressAuth(config: ConfigSource) {
    register(config, 'express', 'ExpressAuth({…}) from @auth/express');
    return frameworkOnly('The middleware ExpressAuth() returns', 'Express');
  }
  const getSession = async (_request: unknown, config?: ConfigSource) => {
    if (config && !app.registered()) register(config, 'express', 'getSession(req, config) from @auth/express');
    return session();
  };

  function SvelteKitAuth(config: ConfigSource) {
    register(withEvent(config), 'sveltekit', 'SvelteKitAuth({…}) from @auth/sveltekit');
    return { handle: frameworkOnly('handle', 'SvelteKit'), signIn, signOut };
  }

  function QwikAuth$(config: ConfigSource) {
    register(withEvent(config), 'qwik', 'QwikAuth$({…}) from @auth/qwik');
    const onRequest = frameworkOnly('onRequest', 'Qwik City');
    return {
      onRequest,
      useSession: frameworkOnly('useSession', 'Qwik City'),
      useSignIn: frameworkOnly('useSignIn', 'Qwik City'),
      useSignOut: frameworkOnly('useSignOut', 'Qwik City'),
    };
  }

  const shared = { AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin, customFetch: core.customFetch };
  const packages: Readonly<Record<(typeof AUTH_PACKAGES)[number], Readonly<Record<string, unknown>>>> = {
    '@auth/core': coreNamespace,
    'next-auth': namespace({ ...shared, default: NextAuth }),
    '@auth/express': namespace({ ...shared, ExpressAuth, getSession }),
    '@auth/sveltekit': namespace({ ...shared, SvelteKitAuth, default: SvelteKitAuth }),
    '@auth/qwik': namespace({ ...shared, QwikAuth$ }),
  };
  const modules: Array<[string, ProvidedModule]> = [];
  for (const [base, provided] of Object.entries(packages)) {
    modules.push([base, { namespace: provided }]);
    for (const [name, provider] of Object.entries(PROVIDERS)) modules.push([`${base}/providers/${name}`, { namespace: namespace({ ...provider }) }]);
  }
  modules.push(['@auth/core/errors', { namespace: namespace({ ...errors }) }]);
  modules.push(['@auth/core/jwt', { namespace: namespace({ ...jwt }) }]);
  modules.push(['next-auth/jwt', { namespace: namespace({ ...jwt }) }]);
  return modules;
}

/** next-auth's signIn(provider, options) takes options, FormData or a plain object (e.g. credentials). */
function toSignInOptions(options: SignInOptions | FormData | Record<string, unknown> | undefined): SignInOptions {
  if (!options) return {};
  const entries: Record<string, unknown> = options instanceof FormData ? Object.fromEntries(options.entries()) : { ...options };
  const { redirectTo, callbackUrl, email, profile, credentials, openLink, redirect: _redirect, ...rest } = entries;
  const fields =
    credentials ?? (Object.keys(rest).length > 0 ? Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, String(value)])) : undefined);
  return {
    ...(typeof (redirectTo ?? callbackUrl) === 'string' ? { callbackUrl: String(redirectTo ?? callbackUrl) } : {}),
    ...(typeof email === 'string' ? { email } : {}),
    ...(profile && typeof profile === 'object' ? { profile: profile as Record<string, unknown> } : {}),
    ...(fields ? { credentials: fields as Record<string, string> } : {}),
    ...(typeof openLink === 'boolean' ? { openLink } : {}),
  };
}
