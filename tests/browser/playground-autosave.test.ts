// The autosave never loses work: broken and foreign links in a row, damaged or oversized entries,
// results that could not be shown; and the Mermaid export of a hostile schema.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { axeViolations } from './support/axe.ts';
import { expectResponsive, LONG_TASK_OBSERVER, pageNow } from './support/long-tasks.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import {
  RUN_TIMEOUT,
  clickRun,
  defaultState,
  focusEditor,
  linkTo,
  openPanel,
  root,
  runs,
  status,
  waitForEditor,
  waitForRuns,
  waitIdle,
} from './support/playground.ts';

const browser = useBrowser();
const KEY = 'adapter-lab:playground';
const BROKEN = ['#2.@@not-base64@@', '#2.eJzLSM3J', '#9.eJzLSM3JyQcABiwCFQ', '#2.', '#2.%%%'];

/** The default Sequelize example with a line of its own at the end of run.ts. */
function own(label: string): PlaygroundState {
  const state = defaultState('sequelize');
  return {
    ...state,
    files: state.files.map((file) => (file.name === 'run.ts' ? { ...file, code: `${file.code}\nconsole.log(${JSON.stringify(label)})\n` } : file)),
  };
}

async function consoleText(page: Page): Promise<string> {
  return (await (await openPanel(page, 'Console')).textContent()) ?? '';
}

const stored = (page: Page, key = KEY): Promise<string | null> => page.evaluate((name) => localStorage.getItem(name), key);

/** A full page load of `path` (not a same-document hash change), waiting for `count` outcomes. */
async function load(page: Page, path: string, count = 1): Promise<void> {
  await page.goto('about:blank');
  await page.goto(new URL(path, browser.baseUrl).href, { waitUntil: 'load' });
  if (count > 0) await waitForRuns(page, count);
}

const restoreNote = (page: Page) => page.locator('.pg-notice[data-restore]');

describe('links in a row never overwrite the reader’s code', () => {
  it('on load: broken links leave it open, foreign links keep it, and every kept version can come back', async () => {
    const probe = await browser.openPage(linkTo(own('mine')), { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    await expect.poll(() => stored(page), { timeout: 5_000 }).toContain('mine');
    for (const [n, hash] of [...BROKEN.slice(0, 2), ...BROKEN].entries()) {
      await load(page, `/playground/${hash}`);
      expect(await page.locator('.pg-notice[data-kind="error"]').first().textContent(), `broken link ${n + 1}`).toMatch(
        /Your code from last time is open instead\./,
      );
      expect(await consoleText(page)).toContain('mine');
      expect(await restoreNote(page).count()).toBe(0);
    }
    expect(await stored(page)).toContain('mine');
    // Two foreign links: the reader's code, then the first link, are kept.
    await load(page, linkTo(own('link one')));
    await load(page, linkTo(own('link two')));
    expect(await consoleText(page)).toContain('link two');
    // Broken links now leave the second link open, and the kept versions alone.
    for (const hash of BROKEN.slice(0, 2)) await load(page, `/playground/${hash}`);
    expect(await consoleText(page)).toContain('link two');
    expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').entries.length, `${KEY}:displaced`)).toBe(2);
    // A reload shows no note; the next link does, with both versions.
    await load(page, linkTo(own('link three')));
    const note = restoreNote(page);
    await note.getByText('Earlier code (2)').click();
    const older = note.getByRole('list', { name: 'Earlier code, newest first' }).getByRole('button');
    expect(await older.count()).toBe(2);
    expect(await older.last().textContent()).toMatch(/^Restore Sequelize: (run|auth)\.ts, (run|auth)\.ts \([\d,]+ characters\) — replaced by a link, /);
    const before = await runs(page);
    await older.last().click();
    await waitForRuns(page, before + 1);
    expect(await consoleText(page)).toContain('mine');
    await expect.poll(() => stored(page), { timeout: 5_000 }).toContain('mine');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('on an open page: broken links change nothing, foreign links keep what they replace', async () => {
    const probe = await browser.openPage(linkTo(own('mine')), { waitUntil: 'load', initScript: LONG_TASK_OBSERVER });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const since = await pageNow(page);
    const setHash = (hash: string) =>
      page.evaluate((value) => {
        location.hash = value;
      }, hash);
    for (const hash of BROKEN) {
      await setHash(hash);
      await expect.poll(() => page.locator('.pg-notice[data-kind="error"]').textContent()).toMatch(/Your code is unchanged\./);
    }
    // One note about the last broken link, not five.
    expect(await page.locator('.pg-notice[data-kind="error"]').count()).toBe(1);
    expect(await runs(page)).toBe(1);
    for (const [n, label] of ['link one', 'link two'].entries()) {
      await setHash(linkTo(own(label)).split('#')[1]!);
      await waitForRuns(page, n + 2);
      await expect.poll(() => consoleText(page), { timeout: RUN_TIMEOUT }).toContain(label);
    }
    for (const hash of BROKEN.slice(0, 2)) await setHash(hash);
    await expect.poll(() => page.locator('.pg-notice[data-kind="error"]').textContent()).toMatch(/Your code is unchanged\./);
    expect(await consoleText(page)).toContain('link two');
    await expectResponsive(page, since, 'broken and foreign links opened over the page');
    // Newest first: "Restore my code" brings back the first link; the reader's own code is listed.
    // By keyboard: open the list, Tab to its one entry, Enter.
    await restoreNote(page).getByText('Earlier code (1)').focus();
    await page.keyboard.press('Enter');
    expect(await axeViolations(page), 'the restore note with its list open').toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Restore Sequelize: (run|auth)\.ts, (run|auth)\.ts/);
    await page.keyboard.press('Enter');
    await waitForRuns(page, 4);
    expect(await consoleText(page)).toContain('mine');
    // What the restore replaced is kept too, and offered back.
    await restoreNote(page).getByRole('button', { name: 'Restore my code' }).click();
    await waitForRuns(page, 5);
    expect(await consoleText(page)).toContain('link two');
    await waitIdle(page);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('a damaged or oversized autosave is kept aside, never overwritten', () => {
  const huge = JSON.stringify({
    format: 1,
    state: { orm: 'sequelize', files: [{ name: 'run.ts', code: 'x'.repeat(4_500_000) }], active: 'run.ts', options: { freshDatabase: true } },
    savedAt: 1,
    running: false,
  });
  it.each([
    ['invalid JSON', '{"format": 1, "state": {"orm": "sequel', /its stored data is damaged/],
    ['the wrong shape', JSON.stringify({ format: 1, state: { orm: 'sequelize', files: 'run.ts' } }), /there is no file list/],
    ['4.5 MB of code', huge, /the code is 4,500,000 characters in total; the playground holds up to 300,000/],
  ])('%s: a note offers it for download, and edits are saved beside it', async (_kind, raw, problem) => {
    // Stored from another page of the site first, so that writing it is no part of the playground's load measured below.
    const probe = await browser.openPage('/', { waitUntil: 'load', initScript: LONG_TASK_OBSERVER });
    const { page } = probe;
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, raw] as const);
    await page.goto(new URL('/playground/', browser.baseUrl).href, { waitUntil: 'load' });
    await waitForRuns(page, 1);
    // Reading and checking the entry hold the page up no more than any load, until the first
    // result. Moving it aside (one synchronous storage write of megabytes) and the editor's
    // start-up come after it.
    await expectResponsive(page, 0, `boot with ${_kind} in the autosave`, Number(await root(page).getAttribute('data-first-result')));
    const note = page.locator('.pg-notice[data-kept-aside]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.textContent()).toMatch(problem);
    expect(await note.textContent()).toMatch(/Nothing was overwritten: it is kept aside, untouched \([\d,]+ characters\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), note.getByRole('button', { name: 'Download it' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^adapter-lab-autosave-.*\.json$/);
    const folder = await mkdtemp(join(tmpdir(), 'autosave-download-'));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, download.suggestedFilename());
    await download.saveAs(file);
    expect(await readFile(file, 'utf8')).toBe(raw);
    const asideKeys = () => page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), `${KEY}:kept-aside:`);
    const [aside] = await asideKeys();
    expect(await stored(page, aside)).toBe(raw);
    // The reader's edits are saved under the autosave's key; the copy stays as it was.
    await focusEditor(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nconsole.log("typed after the damage")\n');
    await expect.poll(() => stored(page), { timeout: 5_000 }).toContain('typed after the damage');
    expect(await stored(page, aside)).toBe(raw);
    // Offered again on the next load, until the reader deletes it.
    await page.reload({ waitUntil: 'load' });
    await waitForRuns(page, 1);
    expect(await consoleText(page)).toContain('typed after the damage');
    await note.getByRole('button', { name: 'Delete it' }).click();
    await page.getByRole('dialog', { name: 'Delete the stored data?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => note.count()).toBe(0);
    expect(await asideKeys()).toEqual([]);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

it('a run whose result could not be shown is not run again by a reload, which says why and offers Run', async () => {
  // Drawing the first run's status line throws once (in this tab), as a rendering bug would.
  const breakDrawing = `(() => {
    const setter = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
    Object.defineProperty(Node.prototype, 'textContent', { ...setter, set(value) {
      if (typeof value === 'string' && value.startsWith('Ran in ') && !sessionStorage.getItem('broke')) {
        sessionStorage.setItem('broke', '1');
        throw new Error('drawing failed on purpose');
      }
      setter.set.call(this, value);
    } });
  })()`;
  const probe = await browser.openPage(linkTo(own('shown?')), { waitUntil: 'load', initScript: breakDrawing });
  const { page } = probe;
  await expect
    .poll(() => status(page), { timeout: RUN_TIMEOUT })
    .toMatch(/^The code ran, but its result could not be shown: drawing failed on purpose\. A reload will not run this code again/);
  expect(JSON.parse((await stored(page)) ?? '{}')).toMatchObject({ unshown: 'drawing failed on purpose', running: false });
  // A plain reload: the address bar carries the same code.
  await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('#2.');
  for (let reload = 0; reload < 2; reload++) {
    await page.reload({ waitUntil: 'load' });
    await expect
      .poll(() => status(page), { timeout: RUN_TIMEOUT })
      .toMatch(/^The last run's result could not be shown \(drawing failed on purpose\), so the code was not run again\. Press Run when ready\./);
    expect(await runs(page)).toBe(0);
  }
  await clickRun(page);
  expect(await status(page)).toMatch(/^Ran in /);
  await expect.poll(async () => JSON.parse((await stored(page)) ?? '{}').unshown, { timeout: 5_000 }).toBeUndefined();
  await page.reload({ waitUntil: 'load' });
  await waitForRuns(page, 1);
  expect(await root(page).getAttribute('data-runs')).toBe('1');
  await probe.close();
});

it('Copy as Mermaid diagram gives one mermaid block whatever the table and column names hold', async () => {
  const hostile = 'we"ird\n```\n%% x } -- direction TB';
  const code = [
    'import { Sequelize } from "sequelize"',
    'const sequelize = new Sequelize(process.env.DATABASE_URL!, { logging: false })',
    `await sequelize.query(${JSON.stringify(`CREATE TABLE "${hostile.replace(/"/g, '""')}" (id INTEGER PRIMARY KEY)`)})`,
    `await sequelize.query(${JSON.stringify(`CREATE TABLE child (id INTEGER PRIMARY KEY, "${hostile.replace(/"/g, '""')}" INTEGER REFERENCES "${hostile.replace(/"/g, '""')}"(id))`)})`,
  ].join('\n');
  const state: PlaygroundState = {
    orm: 'sequelize',
    engine: 'sqlite',
    implementation: 'ours',
    active: 'run.ts',
    options: { freshDatabase: true },
    files: [{ name: 'run.ts', code }],
  };
  const probe = await browser.openPage(linkTo(state), { waitUntil: 'load', contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const { page } = probe;
  await waitForRuns(page, 1);
  const schema = await openPanel(page, 'Schema');
  await schema.getByRole('button', { name: 'Copy as Mermaid diagram' }).click();
  await expect.poll(() => status(page)).toMatch(/^Copied the Mermaid ER diagram/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  const tree = fromMarkdown(copied);
  expect(tree.children.map((node) => node.type)).toEqual(['code']);
  const [block] = tree.children;
  expect(block?.type === 'code' ? block.lang : null).toBe('mermaid');
  const lines = block?.type === 'code' ? block.value.split('\n') : [];
  // erDiagram, one relationship, then each table: its start, its columns, its end.
  expect(lines).toHaveLength(1 + 1 + 3 + 4);
  expect(lines[1]).toMatch(/^ {2}"[^"%\n]+" \|\|--o\{ "child" : "[^"%\n]+"$/);
  expectNoConsoleErrors(probe);
  await probe.close();
});
