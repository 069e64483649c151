// The Console and SQL panels do bounded work whatever the output (issue 12): a run that logs
// 100,000 lines — numbers or objects — with the Console open, and a 20 MB statement in the SQL
// panel, leave the page answering input (no main-thread task over the budget, a tab click
// answered within a frame's time) and lose nothing: the run ends with its outcome, and what was
// left out is counted on the page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { expectResponsive, inputDelay, machineFactor, observeLongTasks, pageNow } from './support/long-tasks.ts';
import { RUN_TIMEOUT, linkTo, liveRows, openPanel, root, runs, status, waitForEditor, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

/** A tab click must be answered within 100 ms of frame time (scaled like the long-task budget). */
const INPUT_BUDGET_MS = 100;

function codeState(code: string): PlaygroundState {
  return { orm: 'sequelize', engine: 'sqlite', implementation: 'ours', files: [{ name: 'run.ts', code }], active: 'run.ts', options: { freshDatabase: true } };
}

/**
 * Opens the code's link with long tasks observed from the first document on; waits for its run
 * on load and for the editor, which loads after the first result (its own long tasks are not
 * this test's subject).
 */
async function openObserved(code: string): Promise<PageProbe> {
  const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
  await observeLongTasks(probe.context);
  await probe.page.goto(new URL(linkTo(codeState(code)), browser.baseUrl).href, { waitUntil: 'load' });
  await waitForRuns(probe.page, 1).catch(async (error: unknown) => {
    throw new Error(`the run on load did not finish: ${await status(probe.page)}`, { cause: error });
  });
  await waitForEditor(probe.page);
  return probe;
}

async function expectInputAnswered(page: Page, tab: string, what: string): Promise<number> {
  const factor = await machineFactor(page);
  const delay = await inputDelay(page, `#${tab}`);
  expect(delay, `${what}: a click on ${tab} was answered after ${delay.toFixed(0)} ms (factor ${factor.toFixed(2)})`).toBeLessThanOrEqual(
    INPUT_BUDGET_MS * factor,
  );
  return delay;
}

/**
 * Presses Run and waits for its outcome, by CSS selectors and attributes only: a role query
 * computes the accessible name of every button on the page, in the page's main thread, and
 * would be measured as the page's own work.
 */
async function runAgain(page: Page): Promise<void> {
  const before = await runs(page);
  await page.click('[data-run]');
  await waitForRuns(page, before + 1);
}

const SETUP = [
  'import { Sequelize } from "sequelize"',
  'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
  'await sequelize.query("CREATE TABLE marks (n INTEGER)")',
].join('\n');
const DONE = 'await sequelize.query("INSERT INTO marks VALUES (100000)")';

describe.each([
  ['numbers', 'console.log(i)', '999'],
  ['an object in each call', 'console.log({ i, user: { name: "user " + i, tags: ["a", "b"], nested: { deep: { deeper: i } } } })', 'i: 999'],
])('100,000 console.log lines (%s) with the Console open', (_, log, last) => {
  it(
    'the run ends with its outcome, the page answers input throughout, and what was left out is counted',
    async () => {
      const probe = await openObserved(`${SETUP}\nfor (let i = 0; i < 100000; i++) ${log}\n${DONE}\n`);
      const { page } = probe;
      const consolePanel = await openPanel(page, 'Console');
      const since = await pageNow(page);
      await runAgain(page);
      expect(await status(page)).toMatch(/^Ran in /);
      expect(await page.locator('[data-status-line]').getAttribute('data-kind')).toBe('ok');

      // The runtime kept the first 1,000 lines and said how many it left out; the page draws the last 100 entries.
      const drawn = consolePanel.locator('.pg-log[data-level="log"]');
      expect(await drawn.count()).toBeLessThanOrEqual(100);
      expect(await drawn.last().textContent()).toContain(last);
      expect(
        await consolePanel
          .locator('.pg-console-more')
          .filter({ hasText: /earlier entries not shown/ })
          .first()
          .textContent(),
      ).toMatch(/^[\d,]+ earlier entries not shown\./);
      expect(await consolePanel.locator('.pg-log[data-kind="notice"]').filter({ hasText: '99,000 more console entries were left out' }).count()).toBe(1);
      const longest = await expectResponsive(page, since, `100,000 console.log lines (${_}) with the Console open`);

      // Earlier entries on demand, a page at a time.
      const before = await drawn.count();
      await consolePanel.locator('.pg-console-more button', { hasText: /^Show 100 earlier$/ }).click();
      expect(await drawn.count()).toBe(before + 100);
      const delay = await expectInputAnswered(page, 'results-tables-tab', 'after the run');
      expect(await liveRows(page, 'marks').count()).toBe(1);
      console.log(`console flood (${_}): longest task ${longest.toFixed(0)} ms, tab click answered in ${delay.toFixed(0)} ms`);
      expectNoConsoleErrors(probe);
      await probe.close();
    },
    RUN_TIMEOUT * 3,
  );
});

it(
  'a 20 MB statement: the SQL panel shows its beginning and states its length; the rest on demand',
  async () => {
    const probe = await openObserved(`${SETUP}\nconst big = "x".repeat(20 * 1024 * 1024)\nawait sequelize.query("SELECT '" + big + "' AS big")\n${DONE}\n`);
    const { page } = probe;
    const since = await pageNow(page);
    await page.click('#results-sql-tab');
    const row = page.locator('#pg-panel-sql tbody tr').filter({ hasText: "SELECT 'xxxx" });
    const text = row.locator('.pg-sql');
    expect(await text.textContent()).toContain('(20,971,536 characters in all; the playground kept the first 100,000)');
    expect((await text.textContent())!.length).toBeLessThan(2_200);
    // The rest a step at a time: each step is bounded work for the page.
    const more = row.locator('button', { hasText: /^Show 20,000 more characters$/ });
    await more.click();
    expect((await text.textContent())!.length).toBeGreaterThan(22_000);
    await more.click();
    expect((await text.textContent())!.length).toBeGreaterThan(42_000);
    await row.locator('button', { hasText: /^Show less$/ }).click();
    expect((await text.textContent())!.length).toBeLessThan(2_200);
    const longest = await expectResponsive(page, since, 'the SQL panel with a 20 MB statement');
    const delay = await expectInputAnswered(page, 'results-console-tab', 'with a 20 MB statement shown');
    expect(await status(page)).toMatch(/^Ran in /);
    console.log(`20 MB statement: longest task ${longest.toFixed(0)} ms, tab click answered in ${delay.toFixed(0)} ms`);
    expectNoConsoleErrors(probe);
    await probe.close();
  },
  RUN_TIMEOUT * 2,
);

it(
  'hundreds of statements: the SQL panel draws a page of them, then appends more on demand, and filters them all',
  async () => {
    const probe = await openObserved(`${SETUP}\nfor (let i = 0; i < 600; i++) await sequelize.query("INSERT INTO marks VALUES (" + i + ")")\n`);
    const { page } = probe;
    const since = await pageNow(page);
    // CSS selectors while measuring: see runAgain.
    await page.click('#results-sql-tab');
    const sql = page.locator('#pg-panel-sql');
    expect(await sql.locator('tbody tr').count()).toBe(100);
    expect(await sql.locator('caption').textContent()).toMatch(/^SQL statements \(60\d, first 100 shown\)$/);
    const first = await sql.locator('tbody tr').first().elementHandle();
    await page.click('.pg-sql-more button');
    expect(await sql.locator('tbody tr').count()).toBe(200);
    // Appended: the rows drawn before are the same elements, and the keyboard stays on the button.
    expect(await first!.evaluate((row) => row.isConnected)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Show 100 more');
    await page.fill('#pg-sql-text', 'VALUES (599)');
    await expect.poll(() => sql.locator('tbody tr').count(), { timeout: RUN_TIMEOUT }).toBe(1);
    const longest = await expectResponsive(page, since, 'the SQL panel with 600 statements');
    console.log(`600 statements: longest task ${longest.toFixed(0)} ms`);
    expect(await root(page).getAttribute('data-busy')).toBe('false');
    expectNoConsoleErrors(probe);
    await probe.close();
  },
  RUN_TIMEOUT * 2,
);
