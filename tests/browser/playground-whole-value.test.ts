// A cell the runtime cut short can be had whole on demand (issue 12): the Tables panel shows a
// 2,000,000-character value's beginning and length, and a button copies the whole of it from
// the runtime's database — in the page's one-at-a-time queue, with no outcome, the page
// responsive — while values no longer in the database say so and offer nothing.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { expectResponsive, observeLongTasks, pageNow } from './support/long-tasks.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import { RUN_TIMEOUT, linkTo, resultTable, runs, status, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

/**
 * docs: row 1 holds 'a', 999,999 × 'xy', 'z' (2,000,000 characters); row 2 holds 5,000
 * characters and is deleted by the same run.
 */
const CODE = [
  'import { Sequelize } from "sequelize"',
  '',
  'const sequelize = new Sequelize({ dialect: "sqlite", logging: false })',
  'await sequelize.query("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)")',
  'await sequelize.query("INSERT INTO docs (id, body) VALUES (1, :body)", { replacements: { body: "a" + "xy".repeat(999_999) + "z" } })',
  'await sequelize.query("INSERT INTO docs (id, body) VALUES (2, :body)", { replacements: { body: "b".repeat(5_000) } })',
  'await sequelize.query("DELETE FROM docs WHERE id = 2")',
  '',
].join('\n');
const LINK = linkTo({
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  files: [{ name: 'run.ts', code: CODE }],
  active: 'run.ts',
  options: { freshDatabase: true },
});

// The page is driven through CSS selectors inside measured windows (see playground-bounded-tables.test.ts).
const docsRow = (page: Page, id: number) =>
  resultTable(page, 'docs')
    .locator('tbody tr')
    .filter({ has: page.locator(`td:nth-child(2)`, { hasText: new RegExp(`^${id}$`) }) });
const bodyCell = (page: Page, id: number) => docsRow(page, id).locator('td').nth(2);

async function clipboardSummary(page: Page): Promise<{ length: number; head: string; tail: string }> {
  return page.evaluate(async () => {
    const text = await navigator.clipboard.readText();
    return { length: text.length, head: text.slice(0, 5), tail: text.slice(-3) };
  });
}

describe('a 2,000,000-character TEXT value', () => {
  it('shows its beginning and length, and "Copy whole value" copies all of it, the page responsive', async () => {
    const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
    await observeLongTasks(probe.context);
    const { page } = probe;
    await page.goto(new URL(LINK, browser.baseUrl).href, { waitUntil: 'load' });
    await waitForRuns(page, 1);
    await expect.poll(() => page.locator('[data-rendering]').count(), { timeout: RUN_TIMEOUT }).toBe(0);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });

    const cell = bodyCell(page, 1);
    const text = await cell.textContent();
    expect(text).toMatch(/^axyxyxy/);
    expect(text).toContain('(2,000,000 characters; hover for the first 1,000)');
    const button = cell.locator('button.pg-whole-value');
    expect(await button.getAttribute('aria-label')).toBe('Copy whole value of body (2,000,000 characters)');

    // Values the database no longer holds: stated, with nothing to press.
    expect(await bodyCell(page, 2).textContent()).toContain('(5,000 characters; hover for the first 1,000; the deleted value is not kept)');
    expect(await bodyCell(page, 2).locator('button').count()).toBe(0);
    expect(await axeViolations(page, { exclude: ['.pg-monaco'] })).toEqual([]);

    // By keyboard; measured from the key press to the clipboard written.
    const since = await pageNow(page);
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toBe('Copied the whole value of docs.body (2,000,000 characters) to the clipboard.');
    const longest = await expectResponsive(page, since, 'copying a 2,000,000-character value');
    expect(await clipboardSummary(page)).toEqual({ length: 2_000_000, head: 'axyxy', tail: 'xyz' });
    // A read is no action: no outcome, the tables as they were, the button still there.
    expect(await runs(page)).toBe(1);
    expect(await page.locator('[data-playground]').getAttribute('data-busy')).toBe('false');
    expect(await button.count()).toBe(1);

    // Asked for behind a run, the value is not read: the table on screen is no longer the database's.
    await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
    await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-run]')!.click();
      document.querySelector<HTMLButtonElement>('.pg-whole-value')!.click();
    });
    await waitForRuns(page, 2);
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^The tables have changed since that one was drawn/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('unchanged');

    console.log(`copying 2,000,000 characters: longest main-thread task ${longest.toFixed(0)} ms`);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
