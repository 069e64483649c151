// The Auth.js tab on the built site, against the real runtime: each ORM's default example, the
// flows by their buttons — OAuth sign-in with an edited profile, a magic link sent, opened and
// opened again, sign-out — with the HTTP exchange, the adapter calls and the table diffs each
// one caused; the other device's cookies apart; the profile refused when it is not JSON.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { ADAPTER_TABLES, RUN_TIMEOUT, defaultState, linkTo, liveRows, openPanel, resultTable, runs, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

async function open(orm: 'sequelize' | 'mikro-orm'): Promise<PageProbe> {
  const probe = await browser.openPage(orm === 'sequelize' ? '/playground/' : linkTo(defaultState(orm)), { waitUntil: 'load' });
  await waitForRuns(probe.page, 1);
  return probe;
}

/** Presses a button of the Auth.js panel and waits for the flow's outcome. */
async function press(page: Page, button: Locator): Promise<void> {
  const before = await runs(page);
  await button.click();
  await waitForRuns(page, before + 1);
}

function authPanel(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Auth.js' });
}

/** The last action's exchanges, one locator per request. */
function exchanges(page: Page): Locator {
  return authPanel(page).getByRole('list', { name: 'HTTP requests' }).locator(':scope > li');
}

/** Rows of a result table with a given status (after switching to Tables). */
async function rowsWithStatus(page: Page, table: string, status: 'inserted' | 'updated' | 'deleted'): Promise<number> {
  return resultTable(page, table).locator(`tbody tr[data-status="${status}"]`).count();
}

describe.each(['sequelize', 'mikro-orm'] as const)('%s: Auth.js flows by their buttons', (orm) => {
  const [users, accounts, sessions, tokens] = ADAPTER_TABLES[orm] as [string, string, string, string];

  it('signs in with GitHub as a new account: the redirect to the provider, the callback setting the session cookie, the new user, account and session', async () => {
    const probe = await open(orm);
    const { page } = probe;
    const panel = await openPanel(page, 'Auth.js');
    expect(await panel.locator('[data-auth-app]').textContent()).toMatch(/\S/);
    // The default example's run linked GitHub account 583231 to Ada: another account makes a new user.
    const profile = panel.getByLabel('Profile the OAuth provider returns next (JSON)');
    // Empty until Auth.js has run once (the runtime loads it at the first flow): a whole profile, then.
    await profile.fill(
      JSON.stringify({ id: 777001, login: 'grace', name: 'Grace Hopper', email: 'grace@example.com', avatar_url: 'https://example.com/grace.png' }, null, 2),
    );
    await press(page, panel.getByRole('button', { name: 'Sign in with GitHub' }));

    expect(await panel.locator('.pg-auth-last').getAttribute('data-state')).toBe('ok');
    const http = exchanges(page);
    // The sign-in POST is sent on to the provider's authorize page…
    const signIn = http
      .filter({ has: page.locator('.pg-http-method', { hasText: /^POST$/ }) })
      .filter({ has: page.locator('.pg-http-path', { hasText: /\/signin\/github/ }) });
    expect(await signIn.locator('.pg-http-status').first().textContent()).toBe('302');
    expect(await signIn.locator('.pg-http-location').first().getAttribute('title')).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    // …which Auth.js's server side follows up with the token and profile requests…
    expect(await http.filter({ hasText: 'Auth.js (server side) → OAuth provider' }).count()).toBeGreaterThanOrEqual(2);
    // …and the callback signs the browser in with a session cookie.
    const callback = http.filter({ has: page.locator('.pg-http-path', { hasText: /\/callback\/github\?/ }) });
    expect(await callback.locator('.pg-http-status').first().textContent()).toBe('302');
    expect(await callback.locator('.pg-http-cookies [data-cookie$="session-token"]').count()).toBe(1);
    // The adapter calls beside it, and who is signed in now.
    const calls = await panel.getByRole('list', { name: 'Adapter calls' }).textContent();
    for (const method of ['getUserByAccount', 'createUser', 'linkAccount', 'createSession']) expect(calls, method).toContain(`adapter.${method}(`);
    expect(await panel.locator('.pg-auth-who').textContent()).toContain('grace@example.com');
    expect(await panel.getByRole('list', { name: 'Cookies in this browser' }).locator('li[data-cookie$="session-token"]').count()).toBe(1);
    // The other device has its own cookies: not Grace's session.
    await panel.getByRole('radio', { name: 'Another device' }).check();
    expect(await panel.locator('.pg-auth-who').textContent()).toMatch(/^Another device: /);
    expect(await panel.locator('.pg-auth-who').textContent()).not.toContain('grace@example.com');
    await panel.getByRole('radio', { name: 'This browser' }).check();

    await panel.getByRole('button', { name: 'Tables' }).click();
    expect(await rowsWithStatus(page, users, 'inserted')).toBe(1);
    expect(await rowsWithStatus(page, accounts, 'inserted')).toBe(1);
    expect(await rowsWithStatus(page, sessions, 'inserted')).toBe(1);
    expect(await liveRows(page, users).filter({ hasText: 'grace@example.com' }).count()).toBe(1);

    // Deleting her (an app's "delete my account"): an adapter call, no HTTP, the rows go with her.
    await openPanel(page, 'Auth.js');
    await press(page, panel.getByRole('button', { name: 'Delete the user' }));
    expect(await panel.getByRole('list', { name: 'Adapter calls' }).textContent()).toContain('adapter.deleteUser(');
    await openPanel(page, 'Tables');
    expect(await liveRows(page, users).filter({ hasText: 'grace@example.com' }).count()).toBe(0);
    expect(await rowsWithStatus(page, users, 'deleted')).toBe(1);
    expect(await rowsWithStatus(page, accounts, 'deleted')).toBe(1);
    expect(await rowsWithStatus(page, sessions, 'deleted')).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('sends a magic link, opens it (token inserted, then used up), opens it again (Verification), and signs out (cookie cleared)', async () => {
    const probe = await open(orm);
    const { page } = probe;
    const panel = await openPanel(page, 'Auth.js');
    await panel.getByLabel('E-mail address').fill('linus@example.com');
    await press(page, panel.getByRole('button', { name: 'Send magic link' }));
    const signIn = exchanges(page).filter({ has: page.locator('.pg-http-path', { hasText: /\/signin\/(email|nodemailer|resend)$/ }) });
    expect(await signIn.locator('.pg-http-method').first().textContent()).toBe('POST');
    expect(await (await openPanel(page, 'Tables')).isVisible()).toBe(true);
    expect(await rowsWithStatus(page, tokens, 'inserted')).toBe(1);

    await openPanel(page, 'Auth.js');
    // Newest first: Linus's mail tops the inbox (the example's run may have left mails of its own).
    const mail = panel.getByRole('list', { name: 'Inbox' }).locator('li').first();
    expect(await mail.textContent()).toContain('linus@example.com');
    const openLink = mail.getByRole('button', { name: /^Open link/ });
    await press(page, openLink);
    expect(await panel.locator('.pg-auth-last').getAttribute('data-state')).toBe('ok');
    const callback = exchanges(page).filter({ has: page.locator('.pg-http-path', { hasText: /\/callback\/(email|nodemailer|resend)\?/ }) });
    expect(await callback.locator('.pg-http-status').first().textContent()).toBe('302');
    expect(await callback.locator('.pg-http-cookies [data-cookie$="session-token"]').count()).toBe(1);
    const calls = await panel.getByRole('list', { name: 'Adapter calls' }).textContent();
    expect(calls).toContain('adapter.useVerificationToken(');
    expect(await panel.locator('.pg-auth-who').textContent()).toContain('linus@example.com');
    expect(await mail.textContent()).toContain('opened 1 time');
    await openPanel(page, 'Tables');
    expect(await rowsWithStatus(page, tokens, 'deleted')).toBe(1);
    // (The example's own run leaves one token of its own: Linus's is gone.)
    expect(await liveRows(page, tokens).filter({ hasText: 'linus@example.com' }).count()).toBe(0);
    expect(await rowsWithStatus(page, users, 'inserted')).toBe(1);
    expect(await rowsWithStatus(page, sessions, 'inserted')).toBe(1);

    // The same link again: the token is gone, Auth.js refuses — shown as its error, on its page.
    await openPanel(page, 'Auth.js');
    await press(page, openLink);
    expect(await panel.locator('.pg-auth-last').getAttribute('data-state')).not.toBe('ok');
    expect(await panel.locator('[data-auth-error]').textContent()).toBe('Verification');
    expect(
      await exchanges(page)
        .locator('.pg-http-location')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('title'))),
    ).toContainEqual(expect.stringMatching(/\/error\?error=Verification$/));
    expect(await mail.textContent()).toContain('opened 2 times');
    // The reader stays on the Auth.js tab, which says what went wrong.
    expect(await panel.isVisible()).toBe(true);

    const signOut = panel.getByRole('button', { name: 'Sign out' });
    await press(page, signOut);
    const cleared = exchanges(page).locator('.pg-http-cleared [data-cookie$="session-token"]');
    expect(await cleared.count()).toBe(1);
    expect(await panel.locator('.pg-auth-who').textContent()).toMatch(/not signed in/);
    expect(await panel.locator('li[data-cookie$="session-token"]').count()).toBe(0);
    // The keyboard focus stayed on the pressed button through the request.
    expect(await signOut.evaluate((button) => button === document.activeElement)).toBe(true);
    await openPanel(page, 'Tables');
    expect(await rowsWithStatus(page, sessions, 'deleted')).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('the Auth.js panel', () => {
  it('refuses a profile that is not JSON, sending nothing, and marks its buttons busy while a flow runs', async () => {
    const probe = await open('sequelize');
    const { page } = probe;
    const panel = await openPanel(page, 'Auth.js');
    const profile = panel.getByLabel('Profile the OAuth provider returns next (JSON)');
    await profile.fill('{ id: 1 }');
    const before = await runs(page);
    await panel.getByRole('button', { name: 'Sign in with GitHub' }).click();
    expect(await panel.getByRole('alert').filter({ hasText: 'The profile is not valid JSON' }).count()).toBe(1);
    expect(await profile.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pg-auth-profile');
    // Nothing was sent: no outcome came.
    await page.waitForTimeout(300);
    expect(await runs(page)).toBe(before);
    await panel.getByRole('button', { name: "Reset to the provider's profile" }).click();
    expect(await profile.getAttribute('aria-invalid')).toBeNull();

    // Busy: every flow button says so at the press, and again not when the outcome is in.
    const session = panel.getByRole('button', { name: 'Get the session' });
    // Read in the same task as the press: a warm runtime may answer before a second round trip.
    const signOut = await panel.getByRole('button', { name: 'Sign out' }).elementHandle();
    const busyAtPress = await session.evaluate((button, other) => {
      (button as HTMLButtonElement).click();
      return other?.getAttribute('aria-disabled') ?? null;
    }, signOut);
    expect(busyAtPress).toBe('true');
    await waitForRuns(page, before + 1);
    await expect.poll(() => panel.getByRole('button', { name: 'Sign out' }).getAttribute('aria-disabled'), { timeout: RUN_TIMEOUT }).toBe('false');
    expect(await panel.locator('.pg-auth-last h3').textContent()).toMatch(/^Last action: /);
    // Auth.js has run: the provider's profile is shown, as JSON the reader can edit.
    expect(JSON.parse(await profile.inputValue())).toHaveProperty('id');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('flows scripted in run.ts', () => {
  it("shows a run's HTTP exchange in the Auth.js tab, at most 200 requests drawn and the rest counted", async () => {
    const auth =
      'import NextAuth from "next-auth"\nimport { Sequelize } from "sequelize"\nimport SequelizeAdapter from "@adapter-lab/sequelize-adapter"\nconst sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })\nexport const { auth } = NextAuth({ adapter: SequelizeAdapter(sequelize), providers: [] })\n';
    const run =
      'import { browser } from "@adapter-lab/playground"\nimport "./auth"\nawait browser.signIn("github")\nfor (let i = 0; i < 205; i++) await browser.session()\n';
    const state = {
      orm: 'sequelize' as const,
      engine: 'sqlite' as const,
      implementation: 'ours' as const,
      files: [
        { name: 'auth.ts', code: auth },
        { name: 'run.ts', code: run },
      ],
      active: 'run.ts',
      options: { freshDatabase: true },
    };
    const probe = await browser.openPage(linkTo(state), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    const panel = await openPanel(page, 'Auth.js');
    expect(await panel.locator('#pg-auth-last-title').textContent()).toMatch(/^Last action: Run: the flows your code scripted/);
    expect(await panel.locator('[data-auth-app]').textContent()).toContain('NextAuth({…}) from next-auth');
    const total = Number((await panel.locator('#pg-auth-http-title').textContent())?.match(/\((\d[\d,]*)\)/)?.[1]?.replace(/,/g, ''));
    // The sign-in's requests, then one per session() call.
    expect(total).toBeGreaterThan(205);
    expect(await exchanges(page).count()).toBe(200);
    expect(await panel.locator('[data-http-more]').textContent()).toContain(`Not shown here: ${total - 200} more requests.`);
    expect(await panel.getByRole('list', { name: 'Adapter calls' }).textContent()).toContain('adapter.createUser(');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
