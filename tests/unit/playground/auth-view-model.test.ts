// What the Auth.js panel says about an action: the error Auth.js sent the browser to, paths and
// cookie values shortened for a line, expiry against the simulated clock, the profile typed.
import { describe, expect, it } from 'vitest';
import {
  approximateDuration,
  authErrorOf,
  clip,
  cookieChangeText,
  durationText,
  expiryText,
  parseProfile,
  pathOf,
  providersOf,
  relativeTime,
  sessionText,
  shortValue,
  statusKind,
  valueLengthText,
} from '../../../src/playground/panels/auth-view-model.ts';
import type { AuthInfo, HttpExchange } from '../../../src/playground/protocol.ts';

function exchange(fields: Partial<HttpExchange> & Pick<HttpExchange, 'url' | 'status'>): HttpExchange {
  return { seq: 1, from: 'main', to: 'auth', method: 'GET', cookies: [], setCookies: [], time: 0, durationMs: 1, ...fields };
}

const AUTH: AuthInfo = {
  description: 'NextAuth({…}) from next-auth',
  basePath: '/api/auth',
  sessionStrategy: 'database',
  maxAge: 2_592_000,
  updateAge: 86_400,
  providers: [{ id: 'github', name: 'GitHub', type: 'oauth', added: false }],
  browsers: [],
  inbox: [],
  profile: {},
  clockOffsetMs: 0,
};

describe('authErrorOf', () => {
  it('finds the Verification error a reused magic link is redirected to', () => {
    const http = [
      exchange({
        url: 'http://localhost:3000/api/auth/callback/nodemailer?token=abc&email=ada%40example.com',
        status: 302,
        location: 'http://localhost:3000/api/auth/error?error=Verification',
      }),
      exchange({ url: 'http://localhost:3000/api/auth/error?error=Verification', status: 200 }),
    ];
    const found = authErrorOf(http, '/api/auth');
    expect(found?.code).toBe('Verification');
    expect(found?.url).toBe('http://localhost:3000/api/auth/error?error=Verification');
    expect(found?.explanation).toMatch(/used already/);
  });

  it('finds OAuthAccountNotLinked on the sign-in page, and names an unknown code as it is', () => {
    expect(
      authErrorOf(
        [exchange({ url: 'http://localhost/auth/callback/github?code=x&state=y', status: 302, location: '/auth/signin?error=OAuthAccountNotLinked' })],
        '/auth',
      )?.code,
    ).toBe('OAuthAccountNotLinked');
    expect(authErrorOf([exchange({ url: 'http://localhost/auth/error?error=SomethingNew', status: 200 })], '/auth')?.explanation).toBe(
      'Auth.js reported the error "SomethingNew".',
    );
  });

  it("ignores the provider's own `error` parameters and the server's requests, and finds nothing in a clean sign-in", () => {
    expect(authErrorOf([exchange({ url: 'http://provider.test/authorize?error=whatever', status: 200, to: 'provider' })], '/api/auth')).toBeUndefined();
    expect(authErrorOf([exchange({ url: 'http://localhost/api/auth/error?error=Verification', status: 200, from: 'server' })], '/api/auth')).toBeUndefined();
    expect(
      authErrorOf(
        [
          exchange({
            url: 'http://localhost/api/auth/signin/github',
            method: 'POST',
            status: 302,
            location: 'http://github.test/login/oauth/authorize?client_id=x',
          }),
          exchange({ url: 'http://localhost/api/auth/callback/github?code=1&state=2', status: 302, location: 'http://localhost/' }),
        ],
        '/api/auth',
      ),
    ).toBeUndefined();
  });
});

describe('text for one line', () => {
  it('drops the origin of a URL and keeps other text as is', () => {
    expect(pathOf('http://localhost:3000/api/auth/callback/github?code=1#x')).toBe('/api/auth/callback/github?code=1#x');
    expect(pathOf('/relative?x=1')).toBe('/relative?x=1');
  });

  it('shortens long values, saying how long they were', () => {
    expect(shortValue('short')).toBe('short');
    expect(shortValue('0123456789abcdef0123')).toBe('0123456789ab…');
    expect(shortValue('0123456789ab', 4000)).toBe('0123456789ab…');
    expect(valueLengthText('0123456789ab', 4000)).toBe('4,000 characters');
    expect(clip('abcdef', 3)).toBe('abc…');
    expect(cookieChangeText({ name: 'authjs.csrf-token', value: '', attributes: 'Max-Age=0', cleared: true })).toBe('authjs.csrf-token (cleared)');
    expect(cookieChangeText({ name: 'authjs.session-token', value: '9f3c1a52-8d0b-4e0f-b1a7-3e5d2c4b6a90', attributes: 'Path=/', cleared: false })).toBe(
      'authjs.session-token=9f3c1a52-8d0…',
    );
  });

  it('sorts statuses', () => {
    expect([200, 302, 404, 500].map(statusKind)).toEqual(['ok', 'redirect', 'client-error', 'server-error']);
  });
});

describe('time', () => {
  const now = new Date('2026-12-07T01:00:00Z');

  it('says how far an expiry is on the simulated clock', () => {
    expect(expiryText('2027-01-06T01:00:00.000Z', now)).toBe('2027-01-06 01:00 UTC (in 30 days)');
    expect(expiryText(undefined, now)).toBe('session cookie');
    expect(relativeTime(new Date('2026-12-07T00:57:00Z'), now)).toBe('3 minutes ago');
    expect(relativeTime(new Date('2026-12-07T02:00:00Z'), now)).toBe('in 1 hour');
  });

  it("names configured durations and the clock's offset in their units", () => {
    expect(durationText(2_592_000)).toBe('30 days');
    expect(durationText(86_400)).toBe('1 day');
    expect(durationText(0)).toBe('0 seconds');
    expect(durationText(90)).toBe('90 seconds');
    expect(approximateDuration(31 * 86_400_000 + 5_000)).toBe('31 days');
    expect(sessionText(AUTH)).toBe('Database sessions (a row in the sessions table, its token in a cookie); maxAge 30 days, updateAge 1 day.');
  });
});

describe('parseProfile', () => {
  it('takes a JSON object', () => {
    expect(parseProfile('{ "id": 2, "email": "b@example.com" }')).toEqual({ ok: true, profile: { id: 2, email: 'b@example.com' } });
  });

  it('refuses invalid JSON and what is not an object, saying nothing was sent', () => {
    const broken = parseProfile('{ id: 2 }');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^The profile is not valid JSON: .*Nothing was sent\.$/);
    for (const text of ['[1]', 'null', '"ada"']) expect(parseProfile(text).ok, text).toBe(false);
  });
});

describe('providersOf', () => {
  it("is the configured providers, the playground's two around a bare adapter, or none", () => {
    expect(providersOf(AUTH, null)).toBe(AUTH.providers);
    expect(providersOf(null, { description: 'SequelizeAdapter(sequelize)', methods: [] }).map((provider) => [provider.type, provider.added])).toEqual([
      ['oauth', true],
      ['email', true],
    ]);
    expect(providersOf(null, null)).toEqual([]);
  });
});
