import type { BrowserId, BrowserInfo } from '../../protocol.ts';
import { CookieJar } from './cookie-jar.ts';
import { exchangeRecord, type ExchangeInput } from './exchange-record.ts';
import type { PageVisit } from './playground-api.ts';

/** The app's origin: the AUTH_URL the playground's environment names. */
export const APP_ORIGIN = 'http://localhost:3000';

const MAX_REDIRECTS = 20;

/** Who answers a browser's request: Auth.js, the simulated provider's pages, or the app's own pages. */
export interface BrowserRoutes {
  /** Auth.js's answer, or undefined when the request is not for one of its routes (under the base path). */
  auth(request: Request): Promise<Response | undefined>;
  /** The provider's authorization page; `profile` overrides the provider's profile for this visit. */
  provider(url: URL): Response | undefined;
}

/** What the browser learnt from an Auth.js error redirect (`…/error?error=Verification`, or `?error=` on a sign-in page). */
function errorOf(url: URL): string | undefined {
  return url.searchParams.get('error') ?? undefined;
}

/**
 * A browser the playground simulates: it keeps its cookies, sends them to the app's origin,
 * follows redirects (to the provider and back) and records every exchange. Pages of the app
 * outside Auth.js answer 200 with a stand-in, as a page would render.
 */
export class SimulatedBrowser {
  readonly id: BrowserId;
  readonly label: string;
  readonly jar: CookieJar;
  signedInAs: string | undefined;
  readonly #routes: BrowserRoutes;
  readonly #record: (exchange: ExchangeInput) => void;

  constructor(id: BrowserId, label: string, now: () => number, routes: BrowserRoutes, record: (exchange: ExchangeInput) => void) {
    this.id = id;
    this.label = label;
    this.jar = new CookieJar(now);
    this.#routes = routes;
    this.#record = record;
  }

  /** One request, its cookies applied; no redirect followed. */
  async request(
    url: string,
    init: { method?: string; body?: URLSearchParams | string; headers?: Record<string, string>; replayExpired?: boolean } = {},
  ): Promise<Response> {
    const target = new URL(url, APP_ORIGIN);
    const sameOrigin = target.origin === APP_ORIGIN;
    const { header, names } = sameOrigin ? this.jar.header(init.replayExpired) : { header: '', names: [] as string[] };
    const headers = new Headers(init.headers);
    if (header) headers.set('cookie', header);
    const body = init.body instanceof URLSearchParams ? init.body.toString() : init.body;
    if (init.body instanceof URLSearchParams) headers.set('content-type', 'application/x-www-form-urlencoded');
    const request = new Request(target.href, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
    const started = performance.now();
    let response: Response;
    let to: 'auth' | 'provider' | 'app';
    const fromAuth = sameOrigin ? await this.#routes.auth(request) : undefined;
    if (fromAuth) {
      to = 'auth';
      response = fromAuth;
    } else if (!sameOrigin) {
      to = 'provider';
      response =
        this.#routes.provider(target) ??
        new Response(`The simulated browser cannot reach ${target.origin}: there is no network in the playground.`, {
          status: 502,
          headers: { 'content-type': 'text/plain' },
        });
    } else {
      to = 'app';
      response = new Response(`<!doctype html><title>Your app: ${target.pathname}</title>`, { status: 200, headers: { 'content-type': 'text/html' } });
    }
    const setCookies = sameOrigin ? this.jar.apply(response.headers.getSetCookie()) : [];
    this.#record(
      await exchangeRecord({ from: this.id, to, request, requestBody: body, response, cookies: names, setCookies, durationMs: performance.now() - started }),
    );
    return response;
  }

  /** A request, then its redirects (GET) until a page answers. */
  async visit(url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<PageVisit> {
    let response = await this.request(url, init);
    let current = new URL(url, APP_ORIGIN);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      const location = response.headers.get('location');
      if (!location) break;
      if (hops >= MAX_REDIRECTS) return { url: current.href, status: response.status, error: 'TooManyRedirects' };
      current = new URL(location, current);
      response = await this.request(current.href);
    }
    const error = errorOf(current);
    return { url: current.href, status: response.status, ...(error ? { error } : {}) };
  }

  info(): BrowserInfo {
    return { id: this.id, label: this.label, cookies: this.jar.view(), ...(this.signedInAs ? { signedInAs: this.signedInAs } : {}) };
  }
}
