// Every control is safe at every moment: pressed at once after navigation (before the page's
// own script has run), while the runtime starts, mid-run, and after — the code that runs is
// the code on screen, on the ORM on screen; the status line names that ORM and its versions;
// no run is lost and none is shown twice. Slow moments are made deterministic by delaying the
// page's script or the runtime's downloads, and by code that waits before it finishes.
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine/sql-js/load-sql-js.ts';
import type { Page } from 'playwright-core';
import type { OrmId } from '../../src/playground/protocol.ts';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { useBrowser, expectNoConsoleErrors, type PageProbe } from './support/page-probe.ts';
import { ADAPTER_TABLES, RUN_TIMEOUT, defaultState, linkTo, liveRows, openPanel, resultTable, root, runs, status } from './support/playground.ts';

const browser = useBrowser();

const VERSIONS: Record<OrmId, RegExp> = { sequelize: /Sequelize 6\.37/, 'mikro-orm': /MikroORM 7\.2/ };
const LABELS: Record<OrmId, string> = { sequelize: 'Sequelize', 'mikro-orm': 'MikroORM' };

/** The default example of `orm`, made to take a while before it touches the database. */
function slowState(orm: OrmId, ms = 2_000): PlaygroundState {
  const state = defaultState(orm);
  return {
    ...state,
    files: state.files.map((file) =>
      file.name === 'run.ts' ? { ...file, code: `await new Promise((resolve) => setTimeout(resolve, ${ms}))\n${file.code}` } : file,
    ),
  };
}

interface Delays {
  /** The page's own scripts (not the runtime's worker scripts) arrive this late. */
  readonly page?: number;
  /** The runtime's worker script and sql.js's wasm arrive this late. */
  readonly runtime?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Navigates to `path` and returns as soon as the HTML starts arriving. */
async function openAt(path: string, delays: Delays = {}): Promise<PageProbe> {
  const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
  if (delays.page) {
    const late = delays.page;
    await probe.context.route(
      (url) => url.pathname.startsWith('/_astro/') && url.pathname.endsWith('.js') && !url.pathname.includes('.worker-'),
      async (route) => {
        await sleep(late);
        await route.continue();
      },
    );
  }
  if (delays.runtime) {
    const late = delays.runtime;
    await probe.context.route(
      (url) => /\.worker-[\w-]+\.js$|\.wasm$/.test(url.pathname),
      async (route) => {
        await sleep(late);
        await route.continue();
      },
    );
  }
  await probe.page.goto(new URL(path, browser.baseUrl).href, { waitUntil: 'commit' });
  return probe;
}

async function open(path: string): Promise<PageProbe> {
  const probe = await browser.openPage(path, { waitUntil: 'load' });
  await waitSettled(probe.page);
  return probe;
}

function ormRadio(page: Page, orm: OrmId) {
  return page.locator('label', { has: page.locator(`input[name="pg-orm"][value="${orm}"]`) });
}

/** Waits until a first outcome is shown and nothing runs or waits to run. */
async function waitSettled(page: Page): Promise<void> {
  await expect.poll(async () => (await runs(page)) > 0 && (await root(page).getAttribute('data-busy')) === 'false', { timeout: RUN_TIMEOUT }).toBe(true);
}

/** Stays settled for a moment: a queued or second run would have started by then. */
async function waitQuiet(page: Page): Promise<number> {
  await waitSettled(page);
  const count = await runs(page);
  await sleep(800);
  await waitSettled(page);
  expect(await runs(page), 'a run appeared after the page had settled').toBe(count);
  return count;
}

/**
 * The page shows `orm`'s tables from a run of the code on screen, and its versions; `tables` must
 * have rows (by default the users, accounts and sessions the default example's sign-ins leave).
 */
async function expectShowing(page: Page, orm: OrmId, tables: readonly string[] = ADAPTER_TABLES[orm].slice(0, 3)): Promise<void> {
  await waitSettled(page);
  await expect.poll(() => root(page).getAttribute('data-last-orm'), { timeout: RUN_TIMEOUT }).toBe(orm);
  expect(await root(page).getAttribute('data-orm')).toBe(orm);
  expect(await page.locator(`input[name="pg-orm"][value="${orm}"]`).isChecked()).toBe(true);
  await expect.poll(() => page.locator('[data-runtime-state]').textContent()).toMatch(VERSIONS[orm]);
  expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
  await openPanel(page, 'Tables');
  for (const table of tables) expect(await liveRows(page, table).count(), `rows of ${table}`).toBeGreaterThan(0);
}

/** A state's link runs on load; this waits until its run is under way in the runtime. */
async function waitRunning(page: Page, orm: OrmId): Promise<void> {
  await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toBe(`Running ${LABELS[orm]} on SQLite…`);
}

describe('the ORM choice', () => {
  it('MikroORM clicked before the page script has run: only MikroORM runs', async () => {
    const probe = await openAt('/playground/', { page: 800 });
    await ormRadio(probe.page, 'mikro-orm').click();
    await expectShowing(probe.page, 'mikro-orm');
    expect(await waitQuiet(probe.page)).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('MikroORM clicked while the runtime is still starting', async () => {
    const probe = await openAt('/playground/', { runtime: 1_500 });
    await expect.poll(() => root(probe.page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
    await ormRadio(probe.page, 'mikro-orm').click();
    await expectShowing(probe.page, 'mikro-orm');
    expect(await waitQuiet(probe.page)).toBe(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('MikroORM clicked mid-run: the Sequelize run is dropped, MikroORM runs', async () => {
    const probe = await openAt(linkTo(slowState('sequelize')));
    await waitRunning(probe.page, 'sequelize');
    await ormRadio(probe.page, 'mikro-orm').click();
    // The link's code is the reader's own: switching asks first.
    await probe.page.getByRole('dialog', { name: 'Switch to MikroORM?' }).getByRole('button', { name: 'Switch to MikroORM' }).click();
    await expectShowing(probe.page, 'mikro-orm');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('MikroORM then Sequelize in quick succession after the first result: Sequelize wins', async () => {
    const probe = await open('/playground/');
    await ormRadio(probe.page, 'mikro-orm').click();
    await ormRadio(probe.page, 'sequelize').click();
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBeLessThanOrEqual(3);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('the examples menu', () => {
  async function expectCustomModel(page: Page): Promise<void> {
    // auth.ts alone: Auth.js's first request creates the tables, no one signs in.
    await expectShowing(page, 'sequelize', []);
    expect(await page.locator('[data-examples]').inputValue()).toBe('sequelize-custom-model');
    expect(
      await resultTable(page, 'users')
        .locator('th', { hasText: /^phoneNumber$/ })
        .count(),
    ).toBe(1);
  }

  it('before the page script has run', async () => {
    const probe = await openAt('/playground/', { page: 800 });
    await probe.page.locator('[data-examples]').selectOption('sequelize-custom-model');
    await expectCustomModel(probe.page);
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('mid-run, over code of the reader’s own (asked first)', async () => {
    const probe = await openAt(linkTo(slowState('sequelize')));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.locator('[data-examples]').selectOption('sequelize-custom-model');
    await probe.page.getByRole('dialog').getByRole('button', { name: 'Open example' }).click();
    await expectCustomModel(probe.page);
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });
});

describe('Run and Stop', () => {
  it('Run pressed before the page script has run is the load’s own run: one run', async () => {
    const probe = await openAt('/playground/', { page: 800 });
    await probe.page.locator('[data-run]').click();
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('Run pressed mid-run with the same code does not run it twice', async () => {
    const probe = await openAt(linkTo(slowState('sequelize', 1_500)));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.locator('[data-run]').click();
    await probe.page.keyboard.press('Control+Enter');
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('Stop while the runtime starts: nothing runs until Run, which then runs once', async () => {
    const probe = await openAt('/playground/', { runtime: 2_000 });
    await expect.poll(() => root(probe.page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
    await probe.page.locator('[data-stop]').click();
    await expect.poll(() => status(probe.page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped before it started/);
    expect(await root(probe.page).getAttribute('data-busy')).toBe('false');
    expect(await runs(probe.page)).toBe(0);
    await probe.page.locator('[data-run]').click();
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('Stop mid-run, then Run: the runtime restarts and runs the code once', async () => {
    const probe = await openAt(linkTo(slowState('sequelize', 1_500)));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.locator('[data-stop]').click();
    await expect.poll(() => status(probe.page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped/);
    expect(await root(probe.page).getAttribute('data-busy')).toBe('false');
    await probe.page.locator('[data-run]').click();
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });
});

describe('Reset, links, history, import and theme', () => {
  it('Reset mid-run: the example runs, the replaced run shows nothing', async () => {
    const probe = await openAt(linkTo(slowState('sequelize')));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.locator('[data-reset]').evaluate((button: HTMLButtonElement) => button.click());
    await probe.page.getByRole('dialog', { name: 'Reset to the example?' }).getByRole('button', { name: 'Reset' }).click();
    await expectShowing(probe.page, 'sequelize');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('a link pasted mid-run opens and runs that link’s code on its ORM', async () => {
    const probe = await openAt(linkTo(slowState('sequelize')));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      linkTo(defaultState('mikro-orm')).split('#')[1]!,
    );
    await expectShowing(probe.page, 'mikro-orm');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });

  it('back and forward between two links run each one’s code on its ORM', async () => {
    const probe = await open('/playground/');
    await probe.page.evaluate(
      (hash) => {
        location.hash = hash;
      },
      linkTo(defaultState('mikro-orm')).split('#')[1]!,
    );
    await expectShowing(probe.page, 'mikro-orm');
    await probe.page.goBack({ waitUntil: 'commit' });
    await expectShowing(probe.page, 'sequelize');
    await probe.page.goForward({ waitUntil: 'commit' });
    await expectShowing(probe.page, 'mikro-orm');
    // The first load, the link, back, forward.
    expect(await waitQuiet(probe.page)).toBe(4);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('an import chosen mid-run waits for the run, then loads: both are shown', async () => {
    const SQL = await loadSqlJs();
    const database = new SQL.Database();
    database.run("CREATE TABLE imported (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO imported (note) VALUES ('kept');");
    const bytes = Buffer.from(database.export());
    database.close();
    const probe = await openAt(linkTo(slowState('sequelize', 1_500)));
    await waitRunning(probe.page, 'sequelize');
    await probe.page.locator('[data-import]').setInputFiles({ name: 'mine.sqlite', mimeType: 'application/x-sqlite3', buffer: bytes });
    await expect.poll(() => status(probe.page), { timeout: RUN_TIMEOUT }).toMatch(/^Imported mine\.sqlite/);
    expect(await waitQuiet(probe.page)).toBe(2);
    await openPanel(probe.page, 'Tables');
    expect(await liveRows(probe.page, 'imported').count()).toBe(1);
    await probe.close();
  });

  it('the theme switched before the page script has run and mid-run changes nothing of the run', async () => {
    const probe = await openAt(linkTo(slowState('sequelize', 1_500)), { page: 500 });
    const theme = probe.page.locator('starlight-theme-select select').filter({ visible: true }).first();
    await theme.selectOption('light');
    await waitRunning(probe.page, 'sequelize');
    await theme.selectOption('dark');
    await expectShowing(probe.page, 'sequelize');
    expect(await probe.page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await waitQuiet(probe.page)).toBe(1);
    await probe.close();
  });
});
