// Keyboard and accessibility on the playground: axe in both themes (with every panel shown),
// names and focus for every control, and a phone-width layout whose panels stack.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import { openPanel, waitForEditor, waitForRuns } from './support/playground.ts';

const browser = useBrowser();
// Runs in every document, the sandbox's opaque-origin iframe too (where storage throws).
const theme = (name: 'light' | 'dark') => `try { localStorage.setItem('starlight-theme', '${name}') } catch {}`;
const PANELS = ['Tables', 'SQL', 'Console', 'Schema', 'Problems', 'Adapter'] as const;

describe.each(['light', 'dark'] as const)('the playground in the %s theme', (name) => {
  it('has no axe violations, whichever panel is open', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', initScript: theme(name) });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(name);
    for (const panel of PANELS) {
      await openPanel(page, panel);
      // Monaco's own DOM is Monaco's (it has its own accessibility mode); everything else is ours.
      expect(await axeViolations(page, { exclude: ['.pg-monaco'] }), `${panel} panel`).toEqual([]);
    }
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
    const names = ['Sequelize', 'MikroORM', 'Example', 'Run', 'Stop', 'Copy link', 'Copy as Markdown for an issue', 'Export .sqlite', 'Import .sqlite', 'Fresh database each run', 'Reset to example'];
    const reached = new Set<string>();
    await page.locator('.pg-intro a').focus();
    for (let i = 0; i < 40 && reached.size < names.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return null;
        const label = element.getAttribute('aria-label') ?? (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null)
          ?? element.closest('label')?.textContent ?? element.textContent ?? '';
        const style = getComputedStyle(element);
        return { label: label.trim(), outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (!focused) continue;
      const match = names.find((candidate) => focused.label.startsWith(candidate));
      if (match) {
        reached.add(match);
        expect(focused.outline, `visible focus on ${match}`).toBe(true);
      }
    }
    // Stop is disabled while nothing runs, and Tab enters a radio group at its checked radio
    // (arrows move within it), so neither is a Tab stop; every other control is.
    expect([...reached].sort()).toEqual(names.filter((name) => name !== 'Stop' && name !== 'MikroORM').sort());
    // The file and result tab lists: arrows move between tabs (roving focus).
    await page.getByRole('tab', { name: 'Tables' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('SQL');
    expect(await page.getByRole('tabpanel', { name: 'SQL' }).isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Adapter');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});

describe('on a phone-width screen', () => {
  it('stacks the code above the results, and the tables stay readable (scrolling sideways)', async () => {
    const probe = await browser.openPage('/playground/', { waitUntil: 'load', contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const code = await page.locator('[data-code]').boundingBox();
    const results = await page.locator('[data-results]').boundingBox();
    expect(code && results && results.y >= code.y + code.height - 1).toBe(true);
    expect(results!.width).toBeLessThanOrEqual(390);
    // Wide tables scroll inside their own region instead of widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const region = page.getByRole('region', { name: 'Table accounts' });
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await axeViolations(page, { exclude: ['.pg-monaco'] })).toEqual([]);
    await probe.close();
  });
});
