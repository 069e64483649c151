// The engine check on the playground page of the built site: Sequelize and MikroORM over sql.js
// in a module Web Worker and in page code, each ORM's code downloaded only when that ORM runs.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { librariesIn } from './support/built-code.ts';
import { expectNoConsoleErrors, expectNoFailedRequests, useBrowser, type PageProbe } from './support/page-probe.ts';
import { ENGINE_CHECKS } from '../../src/playground/engine-check/report.ts';

const browser = useBrowser();

type Orm = 'sequelize' | 'mikro-orm';
type Where = 'worker' | 'page';

async function runCheck(probe: PageProbe, orm: Orm, where: Where, how: 'click' | 'keyboard'): Promise<string[]> {
  const before = probe.requests.length;
  const status = probe.page.locator('[data-status]');
  await probe.page.getByLabel(where === 'worker' ? 'a Web Worker' : 'this page').check();
  if (how === 'click') {
    await probe.page.getByLabel(orm === 'sequelize' ? 'Sequelize 6' : 'MikroORM 7').check();
    await probe.page.getByRole('button', { name: /Run engine check/ }).click();
  } else {
    await probe.page.getByLabel(orm === 'sequelize' ? 'Sequelize 6' : 'MikroORM 7').focus();
    await probe.page.keyboard.press('Space');
    await probe.page.keyboard.press('Control+Enter');
  }
  await expect.poll(() => status.textContent(), { timeout: 45_000 }).toMatch(/checks passed|could not run/);
  return probe.requests.slice(before).map((request) => request.url);
}

describe('playground engine check', () => {
  it('loads no ORM and no sql.js until asked, and passes axe', async () => {
    const probe = await browser.openPage('/playground/engine-check/');
    expect(librariesIn(probe.requests.map((request) => request.url))).toEqual([]);
    expect(await axeViolations(probe.page)).toEqual([]);
    expectNoConsoleErrors(probe);
    await probe.close();
  });

  it.each([
    ['sequelize', 'worker', 'click'],
    ['mikro-orm', 'worker', 'keyboard'],
    ['sequelize', 'page', 'click'],
    ['mikro-orm', 'page', 'click'],
  ] as const)('runs every check with %s in the %s (%s), loading only that ORM', async (orm, where, how) => {
    const label = orm === 'sequelize' ? 'Sequelize 6' : 'MikroORM 7';
    const probe = await browser.openPage('/playground/engine-check/');
    const loaded = await runCheck(probe, orm, where, how);
    // Failed checks first: their text says what went wrong.
    expect(await probe.page.locator('.engine-checks li[data-passed="false"]').allInnerTexts()).toEqual([]);
    expect(await probe.page.locator('[data-status]').textContent()).toContain(`${label}: ${ENGINE_CHECKS.length} of ${ENGINE_CHECKS.length} checks passed`);
    expect(await probe.page.locator('.engine-checks li[data-passed="true"]').count()).toBe(ENGINE_CHECKS.length);
    expect(await probe.page.getByRole('region', { name: 'Table users' }).locator('tbody tr').count()).toBe(1);
    expect(await probe.page.getByRole('region', { name: 'Table posts' }).locator('caption').textContent()).toContain('user_id → users(id) ON DELETE CASCADE');
    expect(loaded.some((url) => new URL(url).pathname.endsWith('.wasm'))).toBe(true);
    expect(librariesIn(loaded)).toEqual([orm, 'sql.js', 'sql.js loader'].sort());
    const workerScripts = probe.requests.filter((request) => /worker/i.test(new URL(request.url).pathname));
    expect(workerScripts.length > 0, 'a worker script was loaded').toBe(where === 'worker');
    expect(await axeViolations(probe.page)).toEqual([]);
    expectNoConsoleErrors(probe);
    expectNoFailedRequests(probe);
    await probe.close();
  });
});
