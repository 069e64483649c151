// The docs' runnable examples in the browser: every "Open in playground" link on every built
// page opens the playground and runs without an error, leaving the tables its example promises;
// the inline examples run in their page, downloading the engine only on the click; and search
// finds the API's names.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST_DIR } from './support/global-setup.ts';
import { decodeState } from '../../src/playground/share/codec.ts';
import { useBrowser, type PageProbe } from './support/page-probe.ts';
import type { Page } from 'playwright-core';
import { openPanel, root, RUN_TIMEOUT } from './support/playground.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../src/docs/examples/', import.meta.url));
const PLAYGROUND_EXAMPLES_DIR = fileURLToPath(new URL('../../src/playground/examples/', import.meta.url));
const HEAVY_CODE = /sql-wasm|\.wasm$|\.worker[-.]|monaco/i;

interface Link {
  readonly id: string;
  readonly href: string;
  /** The link's fragment: what a reader pastes into an open playground's address bar. */
  readonly hash: string;
  readonly pages: string[];
}

/** Every built page's HTML, by URL path. */
function builtPages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const file of readdirSync(DIST_DIR, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('index.html'))) {
    const path = `/${relative(DIST_DIR, join(DIST_DIR, file)).split(sep).join('/')}`.replace(/index\.html$/, '');
    pages.set(path, readFileSync(join(DIST_DIR, file), 'utf8'));
  }
  return pages;
}

const pages = builtPages();
const links = new Map<string, Link>();
for (const [path, html] of pages) {
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*\bdata-open-in-playground="([^"]+)"/g)) {
    const href = match[1]!.replaceAll('&amp;', '&');
    const known = links.get(href);
    if (known) known.pages.push(path);
    else links.set(href, { id: match[2]!, href, hash: new URL(href, 'http://docs.example').hash, pages: [path] });
  }
}
const inlinePages = [...pages]
  .filter(([, html]) => html.includes('<adapter-lab-example'))
  .map(([path]) => path)
  .sort();

interface Expectation {
  tables: Record<string, string[]>;
  authErrors?: string[];
  /** The error the run ends with on purpose (a database refusing a value, as on a server). */
  error?: string;
}

function expectation(id: string): Expectation {
  const dir = [EXAMPLES_DIR, PLAYGROUND_EXAMPLES_DIR].find((candidate) => existsSync(join(candidate, id)))!;
  return (JSON.parse(readFileSync(join(dir, id, 'example.json'), 'utf8')) as { expect: Expectation }).expect;
}

function expectedTables(id: string): string[] {
  return Object.keys(expectation(id).tables).sort();
}

/** Console errors but those the example provokes on purpose (expect.authErrors, expect.error). */
function unexpectedErrors(id: string, texts: readonly string[]): string[] {
  const { authErrors = [], error } = expectation(id);
  return texts.filter((text) => !authErrors.some((type) => text.includes(`[auth][error] ${type}:`)) && !(error && text.includes(error)));
}

const browser = useBrowser();

/** The outcome of a run after the `before`-th is in, and the playground is idle (no expect.poll: other tests here run concurrently). */
async function outcomeAfter(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const playground = document.querySelector<HTMLElement>('[data-playground]');
      return Number(playground?.dataset['runs'] ?? 0) > count && playground?.dataset['busy'] === 'false';
    },
    before,
    { timeout: RUN_TIMEOUT },
  );
}

it('the docs have "Open in playground" links for every docs example, and inline examples', () => {
  const ids = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const linked = new Set([...links.values()].map((link) => link.id));
  expect(ids.filter((id) => !linked.has(id))).toEqual([]);
  expect(inlinePages.length).toBeGreaterThanOrEqual(2);
});

/*
 * One at a time, and one page for every link of the same ORM, database and adapter package: the
 * first of them opens cold (the inline script's early start included), the others are pasted into
 * its address bar as a reader would paste a second link — their code, on that page's runtime,
 * each run on a fresh database (as every docs link asks). A cold page per link cost seconds of CPU
 * each, for the same check.
 */
const linkGroups = new Map<string, Link[]>();
for (const link of links.values()) {
  const decoded = decodeState(link.hash);
  const key = decoded.ok ? `${decoded.state.orm} on ${decoded.state.engine} (${decoded.state.implementation})` : link.href;
  linkGroups.set(key, [...(linkGroups.get(key) ?? []), link]);
}

describe.each([...linkGroups])('every "Open in playground" link of %s', (_group, groupLinks) => {
  let probe: PageProbe | undefined;
  afterAll(async () => {
    await probe?.close();
  });

  it.for(groupLinks.map((link) => [`${link.id} (on ${link.pages.join(', ')})`, link] as const))(
    '%s opens and runs without an error',
    async ([, link], { expect }) => {
      let errorsBefore = 0;
      if (!probe) {
        probe = await browser.openPage(link.href, { waitUntil: 'load' });
        await outcomeAfter(probe.page, 0);
      } else {
        errorsBefore = probe.errors.length;
        const before = Number(await root(probe.page).getAttribute('data-runs'));
        await probe.page.evaluate((hash) => {
          location.hash = hash;
        }, link.hash);
        await outcomeAfter(probe.page, before);
      }
      const { page } = probe;
      const statusKind = await page.locator('[data-status-line]').getAttribute('data-kind');
      const statusText = await page.locator('[data-status-line]').textContent();
      const panel = await openPanel(page, 'Tables');
      const captions = (await panel.locator('table caption').allTextContents()).map((caption) => caption.trim());
      const consolePanel = await openPanel(page, 'Console');
      const consoleErrors = unexpectedErrors(link.id, await consolePanel.locator('li[data-level="error"]').allTextContents());
      // An example that shows an error ends with exactly that one, in the status line.
      const shown = expectation(link.id).error;
      expect(
        {
          statusKind,
          shows: shown ? (statusText ?? '').includes(shown) : true,
          consoleErrors,
          missing: expectedTables(link.id).filter((table) => !captions.includes(table)),
          errors: probe.errors.slice(errorsBefore),
        },
        `${statusText}`,
      ).toEqual({ statusKind: shown ? 'error' : 'ok', shows: true, consoleErrors: [], missing: [], errors: [] });
    },
  );
});

describe.concurrent('inline examples', () => {
  it.for(inlinePages)('%s runs its example in the page, loading the engine only on Run', async (path, { expect }) => {
    const probe = await browser.openPage(path);
    const { page } = probe;
    const before = probe.requests.map((request) => request.url).filter((url) => HEAVY_CODE.test(new URL(url).pathname));
    const host = page.locator('adapter-lab-example').first();
    const id = (await host.getAttribute('data-example'))!;
    await host.getByRole('button', { name: 'Run here' }).click();
    await page.waitForSelector(`adapter-lab-example[data-example="${id}"][data-ran]`, { timeout: RUN_TIMEOUT });
    const captions = (await host.locator('table caption').allTextContents()).map((caption) => caption.trim());
    const after = probe.requests.map((request) => request.url).filter((url) => HEAVY_CODE.test(new URL(url).pathname));
    expect(
      {
        before,
        ran: await host.getAttribute('data-ran'),
        missing: expectedTables(id).filter((table) => !captions.includes(table)),
        errors: probe.errors,
        engineLoaded: after.some((url) => url.endsWith('.wasm')),
      },
      (await host.locator('[data-example-status]').textContent()) ?? '',
    ).toEqual({ before: [], ran: 'ok', missing: [], errors: [], engineLoaded: true });
    // Run again: the same runtime, a fresh database.
    await host.getByRole('button', { name: 'Run again' }).click();
    await page.waitForSelector(`adapter-lab-example[data-example="${id}"][data-ran="ok"]`, { timeout: RUN_TIMEOUT });
    await probe.close();
  });
});

describe('search', () => {
  it('the search dialog finds synchronize, on the Sequelize pages', async () => {
    const probe = await browser.openPage('/');
    const { page } = probe;
    await page.locator('site-search button[data-open-modal]:not([disabled])').waitFor();
    await page.keyboard.press('Control+k');
    const dialog = page.locator('site-search dialog');
    const input = dialog.locator('input[type="search"], .pagefind-ui__search-input').first();
    await input.waitFor();
    await input.fill('synchronize');
    await dialog.locator('.pagefind-ui__result').first().waitFor();
    const hrefs = await dialog.locator('a.pagefind-ui__result-link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => href.startsWith('/sequelize/'))).toBe(true);
    await probe.close();
  });

  it('Pagefind finds every API name on its API reference page', async () => {
    const probe = await browser.openPage('/');
    const { page } = probe;
    const names: Record<string, string> = {
      SequelizeAdapter: '/sequelize/api-reference/',
      SequelizeAdapterOptions: '/sequelize/api-reference/',
      synchronize: '/sequelize/api-reference/',
      SequelizeAdapterError: '/sequelize/api-reference/',
      MikroOrmAdapter: '/mikro-orm/api-reference/',
      MikroOrmAdapterOptions: '/mikro-orm/api-reference/',
      defaultEntities: '/mikro-orm/api-reference/',
      withUserEntity: '/mikro-orm/api-reference/',
      MikroOrmAdapterError: '/mikro-orm/api-reference/',
      getSessionAndUser: '/reference/adapter-contract/',
      useVerificationToken: '/reference/adapter-contract/',
      listAuthenticatorsByUserId: '/reference/webauthn/',
    };
    // A string, not a function: vitest would rewrite the import() inside a function for Node.
    const found = (await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      await pagefind.init();
      const out = {};
      for (const term of ${JSON.stringify(Object.keys(names))}) {
        const { results } = await pagefind.search(term);
        out[term] = await Promise.all(results.slice(0, 10).map(async (result) => (await result.data()).url));
      }
      return out;
    })()`)) as Record<string, string[]>;
    const missing = Object.entries(names)
      .filter(([term, url]) => !found[term]!.some((hit) => hit.replace(/#.*$/, '') === url))
      .map(([term, url]) => `${term} → ${url} (found: ${found[term]!.join(', ') || 'nothing'})`);
    expect(missing).toEqual([]);
    await probe.close();
  });
});

it('the playground root exists for the links', async () => {
  const probe = await browser.openPage('/playground/', { waitUntil: 'load' });
  expect(await root(probe.page).count()).toBe(1);
  await probe.close();
});
