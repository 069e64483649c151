// Editing in the playground: Monaco with TypeScript for the playground's modules, errors in the
// Problems panel, and every kind of failure pointing at the reader's line.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import {
  RUN_TIMEOUT,
  clickRun,
  defaultState,
  exampleState,
  linkTo,
  openFile,
  openPanel,
  replaceEditorText,
  root,
  runs,
  status,
  waitForEditor,
  waitForRuns,
} from './support/playground.ts';

const browser = useBrowser();

async function open(path = '/playground/'): Promise<PageProbe> {
  const probe = await browser.openPage(path, { waitUntil: 'load' });
  await waitForRuns(probe.page, 1);
  await waitForEditor(probe.page);
  return probe;
}

/** Problems panel lines, "severity file:line:column message TScode", once they settle on `expected`. */
async function problems(page: Page, count: number): Promise<string[]> {
  const panel = await openPanel(page, 'Problems');
  await expect.poll(() => panel.locator('.pg-problems li').count(), { timeout: RUN_TIMEOUT }).toBe(count);
  return (await panel.locator('.pg-problems li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('TypeScript in the editor', () => {
  it('lists type errors of the playground modules in Problems, and the code still runs', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'run.ts');
    await replaceEditorText(
      page,
      [
        'import type { AdapterUser } from "@auth/core/adapters"',
        'import SequelizeAdapter from "@adapter-lab/sequelize-adapter"',
        'import { Sequelize } from "sequelize"',
        'const adapter = SequelizeAdapter(new Sequelize("sqlite::memory:", { logging: false }))',
        'const user: AdapterUser = { id: "u1", email: "a@example.com", emailVerified: "yesterday" }',
        'console.log(await adapter.createUser!(user))',
        'import { PrismaAdapter } from "@auth/prisma-adapter"',
        'console.log(PrismaAdapter)',
      ].join('\n'),
    );
    const lines = await problems(page, 2);
    expect(lines[0]).toMatch(/^error run\.ts:5:\d+ Type 'string' is not assignable to type 'Date'.* TS2322$/);
    expect(lines[1]).toMatch(/^error run\.ts:7:\d+ Cannot find module '@auth\/prisma-adapter'.* TS2307$/);
    expect(await page.getByRole('tab', { name: /^Problems/ }).textContent()).toBe('Problems2');
    // Type errors do not stop a run (the import error does, at run time, with its line).
    const before = await runs(page);
    await page.getByRole('button', { name: /^Run/ }).click();
    await waitForRuns(page, before + 1);
    expect(await status(page)).toBe('Your code: LoadError at run.ts:7: Cannot import "@auth/prisma-adapter" in run.ts: the playground has no such package.');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('completes adapter methods (IntelliSense from the type bundle)', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'run.ts');
    await replaceEditorText(
      page,
      'import SequelizeAdapter from "@adapter-lab/sequelize-adapter"\nimport { Sequelize } from "sequelize"\nconst adapter = SequelizeAdapter(new Sequelize("sqlite::memory:"))\nadapter.',
    );
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.monaco-editor .suggest-widget .monaco-list-row');
    await expect
      .poll(() => suggestions.allTextContents(), { timeout: RUN_TIMEOUT })
      .toEqual(expect.arrayContaining([expect.stringContaining('createUser'), expect.stringContaining('getSessionAndUser')]));
    await probe.close();
  });

  it("hints that MikroORM 7 moved the decorators when the docs' @mikro-orm/core import is used", async () => {
    const probe = await open(linkTo(exampleState('mikro-orm-custom-user')));
    const { page } = probe;
    await openFile(page, 'entities.ts');
    // The docs' import, as written there (MikroORM 6 had the decorators in core).
    const entities = exampleState('mikro-orm-custom-user').files.find((file) => file.name === 'entities.ts')!.code;
    await replaceEditorText(page, entities.replace('from "@mikro-orm/decorators/legacy"', 'from "@mikro-orm/core"'));
    const panel = await openPanel(page, 'Problems');
    await expect.poll(() => panel.locator('.pg-problems li').count(), { timeout: RUN_TIMEOUT }).toBeGreaterThanOrEqual(6);
    const lines = (await panel.locator('.pg-problems li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    // Hints, not errors: every decorator import and use is marked deprecated (the hover says why).
    expect(lines.filter((line) => !line.startsWith('hint entities.ts:'))).toEqual([]);
    expect(lines.filter((line) => / is deprecated\. TS638[57]$/.test(line)).length).toBe(lines.length);
    // The six decorators of the import line are each marked there too.
    const importLine = entities.split('\n').findIndex((line) => line.includes('from "@mikro-orm/decorators/legacy"')) + 1;
    expect(lines.filter((line) => line.startsWith(`hint entities.ts:${importLine}:`)).length).toBe(6);
    const before = await runs(page);
    await page.getByRole('button', { name: /^Run/ }).click();
    await waitForRuns(page, before + 1);
    expect(await status(page)).toMatch(/^Ran in/);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe("TypeScript's worker (seconds of CPU) starts", () => {
  const started = (probe: PageProbe): boolean => probe.requests.some((request) => /\/ts\.worker-[\w-]+\.js$/.test(new URL(request.url).pathname));

  it('for a built-in example, only once the reader turns to the code (the build has type-checked it)', async () => {
    const probe = await open();
    const { page } = probe;
    // The editor is in and idle: nothing has asked TypeScript anything.
    await page.waitForTimeout(1_500);
    expect(started(probe)).toBe(false);
    expect(await page.getByRole('tab', { name: /^Problems/ }).textContent()).toBe('Problems');
    // By keyboard: Tab from the file's tab, past the file actions, reaches the editor, and with it the worker starts.
    await page.getByRole('tab', { name: 'run.ts', exact: true }).focus();
    const inEditor = () => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
    for (let presses = 0; presses < 5 && !(await inEditor()); presses++) await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(true);
    await expect.poll(() => started(probe), { timeout: RUN_TIMEOUT }).toBe(true);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('for code of the reader’s own, at once, and its type errors are listed without a click', async () => {
    const state = defaultState('sequelize');
    const code = `${state.files.find((file) => file.name === 'run.ts')!.code}\nconst mistyped: number = "text"\n`;
    const probe = await open(linkTo({ ...state, files: state.files.map((file) => (file.name === 'run.ts' ? { ...file, code } : file)) }));
    const { page } = probe;
    await expect.poll(() => started(probe), { timeout: RUN_TIMEOUT }).toBe(true);
    expect((await problems(page, 1))[0]).toMatch(/^error run\.ts:\d+:\d+ Type 'string' is not assignable to type 'number'.* TS2322$/);
    await probe.close();
  });
});

describe('errors point at the line', () => {
  it('a syntax error does not run, and says where', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'run.ts');
    await replaceEditorText(page, 'const a = 1\nconst b = (2 +\nconsole.log(a b)\n');
    const before = await runs(page);
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Not run: syntax error in run\.ts:3:\d+ — /);
    expect(await runs(page)).toBe(before);
    const consolePanel = page.getByRole('tabpanel', { name: 'Console' });
    expect(await consolePanel.locator('.pg-code-frame').textContent()).toContain('> 3 | console.log(a b)');
    await probe.close();
  });

  it('a thrown error and an unhandled rejection each show their message, line and code', async () => {
    const probe = await open();
    const { page } = probe;
    await openFile(page, 'run.ts');
    await replaceEditorText(
      page,
      [
        'async function later() {',
        '  throw new RangeError("rejected nobody awaited")',
        '}',
        'void later()',
        'function check(value: number) {',
        '  if (value > 1) throw new TypeError("value too large: " + value)',
        '}',
        'check(2)',
      ].join('\n'),
    );
    await clickRun(page);
    expect(await status(page)).toBe('Your code: TypeError at run.ts:6: value too large: 2');
    const consolePanel = page.getByRole('tabpanel', { name: 'Console' });
    const errors = consolePanel.locator('.pg-error');
    await expect.poll(() => errors.count(), { timeout: RUN_TIMEOUT }).toBe(2);
    const texts = (await errors.allTextContents()).join('\n');
    expect(texts).toContain('Unhandled rejection: RangeError: rejected nobody awaited run.ts:2:');
    expect(texts).toContain('Error: TypeError: value too large: 2 run.ts:6:');
    expect(await consolePanel.locator('.pg-code-frame').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('> 6 |   if (value > 1) throw')]),
    );
    // The place is a button that takes the editor there.
    await consolePanel
      .getByRole('button', { name: /^run\.ts:6:/ })
      .first()
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.pg-monaco') !== null)).toBe(true);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('files', () => {
  it('adds a file that others import, renames it, and refuses a bad name', async () => {
    const probe = await open();
    const { page } = probe;
    await page.getByRole('button', { name: 'New file' }).click();
    const dialog = page.getByRole('dialog', { name: 'New file' });
    await dialog.getByLabel('File name').fill('bad name.ts');
    await dialog.getByRole('button', { name: 'Create' }).click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/File names are letters/);
    await dialog.getByLabel('File name').fill('greeting.ts');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await replaceEditorText(page, 'export const greeting = "hello from greeting.ts"\n');
    await openFile(page, 'run.ts');
    await replaceEditorText(page, 'import { greeting } from "./greeting"\nconsole.log(greeting)\n');
    await clickRun(page);
    expect(await (await openPanel(page, 'Console')).textContent()).toContain('hello from greeting.ts');
    await openFile(page, 'greeting.ts');
    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename greeting.ts' });
    await rename.getByLabel('New name').fill('words.ts');
    await rename.getByRole('button', { name: 'Rename' }).click();
    expect(await page.getByRole('tablist', { name: 'Files' }).getByRole('tab').allTextContents()).toEqual(['auth.ts', 'run.ts', 'words.ts']);
    await clickRun(page);
    expect(await status(page)).toBe(
      'Your code: LoadError at run.ts:1: Cannot import "./greeting" in run.ts: there is no file greeting.ts (files: auth.ts, run.ts, words.ts).',
    );
    expect(await root(page).getAttribute('data-orm')).toBe('sequelize');
    await probe.close();
  });
});
