// A reader's Auth.js setup as it is in their app, run by the playground session: each framework's
// entry point, the Credentials provider with JWT sessions, framework-only imports, and errors as
// Auth.js reports them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, files } from './support.ts';

const SEQUELIZE =
  'import { Sequelize } from "sequelize"\nimport SequelizeAdapter from "@adapter-lab/sequelize-adapter"\nconst sequelize = new Sequelize("sqlite::memory:", { logging: false })\n';

let session: PlaygroundSession | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function run(sources: Record<string, string>, entry = 'auth.ts'): Promise<Outcome> {
  session ??= await createSession('sequelize');
  return session.run(await compile('sequelize', files(sources)), entry);
}

function count(outcome: Outcome, table: string): number {
  return outcome.tables.find((view) => view.name === table)?.rowCount ?? -1;
}

describe("each framework's entry point registers the configuration the flows use", { timeout: 60_000 }, () => {
  it.each([
    [
      'next-auth (v4-style default export)',
      'import NextAuth from "next-auth"\nexport default NextAuth({ adapter, providers: [] })',
      'NextAuth({…}) from next-auth',
      '/api/auth',
    ],
    [
      'next-auth, lazily configured',
      'import NextAuth from "next-auth"\nexport const { handlers, auth } = NextAuth(() => ({ adapter, providers: [] }))',
      'NextAuth({…}) from next-auth',
      '/api/auth',
    ],
    [
      '@auth/express',
      'import { ExpressAuth } from "@auth/express"\nexport const authMiddleware = ExpressAuth({ adapter, providers: [] })',
      'ExpressAuth({…}) from @auth/express',
      '/auth',
    ],
    [
      '@auth/sveltekit',
      'import { SvelteKitAuth } from "@auth/sveltekit"\nexport const { handle, signIn, signOut } = SvelteKitAuth({ adapter, providers: [] })',
      'SvelteKitAuth({…}) from @auth/sveltekit',
      '/auth',
    ],
    [
      '@auth/qwik, configured from its request event',
      'import { QwikAuth$ } from "@auth/qwik"\nexport const { onRequest, useSession } = QwikAuth$((event) => ({ adapter: event.env.get("DATABASE_URL") ? adapter : undefined, providers: [] }))',
      'QwikAuth$({…}) from @auth/qwik',
      '/auth',
    ],
    [
      '@auth/sveltekit, configured from its request event',
      'import { SvelteKitAuth } from "@auth/sveltekit"\nexport const { handle } = SvelteKitAuth(async (event) => ({ adapter: event.url.origin === "http://localhost:3000" ? adapter : undefined, providers: [] }))',
      'SvelteKitAuth({…}) from @auth/sveltekit',
      '/auth',
    ],
    [
      '@auth/core',
      'import { Auth } from "@auth/core"\nexport const response = await Auth(new Request("http://localhost:3000/auth/providers"), { adapter, providers: [], secret: "s", trustHost: true })\nconsole.log("status", response.status)',
      'Auth(request, config) from @auth/core',
      '/auth',
    ],
  ])('%s', async (_name, code, description, basePath) => {
    const outcome = await run({ 'auth.ts': `${SEQUELIZE}const adapter = SequelizeAdapter(sequelize)\n${code}\n` });
    expect(outcome.error).toBeUndefined();
    expect(outcome.auth).toMatchObject({ description, basePath });
    // No providers given: the playground adds its GitHub and e-mail providers, and says so.
    expect(outcome.auth?.providers.map((provider) => `${provider.id}:${provider.added}`)).toEqual(['github:true', 'email:true']);
    const signIn = await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    expect(signIn.error).toBeUndefined();
    expect(signIn.http.some((exchange) => new URL(exchange.url).pathname === `${basePath}/callback/github` && exchange.status === 302)).toBe(true);
    expect(count(signIn, 'users')).toBe(1);
    expect(count(signIn, 'sessions')).toBe(1);
  });
});

describe('providers and sessions', { timeout: 60_000 }, () => {
  it("the Credentials provider signs in with the reader's authorize() and a JWT session: no session row, the JWT cookie", async () => {
    const auth = [
      'import NextAuth from "next-auth"',
      'import Credentials from "next-auth/providers/credentials"',
      'export const { handlers, auth } = NextAuth({',
      '  session: { strategy: "jwt" },',
      '  providers: [Credentials({ credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },',
      '    authorize(credentials) { return credentials.password === "secret" ? { id: "1", name: String(credentials.username), email: "c@example.com" } : null } })],',
      '})',
    ].join('\n');
    await run({ 'auth.ts': auth });
    const denied = await session!.flow({ flow: 'credentials-sign-in', browser: 'main', credentials: { username: 'carol', password: 'wrong' } });
    expect(denied.error?.message).toMatch(/CredentialsSignin/);
    const outcome = await session!.flow({ flow: 'credentials-sign-in', browser: 'main', credentials: { username: 'carol', password: 'secret' } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.auth?.sessionStrategy).toBe('jwt');
    expect(outcome.auth?.providers.find((provider) => provider.type === 'credentials')?.fields).toEqual({ username: 'Username', password: 'Password' });
    expect(outcome.auth?.browsers[0]).toMatchObject({ signedInAs: 'c@example.com' });
    expect(outcome.auth?.browsers[0]?.cookies.map((cookie) => cookie.name)).toContain('authjs.session-token');
    expect(outcome.calls).toEqual([]);
  });

  it('an e-mail already used by another user: Auth.js refuses the OAuth sign-in with OAuthAccountNotLinked, and the flow says so', async () => {
    await run({
      'auth.ts': `import NextAuth from "next-auth"\n${SEQUELIZE}export const { auth } = NextAuth({ adapter: SequelizeAdapter(sequelize), providers: [] })\n`,
    });
    await session!.flow({ flow: 'email-sign-in', browser: 'main', email: 'octocat@github.com' });
    await session!.flow({ flow: 'open-email-link', browser: 'main' });
    const refused = await session!.flow({ flow: 'oauth-sign-in', browser: 'other' });
    expect(refused.error?.message).toMatch(/OAuthAccountNotLinked/);
    expect(refused.http.some((exchange) => /error=OAuthAccountNotLinked/.test(exchange.location ?? ''))).toBe(true);
    expect(count(refused, 'accounts')).toBe(0);
  });

  it("an adapter error during a flow: Auth.js's error page, and the adapter's error with the reader's line", async () => {
    const auth = [
      'import NextAuth from "next-auth"',
      SEQUELIZE,
      'const adapter = SequelizeAdapter(sequelize)',
      'export const { auth } = NextAuth({ providers: [], adapter: { ...adapter, async createUser(user) {',
      '  throw new Error("the users table is read-only today")',
      '} } })',
    ].join('\n');
    await run({ 'auth.ts': auth });
    const outcome = await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    expect(outcome.error?.message).toMatch(/error page: Configuration.*AdapterError/);
    expect(outcome.error?.cause?.message).toBe('the users table is read-only today');
    expect(outcome.error?.cause?.at).toMatchObject({ file: 'auth.ts', line: 8 });
    expect(outcome.calls.find((call) => call.method === 'createUser')?.error?.message).toBe('the users table is read-only today');
    // The methods copied from the tracked adapter are recorded once, as Auth.js calls them.
    expect(outcome.calls.map((call) => call.method)).toEqual(['getUserByAccount', 'getUserByAccount', 'getUserByEmail', 'createUser']);
  });
});

describe('what the playground cannot run', { timeout: 60_000 }, () => {
  it('a framework-only import fails at its line with what to do instead', async () => {
    const outcome = await run({
      'auth.ts':
        'import NextAuth from "next-auth"\nimport { NextResponse } from "next/server"\nexport const { auth } = NextAuth({ providers: [] })\nconsole.log(NextResponse)\n',
    });
    expect(outcome.error).toMatchObject({ name: 'LoadError', at: { file: 'auth.ts', line: 2 } });
    expect(outcome.error?.message).toMatch(/^Cannot import "next\/server" in auth\.ts: next\/server belongs to Next\.js, which the playground does not run/);
    expect(outcome.error?.hint).toMatch(/@adapter-lab\/playground/);
  });

  it('no request leaves: fetch to anywhere but the simulated provider is refused during a flow', async () => {
    const auth =
      'import NextAuth from "next-auth"\nexport const { auth } = NextAuth({ providers: [], callbacks: { async signIn() { await fetch("https://example.com/audit"); return true } } })\n';
    await run({ 'auth.ts': `${auth}` });
    const outcome = await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    expect(outcome.error?.message).toMatch(/AccessDenied|error page/);
    const logged = JSON.stringify(outcome.console);
    expect(logged).toMatch(/the playground has no network/);
  });

  it('flows before any Auth.js setup or adapter say what to run first', async () => {
    await run({ 'run.ts': 'console.log(1)\n' }, 'run.ts');
    const outcome = await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    expect(outcome.error?.message).toMatch(/^There is no Auth.js app yet/);
    expect(outcome.auth).toBeNull();
  });
});
