import type { Session } from '@auth/core/types';
import { decode } from '@auth/core/jwt';
import type { AppConfig } from './auth-app.ts';
import { APP_ORIGIN, type SimulatedBrowser } from './simulated-browser.ts';
import type { PageVisit, SignInOptions } from './playground-api.ts';
import { PlaygroundError } from '../run-error.ts';
import { PLAYGROUND_ENV } from '../env/environment.ts';

/** What a flow needs from the world around it. */
export interface FlowContext {
  app(): Promise<AppConfig>;
  /** Sets the simulated provider's profile overrides for the next authorization. */
  overrideProfile(profile: Readonly<Record<string, unknown>>): void;
  /** The newest mail to `to` (or any), for opening the link at once. */
  latestMail(to?: string): { url: string } | undefined;
  defaultEmail(): string;
}

function flowError(message: string): PlaygroundError {
  return new PlaygroundError(message, { name: 'FlowError' });
}

/**
 * Auth.js's flows as a browser performs them: the same requests, in the same order, with the
 * CSRF token from the csrf route and the cookies Auth.js set. Used by the panel's buttons and
 * by `browser` in the reader's run.ts alike.
 */
export class Flows {
  readonly #context: FlowContext;

  constructor(context: FlowContext) {
    this.#context = context;
  }

  async signIn(browser: SimulatedBrowser, providerId: string | undefined, options: SignInOptions = {}): Promise<PageVisit> {
    const app = await this.#context.app();
    const provider = providerId
      ? app.providers.find((candidate) => candidate.id === providerId)
      : app.providers.find((candidate) => candidate.type === 'oauth' || candidate.type === 'oidc');
    if (!provider) {
      throw flowError(
        `There is no provider "${providerId}" in the configuration: it has ${app.providers.map((candidate) => `"${candidate.id}"`).join(', ') || 'none'}.`,
      );
    }
    const callbackUrl = new URL(options.callbackUrl ?? '/', APP_ORIGIN).href;
    const csrfToken = await this.#csrf(browser, app);
    let visit: PageVisit;
    if (provider.type === 'email') {
      const email = options.email ?? this.#context.defaultEmail();
      visit = await browser.visit(`${app.basePath}/signin/${provider.id}`, { method: 'POST', body: new URLSearchParams({ email, csrfToken, callbackUrl }) });
      if (visit.error || options.openLink === false) return visit;
      const mail = this.#context.latestMail(email.trim().toLowerCase());
      if (!mail) return visit;
      visit = await browser.visit(mail.url);
    } else if (provider.type === 'credentials') {
      visit = await browser.visit(`${app.basePath}/callback/${provider.id}`, {
        method: 'POST',
        body: new URLSearchParams({ ...options.credentials, csrfToken, callbackUrl }),
      });
    } else if (provider.type === 'oauth' || provider.type === 'oidc') {
      this.#context.overrideProfile(options.profile ?? {});
      visit = await browser.visit(`${app.basePath}/signin/${provider.id}`, { method: 'POST', body: new URLSearchParams({ csrfToken, callbackUrl }) });
    } else {
      throw flowError(`Signing in with a ${provider.type} provider ("${provider.id}") is not something the playground's browser can do.`);
    }
    await this.session(browser);
    return visit;
  }

  async signOut(browser: SimulatedBrowser): Promise<PageVisit> {
    const app = await this.#context.app();
    const csrfToken = await this.#csrf(browser, app);
    const visit = await browser.visit(`${app.basePath}/signout`, { method: 'POST', body: new URLSearchParams({ csrfToken, callbackUrl: `${APP_ORIGIN}/` }) });
    browser.signedInAs = undefined;
    return visit;
  }

  /** `replayExpired`: the browser sends its expired cookies too (a client whose clock is behind the server's). */
  async session(browser: SimulatedBrowser, replayExpired = false): Promise<Session | null> {
    const app = await this.#context.app();
    const response = await browser.request(`${app.basePath}/session`, { replayExpired });
    const body = response.ok ? ((await response.json()) as Session | null) : null;
    const session = body && typeof body === 'object' && Object.keys(body).length > 0 ? body : null;
    browser.signedInAs = session ? (session.user?.email ?? session.user?.name ?? 'someone') : undefined;
    return session;
  }

  /** Posts `data` to the session route (what next-auth's `update()` / `unstable_update` does). */
  async updateSession(browser: SimulatedBrowser, data: unknown): Promise<Session | null> {
    const app = await this.#context.app();
    const csrfToken = await this.#csrf(browser, app);
    const response = await browser.request(`${app.basePath}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrfToken, data }),
    });
    const body = response.ok ? ((await response.json()) as Session | null) : null;
    return body && typeof body === 'object' && Object.keys(body).length > 0 ? body : null;
  }

  /** The id of the user signed in in `browser`: from the database session, or the JWT's subject. */
  async signedInUserId(browser: SimulatedBrowser, lookup: (sessionToken: string) => Promise<string | undefined>): Promise<string> {
    const app = await this.#context.app();
    const name = Object.keys(browser.jar.entries()).find((cookie) => /(^|\.)session-token$/.test(cookie));
    const value = name ? browser.jar.get(name) : undefined;
    if (!name || !value) throw flowError(`Nobody is signed in in ${browser.label.toLowerCase()}: sign in first.`);
    if (app.strategy === 'database') {
      const id = await lookup(value);
      if (!id) throw flowError(`The session in ${browser.label.toLowerCase()} is not in the database any more: sign in again.`);
      return id;
    }
    const secret = app.config.secret ?? PLAYGROUND_ENV['AUTH_SECRET']!;
    const token = await decode({ token: value, secret, salt: name });
    if (!token?.sub) throw flowError(`The session cookie in ${browser.label.toLowerCase()} could not be read: sign in again.`);
    return token.sub;
  }

  async #csrf(browser: SimulatedBrowser, app: AppConfig): Promise<string> {
    const response = await browser.request(`${app.basePath}/csrf`);
    const body = (await response.json().catch(() => null)) as { csrfToken?: unknown } | null;
    if (typeof body?.csrfToken !== 'string')
      throw flowError(`Auth.js's csrf route (${app.basePath}/csrf) answered ${response.status} without a token: is the base path right?`);
    return body.csrfToken;
  }
}
