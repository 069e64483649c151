// The adapter implementation choice ("@adapter-lab" | "@auth (official)") from the page's side:
// the published @auth/sequelize-adapter, unmodified, runs the official docs' custom model and
// creates upstream's camelCase columns where ours creates snake_case ones; links, the status
// line and "Copy as Markdown" say which package ran; choosing ours downloads nothing of the
// official one.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ImplementationId } from '../../src/playground/implementation-registry.ts';
import { decodeState } from '../../src/playground/share/codec.ts';
import { axeViolations } from './support/axe.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { OFFICIAL_SNIPPETS } from '../support/official-auth-snippets.ts';
import {
  exampleState,
  linkTo,
  liveRows,
  openMenu,
  openPanel,
  RUN_TIMEOUT,
  resultTable,
  root,
  status,
  waitForEditor,
  waitForRuns,
} from './support/playground.ts';

const browser = useBrowser();
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };
const AXE = { exclude: ['.pg-monaco'] };

/** What the page fetched of the official packages: their runtimes' workers and the editor's declarations for them. */
const officialRequests = (probe: PageProbe): string[] =>
  probe.requests.map((request) => new URL(request.url).pathname).filter((path) => /\/_astro\/[\w-]*official[\w.-]*\.js$/.test(path));

/** The columns of one table as the Schema panel lists them. */
async function schemaColumns(page: Page, table: string): Promise<string[]> {
  const panel = await openPanel(page, 'Schema');
  const card = panel.locator('.pg-schema-table').filter({ has: page.locator('h3', { hasText: new RegExp(`^${table}$`) }) });
  await expect.poll(() => card.count(), { timeout: RUN_TIMEOUT }).toBe(1);
  return card.locator('tbody tr td:first-child code').allTextContents();
}

const customModel = (implementation: ImplementationId) => ({ ...exampleState('sequelize-custom-model'), implementation });

describe('the official @auth/sequelize-adapter', () => {
  it("runs the official docs' custom model as upstream does: camelCase emailVerified, createdAt and updatedAt; ours snake_case", async () => {
    const official = await browser.openPage(linkTo(customModel('official')), { waitUntil: 'load' });
    await waitForRuns(official.page, 1);
    expect(await official.page.getByRole('radio', { name: '@auth (official)' }).isChecked()).toBe(true);
    expect(await official.page.locator('[data-runtime-state]').textContent()).toMatch(/^Sequelize 6\.\d+\.\d+, @auth\/sequelize-adapter 2\.11\.3, SQLite/);
    const officialColumns = await schemaColumns(official.page, 'users');
    expect(officialColumns).toEqual(expect.arrayContaining(['emailVerified', 'phoneNumber', 'createdAt', 'updatedAt']));
    expect(officialColumns).not.toContain('email_verified');
    expectNoConsoleErrors(official);
    await official.close();

    const ours = await browser.openPage(linkTo(customModel('ours')), { waitUntil: 'load' });
    await waitForRuns(ours.page, 1);
    expect(await ours.page.getByRole('radio', { name: '@adapter-lab' }).isChecked()).toBe(true);
    expect(await ours.page.locator('[data-runtime-state]').textContent()).toMatch(/@adapter-lab\/sequelize-adapter \d+\.\d+\.\d+/);
    const ourColumns = await schemaColumns(ours.page, 'users');
    expect(ourColumns).toContain('email_verified');
    expect(ourColumns).not.toContain('emailVerified');
    // Nothing of the official package was downloaded for ours.
    expect(officialRequests(ours)).toEqual([]);
    await ours.close();
    // Nor, on a MikroORM page of ours, anything of MikroORM 5 or the official MikroORM adapter.
    const mikroOrm = await browser.openPage(linkTo(exampleState('mikro-orm-sign-in')), { waitUntil: 'load' });
    await waitForRuns(mikroOrm.page, 1);
    expect(await mikroOrm.page.locator('[data-runtime-state]').textContent()).toMatch(/^MikroORM 7\.\d+\.\d+, @adapter-lab\/mikro-orm-adapter/);
    expect(officialRequests(mikroOrm)).toEqual([]);
    await mikroOrm.close();
  });

  it('is chosen by keyboard on a loaded page: the same code runs on the official package, and the link, the editor and Markdown follow', async () => {
    const probe = await browser.openPage(linkTo(customModel('ours')), { waitUntil: 'load', contextOptions: CLIPBOARD });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const group = page.getByRole('group', { name: 'Adapter package', exact: true });
    expect(await group.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value))).toEqual(['ours', 'official']);
    expect(await axeViolations(page, AXE), 'ours chosen').toEqual([]);
    await page.getByRole('radio', { name: '@adapter-lab' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => root(page).getAttribute('data-last-implementation'), { timeout: RUN_TIMEOUT }).toBe('official');
    await waitForRuns(page, 2);
    expect(await schemaColumns(page, 'users')).toContain('emailVerified');
    const decoded = decodeState(new URL(page.url()).hash);
    expect(decoded.ok && decoded.state.implementation).toBe('official');
    expect(await axeViolations(page, AXE), 'official chosen').toEqual([]);
    // The editor types the official package: no problem in the official docs' code.
    await openPanel(page, 'Problems');
    await expect.poll(() => page.locator('#pg-panel-problems').textContent(), { timeout: RUN_TIMEOUT }).toMatch(/No problems/i);
    await (await openMenu(page, 'Share')).getByRole('button', { name: 'Copy as Markdown for an issue' }).click();
    await expect.poll(() => status(page)).toMatch(/^Copied the Markdown/);
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toMatch(/— Sequelize 6\.\d+\.\d+, @auth\/sequelize-adapter 2\.11\.3, SQLite \d+\.\d+\.\d+ \(sql\.js \d+\.\d+\.\d+\)\n/);
    expect(officialRequests(probe).some((path) => /sequelize-official\.worker-/.test(path))).toBe(true);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('runs on PostgreSQL too', async () => {
    const probe = await browser.openPage(linkTo({ ...customModel('official'), engine: 'postgres' }), { waitUntil: 'load' });
    await waitForRuns(probe.page, 1);
    expect(await probe.page.locator('[data-runtime-state]').textContent()).toMatch(/@auth\/sequelize-adapter 2\.11\.3, PostgreSQL/);
    expect(await schemaColumns(probe.page, 'users')).toEqual(expect.arrayContaining(['emailVerified', 'createdAt', 'updatedAt']));
    await probe.close();
  });
});

describe('the official @auth/mikro-orm-adapter', () => {
  it("runs the official docs' custom User entity on MikroORM 5 and fills its tables through Auth.js sign-ins", async () => {
    const snippet = OFFICIAL_SNIPPETS.find((each) => each.name === 'MikroORM: the custom User entity with a role')!;
    const signIn = exampleState('mikro-orm-sign-in').files.find((file) => file.name === 'run.ts')!;
    const state = {
      ...exampleState('mikro-orm-sign-in'),
      implementation: 'official' as const,
      // The snippet names no provider: the playground's own GitHub and e-mail stand in (the e-mail one is "email").
      files: [
        { name: 'auth.ts', code: snippet.auth },
        { ...signIn, code: signIn.code.replace('signIn("nodemailer"', 'signIn("email"') },
      ],
      active: 'auth.ts',
    };
    const probe = await browser.openPage(linkTo(state), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await page.locator('[data-runtime-state]').textContent()).toMatch(/^MikroORM 5\.9\.\d+, @auth\/mikro-orm-adapter 2\.10\.0, SQLite/);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    await openPanel(page, 'Tables');
    await expect.poll(() => liveRows(page, 'user').count(), { timeout: RUN_TIMEOUT }).toBe(2);
    expect(await liveRows(page, 'account').count()).toBe(1);
    expect(await liveRows(page, 'session').count()).toBe(1);
    expect(await resultTable(page, 'user').locator('thead th').allTextContents()).toEqual(expect.arrayContaining(['role']));
    // Nothing of MikroORM 7 or our adapter's runtime was downloaded for it.
    const workers = probe.requests.map((request) => new URL(request.url).pathname).filter((path) => /\.worker-/.test(path));
    expect(workers.filter((path) => /\/mikro-orm(-postgres)?\.worker-/.test(path))).toEqual([]);
    expect(workers.some((path) => /\/mikro-orm-official\.worker-/.test(path))).toBe(true);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('compare mode', () => {
  /** The Compare panel's rows: the difference's subject, then each side's text. */
  async function differences(page: Page): Promise<string[][]> {
    const panel = await openPanel(page, 'Compare');
    return panel.locator('tbody tr:not(.pg-compare-section)').evaluateAll((rows) =>
      // biome-ignore lint/performance/useDomNodeTextContent: each cell as a reader reads it (a closed list of statements shows its first line).
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())),
    );
  }

  it("shows the official docs' custom model's column difference, the statements each method sent, and the link keeps it", async () => {
    const probe = await browser.openPage(linkTo(customModel('ours')), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    const panel = await openPanel(page, 'Compare');
    await panel.getByRole('checkbox', { name: 'Run with both adapter packages and compare' }).check();
    await expect
      .poll(() => status(page), { timeout: RUN_TIMEOUT })
      .toMatch(/differences? between @adapter-lab\/sequelize-adapter \d+\.\d+\.\d+ and @auth\/sequelize-adapter 2\.11\.3/);
    await waitForRuns(page, 2);
    const rows = await differences(page);
    expect(rows).toContainEqual(['users: columns', 'email_verified', 'emailVerified']);
    // Auth.js's first request: both adapters create their tables, each with its own statements.
    const statements = rows.find((row) => row[0] === '1. getSessionAndUser');
    expect(statements?.[1]).toMatch(/^\d+ statements$/);
    expect(statements?.[2]).toMatch(/^\d+ statements$/);
    expect(statements?.[1]).not.toBe(statements?.[2]);
    expect(await axeViolations(page, AXE), 'Compare panel').toEqual([]);
    const decoded = decodeState(new URL(page.url()).hash);
    expect(decoded.ok && decoded.state.options.compare).toBe(true);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('shows the documented differences of a sign-in: linkAccount returns nothing upstream, and a session is read in two statements there', async () => {
    const state = exampleState('sequelize-sign-in');
    const files = state.files.map((file) => ({ ...file, code: file.code.replaceAll('"@adapter-lab/sequelize-adapter"', '"@auth/sequelize-adapter"') }));
    const probe = await browser.openPage(linkTo({ ...state, files, options: { freshDatabase: true, compare: true } }), { waitUntil: 'load' });
    const { page } = probe;
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/differences? between/);
    await waitForRuns(page, 1);
    const rows = await differences(page);
    const linkAccount = rows.find((row) => /^\d+\. linkAccount$/.test(row[0]!) && row[2] === 'undefined');
    expect(linkAccount?.[1]).toMatch(/^\{ access_token: .*provider: "github"/);
    const sessionRead = rows.find((row) => /^\d+\. getSessionAndUser$/.test(row[0]!) && row[1]?.startsWith('1 statement'));
    expect(sessionRead?.[1]).toMatch(/JOIN/);
    expect(sessionRead?.[2]).toMatch(/^[2-9] statements/);
    // Same session ids by shape on both sides: the id a session is created with is the one it is read back with.
    const created = rows.find((row) => /^\d+\. createSession$/.test(row[0]!));
    expect(created).toBeUndefined();
    await probe.close();
  });

  it('states "no difference" when there is none', async () => {
    const code =
      'import { Sequelize } from "sequelize"\nconst sequelize = new Sequelize("sqlite::memory:", { logging: false })\nawait sequelize.query("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")\nawait sequelize.query("INSERT INTO notes (body) VALUES (\'hi\')")\n';
    const probe = await browser.openPage(
      linkTo({ ...exampleState('sequelize-sign-in'), files: [{ name: 'run.ts', code }], active: 'run.ts', options: { freshDatabase: true, compare: true } }),
      { waitUntil: 'load' },
    );
    const { page } = probe;
    await expect
      .poll(() => status(page), { timeout: RUN_TIMEOUT })
      .toMatch(
        /No difference between @adapter-lab\/sequelize-adapter \d+\.\d+\.\d+ and @auth\/sequelize-adapter 2\.11\.3 \(0 adapter calls, 1 table, (\d+) and \1 SQL statements compared\)/,
      );
    expect(await (await openPanel(page, 'Compare')).locator('table').count()).toBe(0);
    await probe.close();
  });
});
