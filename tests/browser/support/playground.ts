// Driving the playground page in the browser tests: wait for runs, read panels, edit in Monaco.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { readExamples } from '../../../src/playground/build/read-examples.ts';
import { ormEntry, type OrmId } from '../../../src/playground/orm-registry.ts';
import { encodeState } from '../../../src/playground/share/codec.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';

export const RUN_TIMEOUT = 45_000;

export const ADAPTER_TABLES: Readonly<Record<OrmId, readonly string[]>> = {
  sequelize: ['users', 'accounts', 'sessions', 'verification_tokens'],
  'mikro-orm': ['user', 'account', 'session', 'verification_token'],
};

export function exampleState(id: string): PlaygroundState {
  const example = readExamples().find((candidate) => candidate.id === id);
  if (!example) throw new Error(`no example ${id}`);
  return { orm: example.orm, engine: 'sqlite', implementation: 'ours', files: example.files, active: example.active, options: { freshDatabase: true } };
}

export function defaultState(orm: OrmId): PlaygroundState {
  return exampleState(ormEntry(orm).defaultExample);
}

/** `/playground/#…` for a state. */
export function linkTo(state: PlaygroundState): string {
  return `/playground/#${encodeState(state)}`;
}

export function root(page: Page): Locator {
  return page.locator('[data-playground]');
}

export async function runs(page: Page): Promise<number> {
  return Number((await root(page).getAttribute('data-runs')) ?? 0);
}

/** Waits until the page has shown `count` outcomes in all (runs, calls, flows, imports). */
export async function waitForRuns(page: Page, count: number): Promise<void> {
  await expect.poll(() => runs(page), { timeout: RUN_TIMEOUT }).toBeGreaterThanOrEqual(count);
  await expect.poll(() => root(page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('false');
}

export async function waitForEditor(page: Page): Promise<void> {
  await expect.poll(() => root(page).getAttribute('data-editor-ready'), { timeout: RUN_TIMEOUT }).not.toBeNull();
}

/** Waits for the page to be idle again after an action (busy flag down). */
export async function waitIdle(page: Page): Promise<void> {
  await expect.poll(() => root(page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('false');
}

export function status(page: Page): Promise<string | null> {
  return page.locator('[data-status-line]').textContent();
}

/** Opens a toolbar menu (Share, Settings) unless it is open, and returns its panel. */
export async function openMenu(page: Page, name: 'Share' | 'Settings'): Promise<Locator> {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('group', { name, exact: true });
}

/** Clicks an item of a toolbar menu (the menu closes after a button's action). */
export async function menuAction(page: Page, menu: 'Share' | 'Settings', item: string): Promise<void> {
  await (await openMenu(page, menu)).getByRole('button', { name: item, exact: true }).click();
}

export async function openPanel(page: Page, name: 'Tables' | 'SQL' | 'Console' | 'Schema' | 'Problems' | 'Adapter' | 'Auth.js' | 'Compare'): Promise<Locator> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  return page.getByRole('tabpanel', { name: new RegExp(`^${name}`) });
}

/** A result table by its caption (the table's name). */
export function resultTable(page: Page, name: string): Locator {
  return page.locator('#pg-panel-tables table').filter({ has: page.locator('caption', { hasText: new RegExp(`^${name}$`) }) });
}

/** Live (not deleted) rows of a result table. */
export function liveRows(page: Page, name: string): Locator {
  return resultTable(page, name).locator('tbody tr[data-status]:not([data-status="deleted"])');
}

/**
 * Replaces the open file's text in Monaco by pasting it (typing would auto-close brackets and
 * auto-indent, changing the text).
 */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await waitForEditor(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await focusEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
}

/** Puts the keyboard focus in Monaco (it takes input through an EditContext, not a textarea). */
export async function focusEditor(page: Page): Promise<void> {
  await waitForEditor(page);
  await page.locator('.pg-monaco .view-lines').first().click();
}

export async function openFile(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** Clicks Run and waits for its outcome; a run that did not start fails with the status line. */
export async function clickRun(page: Page): Promise<void> {
  const before = await runs(page);
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect.poll(async () => ((await runs(page)) > before ? 'ran' : await status(page)), { timeout: RUN_TIMEOUT }).toBe('ran');
  await waitIdle(page);
}
