// Sharing the playground: links (current and older formats, and bad ones), Markdown for an
// issue, and database files (export, import, refusal).
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { prng } from '../support/prng.ts';
import { encodeStateV1 } from '../support/share-links.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import {
  RUN_TIMEOUT,
  clickRun,
  defaultState,
  liveRows,
  menuAction,
  openFile,
  openPanel,
  replaceEditorText,
  resultTable,
  runs,
  status,
  waitForRuns,
} from './support/playground.ts';

const browser = useBrowser();
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

async function open(path = '/playground/'): Promise<PageProbe> {
  const probe = await browser.openPage(path, { waitUntil: 'load', contextOptions: CLIPBOARD });
  await waitForRuns(probe.page, 1);
  return probe;
}

/** Every result table with its live rows' cells, as text: what "the same tables" means. */
async function tablesText(page: Page): Promise<string[]> {
  await openPanel(page, 'Tables');
  return page.locator('#pg-panel-tables table').evaluateAll((tables) =>
    tables.map((table) => {
      // Rows of data only (not the "No rows." line of a table whose rows were all deleted in the run).
      const rows = [...table.querySelectorAll('tbody tr[data-status]:not([data-status="deleted"])')].map((row) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the cell as a reader sees it (a shortened id's hidden rest excluded).
        [...row.querySelectorAll('td:not(.pg-mark)')].map((cell) => (cell as HTMLElement).innerText).join(' | '),
      );
      return `${table.querySelector('caption')?.textContent}: ${rows.join(' / ')}`;
    }),
  );
}

/**
 * The same, with points in time left out: Auth.js dates sessions, tokens and verified e-mails by
 * the playground's clock, which runs in real time, so two runs seconds apart differ there only.
 * Ids, tokens and every other value are the same in every run (the runtime seeds randomness).
 */
const TIME = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:?\d{2}))?/g;
const timeless = (tables: readonly string[]): string[] => tables.map((text) => text.replace(TIME, '<time>'));

const clipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

describe('share links', () => {
  it('Copy link → a fresh browser context opens the same code (flows scripted in run.ts) and shows the same tables', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'run.ts');
    const code = defaultState('sequelize').files[1]!.code.replaceAll('hedy@example.com', 'ada.byron@example.com');
    expect(code).toContain('browser.signIn("github")');
    await replaceEditorText(page, code);
    await clickRun(page);
    await menuAction(page, 'Share', 'Copy link');
    await expect.poll(() => status(page)).toMatch(/^Copied the link \([\d,]+ characters\)/);
    const link = await clipboard(page);
    expect(link).toMatch(/\/playground\/#2\./);
    expect(await page.locator('[data-link-length]').textContent()).toMatch(/^Link: [\d,]+ characters$/);
    const expected = await tablesText(page);
    expect(expected.join('\n')).toContain('ada.byron@example.com');

    const other = await browser.openPage(link, { waitUntil: 'load' });
    await waitForRuns(other.page, 1);
    expect(timeless(await tablesText(other.page))).toEqual(timeless(expected));
    expectNoConsoleErrors(other);
    await other.close();
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('opens a link of the older format (version 1)', async () => {
    const state = defaultState('mikro-orm');
    const probe = await open(`/playground/#${encodeStateV1(state)}`);
    expect(await probe.page.locator('[data-playground]').getAttribute('data-orm')).toBe('mikro-orm');
    expect(await liveRows(probe.page, 'user').count()).toBe(2);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it.each([
    ['a malformed link', '#2.@@not-base64@@', /not a valid playground link|character/i],
    ['a truncated link', 'truncated', /incomplete|cut off/i],
    [
      'an oversized (1 MB) link',
      `#2.${'A'.repeat(1_000_000)}`,
      /^This link is 1,000,003 characters long; the playground opens links of up to [\d,]+ characters/,
    ],
    ['a link of an unknown version', '#9.eJzLSM3JyQcABiwCFQ', /format 9/i],
  ])('%s shows why and loads the default example', async (_kind, hash, message) => {
    let fragment = hash;
    if (hash === 'truncated') {
      const good = (await import('../../src/playground/share/codec.ts')).encodeState(defaultState('mikro-orm'));
      fragment = `#${good.slice(0, Math.floor(good.length / 2))}`;
    }
    const probe = await open(`/playground/${fragment}`);
    const { page } = probe;
    expect(await page.locator('.pg-notice[data-kind="error"]').textContent()).toMatch(message);
    expect(await page.locator('.pg-notice[data-kind="error"]').textContent()).toContain('The default example is loaded instead.');
    expect(await page.locator('[data-playground]').getAttribute('data-orm')).toBe('sequelize');
    expect(await liveRows(page, 'users').count()).toBe(2);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('writes no link for code too large for one the playground would open, and says why', async () => {
    // 280,000 random CJK characters (within the 300,000 the playground holds) deflate to a link
    // of over 800,000 characters; the playground opens 600,000. Seeded as the autosave.
    const random = prng(7);
    const notes = `// ${Array.from({ length: 280_000 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 0x5200))).join('')}\n`;
    const base = defaultState('sequelize');
    const state = { ...base, files: [...base.files, { name: 'notes.ts', code: notes }] };
    const entry = JSON.stringify({ format: 1, state, savedAt: Date.now() });
    const probe = await browser.openPage('/playground/', {
      waitUntil: 'load',
      contextOptions: CLIPBOARD,
      initScript: `try { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem('adapter-lab:playground', ${JSON.stringify(entry)}) } } catch {}`,
    });
    const { page } = probe;
    await waitForRuns(page, 1);
    const refusal =
      /^No link: This code makes a link of [\d,]+ characters; the playground opens links of up to 600,000 characters\. "Copy as Markdown" includes the code instead\.$/;
    await expect.poll(() => page.locator('[data-link-length]').textContent(), { timeout: 5_000 }).toMatch(refusal);
    expect(page.url()).not.toContain('#');
    await menuAction(page, 'Share', 'Copy link');
    await expect
      .poll(() => status(page))
      .toMatch(/^Could not copy a link: This code makes a link of [\d,]+ characters; the playground opens links of up to 600,000 characters\./);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('warns when the link is longer than GitHub allows, and Copy as Markdown carries the code', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'auth.ts');
    // Text deflate cannot shrink much: random hex.
    let seed = 42;
    const hex = (): string => (seed = (seed * 1103515245 + 12345) % 2147483648).toString(16).padStart(8, '0');
    const noise = Array.from({ length: 150 }, () => `// ${Array.from({ length: 10 }, hex).join('')}`).join('\n');
    const auth = defaultState('sequelize').files[0]!.code;
    await replaceEditorText(page, `${auth}\n${noise}\n`);
    await expect.poll(() => page.locator('[data-link-length]').textContent(), { timeout: 5_000 }).toMatch(/over GitHub's 8,000/);
    await menuAction(page, 'Share', 'Copy as Markdown for an issue');
    await expect.poll(() => status(page)).toBe('Copied the Markdown for a GitHub issue to the clipboard.');
    const markdown = await clipboard(page);
    expect(markdown).toContain('Sequelize 6.37.8');
    expect(markdown).toContain('@adapter-lab/sequelize-adapter 0.1.0');
    expect(markdown).toContain('<details>');
    expect(markdown).toContain('```ts');
    expect(markdown).toContain(noise.split('\n')[7]);
    expect(markdown).toMatch(/too long for GitHub/i);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('database files', () => {
  it('exports the database as .sqlite and imports it back into a fresh page', async () => {
    const probe = await open();
    const { page } = probe;
    const expected = await tablesText(page);
    const [download] = await Promise.all([page.waitForEvent('download'), menuAction(page, 'Share', 'Export .sqlite')]);
    expect(download.suggestedFilename()).toBe('adapter-lab-sequelize.sqlite');
    const file = join(tmpdir(), `adapter-lab-${process.pid}-${Date.now()}.sqlite`);
    onTestFinished(() => rm(file, { force: true }));
    await download.saveAs(file);
    expect((await readFile(file)).subarray(0, 15).toString()).toBe('SQLite format 3');

    const other = await open(
      `/playground/#${(await import('../../src/playground/share/codec.ts')).encodeState({ ...defaultState('sequelize'), files: [{ name: 'run.ts', code: 'console.log("empty database")\n' }], active: 'run.ts' })}`,
    );
    expect(await other.page.locator('#pg-panel-tables table').count()).toBe(0);
    const before = await runs(other.page);
    await other.page.locator('[data-import]').setInputFiles(file);
    await waitForRuns(other.page, before + 1);
    expect(await status(other.page)).toMatch(/^Imported adapter-lab-sequelize-\d+-\d+\.sqlite|^Imported adapter-lab-/);
    const imported = await tablesText(other.page);
    expect(imported).toEqual(expected);
    expect(await other.page.getByLabel('Fresh database each run').isChecked()).toBe(false);
    expectNoConsoleErrors(other);
    await other.close();
    await probe.close();
  });

  it('refuses a file that is not SQLite and keeps the current database', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator('[data-import]').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\n1,Ada\n'.repeat(20)) });
    await expect
      .poll(() => status(page), { timeout: RUN_TIMEOUT })
      .toBe('From the runtime: users.csv: This is not an SQLite database file (it does not start with the SQLite file header).');
    expect(await page.locator('[data-status-line]').getAttribute('data-kind')).toBe('error');
    expect(await liveRows(page, 'users').count()).toBe(2);
    expect(await resultTable(page, 'users').locator('caption').textContent()).toBe('users');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
