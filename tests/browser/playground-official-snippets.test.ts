// The official Auth.js docs' adapter snippets, pasted as they are into auth.ts (no run.ts) and
// opened by a share link, with our adapters and with the published packages ("@auth (official)":
// @auth/sequelize-adapter on Sequelize 6, @auth/mikro-orm-adapter on MikroORM 5): each runs,
// Auth.js's first request creates the tables, and the custom model's phoneNumber and the custom
// entity's role columns show in Tables.
import { describe, expect, it } from 'vitest';
import { OFFICIAL_SNIPPETS } from '../support/official-auth-snippets.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import { RUN_TIMEOUT, linkTo, openPanel, resultTable, root, status, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

const RUNTIME = {
  ours: /@adapter-lab\/(sequelize|mikro-orm)-adapter \d/,
  official: /^(Sequelize 6\.\d+\.\d+, @auth\/sequelize-adapter 2\.11\.3|MikroORM 5\.9\.\d+, @auth\/mikro-orm-adapter 2\.10\.0), /,
};

describe.each(
  OFFICIAL_SNIPPETS.flatMap((snippet) => (['ours', 'official'] as const).map((implementation) => [snippet.name, implementation, snippet] as const)),
)('%s (%s)', (_name, implementation, snippet) => {
  it('runs as written from a share link and shows its tables, with their columns', async () => {
    const link = linkTo({
      orm: snippet.orm,
      engine: 'sqlite',
      implementation,
      files: [{ name: 'auth.ts', code: snippet.auth }],
      active: 'auth.ts',
      options: { freshDatabase: true },
    });
    const probe = await browser.openPage(link, { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await root(page).getAttribute('data-orm')).toBe(snippet.orm);
    expect(await page.locator('[data-runtime-state]').textContent()).toMatch(RUNTIME[implementation]);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    // No run.ts: the playground made Auth.js's first request itself, and says so.
    expect(await page.locator('.pg-notice').filter({ hasText: 'Your code configured Auth.js' }).count()).toBe(1);
    const tables = implementation === 'official' ? { ...snippet.tables, ...snippet.officialTables } : snippet.tables;
    const panel = await openPanel(page, 'Tables');
    const captions = (await panel.locator('table caption').allTextContents()).map((text) => text.trim());
    expect(captions).toEqual(expect.arrayContaining(Object.keys(tables)));
    for (const [table, columns] of Object.entries(tables)) {
      // The panel draws a table's header with its first page of rows, a moment after it shows.
      await expect
        .poll(async () => (await resultTable(page, table).locator('thead th').allTextContents()).map((text) => text.trim()), { timeout: RUN_TIMEOUT })
        .toEqual(expect.arrayContaining([...columns]));
    }
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
