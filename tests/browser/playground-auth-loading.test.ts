// Auth.js is downloaded only when the reader's code needs it: the runtime worker (in its sandbox,
// which fetches nothing) asks the page, the page downloads the Auth.js runtime's script once and
// hands it over — to the runtime the page's inline script started, and to every later one. Code
// that imports it has it downloaded while the runtime starts, so the runtime's request waits for
// no download. A
// download that fails is reported as such and tried again by the next run; a slow one does not
// count towards the run's time limit, nor does the page take the waiting worker for a stuck one.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrmId } from '../../src/playground/protocol.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { RUN_TIMEOUT, clickRun, linkTo, openPanel, replaceEditorText, root, status, waitForRuns, waitIdle } from './support/playground.ts';

const browser = useBrowser();

/** The Auth.js runtime's script, as the build names it (auth-runtime.chunk.ts). */
const AUTH_SCRIPT = /\/_astro\/auth-runtime\.chunk-[\w-]+\.js$/;

const WITHOUT_AUTH = 'console.log("no Auth.js here")\n';
const WITH_AUTH = 'import NextAuth from "next-auth"\nconsole.log(typeof NextAuth)\n';

function linkWith(code: string, orm: OrmId = 'sequelize'): string {
  return linkTo({ orm, engine: 'sqlite', implementation: 'ours', files: [{ name: 'run.ts', code }], active: 'run.ts', options: { freshDatabase: true } });
}

const authDownloads = (probe: PageProbe): string[] => probe.requests.map((request) => request.url).filter((url) => AUTH_SCRIPT.test(new URL(url).pathname));

async function runtimeStartedEarly(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('playground:runtime-ready')[0] as PerformanceMark | undefined;
    return (mark?.detail as { early?: boolean } | undefined)?.early === true;
  });
}

describe('Auth.js, loaded on demand', () => {
  it('code that imports nothing of Auth.js downloads none; code that does downloads it once, for every later run and runtime', async () => {
    const probe = await browser.openPage(linkWith(WITHOUT_AUTH), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await status(page)).toMatch(/^Ran in/);
    expect(authDownloads(probe)).toEqual([]);
    // The runtime the inline script started answers the first request for Auth.js.
    expect(await runtimeStartedEarly(page)).toBe(true);

    await replaceEditorText(page, WITH_AUTH);
    await clickRun(page);
    expect(authDownloads(probe)).toHaveLength(1);
    expect(await status(page)).toMatch(/^Ran in/);

    // The worker keeps it; so does the page, for the next runtime (another ORM's).
    await clickRun(page);
    await page.locator('label', { has: page.locator('input[name="pg-orm"][value="mikro-orm"]') }).click();
    await page.getByRole('button', { name: 'Switch to MikroORM' }).click();
    await expect.poll(() => root(page).getAttribute('data-last-orm'), { timeout: RUN_TIMEOUT }).toBe('mikro-orm');
    await waitIdle(page);
    await replaceEditorText(page, WITH_AUTH);
    await clickRun(page);
    expect(await status(page)).toMatch(/^Ran in/);
    expect(authDownloads(probe)).toHaveLength(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('code that imports Auth.js has it downloaded while the runtime starts, once, not when the runtime asks for it', async () => {
    const probe = await browser.openPage(linkWith(WITH_AUTH), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await status(page)).toMatch(/^Ran in/);
    expect(authDownloads(probe)).toHaveLength(1);
    const [requested, ready] = await page.evaluate(() => [
      performance.getEntriesByType('resource').find((entry) => entry.name.includes('/auth-runtime.chunk-'))?.startTime,
      performance.getEntriesByName('playground:runtime-ready')[0]?.startTime,
    ]);
    // The runtime asks for Auth.js once it is ready and running the code; the page started before.
    expect(requested).toBeLessThan(ready!);
    // After the runtime's own downloads (worker script, sql.js's wasm), not competing with them.
    const runtimeFiles = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/(sequelize\.worker-|sql-wasm)/.test(entry.name))
        .map((entry) => (entry as PerformanceResourceTiming).responseEnd),
    );
    expect(runtimeFiles).toHaveLength(2);
    for (const end of runtimeFiles) expect(requested).toBeGreaterThanOrEqual(end);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it("an error Auth.js's script raises keeps the playground's hint (its copy of PlaygroundError is recognised)", async () => {
    const code =
      'import { ExpressAuth } from "@auth/express"\nimport GitHub from "@auth/express/providers/github"\nconst middleware = ExpressAuth({ providers: [GitHub] })\nawait middleware({ method: "GET", url: "/", headers: {} }, {}, () => {})\n';
    const probe = await browser.openPage(linkWith(code), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await status(page)).toMatch(/^Your code: FrameworkError/);
    const consolePanel = await openPanel(page, 'Console');
    await expect
      .poll(() => consolePanel.locator('.pg-hint-text').allTextContents(), { timeout: RUN_TIMEOUT })
      .toEqual([expect.stringContaining('@adapter-lab/playground')]);
    await probe.close();
  });

  it('a failed download is reported as such; the next run downloads it', async () => {
    const probe = await browser.openPage(linkWith(WITHOUT_AUTH), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    await page.route(AUTH_SCRIPT, (route) => route.abort('connectionfailed'));
    await replaceEditorText(page, WITH_AUTH);
    await clickRun(page);
    expect(await status(page)).toMatch(
      /^Your code: LoadError.*Auth\.js could not be loaded: the page could not download Auth\.js's code \(.+\)\. Check your connection and run again\./,
    );
    await page.unroute(AUTH_SCRIPT);
    await clickRun(page);
    expect(await status(page)).toMatch(/^Ran in/);
    expect(authDownloads(probe)).toHaveLength(2);
    await probe.close();
  });

  it("a slow download stops nothing: the worker waits, beating, and the wait is not the code's time", async () => {
    const probe = await browser.openPage(linkWith(WITHOUT_AUTH), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    // Longer than the 10 s time limit (and than the 1.5 s without a heartbeat that means a stuck worker).
    const delayMs = 11_000;
    await page.route(AUTH_SCRIPT, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await route.continue();
    });
    await replaceEditorText(page, WITH_AUTH);
    const started = Date.now();
    await clickRun(page);
    expect(Date.now() - started).toBeGreaterThanOrEqual(delayMs);
    expect(await status(page)).toMatch(/^Ran in/);
    expect(authDownloads(probe)).toHaveLength(1);
    await probe.close();
  }, 90_000);
});
