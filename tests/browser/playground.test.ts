// The playground on the built site: each ORM's default example, the panels, running with the
// button and the keyboard, the adapter panel, examples, reset and autosave.
import { describe, expect, it } from 'vitest';
import { librariesIn } from './support/built-code.ts';
import { ENGINES } from './support/engines.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import {
  ADAPTER_TABLES,
  RUN_TIMEOUT,
  clickRun,
  defaultState,
  exampleState,
  focusEditor,
  linkTo,
  liveRows,
  menuAction,
  openPanel,
  resultTable,
  root,
  runs,
  status,
  waitForRuns,
  waitIdle,
} from './support/playground.ts';

const browser = useBrowser();

async function open(path = '/playground/'): Promise<PageProbe> {
  const probe = await browser.openPage(path, { waitUntil: 'load' });
  await waitForRuns(probe.page, 1);
  return probe;
}

describe.each(['sequelize', 'mikro-orm'] as const)('the %s default example', (orm) => {
  it("runs on load, signing two people in through Auth.js, and fills the adapter tables; only this ORM's code is downloaded", async () => {
    const probe = await open(orm === 'sequelize' ? '/playground/' : linkTo(defaultState(orm)));
    const { page } = probe;
    const [users, accounts, sessions, tokens] = ADAPTER_TABLES[orm] as [string, string, string, string];
    // Two users (GitHub, e-mail link), GitHub's account, the e-mail user's session.
    for (const [table, count] of [
      [users, 2],
      [accounts, 1],
      [sessions, 1],
      [tokens, 0],
    ] as const) {
      await expect.poll(() => liveRows(page, table).count(), { timeout: RUN_TIMEOUT }).toBe(count);
      expect(await resultTable(page, table).locator('tbody tr[data-status="inserted"]').count(), table).toBe(count);
    }
    // The signed-out session and the used magic-link token: deleted within the run, shown struck through.
    for (const table of [sessions, tokens]) {
      expect(await resultTable(page, table).locator('tbody tr[data-status="deleted"][data-transient="true"]').count(), table).toBe(1);
    }
    expect(await status(page)).toMatch(/^Ran in .*18 adapter calls/);
    const libraries = librariesIn(probe.requests.map((request) => request.url));
    expect(libraries).toContain(orm);
    expect(libraries).not.toContain(orm === 'sequelize' ? 'mikro-orm' : 'sequelize');
    // The notice that the configured PostgreSQL runs on SQLite here, shown once above the panels.
    expect(await page.locator('.pg-notice').filter({ hasText: 'runs it on SQLite (sql.js) in your browser' }).count()).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

it("the official docs' custom MikroORM User (bugs fixed) adds a role column", async () => {
  const probe = await open(linkTo(exampleState('mikro-orm-custom-user')));
  const { page } = probe;
  expect(await resultTable(page, 'user').locator('thead th').allTextContents()).toContain('role');
  expect(await liveRows(page, 'user').first().textContent()).toContain('ADMIN');
  // It names SqliteDriver: the notice speaks of the database file only (not of the minified class name SqliteDriver has in the build).
  expect(await page.locator('.pg-notice').filter({ hasText: 'MikroORM was configured for' }).textContent()).toContain('configured for database app.db:');
  expectNoConsoleErrors(probe);
  await probe.close();
});

it.each(ENGINES)('does not run code again whose last run never finished (the tab froze or crashed), on %s', async (engine) => {
  const state = { ...defaultState('sequelize'), engine, files: [{ name: 'run.ts', code: 'while (true) {}\n' }], active: 'run.ts' };
  const entry = JSON.stringify({ format: 1, state, savedAt: Date.now(), running: true });
  const probe = await browser.openPage('/playground/', {
    waitUntil: 'load',
    initScript: `try { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('adapter-lab:playground', ${JSON.stringify(entry)}) } } catch {}`,
  });
  const { page } = probe;
  await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Your last run did not finish/);
  expect(await root(page).getAttribute('data-engine')).toBe(engine);
  expect(await runs(page)).toBe(0);
  // Monaco, once it is in, draws spaces as no-break spaces.
  expect((await page.locator('[data-code-view], .pg-monaco').first().textContent())?.replace(/\u00a0/g, ' ')).toContain('while (true)');
  await probe.close();
});

describe('the panels', () => {
  it('SQL names the method behind each statement; Console shows logs at their line and every call; Schema shows DDL and foreign keys', async () => {
    const probe = await open();
    const { page } = probe;
    const sql = await openPanel(page, 'SQL');
    // The first user Auth.js creates: GitHub's (the simulated provider's profile).
    const insertUser = sql.locator('tbody tr').filter({ hasText: 'INSERT INTO `users`' }).first();
    expect(await insertUser.locator('.pg-origin').textContent()).toBe('createUser');
    expect(await insertUser.locator('.pg-params').textContent()).toContain("'octocat@github.com'");
    await page.getByLabel('Sent by').selectOption('useVerificationToken');
    expect(await sql.locator('tbody tr').count()).toBe(2);

    const consolePanel = await openPanel(page, 'Console');
    const log = consolePanel.locator('.pg-log[data-level="log"]').filter({ hasText: 'is signed in until' });
    const line =
      defaultState('sequelize')
        .files.find((file) => file.name === 'run.ts')!
        .code.split('\n')
        .findIndex((text) => text.includes('"is signed in until"')) + 1;
    expect(await log.locator('.pg-location').textContent()).toMatch(new RegExp(`^run\\.ts:${line}:\\d+$`));
    expect(await consolePanel.locator('.pg-call').count()).toBe(18);
    await consolePanel.locator('.pg-call summary').filter({ hasText: 'adapter.createUser(' }).first().click();
    expect(await consolePanel.locator('.pg-call[open]').textContent()).toContain('The Octocat');

    const schema = await openPanel(page, 'Schema');
    expect(await schema.locator('svg.pg-er').getAttribute('aria-label')).toContain('accounts.user_id references users.id (on delete cascade)');
    expect(await schema.locator('.pg-ddl').first().textContent()).toContain('CREATE TABLE `users`');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('runs again with the button and with Ctrl+Enter, on a fresh database each time', async () => {
    const probe = await open();
    const { page } = probe;
    await clickRun(page);
    expect(await liveRows(page, 'users').count()).toBe(2);
    const before = await runs(page);
    await page.getByRole('tab', { name: 'Tables' }).focus();
    await page.keyboard.press('Control+Enter');
    await waitForRuns(page, before + 1);
    expect(await liveRows(page, 'users').count()).toBe(2);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('tables and notices', () => {
  it('Tables show ids and tokens by their start (whole on hover, in the text and in a copied selection), on one line, under a sticky header row', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const { page } = probe;
    await waitForRuns(page, 1);
    const cell = resultTable(page, 'users').locator('tbody tr td').nth(1);
    const token = cell.locator('.pg-token');
    // The id Auth.js gave the user (a UUID, the same in every run: the runtime seeds randomness).
    const id = (await token.getAttribute('data-full'))!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await token.getAttribute('title')).toBe(id);
    expect(await token.getAttribute('data-full')).toBe(id);
    expect(await cell.textContent()).toBe(id);
    // Shown by its first eight characters and "…": about nine characters wide, one line high.
    const shown = (await token.boundingBox())!;
    expect(shown.width).toBeLessThan(90);
    expect(shown.height).toBeLessThan(25);
    // Selecting the cell and copying gives the whole id.
    await cell.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      document.execCommand('copy');
    });
    expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(id);
    // Short values stay whole; the header row sticks while a long table scrolls in its region.
    expect(await resultTable(page, 'users').locator('tbody tr td').nth(3).locator('.pg-token').count()).toBe(0);
    expect(
      await resultTable(page, 'users')
        .locator('thead th')
        .first()
        .evaluate((th) => getComputedStyle(th).position),
    ).toBe('sticky');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('notices are about the last run: shown again by a run that has them, gone after one that has not, and dismissible', async () => {
    const probe = await open();
    const { page } = probe;
    const postgres = page.locator('.pg-notice').filter({ hasText: 'Sequelize was configured for PostgreSQL' });
    expect(await postgres.count()).toBe(1);
    await clickRun(page);
    expect(await postgres.count()).toBe(1);
    await postgres.getByRole('button', { name: 'Dismiss this note' }).click();
    expect(await postgres.count()).toBe(0);
    await clickRun(page);
    expect(await postgres.count()).toBe(1);
    // This example's Sequelize names SQLite itself: no note about PostgreSQL stays from before.
    await page.getByLabel('Example').selectOption({ label: 'Custom User model with a phone number (official docs)' });
    await waitForRuns(page, 4);
    expect(await postgres.count()).toBe(0);
    // Notes sit above the results, never above the code.
    expect(await page.locator('.pg-results-pane > [data-notices]').count()).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('the Adapter panel', () => {
  it('calls a method with pre-filled JSON arguments and shows the result and the row it changed', async () => {
    const probe = await open();
    const { page } = probe;
    await openPanel(page, 'Tables');
    const newest = await liveRows(page, 'users').last().locator('td .pg-token').first().getAttribute('data-full');
    const panel = await openPanel(page, 'Adapter');
    await panel.getByLabel('Method').selectOption('updateUser');
    const args = JSON.parse(await panel.getByLabel('Arguments (a JSON array)').inputValue()) as Array<{ id: string }>;
    // Pre-filled with the newest user's id: the one who signed in by e-mail.
    expect(args[0]?.id).toBe(newest);
    const before = await runs(page);
    await panel.getByRole('button', { name: 'Call updateUser' }).click();
    await waitForRuns(page, before + 1);
    expect(await panel.locator('.pg-call-result').textContent()).toContain('updateUser done');
    await openPanel(page, 'Tables');
    const updated = resultTable(page, 'users').locator('tbody tr[data-status="updated"]');
    expect(await updated.count()).toBe(1);
    expect(await updated.textContent()).toContain('hedy@example.com');
    expect(await updated.locator('td[data-changed]').first().textContent()).toContain('Ada King');
    // She signed in by e-mail link: no name before.
    expect(await updated.locator('.pg-was').first().textContent()).toContain('NULL');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('refuses arguments that are not JSON, keeping them', async () => {
    const probe = await open();
    const panel = await openPanel(probe.page, 'Adapter');
    const box = panel.getByLabel('Arguments (a JSON array)');
    await box.fill('[{ id: oops }]');
    await panel.getByRole('button', { name: /^Call / }).click();
    expect(await panel.getByRole('alert').textContent()).toMatch(/^The arguments are not valid JSON/);
    expect(await box.inputValue()).toBe('[{ id: oops }]');
    await probe.close();
  });
  // Auth.js's flows are the Auth.js tab's: playground-auth-flows.test.ts.
});

describe('examples, reset and autosave', () => {
  it('opens another example from the menu, switches ORM with the radio buttons, and never loses edited code', async () => {
    const probe = await open();
    const { page } = probe;
    await page.getByLabel('Example').selectOption({ label: 'Custom User model with a phone number (official docs)' });
    await waitForRuns(page, 2);
    expect(await resultTable(page, 'users').locator('thead th').allTextContents()).toContain('phoneNumber');
    await page.getByRole('radio', { name: 'MikroORM' }).check();
    await waitForRuns(page, 3);
    expect(await root(page).getAttribute('data-orm')).toBe('mikro-orm');
    expect(await liveRows(page, 'user').count()).toBe(2);
    await page.getByRole('radio', { name: 'Sequelize' }).check();
    await waitForRuns(page, 4);
    // Back on Sequelize: the example it showed last.
    expect(await page.getByLabel('Example').inputValue()).toBe('sequelize-custom-model');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('autosaves edits, restores them after a reload, and asks before Reset to example', async () => {
    const probe = await open();
    const { page } = probe;
    await focusEditor(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nconsole.log("kept after reload")\n');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('adapter-lab:playground') ?? ''), { timeout: 5_000 }).toContain('kept after reload');
    await page.reload({ waitUntil: 'load' });
    await waitForRuns(page, 1);
    const consolePanel = await openPanel(page, 'Console');
    expect(await consolePanel.textContent()).toContain('kept after reload');
    await menuAction(page, 'Settings', 'Reset to example');
    const dialog = page.getByRole('dialog', { name: 'Reset to the example?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.evaluate(() => localStorage.getItem('adapter-lab:playground') ?? '')).toContain('kept after reload');
    await menuAction(page, 'Settings', 'Reset to example');
    const before = await runs(page);
    await page.getByRole('dialog', { name: 'Reset to the example?' }).getByRole('button', { name: 'Reset' }).click();
    await waitForRuns(page, before + 1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('adapter-lab:playground') ?? ''), { timeout: 5_000 }).not.toContain('kept after reload');
    // …and the replaced code can come back.
    await page.getByRole('button', { name: 'Restore my code' }).click();
    await waitForRuns(page, before + 2);
    expect(await (await openPanel(page, 'Console')).textContent()).toContain('kept after reload');
    await waitIdle(page);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
