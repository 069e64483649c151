// The documentation pages of the built site: they render, stay light (no ORM, sql.js or Monaco
// code), pass axe, and Starlight's search and theme switch work.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { librariesIn } from './support/built-code.ts';
import { DIST_DIR } from './support/global-setup.ts';
import { expectNoConsoleErrors, expectNoFailedRequests, useBrowser, type RequestRecord } from './support/page-probe.ts';

// Built pages that are not documentation: the playground app loads the heavy code on purpose.
const NOT_DOCS = new Set(['/playground/']);

// Code a docs page must never load until the reader asks for it (Monaco's TypeScript worker alone is
// 6.8 MB, and an ORM or sql.js is no lighter a start for a page of prose): judged
// by file name here, and by file content with librariesIn() (names are the bundler's choice).
const HEAVY_CODE = /sequelize|mikro|kysely|sql-wasm|sql\.js|\.wasm|monaco|editor\.worker|ts\.worker/i;

/** URL paths of every dist/**\/index.html, e.g. `/`, `/start-here/introduction/`. */
function builtPages(dir: string): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pages.push(...builtPages(path));
    else if (entry.name === 'index.html') {
      const rel = relative(DIST_DIR, dir).split(sep).join('/');
      pages.push(rel === '' ? '/' : `/${rel}/`);
    }
  }
  return pages;
}

/** Scripts, workers and wasm only: a page's own URL (e.g. `/sequelize/overview/`) may say "sequelize". */
function heavyCode(requests: RequestRecord[]): string[] {
  const code = requests
    .filter((request) => request.resourceType === 'script' || /\.(m?js|wasm)$/i.test(new URL(request.url).pathname))
    .map((request) => request.url);
  const byName = code.filter((url) => HEAVY_CODE.test(new URL(url).pathname));
  const byContent = librariesIn(code).map((library) => `${library} code, in one of: ${code.join(' ')}`);
  return [...byName, ...byContent];
}

const docsPages = builtPages(DIST_DIR)
  .filter((path) => !NOT_DOCS.has(path))
  .sort();

const browser = useBrowser();

// Concurrent (up to vitest's maxConcurrency, 5): each test has its own context and mostly waits
// on Chromium, so pages overlap well even on 2 cores.
describe.concurrent('docs pages', () => {
  it('include the landing page and the introduction', () => {
    expect(docsPages).toContain('/');
    expect(docsPages).toContain('/start-here/introduction/');
  });

  // One page load per page, every check in one comparison: a failure shows everything that is
  // wrong with the page at once, and the run stays short.
  it.each(docsPages)('%s renders cleanly, loads no heavy code and passes axe (light and dark)', async (path) => {
    const probe = await browser.openPage(path);
    const { page } = probe;
    const status = probe.response?.status();
    const h1Visible = await page.locator('h1').first().isVisible();
    // Collected before axe runs; axe itself makes no requests.
    const { errors, failedRequests } = probe;
    const heavy = heavyCode(probe.requests);
    // Expressive Code makes a code block that scrolls sideways focusable itself, on idle after
    // its layout settles (250 ms debounce): wait for it, as a reader's Tab key would.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
    );
    // With the theme on "auto" (the default), Starlight follows prefers-color-scheme.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
    const axeLight = await axeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    const axeDark = await axeViolations(page);
    expect({ status, h1Visible, errors, failedRequests, heavy, axeLight, axeDark }, path).toEqual({
      status: 200,
      h1Visible: true,
      errors: [], // console.error and uncaught exceptions
      failedRequests: [], // network failures and HTTP >= 400
      heavy: [], // ORM / sql.js / Monaco code
      axeLight: [],
      axeDark: [],
    });
    await probe.close();
  });

  it('answers an unknown path with the 404 page', async () => {
    const probe = await browser.openPage('/no-such-page/');
    expect(probe.response?.status()).toBe(404);
    expect(await probe.page.locator('h1').first().isVisible()).toBe(true);
    // Chromium logs every 404 document as "Failed to load resource"; anything else is a real error.
    expect(probe.errors.filter((error) => !/Failed to load resource: .* 404 /.test(error))).toEqual([]);
    await probe.close();
  });
});

describe.concurrent('Starlight features', () => {
  it('Pagefind search finds pages (Ctrl+K opens the dialog)', async () => {
    const probe = await browser.openPage('/start-here/introduction/');
    const { page } = probe;
    // The button is enabled once the <site-search> element is defined.
    await page.locator('site-search button[data-open-modal]:not([disabled])').waitFor();
    await page.keyboard.press('Control+k');
    const dialog = page.locator('site-search dialog');
    await dialog.waitFor({ state: 'visible' });
    // Pagefind's UI is mounted on idle after DOMContentLoaded: wait for its input.
    const input = dialog.locator('input[type="search"], .pagefind-ui__search-input').first();
    await input.waitFor();
    await input.fill('adapter');
    const results = dialog.locator('.pagefind-ui__result');
    await results.first().waitFor();
    // Every result links to a page we built (sub-results add a #fragment).
    const links = await dialog.locator('a.pagefind-ui__result-link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(docsPages).toContain(link.replace(/#.*$/, ''));
    expectNoConsoleErrors(probe);
    expectNoFailedRequests(probe);
    await probe.close();
  });

  it('the theme select switches <html data-theme> between light and dark, and remembers it', async () => {
    const probe = await browser.openPage('/');
    const { page } = probe;
    const select = page.locator('starlight-theme-select select').filter({ visible: true }).first();
    const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
    await select.selectOption('dark');
    expect(await theme()).toBe('dark');
    await select.selectOption('light');
    expect(await theme()).toBe('light');
    await select.selectOption('dark');
    await page.reload();
    expect(await theme()).toBe('dark');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
