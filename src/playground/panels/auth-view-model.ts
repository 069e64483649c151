/**
 * What the Auth.js panel says about an app, a browser and an HTTP exchange, as plain data and
 * text (no DOM), so it is tested in Node: Auth.js's error in an exchange, shortened paths and
 * cookie values, expiry in the simulated clock's terms, the profile the reader typed.
 */
import type { AdapterInfo, AuthInfo, BrowserId, CookieChange, HttpExchange, ProviderInfo } from '../protocol.ts';
import { countText } from '../count-text.ts';

/** Characters of a cookie value shown in a list (Auth.js's tokens are long and opaque). */
export const COOKIE_VALUE_SHOWN = 12;
/** Characters of a path shown on an exchange's line; the whole URL is in its details. */
export const PATH_SHOWN = 90;

export const BROWSER_LABELS: Readonly<Record<BrowserId, string>> = { main: 'This browser', other: 'Another device' };

const FROM_LABELS: Readonly<Record<HttpExchange['from'], string>> = { main: 'This browser', other: 'Another device', server: 'Auth.js (server side)' };
const TO_LABELS: Readonly<Record<HttpExchange['to'], string>> = { auth: 'Auth.js', provider: 'OAuth provider', app: 'the app', mail: 'mail service' };

export function routeText(exchange: HttpExchange): string {
  return `${FROM_LABELS[exchange.from]} → ${TO_LABELS[exchange.to]}`;
}

/** A URL without its origin (`/api/auth/callback/github?code=…`), or the text as is when it is not a URL. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}

/** `text`, its first `limit` characters and an ellipsis when longer. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/** A cookie value as a list shows it: its first characters (the whole value is a hover or a disclosure away). */
export function shortValue(value: string, valueLength?: number): string {
  const length = Math.max(valueLength ?? 0, value.length);
  return length <= COOKIE_VALUE_SHOWN + 4 ? value : `${value.slice(0, COOKIE_VALUE_SHOWN)}…`;
}

/** A cookie value's length when it is cut short, for its title: "36 characters". */
export function valueLengthText(value: string, valueLength?: number): string {
  return `${countText(Math.max(valueLength ?? 0, value.length))} characters`;
}

export function cookieChangeText(change: CookieChange): string {
  return change.cleared ? `${change.name} (cleared)` : `${change.name}=${shortValue(change.value, change.valueLength)}`;
}

export type StatusKind = 'ok' | 'redirect' | 'client-error' | 'server-error';

export function statusKind(status: number): StatusKind {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

/** An error Auth.js reported to the browser: its code (`Verification`) and the URL that carried it. */
export interface AuthErrorReport {
  readonly code: string;
  readonly url: string;
  readonly explanation: string;
}

const EXPLANATIONS: Readonly<Record<string, string>> = {
  Verification:
    'The sign-in link is no longer valid: it was used already, or it expired. Auth.js asked the adapter to use the token up (useVerificationToken) and got nothing back, so it refused the sign-in.',
  OAuthAccountNotLinked:
    "A user with this e-mail exists, signed in another way. Auth.js does not link an OAuth account to an existing user by e-mail on its own (a provider's allowDangerousEmailAccountLinking would): it refused the sign-in.",
  AccessDenied: 'A signIn callback returned false (or the provider denied access): Auth.js refused the sign-in.',
  CredentialsSignin: 'authorize() returned null: the credentials were refused.',
  Configuration: 'Auth.js found a problem with its configuration, or an adapter method threw: the error below says which.',
  AdapterError: "An adapter method threw: the error below is the adapter's.",
  CallbackRouteError: 'Something threw while Auth.js handled the callback (often an adapter method): the error below says what.',
  SessionTokenError: 'Auth.js could not read the session (an adapter method threw, or the cookie was damaged).',
  OAuthCallbackError: "The OAuth provider's answer was refused (state, PKCE or the token exchange failed).",
  EmailSignInError: 'Sending the sign-in e-mail failed (or the adapter could not store the token).',
  MissingCSRF: "The sign-in form's CSRF token did not match the csrf cookie (or the browser sent no cookie): Auth.js refused the request.",
  InvalidCheck: 'A check cookie of the OAuth flow (PKCE code verifier, state or nonce) was missing or did not match.',
  MissingAdapter: 'This provider (e-mail sign-in, or database sessions) needs an adapter, and the configuration has none.',
  UnknownAction: 'Auth.js has no such route.',
};

/** Where in an action's exchanges Auth.js sent the browser to an error: its error page or a `?error=` URL under its base path. */
export function authErrorOf(exchanges: readonly HttpExchange[], basePath = ''): AuthErrorReport | undefined {
  let found: AuthErrorReport | undefined;
  for (const exchange of exchanges) {
    if (exchange.from === 'server') continue;
    for (const url of [exchange.url, exchange.location]) {
      const code = url === undefined ? undefined : errorCodeOf(url, basePath);
      if (code && url) found = { code, url, explanation: EXPLANATIONS[code] ?? `Auth.js reported the error "${code}".` };
    }
  }
  return found;
}

function errorCodeOf(url: string, basePath: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    return undefined;
  }
  const code = parsed.searchParams.get('error');
  if (!code) return undefined;
  // An `error` parameter of the provider's own URLs (or the app's pages) is not Auth.js's word.
  return basePath === '' || parsed.pathname.startsWith(basePath) ? code : undefined;
}

/** The providers flows can use: the configured ones, or those the playground adds around an adapter. */
export function providersOf(auth: AuthInfo | null, adapter: AdapterInfo | null): readonly ProviderInfo[] {
  if (auth) return auth.providers;
  if (!adapter) return [];
  return [
    { id: 'github', name: 'GitHub', type: 'oauth', added: true },
    { id: 'email', name: 'Email', type: 'email', added: true },
  ];
}

export function isOAuth(provider: ProviderInfo): boolean {
  return provider.type === 'oauth' || provider.type === 'oidc';
}

const DAY = 86_400_000;

/** "in 30 days", "in 2 hours", "3 minutes ago": how far `date` is from `now`. */
export function relativeTime(date: Date, now: Date): string {
  const ms = date.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const [amount, unit] =
    abs >= DAY ? [abs / DAY, 'day'] : abs >= 3_600_000 ? [abs / 3_600_000, 'hour'] : abs >= 60_000 ? [abs / 60_000, 'minute'] : [abs / 1000, 'second'];
  const rounded = Math.round(amount);
  const text = `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A length of time rounded to its largest unit: "31 days", "2 hours". */
export function approximateDuration(ms: number): string {
  return relativeTime(new Date(Math.abs(ms)), new Date(0)).replace(/^in /, '');
}

/** A date as the panel shows it: UTC, to the minute. */
export function dateText(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an invalid date' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A cookie's expiry against the simulated clock (`now`): "session cookie", or the date and how far it is. */
export function expiryText(expires: string | undefined, now: Date): string {
  if (expires === undefined) return 'session cookie';
  const date = new Date(expires);
  if (Number.isNaN(date.getTime())) return expires;
  return `${dateText(date)} (${relativeTime(date, now)})`;
}

/** Seconds as the configuration means them: "30 days", "1 day", "90 seconds". */
export function durationText(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 86_400) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`;
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** How the configured app keeps sessions, in one line. */
export function sessionText(auth: AuthInfo): string {
  const strategy =
    auth.sessionStrategy === 'database'
      ? 'Database sessions (a row in the sessions table, its token in a cookie)'
      : 'JWT sessions (an encrypted cookie; no session rows)';
  return `${strategy}; maxAge ${durationText(auth.maxAge)}, updateAge ${durationText(auth.updateAge)}.`;
}

export type ProfileInput = { readonly ok: true; readonly profile: Readonly<Record<string, unknown>> } | { readonly ok: false; readonly message: string };

/** The profile text the reader typed: a JSON object, or why it is not one. */
export function parseProfile(text: string): ProfileInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The profile is not valid JSON: ${error instanceof Error ? error.message : String(error)}. Nothing was sent.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The profile must be a JSON object, e.g. { "id": 1, "login": "ada", "email": "ada@example.com" }. Nothing was sent.' };
  }
  return { ok: true, profile: value as Record<string, unknown> };
}

/** Two profiles are the same when their JSON is (the panel shows them with two-space indents). */
export function profileText(profile: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(profile, null, 2);
}
