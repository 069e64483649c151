import { chromium } from 'playwright-core';
import { startStaticServer } from '/work/main/tests/browser/support/static-server.ts';
const server = await startStaticServer('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.log('console.error', m.text()); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(server.url + '/playground/', { waitUntil: 'commit' });
await page.locator('label', { has: page.locator('input[value="mikro-orm"]') }).click();
await page.screenshot({ path: '/tmp/manual/1-clicked-early.png' });
await page.waitForFunction(() => document.querySelector('[data-playground]')?.getAttribute('data-runs'), null, { timeout: 30000 });
await page.waitForTimeout(500);
await page.screenshot({ path: '/tmp/manual/2-mikro-result.png' });
console.log('status:', await page.locator('[data-status-line]').textContent(), '|', await page.locator('[data-runtime-state]').textContent());
// Share menu open
await page.getByRole('button', { name: /Share/ }).click();
await page.screenshot({ path: '/tmp/manual/3-share-menu.png' });
await page.keyboard.press('Escape');
// paste official docs MikroORM snippet style: change example then hash link with syntax error
await page.evaluate(() => { location.hash = '#garbage-link'; });
await page.waitForTimeout(800);
await page.screenshot({ path: '/tmp/manual/4-bad-link.png' });
await context.close(); await browser.close(); await server.close();
