// Keyboard and accessibility on the playground: axe in both themes at desktop and phone width
// (every panel, both menus open), names and focus for every control, the menus and the divider
// by keyboard, and the phone layout's Code | Results switch; the Auth.js tab after flows pressed
// by keyboard, in both themes and at phone width.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import { openMenu, openPanel, runs, waitForEditor, waitForRuns } from './support/playground.ts';

const browser = useBrowser();
// Runs in every document, the sandbox's opaque-origin iframe too (where storage throws).
const theme = (name: 'light' | 'dark') => `try { localStorage.setItem('starlight-theme', '${name}') } catch {}`;
const PANELS = ['Tables', 'SQL', 'Console', 'Schema', 'Problems', 'Adapter', 'Auth.js', 'Compare'] as const;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Monaco's own DOM is Monaco's (it has its own accessibility mode); everything else is ours.
const AXE = { exclude: ['.pg-monaco'] };

/** The focused element's accessible name (roughly) and whether it shows a focus outline. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const label =
      element.getAttribute('aria-label') ??
      (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ??
      element.closest('label')?.textContent ??
      element.textContent ??
      '';
    const style = getComputedStyle(element);
    return { label: label.replace(/\s+/g, ' ').trim(), outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
  });
}

const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

describe.each(['light', 'dark'] as const)('the playground in the %s theme', (name) => {
  it('has no axe violations at desktop width, whichever panel or menu is open', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name) });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(name);
    for (const panel of PANELS) {
      await openPanel(page, panel);
      expect(await axeViolations(page, AXE), `${panel} panel`).toEqual([]);
    }
    for (const menu of ['Share', 'Settings'] as const) {
      await openMenu(page, menu);
      expect(await axeViolations(page, AXE), `${menu} menu`).toEqual([]);
      await page.keyboard.press('Escape');
    }
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('has no axe violations at phone width, code or results shown', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name), contextOptions: PHONE });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    expect(await axeViolations(page, AXE), 'code').toEqual([]);
    await page.getByRole('radio', { name: /^Results/ }).check();
    expect(await axeViolations(page, AXE), 'results').toEqual([]);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('keyboard', () => {
  it('reaches every control with Tab, each with an accessible name and a visible focus', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    // In page order; Stop is disabled while nothing runs, and Tab enters a radio group at its
    // checked radio (arrows move within it), so neither Stop nor MikroORM nor PostgreSQL nor @auth is a Tab stop.
    const names = [
      'Sequelize',
      'SQLite (sql.js)',
      '@adapter-lab',
      'Example',
      'Run',
      'Share',
      'Settings',
      'run.ts',
      'New file',
      'Rename',
      'Delete',
      'Resize code and results',
      'Tables',
      'Guide',
    ];
    const reached: string[] = [];
    // Starlight's "Skip to content" link leads to the playground's heading: the next Tab reaches its first control.
    await page.locator('a[href="#_top"]').first().focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 60 && reached.length < names.length; i++) {
      // Tab indents inside the editor: leave it the documented way, Esc then Tab.
      if (await page.evaluate(() => document.activeElement?.closest('.pg-monaco') !== null)) await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now) continue;
      const match = names.find((candidate) => now.label.startsWith(candidate) && !reached.includes(candidate));
      if (match) {
        reached.push(match);
        expect(now.outline, `visible focus on ${match}`).toBe(true);
      }
    }
    expect(reached).toEqual(names);
    // The file and result tab lists: arrows move between tabs (roving focus).
    await page.getByRole('tab', { name: 'Tables' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('SQL');
    expect(await page.getByRole('tabpanel', { name: 'SQL' }).isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Compare');
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('opens the Share and Settings menus with Enter or Space, moves into them, and closes them with Escape or a click outside', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load' });
    const { page } = probe;
    await waitForRuns(page, 1);
    const share = page.getByRole('button', { name: 'Share', exact: true });
    const shareMenu = page.getByRole('group', { name: 'Share', exact: true });
    expect(await share.getAttribute('aria-expanded')).toBe('false');
    expect(await shareMenu.isVisible()).toBe(false);
    await share.focus();
    await page.keyboard.press('Enter');
    expect(await share.getAttribute('aria-expanded')).toBe('true');
    expect(await shareMenu.isVisible()).toBe(true);
    expect((await focused(page))?.label).toBe('Copy link');
    // Every item by Tab, and by the arrows.
    const items: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      items.push((await focused(page))?.label ?? '');
    }
    expect(items).toEqual(['Copy as Markdown for an issue', 'Export .sqlite', 'Import .sqlite']);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.label).toBe('Copy link');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.label).toBe('Import .sqlite');
    await page.keyboard.press('Escape');
    expect(await shareMenu.isVisible()).toBe(false);
    expect(await share.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pg-share-button');

    const settings = page.getByRole('button', { name: 'Settings', exact: true });
    const settingsMenu = page.getByRole('group', { name: 'Settings', exact: true });
    await settings.focus();
    await page.keyboard.press('Space');
    expect(await settingsMenu.isVisible()).toBe(true);
    expect((await focused(page))?.label).toBe('Fresh database each run');
    // A checkbox keeps the menu open (Space toggles it); the help and the guide link are in it.
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Fresh database each run').isChecked()).toBe(false);
    await page.keyboard.press('Space');
    expect(await settingsMenu.isVisible()).toBe(true);
    expect(await settingsMenu.getByRole('link', { name: 'How the playground works' }).getAttribute('href')).toBe('/playground/guide/');
    // Tab past its last item: focus left the menu, so the menu closes.
    await settingsMenu.getByRole('link', { name: 'How the playground works' }).focus();
    await page.keyboard.press('Tab');
    expect(await settingsMenu.isVisible()).toBe(false);
    // A click outside closes an open menu.
    await share.click();
    expect(await shareMenu.isVisible()).toBe(true);
    await page.locator('.pg-statusbar').click({ position: { x: 5, y: 5 } });
    expect(await shareMenu.isVisible()).toBe(false);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('moves the divider with the arrow keys, Home and End (and the pointer); Monaco follows; the position survives a reload', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: { viewport: { width: 1440, height: 900 } } });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const divider = page.getByRole('separator', { name: 'Resize code and results' });
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    expect(await divider.getAttribute('aria-controls')).toBe('pg-code-pane pg-results-pane');
    const before = await box(page, '[data-code]');
    await divider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    expect(await divider.getAttribute('aria-valuenow')).toBe('40');
    const after = await box(page, '[data-code]');
    expect(after.width).toBeLessThan(before.width - 100);
    // Monaco relayouts to its new width (automaticLayout).
    await expect.poll(async () => Math.abs((await box(page, '.pg-monaco .monaco-editor')).width - after.width)).toBeLessThan(3);
    await page.keyboard.press('End');
    expect(await divider.getAttribute('aria-valuenow')).toBe('80');
    await page.keyboard.press('Home');
    expect(await divider.getAttribute('aria-valuenow')).toBe('20');
    // Dragging: to 60 % of the workspace's width.
    const workspace = await box(page, '[data-workspace]');
    const handle = await divider.boundingBox();
    await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
    await page.mouse.down();
    await page.mouse.move(workspace.x + workspace.width * 0.6, handle!.y + handle!.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeCloseTo(60, -1);
    await divider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    expect(await divider.getAttribute('aria-valuenow')).toBe('40');
    await page.reload({ waitUntil: 'load' });
    await waitForRuns(page, 1);
    expect(await divider.getAttribute('aria-valuenow')).toBe('40');
    const reloaded = await box(page, '[data-code]');
    expect(Math.abs(reloaded.width - after.width)).toBeLessThan(3);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('on a phone-width screen', () => {
  it('shows code or results, switched by Code | Results; tables scroll sideways in their region', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: PHONE });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const code = page.locator('[data-code]');
    const results = page.locator('[data-results]');
    // Nothing is forced after the run: the code stays in view, and Results says there is news.
    expect(await code.isVisible()).toBe(true);
    expect(await results.isVisible()).toBe(false);
    const switchToResults = page.getByRole('radio', { name: /^Results/ });
    expect(await page.locator('[data-new-results]').isVisible()).toBe(true);
    // The switch is near the top, full width.
    const switchBox = await box(page, '.pg-view-switch');
    expect(switchBox.y).toBeLessThan(200);
    expect(switchBox.width).toBeGreaterThan(300);
    await switchToResults.check();
    expect(await code.isVisible()).toBe(false);
    expect(await results.isVisible()).toBe(true);
    expect(await page.locator('[data-new-results]').isVisible()).toBe(false);
    const resultsBox = await box(page, '[data-results]');
    expect(resultsBox.width).toBeLessThanOrEqual(390);
    // The results fill the screen down to the status bar; the page itself does not scroll.
    expect(resultsBox.y + resultsBox.height).toBeGreaterThan(700);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(844);
    // Wide tables scroll inside their own region instead of widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const region = page.getByRole('region', { name: 'Table accounts' });
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    // Back to the code, by keyboard (a radio group: arrows).
    await switchToResults.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await code.isVisible()).toBe(true);
    expect(await results.isVisible()).toBe(false);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('at desktop width', () => {
  it('puts the toolbar on one line and the editor beside the results, filling the window', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: { viewport: { width: 1440, height: 900 } } });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const toolbar = await box(page, '.pg-toolbar');
    expect(toolbar.height).toBeLessThan(60);
    const code = await box(page, '[data-code]');
    const results = await box(page, '[data-results]');
    // Side by side, starting right under the toolbar, down to the status bar.
    expect(Math.abs(code.y - (toolbar.y + toolbar.height))).toBeLessThan(3);
    expect(results.x).toBeGreaterThan(code.x + code.width - 1);
    expect(code.y + code.height).toBeGreaterThan(840);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(900);
    // The status bar is one line.
    expect((await box(page, '.pg-statusbar')).height).toBeLessThan(30);
    // Starlight's header (site title, search) stays; its page title is there for screen readers only.
    expect(await page.locator('header.header').isVisible()).toBe(true);
    expect(await page.locator('site-search').first().isVisible()).toBe(true);
    const headings = page.locator('h1').filter({ visible: true });
    expect(await headings.count()).toBe(1);
    expect(await headings.textContent()).toBe('Playground');
    expect(await headings.evaluate((h1) => h1.closest('.content-panel')!.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe.each(['light', 'dark'] as const)('the Auth.js tab in the %s theme', (name) => {
  /** Presses a focused control with the keyboard and waits for the flow's outcome. */
  async function pressKey(page: Page, key: 'Enter' | 'Space'): Promise<void> {
    const before = await runs(page);
    await page.keyboard.press(key);
    await waitForRuns(page, before + 1);
  }

  it('has no axe violations after flows by keyboard (a refused link included), and the pressed button keeps the focus', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name) });
    const { page } = probe;
    await waitForRuns(page, 1);
    const panel = await openPanel(page, 'Auth.js');
    expect(await axeViolations(page, AXE), 'before any flow').toEqual([]);
    await panel.getByRole('button', { name: 'Send magic link' }).focus();
    await pressKey(page, 'Enter');
    // Newest first: the mail just sent (the example's run may have left others).
    const openLink = panel
      .getByRole('list', { name: 'Inbox' })
      .getByRole('button', { name: /^Open link/ })
      .first();
    await openLink.focus();
    await pressKey(page, 'Space');
    expect(await openLink.evaluate((button) => button === document.activeElement)).toBe(true);
    await pressKey(page, 'Enter');
    expect(await panel.locator('[data-auth-error]').textContent()).toBe('Verification');
    // An exchange's details and a call opened, by keyboard too.
    await panel.locator('.pg-http-details > summary').first().focus();
    await page.keyboard.press('Enter');
    await panel.locator('.pg-auth-calls .pg-call > summary').first().click();
    expect(await axeViolations(page, AXE), 'after the flows').toEqual([]);
    // The browser switch is a radio group: arrows move between the two browsers.
    await panel.getByRole('radio', { name: 'This browser' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await panel.getByRole('radio', { name: 'Another device' }).isChecked()).toBe(true);
    expect(await panel.locator('.pg-auth-who').textContent()).toMatch(/^Another device: /);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it('stacks at phone width, with no axe violations and nothing wider than the screen', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name), contextOptions: PHONE });
    const { page } = probe;
    await waitForRuns(page, 1);
    await page.getByRole('radio', { name: /^Results/ }).check();
    const panel = await openPanel(page, 'Auth.js');
    const before = await runs(page);
    await panel.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await waitForRuns(page, before + 1);
    // One column: the last action under the controls, brought into view after the press.
    const controls = (await panel.locator('.pg-auth-controls').boundingBox())!;
    const last = (await panel.locator('.pg-auth-last').boundingBox())!;
    expect(last.y).toBeGreaterThanOrEqual(controls.y + controls.height - 1);
    expect(
      await panel.locator('#pg-auth-last-title').evaluate((title) => {
        const box = title.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
      }),
    ).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, AXE)).toEqual([]);
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
