// Auth.js's flows through the playground session, on both ORMs: real @auth/core with the
// reader's configuration, driven by the simulated browsers, provider, inbox and clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrmId, Outcome, TableView } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { compile, createSession, files } from './support.ts';

const SETUP: Record<
  OrmId,
  { imports: string; adapter: string; tables: { user: string; account: string; session: string; token: string; emailVerified: string } }
> = {
  sequelize: {
    imports:
      'import { Sequelize } from "sequelize"\nimport SequelizeAdapter from "@adapter-lab/sequelize-adapter"\nconst sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })',
    adapter: 'SequelizeAdapter(sequelize)',
    tables: { user: 'users', account: 'accounts', session: 'sessions', token: 'verification_tokens', emailVerified: 'email_verified' },
  },
  'mikro-orm': {
    imports: 'import { MikroOrmAdapter } from "@adapter-lab/mikro-orm-adapter"',
    adapter: 'MikroOrmAdapter({ dbName: ":memory:" })',
    tables: { user: 'user', account: 'account', session: 'session', token: 'verification_token', emailVerified: 'email_verified' },
  },
};

function authTs(orm: OrmId, extra = ''): string {
  return [
    'import NextAuth from "next-auth"',
    'import GitHub from "next-auth/providers/github"',
    'import Nodemailer from "next-auth/providers/nodemailer"',
    SETUP[orm].imports,
    'export const { handlers, auth, signIn, signOut } = NextAuth({',
    `  adapter: ${SETUP[orm].adapter},`,
    '  providers: [GitHub, Nodemailer({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM })],',
    extra,
    '})',
  ].join('\n');
}

function table(outcome: Outcome, name: string): TableView {
  const found = outcome.tables.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no table ${name}: ${outcome.tables.map((candidate) => candidate.name).join(', ')}`);
  return found;
}

function rows(outcome: Outcome, name: string): Array<Record<string, unknown>> {
  const view = table(outcome, name);
  return view.rows.filter((row) => row.status !== 'deleted').map((row) => Object.fromEntries(view.columns.map((column, i) => [column, row.values[i]])));
}

let session: PlaygroundSession | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function start(orm: OrmId, auth: string, run?: string): Promise<Outcome> {
  session = await createSession(orm);
  const sources = run === undefined ? { 'auth.ts': auth } : { 'auth.ts': auth, 'run.ts': run };
  return session.run(await compile(orm, files(sources)), run === undefined ? 'auth.ts' : 'run.ts');
}

describe.each(['sequelize', 'mikro-orm'] as const)('%s', { timeout: 60_000 }, (orm) => {
  const t = SETUP[orm].tables;

  it('running auth.ts alone creates the tables and describes the app', async () => {
    const outcome = await start(orm, authTs(orm));
    expect(outcome.error).toBeUndefined();
    expect(outcome.tables.map((view) => view.name)).toEqual(expect.arrayContaining([t.user, t.account, t.session, t.token]));
    expect(outcome.auth).toMatchObject({ description: 'NextAuth({…}) from next-auth', basePath: '/api/auth', sessionStrategy: 'database' });
    expect(outcome.auth?.providers.map((provider) => [provider.id, provider.type, provider.added])).toEqual([
      ['github', 'oauth', false],
      ['nodemailer', 'email', false],
    ]);
    expect(outcome.calls.map((call) => [call.method, call.source])).toEqual([['getSessionAndUser', 'flow']]);
    expect(outcome.http.map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname} ${exchange.status}`)).toEqual(['GET /api/auth/session 200']);
  });

  it('OAuth sign-in: PKCE round trip with the simulated GitHub, one user, account and session; a second sign-in adds only a session', async () => {
    await start(orm, authTs(orm));
    const first = await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    expect(first.error).toBeUndefined();
    const steps = first.http.map(
      (exchange) => `${exchange.from}→${exchange.to} ${exchange.method} ${new URL(exchange.url).host}${new URL(exchange.url).pathname} ${exchange.status}`,
    );
    expect(steps).toEqual([
      'main→auth GET localhost:3000/api/auth/csrf 200',
      'main→auth POST localhost:3000/api/auth/signin/github 302',
      'main→provider GET github.com/login/oauth/authorize 302',
      'server→provider POST github.com/login/oauth/access_token 200',
      'server→provider GET api.github.com/user 200',
      'main→auth GET localhost:3000/api/auth/callback/github 302',
      'main→app GET localhost:3000/ 200',
      'main→auth GET localhost:3000/api/auth/session 200',
    ]);
    const authorize = new URL(first.http[2]!.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(first.http[3]!.requestBody).toMatch(/code_verifier=/);
    expect(first.http[5]!.setCookies.map((cookie) => cookie.name)).toContain('authjs.session-token');
    // Auth.js asks for the account twice: once for the signIn callback, once to log the user in.
    expect(first.calls.map((call) => call.method)).toEqual([
      'getUserByAccount',
      'getUserByAccount',
      'getUserByEmail',
      'createUser',
      'linkAccount',
      'createSession',
      'getSessionAndUser',
    ]);
    expect(rows(first, t.user)).toHaveLength(1);
    expect(rows(first, t.user)[0]).toMatchObject({ email: 'octocat@github.com', name: 'The Octocat' });
    expect(rows(first, t.account)).toHaveLength(1);
    expect(first.auth?.browsers[0]).toMatchObject({ id: 'main', signedInAs: 'octocat@github.com' });

    const again = await session!.flow({ flow: 'oauth-sign-in', browser: 'other' });
    expect(again.error).toBeUndefined();
    expect(rows(again, t.user)).toHaveLength(1);
    expect(rows(again, t.account)).toHaveLength(1);
    expect(rows(again, t.session)).toHaveLength(2);
    expect(table(again, t.session).changes.inserted).toBe(1);
  });

  it('e-mail sign-in: the link lands in the inbox, opening it verifies the address and leaves no token; a second opening is refused', async () => {
    await start(orm, authTs(orm));
    const sent = await session!.flow({ flow: 'email-sign-in', browser: 'main', email: 'ada@example.com' });
    expect(sent.error).toBeUndefined();
    expect(sent.auth?.inbox).toHaveLength(1);
    expect(sent.auth?.inbox[0]).toMatchObject({ to: 'ada@example.com', opened: 0 });
    expect(rows(sent, t.token)).toHaveLength(1);
    expect(String(rows(sent, t.token)[0]!['token'])).not.toBe(new URL(sent.auth!.inbox[0]!.url).searchParams.get('token'));
    const opened = await session!.flow({ flow: 'open-email-link', browser: 'main' });
    expect(opened.error).toBeUndefined();
    expect(rows(opened, t.user)).toHaveLength(1);
    expect(rows(opened, t.user)[0]![t.emailVerified]).not.toBeNull();
    expect(rows(opened, t.token)).toHaveLength(0);
    expect(rows(opened, t.session)).toHaveLength(1);
    expect(opened.auth?.browsers[0]?.signedInAs).toBe('ada@example.com');
    const twice = await session!.flow({ flow: 'open-email-link', browser: 'other' });
    expect(twice.error?.message).toMatch(/Verification/);
    expect(twice.http.some((exchange) => exchange.location?.includes('error=Verification'))).toBe(true);
    expect(rows(twice, t.session)).toHaveLength(1);
  });

  it('sessions move forward with updateAge: 0, expire after maxAge, and sign-out deletes them', async () => {
    await start(orm, authTs(orm, '  session: { updateAge: 0, maxAge: 3600 },'));
    await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    const refreshed = await session!.flow({ flow: 'refresh-session', browser: 'main' });
    expect(refreshed.error).toBeUndefined();
    expect(refreshed.calls.map((call) => call.method)).toEqual(['getSessionAndUser', 'updateSession']);
    expect(table(refreshed, t.session).changes.updated).toBe(1);
    const expired = await session!.flow({ flow: 'expire-session', browser: 'main' });
    expect(expired.calls.map((call) => call.method)).toEqual(['getSessionAndUser', 'deleteSession']);
    expect(rows(expired, t.session)).toHaveLength(0);
    expect(expired.auth?.browsers[0]?.signedInAs).toBeUndefined();
    await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    const out = await session!.flow({ flow: 'sign-out', browser: 'main' });
    expect(out.calls.map((call) => call.method)).toEqual(['deleteSession']);
    expect(rows(out, t.session)).toHaveLength(0);
    expect(
      out.http.find((exchange) => new URL(exchange.url).pathname === '/api/auth/signout')?.setCookies.find((cookie) => cookie.name === 'authjs.session-token')
        ?.cleared,
    ).toBe(true);
  });

  it('linking a second account while signed in, and deleting the user with its accounts and sessions', async () => {
    await start(orm, authTs(orm));
    await session!.flow({ flow: 'oauth-sign-in', browser: 'main' });
    const linked = await session!.flow({ flow: 'link-account', browser: 'main' });
    expect(linked.error).toBeUndefined();
    expect(linked.calls.map((call) => call.method)).toContain('linkAccount');
    expect(rows(linked, t.user)).toHaveLength(1);
    expect(rows(linked, t.account)).toHaveLength(2);
    const deleted = await session!.flow({ flow: 'delete-user', browser: 'main' });
    expect(deleted.error).toBeUndefined();
    expect(rows(deleted, t.user)).toHaveLength(0);
    expect(rows(deleted, t.account)).toHaveLength(0);
    expect(rows(deleted, t.session)).toHaveLength(0);
  });

  it("the reader's callbacks and events run: a field added in callbacks.session shows in session(), their console output in order", async () => {
    const extra = [
      '  callbacks: { session({ session, user }) { console.log("session callback for", user.email); return { ...session, plan: "pro" } } },',
      '  events: { signIn({ user }) { console.log("signed in:", user.email) } },',
    ].join('\n');
    const run =
      'import "./auth"\nimport { browser } from "@adapter-lab/playground"\nawait browser.signIn("github")\nconst session = (await browser.session()) as { plan?: string } | null\nconsole.log("plan", session?.plan)\n';
    const outcome = await start(orm, authTs(orm, extra), run);
    expect(outcome.error).toBeUndefined();
    const logs = outcome.console
      .filter((entry) => entry.kind === 'log')
      .map((entry) =>
        entry.kind === 'log' ? entry.values.map((value) => (value.type === 'string' ? (JSON.parse(value.preview) as string) : value.preview)).join(' ') : '',
      );
    expect(logs[0]).toMatch(/^signed in: .*octocat@github.com/);
    expect(logs.some((line) => /session callback for/.test(line))).toBe(true);
    expect(logs.at(-1)).toBe('plan pro');
  });
});
