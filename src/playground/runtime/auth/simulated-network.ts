import { routeFetch } from '../fetch-route.ts';
import type { OAuthProviderServer } from './oauth-provider-server.ts';
import { exchangeRecord, type ExchangeInput } from './exchange-record.ts';

/** The mail APIs e-mail providers post to (Resend's); the simulated mail service accepts every message. */
const MAIL_APIS = new Set(['https://api.resend.com']);

/**
 * `fetch` as Auth.js and the reader's code see it during an action: the simulated provider and
 * mail service answer; every other URL is refused, as the sandbox refuses it (no request ever
 * leaves the worker). Each exchange is recorded for the HTTP panel.
 */
export class SimulatedNetwork {
  readonly #provider: OAuthProviderServer;
  readonly #record: (exchange: ExchangeInput) => void;

  constructor(provider: OAuthProviderServer, record: (exchange: ExchangeInput) => void) {
    this.#provider = provider;
    this.#record = record;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    const url = new URL(request.url);
    const requestBody = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text();
    const started = performance.now();
    let response: Response;
    let to: 'provider' | 'mail';
    if (this.#provider.handles(url)) {
      to = 'provider';
      response = await this.#provider.serve(request);
    } else if (MAIL_APIS.has(url.origin)) {
      to = 'mail';
      response = new Response(JSON.stringify({ id: crypto.randomUUID() }), { status: 200, headers: { 'content-type': 'application/json' } });
    } else {
      throw new TypeError(
        `fetch(${url.href}) failed: the playground has no network. Inside it only the simulated GitHub (github.com, api.github.com) and mail service answer.`,
      );
    }
    this.#record(
      await exchangeRecord({ from: 'server', to, request, requestBody, response, cookies: [], setCookies: [], durationMs: performance.now() - started }),
    );
    return response;
  };

  /** Makes this the `fetch` of `scope` for the action; returns the undo. */
  install(scope: object = globalThis): () => void {
    return routeFetch(scope, this.fetch as typeof fetch);
  }
}
