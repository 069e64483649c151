// The official Auth.js docs' adapter snippets, pasted as they are into auth.ts (no run.ts) and
// opened by a share link: each runs, Auth.js's first request creates the tables, and the
// custom model's phoneNumber and the custom entity's role columns show in Tables.
import { describe, expect, it } from 'vitest';
import { OFFICIAL_SNIPPETS } from '../support/official-auth-snippets.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import { RUN_TIMEOUT, linkTo, openPanel, resultTable, root, status, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

describe.each(OFFICIAL_SNIPPETS.map((snippet) => [snippet.name, snippet] as const))('%s', (_name, snippet) => {
  it('runs as written from a share link and shows its tables, with their columns', async () => {
    const link = linkTo({
      orm: snippet.orm,
      engine: 'sqlite',
      implementation: 'ours',
      files: [{ name: 'auth.ts', code: snippet.auth }],
      active: 'auth.ts',
      options: { freshDatabase: true },
    });
    const probe = await browser.openPage(link, { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await root(page).getAttribute('data-orm')).toBe(snippet.orm);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    // No run.ts: the playground made Auth.js's first request itself, and says so.
    expect(await page.locator('.pg-notice').filter({ hasText: 'Your code configured Auth.js' }).count()).toBe(1);
    const panel = await openPanel(page, 'Tables');
    const captions = (await panel.locator('table caption').allTextContents()).map((text) => text.trim());
    expect(captions).toEqual(expect.arrayContaining(Object.keys(snippet.tables)));
    for (const [table, columns] of Object.entries(snippet.tables)) {
      // The panel draws a table's header with its first page of rows, a moment after it shows.
      await expect
        .poll(async () => (await resultTable(page, table).locator('thead th').allTextContents()).map((text) => text.trim()), { timeout: RUN_TIMEOUT })
        .toEqual(expect.arrayContaining([...columns]));
    }
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
