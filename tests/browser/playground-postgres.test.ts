// The playground's second engine, PostgreSQL (PGlite), from the page's side: the database
// choice (keyboard, names, axe in both themes, at desktop and phone width), SQLite pages that
// download nothing of PGlite, and on PostgreSQL — each ORM's default example with the adapter's
// tables filled, a share link that reopens on PostgreSQL with the same tables, the download's
// progress in bytes, and a database exported and imported back.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import type { OrmId } from '../../src/playground/protocol.ts';
import { decodeState, encodeState } from '../../src/playground/share/codec.ts';
import { axeViolations } from './support/axe.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import {
  ADAPTER_TABLES,
  defaultState,
  linkTo,
  liveRows,
  openMenu,
  openPanel,
  RUN_TIMEOUT,
  resultTable,
  runs,
  status,
  waitForEditor,
  waitForRuns,
} from './support/playground.ts';

const browser = useBrowser();
const theme = (name: 'light' | 'dark') => `try { localStorage.setItem('starlight-theme', '${name}') } catch {}`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const AXE = { exclude: ['.pg-monaco'] };
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** What the page fetched of PGlite (its wasm, its data bundle, the fresh cluster's data directory) and of the PostgreSQL workers. */
const pgliteRequests = (probe: PageProbe): string[] =>
  probe.requests.map((request) => new URL(request.url).pathname).filter((path) => /\/_astro\/(pglite[.-]|[\w.-]*fresh-data-dir)|-postgres\.worker-/.test(path));

const root = (page: Page) => page.locator('[data-playground]');

const postgresState = (orm: OrmId) => ({ ...defaultState(orm), engine: 'postgres' as const });

/** Auth.js dates rows by the playground's clock, which runs in real time: two runs differ only there. */
const TIME = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}(:?\d{2})?))?/g;

/** Every result table with its live rows' cells, as text, points in time left out: what "the same tables" means. */
async function tablesText(page: Page): Promise<string[]> {
  await openPanel(page, 'Tables');
  const tables = await page.locator('#pg-panel-tables table').evaluateAll((elements) =>
    elements.map((table) => {
      const rows = [...table.querySelectorAll('tbody tr[data-status]:not([data-status="deleted"])')].map((row) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the cell as a reader sees it (a shortened id's hidden rest excluded).
        [...row.querySelectorAll('td:not(.pg-mark)')].map((cell) => (cell as HTMLElement).innerText).join(' | '),
      );
      return `${table.querySelector('caption')?.textContent}: ${rows.join(' / ')}`;
    }),
  );
  return tables.map((text) => text.replace(TIME, '<time>'));
}

async function expectAdapterTables(page: Page, orm: OrmId): Promise<void> {
  await openPanel(page, 'Tables');
  for (const table of ADAPTER_TABLES[orm].slice(0, 3)) await expect.poll(() => liveRows(page, table).count(), { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
  await expect.poll(() => resultTable(page, ADAPTER_TABLES[orm][3]!).count()).toBe(1);
}

/** The link in the address bar, decoded. */
async function addressState(page: Page) {
  return decodeState(new URL(page.url()).hash);
}

describe('the database choice', () => {
  it.each(['light', 'dark'] as const)('is a labelled radio group next to the ORM, chosen by keyboard, with no axe violations (%s theme)', async (name) => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name) });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const group = page.getByRole('group', { name: 'Database', exact: true });
    expect(await group.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value))).toEqual(['sqlite', 'postgres']);
    expect(await page.getByRole('radio', { name: 'SQLite (sql.js)' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).isChecked()).toBe(false);
    // Beside the ORM's choice, on the toolbar's one line.
    const orm = (await page.locator('.pg-orm').boundingBox())!;
    const engine = (await group.boundingBox())!;
    expect(Math.abs(orm.y - engine.y)).toBeLessThan(4);
    expect(engine.x).toBeGreaterThan(orm.x);
    expect(await axeViolations(page, AXE), 'SQLite chosen').toEqual([]);

    await page.getByRole('radio', { name: 'SQLite (sql.js)' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('[data-playground]').getAttribute('data-engine')).toBe('postgres');
    // The link follows: it opens on PostgreSQL.
    await expect
      .poll(async () => ((await addressState(page)).ok ? ((await addressState(page)) as { state: { engine: string } }).state.engine : null))
      .toBe('postgres');
    expect(await axeViolations(page, AXE), 'PostgreSQL chosen').toEqual([]);
    // The database files of the engine on screen.
    const share = await openMenu(page, 'Share');
    expect(await share.getByRole('button', { name: 'Export .tar.gz' }).count()).toBe(1);
    expect(await share.getByText('Import .tar.gz').count()).toBe(1);
    await page.keyboard.press('Escape');

    await page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[data-playground]').getAttribute('data-engine')).toBe('sqlite');
    await probe.close();
  });

  it.each(['light', 'dark'] as const)('fits the phone layout with no axe violations (%s theme)', async (name) => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name), contextOptions: PHONE });
    const { page } = probe;
    await waitForRuns(page, 1);
    const group = page.getByRole('group', { name: 'Database', exact: true });
    const box = (await group.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, AXE)).toEqual([]);
    await probe.close();
  });
});

describe('loaded only when chosen', () => {
  it('a SQLite page requests nothing of PGlite, on either ORM', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    await page.getByRole('radio', { name: 'MikroORM' }).check();
    await expect.poll(() => page.locator('[data-playground]').getAttribute('data-last-orm'), { timeout: RUN_TIMEOUT }).toBe('mikro-orm');
    await waitForRuns(page, 2);
    expect(pgliteRequests(probe)).toEqual([]);
    // The status line names the database and its version.
    expect(await page.locator('[data-runtime-state]').textContent()).toMatch(/SQLite 3\.\d+\.\d+ \(sql\.js \d+\.\d+\.\d+\)/);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('on PostgreSQL', () => {
  it.each(['sequelize', 'mikro-orm'] as const)('%s runs its default example from a link, the adapter tables filled, PGlite started early', async (orm) => {
    const probe = await browser.openPage(linkTo(postgresState(orm)), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await page.locator('[data-playground]').getAttribute('data-last-engine')).toBe('postgres');
    expect(await status(page)).toMatch(/^Ran in /);
    // PostgreSQL's SQL, attributed to the adapter: the first user Auth.js creates.
    const sql = await openPanel(page, 'SQL');
    const insertUser = sql
      .locator('tbody tr')
      .filter({ hasText: `INSERT INTO "${ADAPTER_TABLES[orm][0]}"` })
      .first();
    expect(await insertUser.locator('.pg-origin').textContent()).toBe('createUser');
    await expectAdapterTables(page, orm);
    // The inline script fetched PGlite's three files (once each) and only the PostgreSQL worker.
    const fetched = pgliteRequests(probe);
    expect(fetched.filter((path) => /\/pglite[.-].*\.wasm$/.test(path))).toHaveLength(1);
    expect(fetched.filter((path) => /fresh-data-dir[.-].*\.tgz$/.test(path))).toHaveLength(1);
    expect(fetched.filter((path) => /\/pglite[.-].*\.data$/.test(path))).toHaveLength(1);
    expect(probe.requests.filter((request) => /\/(sequelize|mikro-orm)\.worker-/.test(request.url))).toEqual([]);
    // Read off the page's main thread (megabytes of response chunks held it before its code showed):
    // a worker of the page's own fetched them, so the page's resource timeline has none of them.
    const onPage = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(onPage.filter((url) => /\/(pglite[.-]|fresh-data-dir[.-])/.test(url))).toEqual([]);
    const ready = await page.evaluate(() => (performance.getEntriesByName('playground:runtime-ready')[0] as PerformanceMark | undefined)?.detail);
    expect(ready).toMatchObject({ early: true });
    expect(await page.locator('[data-runtime-state]').textContent()).toMatch(/PostgreSQL \d+(\.\d+)* \(PGlite \d+\.\d+\.\d+\)/);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it("the autosave's engine, when there is no link: PGlite starts early", async () => {
    const entry = JSON.stringify({ format: 1, state: postgresState('sequelize'), savedAt: Date.now(), running: false });
    const probe = await browser.openPage('/playground/', {
      waitUntil: 'load',
      initScript: `try { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('adapter-lab:playground', ${JSON.stringify(entry)}) } } catch {}`,
    });
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await root(page).getAttribute('data-last-engine')).toBe('postgres');
    const ready = await page.evaluate(() => (performance.getEntriesByName('playground:runtime-ready')[0] as PerformanceMark | undefined)?.detail);
    expect(ready).toMatchObject({ early: true });
    expect(pgliteRequests(probe).filter((path) => /\.data$/.test(path))).toHaveLength(1);
    await expectAdapterTables(page, 'sequelize');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('a PostgreSQL share link reopened in a fresh context gives the same tables', async () => {
    const first = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: CLIPBOARD });
    await waitForRuns(first.page, 1);
    await first.page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).check();
    await expect.poll(() => first.page.locator('[data-playground]').getAttribute('data-last-engine'), { timeout: RUN_TIMEOUT }).toBe('postgres');
    await waitForRuns(first.page, 2);
    const expected = await tablesText(first.page);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const link = first.page.url();
    const decoded = await addressState(first.page);
    expect(decoded.ok && decoded.state.engine).toBe('postgres');
    // Switching engines downloaded PGlite once.
    expect(pgliteRequests(first).filter((path) => /\.data$/.test(path))).toHaveLength(1);
    // "Copy as Markdown" names the engine, its version and what runs it.
    await (await openMenu(first.page, 'Share')).getByRole('button', { name: 'Copy as Markdown for an issue' }).click();
    await expect.poll(() => status(first.page)).toMatch(/^Copied the Markdown/);
    const markdown = await first.page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toMatch(/— Sequelize 6\.\d+\.\d+, @adapter-lab\/sequelize-adapter \d+\.\d+\.\d+, PostgreSQL \d+(\.\d+)* \(PGlite 0\.6\.\d+\)\n/);
    await first.close();

    const second = await browser.openPage(link, { waitUntil: 'load' });
    await waitForRuns(second.page, 1);
    expect(await second.page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).isChecked()).toBe(true);
    expect(await tablesText(second.page)).toEqual(expected);
    expectNoConsoleErrors(second);
    await second.close();
  });

  it('shows the download in bytes, then that PostgreSQL starts, never a frozen "Starting…"', async () => {
    // Every text the status bar shows from the first paint, slowed to ~30 Mbit/s so the download takes a while.
    // Every text of the status line (a live region) and of the status bar's runtime part, each on its own.
    const record = `addEventListener('DOMContentLoaded', () => {
      const seen = (window.__statusTexts = { status: [], runtime: [] });
      const parts = { status: document.querySelector('[data-status-line]'), runtime: document.querySelector('[data-runtime-state]') };
      const note = () => { for (const [name, el] of Object.entries(parts)) if (seen[name].at(-1) !== el.textContent) seen[name].push(el.textContent) };
      note();
      new MutationObserver(note).observe(document.querySelector('.pg-statusbar'), { subtree: true, childList: true, characterData: true });
    })`;
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: record });
    const { page } = probe;
    await waitForRuns(page, 1);
    // Slowed to ~32 Mbit/s, so that PGlite's ~16 MB take a few seconds.
    const cdp = await probe.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 5, downloadThroughput: 4_000_000, uploadThroughput: 4_000_000 });
    await page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).check();
    const texts = () => page.evaluate(() => (window as unknown as { __statusTexts: Record<'status' | 'runtime', string[]> }).__statusTexts);
    try {
      await expect.poll(() => page.locator('[data-playground]').getAttribute('data-last-engine'), { timeout: 90_000 }).toBe('postgres');
    } catch (error) {
      // What the page said meanwhile, to tell a slow start from a stuck one.
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${JSON.stringify(await texts(), null, 1)}\n${probe.errors.join('\n')}`);
    }
    const seen = await texts();
    const downloading = /^Downloading PostgreSQL \(PGlite\): (\d+\.\d) of (\d+\.\d) MB$/;
    for (const part of ['runtime', 'status'] as const) {
      const texts = seen[part].filter(Boolean);
      const progress = texts.filter((text) => downloading.test(text));
      // The status bar follows the download closely; the status line (read out) says it at most once a second.
      expect(progress.length, texts.join('\n')).toBeGreaterThan(part === 'runtime' ? 3 : 1);
      const received = progress.map((text) => Number(downloading.exec(text)![1]));
      expect(
        [...received].sort((a, b) => a - b),
        part,
      ).toEqual(received);
      expect(new Set(progress.map((text) => downloading.exec(text)![2])).size, 'one total').toBe(1);
      expect(texts, part).toContain('Starting PostgreSQL…');
      expect(texts.indexOf('Starting PostgreSQL…')).toBeGreaterThan(texts.indexOf(progress.at(-1)!));
    }
    await probe.close();
  }, 120_000);

  it('exports the database as .tar.gz and imports it back into a fresh page; refuses a SQLite file saying so', async () => {
    const probe = await browser.openPage(linkTo(postgresState('sequelize')), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    const expected = await tablesText(page);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const share = await openMenu(page, 'Share');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: RUN_TIMEOUT }),
      share.getByRole('button', { name: 'Export .tar.gz' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('adapter-lab-sequelize.tar.gz');
    const file = join(tmpdir(), `adapter-lab-${process.pid}-${Date.now()}.tar.gz`);
    onTestFinished(() => rm(file, { force: true }));
    await download.saveAs(file);
    const bytes = await readFile(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(await status(page)).toMatch(/^Downloaded adapter-lab-sequelize\.tar\.gz/);

    const empty = { ...postgresState('sequelize'), files: [{ name: 'run.ts', code: 'console.log("empty database")\n' }], active: 'run.ts' };
    const other = await browser.openPage(`/playground/#${encodeState(empty)}`, { waitUntil: 'load' });
    await waitForRuns(other.page, 1);
    expect(await other.page.locator('#pg-panel-tables table').count()).toBe(0);
    // A SQLite file on PostgreSQL: named as the other engine's, nothing changed.
    await other.page
      .locator('[data-import]')
      .setInputFiles({ name: 'old.sqlite', mimeType: 'application/vnd.sqlite3', buffer: Buffer.from('SQLite format 3\0'.padEnd(512, '\0')) });
    await expect.poll(() => status(other.page)).toMatch(/old\.sqlite is a SQLite database file.*Choose SQLite/);
    const before = await runs(other.page);
    await other.page.locator('[data-import]').setInputFiles(file);
    await waitForRuns(other.page, before + 1);
    expect(await status(other.page)).toMatch(/^Imported adapter-lab-/);
    expect(await tablesText(other.page)).toEqual(expected);
    expectNoConsoleErrors(other);
    await other.close();
    await probe.close();
  });
});

/** The default example of `orm`, made to take a while before it touches the database. */
function slowState(orm: OrmId, engine: 'sqlite' | 'postgres', ms = 2_000) {
  const state = { ...defaultState(orm), engine };
  return {
    ...state,
    files: state.files.map((file) =>
      file.name === 'run.ts' ? { ...file, code: `await new Promise((resolve) => setTimeout(resolve, ${ms}))\n${file.code}` } : file,
    ),
  };
}

/** Settled: an outcome shown, nothing running or waiting, for a moment (a queued second run would have started). */
async function settledRuns(page: Page): Promise<number> {
  const settled = async () => (await runs(page)) > 0 && (await root(page).getAttribute('data-busy')) === 'false';
  await expect.poll(settled, { timeout: RUN_TIMEOUT }).toBe(true);
  const count = await runs(page);
  await new Promise((resolve) => setTimeout(resolve, 800));
  await expect.poll(settled, { timeout: RUN_TIMEOUT }).toBe(true);
  expect(await runs(page), 'a run appeared after the page had settled').toBe(count);
  return count;
}

describe('switching engines at every moment', () => {
  it('PostgreSQL chosen before the page script has run: only PostgreSQL runs', async () => {
    const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
    await probe.context.route(
      (url) => url.pathname.startsWith('/_astro/') && url.pathname.endsWith('.js') && !url.pathname.includes('.worker-'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      },
    );
    await probe.page.goto(new URL('/playground/', browser.baseUrl).href, { waitUntil: 'load' });
    await probe.page.locator('label', { has: probe.page.locator('input[name="pg-engine"][value="postgres"]') }).click();
    await expect.poll(() => root(probe.page).getAttribute('data-last-engine'), { timeout: 90_000 }).toBe('postgres');
    expect(await settledRuns(probe.page)).toBe(1);
    expect(await probe.page.locator('[data-status-line]').getAttribute('data-kind')).toBe('ok');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('PostgreSQL chosen mid-run: the SQLite run is dropped, the same code runs on PostgreSQL', async () => {
    const probe = await browser.openPage(linkTo(slowState('sequelize', 'sqlite')), { waitUntil: 'load' });
    const { page } = probe;
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toBe('Running Sequelize on SQLite…');
    await page.getByRole('radio', { name: 'PostgreSQL (PGlite)' }).check();
    // The code is the same: nothing to confirm.
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => root(page).getAttribute('data-last-engine'), { timeout: 90_000 }).toBe('postgres');
    expect(await settledRuns(page)).toBe(1);
    await expect.poll(() => page.locator('[data-runtime-state]').textContent()).toMatch(/PostgreSQL \d+(\.\d+)* \(PGlite /);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind')).toBe('ok');
    await probe.close();
  });

  it('Stop mid-run on PostgreSQL says the database restarts empty; Run then runs once', async () => {
    const probe = await browser.openPage(linkTo(slowState('sequelize', 'postgres', 3_000)), { waitUntil: 'load' });
    const { page } = probe;
    await expect.poll(() => status(page), { timeout: 90_000 }).toBe('Running Sequelize on PostgreSQL…');
    await page.locator('[data-stop]').click();
    await expect
      .poll(() => status(page), { timeout: RUN_TIMEOUT })
      .toMatch(/^Stopped.*PostgreSQL database was inside the stopped runtime, so the new one starts with an empty database\./);
    await page.locator('[data-run]').click();
    await expect.poll(() => runs(page), { timeout: 90_000 }).toBe(1);
    expect(await settledRuns(page)).toBe(1);
    // The stopped runtime had given PGlite's files back once it started: the new one got them without a download.
    const fetched = pgliteRequests(probe);
    expect(fetched.filter((path) => /\/pglite[.-].*\.wasm$/.test(path))).toHaveLength(1);
    expect(fetched.filter((path) => /fresh-data-dir[.-].*\.tgz$/.test(path))).toHaveLength(1);
    await probe.close();
  });

  it('back to SQLite and to PostgreSQL again: PGlite downloads once, each run on the engine on screen', async () => {
    const probe = await browser.openPage(linkTo(postgresState('sequelize')), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    for (const [engine, label] of [
      ['sqlite', 'SQLite (sql.js)'],
      ['postgres', 'PostgreSQL (PGlite)'],
    ] as const) {
      const before = await runs(page);
      await page.getByRole('radio', { name: label }).check();
      await waitForRuns(page, before + 1);
      expect(await root(page).getAttribute('data-last-engine')).toBe(engine);
      expect(await page.locator('[data-status-line]').getAttribute('data-kind')).toBe('ok');
    }
    const fetched = pgliteRequests(probe);
    expect(fetched.filter((path) => /\.data$/.test(path))).toHaveLength(1);
    expect(fetched.filter((path) => /\/pglite[.-].*\.wasm$/.test(path))).toHaveLength(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
