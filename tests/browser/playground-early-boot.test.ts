// The playground's runtime starts from the page's inline script (early-boot.ts), before the
// page's own module: for the ORM the page will open — a share link's, else the autosave's,
// else Sequelize — downloading only that ORM's worker; and when it guessed wrong (or could not
// read the link), the page starts the right runtime as before.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrmId } from '../../src/playground/protocol.ts';
import { CURRENT_VERSION } from '../../src/playground/share/codec.ts';
import { shareLink } from '../support/share-links.ts';
import { useBrowser, type PageProbe } from './support/page-probe.ts';
import { ADAPTER_TABLES, defaultState, linkTo, liveRows, openPanel, resultTable, waitForRuns } from './support/playground.ts';

const browser = useBrowser();

async function runtimeReady(page: Page): Promise<{ early: boolean }> {
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('playground:runtime-ready')[0] as PerformanceMark | undefined;
    return { early: (mark?.detail as { early?: boolean } | undefined)?.early === true };
  });
}

const workersFetched = (probe: PageProbe): string[] =>
  probe.requests
    .map((request) => new URL(request.url).pathname)
    .filter((path) => /\/(sequelize|mikro-orm)\.worker-/.test(path))
    .map((path) => (path.includes('/sequelize.') ? 'sequelize' : 'mikro-orm'));

async function expectTables(page: Page, orm: OrmId): Promise<void> {
  await openPanel(page, 'Tables');
  // The default example signs people in and out: users, accounts and sessions keep rows (the used link's token does not).
  for (const table of ADAPTER_TABLES[orm].slice(0, 3)) await expect.poll(() => liveRows(page, table).count()).toBeGreaterThan(0);
  await expect.poll(() => resultTable(page, ADAPTER_TABLES[orm][3]!).count()).toBe(1);
}

describe('early runtime start', () => {
  it.each(['sequelize', 'mikro-orm'] as const)('a %s share link: the inline script starts that ORM, and nothing of the other', async (orm) => {
    const probe = await browser.openPage(linkTo(defaultState(orm)), { waitUntil: 'load' });
    await waitForRuns(probe.page, 1);
    expect(await runtimeReady(probe.page)).toEqual({ early: true });
    expect([...new Set(workersFetched(probe))]).toEqual([orm]);
    await expectTables(probe.page, orm);
    await probe.close();
  });

  it("the autosave's ORM, when there is no link", async () => {
    const entry = JSON.stringify({ format: 1, state: defaultState('mikro-orm'), savedAt: Date.now(), running: false });
    const probe = await browser.openPage('/playground/', {
      waitUntil: 'load',
      initScript: `try { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('adapter-lab:playground', ${JSON.stringify(entry)}) } } catch {}`,
    });
    await waitForRuns(probe.page, 1);
    expect(await runtimeReady(probe.page)).toEqual({ early: true });
    expect([...new Set(workersFetched(probe))]).toEqual(['mikro-orm']);
    await expectTables(probe.page, 'mikro-orm');
    await probe.close();
  });

  it('a link it reads one way and the page another: the page starts its own runtime and runs', async () => {
    // A MikroORM link whose files the page refuses (no files): the page opens the Sequelize
    // default example, so the early MikroORM runtime is dropped. The encoder refuses to write
    // such a link, so it is packed by hand, as the encoder packs it.
    const link = `/playground/#${shareLink(CURRENT_VERSION, { o: 'mikro-orm', f: [], a: 0, x: { fresh: 1 } })}`;
    const probe = await browser.openPage(link, { waitUntil: 'load' });
    await waitForRuns(probe.page, 1);
    expect(await runtimeReady(probe.page)).toEqual({ early: false });
    expect(await probe.page.locator('[data-playground]').getAttribute('data-orm')).toBe('sequelize');
    await expectTables(probe.page, 'sequelize');
    expect(await probe.page.locator('iframe[data-playground-sandbox]').count()).toBe(0);
    await probe.close();
  });
});
