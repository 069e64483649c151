import { sha256 } from '@noble/hashes/sha2.js';

/** The profile GitHub's API returns (the fields Auth.js's GitHub provider reads, and a few more). */
export const DEFAULT_GITHUB_PROFILE: Readonly<Record<string, unknown>> = Object.freeze({
  id: 583231,
  login: 'octocat',
  name: 'The Octocat',
  email: 'octocat@github.com',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
});

export const AUTHORIZE_URL = 'https://github.com/login/oauth/authorize';
export const TOKEN_URL = 'https://github.com/login/oauth/access_token';
export const USER_URL = 'https://api.github.com/user';
export const EMAILS_URL = 'https://api.github.com/user/emails';

interface Grant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | undefined;
  readonly profile: Readonly<Record<string, unknown>>;
  used: boolean;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function oauthError(error: string, description: string, status = 400): Response {
  return json({ error, error_description: description }, status);
}

/**
 * A GitHub-shaped OAuth 2.0 authorization server inside the worker: authorize → code → token →
 * profile, with PKCE (S256) checked as GitHub checks it. Nothing leaves the worker: the
 * simulated network (simulated-network.ts) routes GitHub's URLs here.
 */
export class OAuthProviderServer {
  /** The profile the next sign-in returns (the Auth.js panel edits it; `provider.profile` in run.ts). */
  profile: Record<string, unknown> = { ...DEFAULT_GITHUB_PROFILE };
  readonly #grants = new Map<string, Grant>();
  readonly #tokens = new Map<string, Readonly<Record<string, unknown>>>();

  reset(): void {
    this.profile = { ...DEFAULT_GITHUB_PROFILE };
    this.#grants.clear();
    this.#tokens.clear();
  }

  handles(url: URL): boolean {
    return url.origin === 'https://github.com' || url.origin === 'https://api.github.com';
  }

  /** A browser visit to the authorization page: the user approves at once, with `profile` (the current one merged with overrides). */
  authorize(url: URL, overrides: Readonly<Record<string, unknown>> = {}): Response {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri');
    const clientId = params.get('client_id');
    if (!redirectUri || !clientId) return new Response('GitHub (simulated): the authorization request has no redirect_uri or client_id.', { status: 400 });
    const back = new URL(redirectUri);
    if (params.get('response_type') !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
      return Response.redirect(back.href, 302);
    }
    const method = params.get('code_challenge_method');
    if (params.has('code_challenge') && method !== 'S256') {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', `code_challenge_method ${method ?? '(none)'} is not supported`);
      return Response.redirect(back.href, 302);
    }
    const code = crypto.randomUUID().replaceAll('-', '').slice(0, 20);
    this.#grants.set(code, {
      clientId,
      redirectUri,
      challenge: params.get('code_challenge') ?? undefined,
      profile: { ...this.profile, ...overrides },
      used: false,
    });
    back.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return Response.redirect(back.href, 302);
  }

  /** Auth.js's own requests: the token endpoint and the user API. */
  async serve(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.href.startsWith(TOKEN_URL) && request.method === 'POST') return this.#token(request);
    if (url.href === USER_URL || url.href === EMAILS_URL) {
      const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      const profile = token ? this.#tokens.get(token) : undefined;
      if (!profile) return json({ message: 'Bad credentials', status: '401' }, 401);
      if (url.href === USER_URL) return json(profile);
      return json(profile['email'] ? [{ email: profile['email'], primary: true, verified: true, visibility: 'public' }] : []);
    }
    return json(
      { message: 'Not Found (the simulated GitHub serves /login/oauth/authorize, /login/oauth/access_token, api.github.com/user and /user/emails)' },
      404,
    );
  }

  async #token(request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const clientId = basic ? decodeURIComponent(atob(basic).split(':')[0] ?? '') : form.get('client_id');
    const grant = this.#grants.get(form.get('code') ?? '');
    if (form.get('grant_type') !== 'authorization_code') return oauthError('unsupported_grant_type', `grant_type ${form.get('grant_type')} is not supported`);
    if (!grant || grant.used) return oauthError('bad_verification_code', 'The code passed is incorrect or expired.');
    grant.used = true;
    if (clientId !== grant.clientId) return oauthError('incorrect_client_credentials', 'The client_id does not match the one the code was issued to.');
    if (form.get('redirect_uri') !== null && form.get('redirect_uri') !== grant.redirectUri)
      return oauthError('redirect_uri_mismatch', 'The redirect_uri does not match the authorization request.');
    if (grant.challenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (!verifier || base64url(sha256(new TextEncoder().encode(verifier))) !== grant.challenge) {
        return oauthError('invalid_grant', 'PKCE verification failed: the code_verifier does not match the code_challenge.');
      }
    }
    const accessToken = `gho_${crypto.randomUUID().replaceAll('-', '')}`;
    this.#tokens.set(accessToken, grant.profile);
    return json({ access_token: accessToken, token_type: 'bearer', scope: 'read:user,user:email' });
  }
}
