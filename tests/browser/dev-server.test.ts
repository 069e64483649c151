// `npm start` (astro dev) serves the same playground: the runtime's module Web Worker runs
// through Vite's dev pipeline (dependency pre-bundling, worker plugins), not only in the
// production build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './support/dev-server.ts';
import { expectNoConsoleErrors, useBrowser } from './support/page-probe.ts';
import defaultExample from '../../src/playground/examples/sequelize-sign-in/example.json' with { type: 'json' };
import { liveRows, waitForEditor, waitForRuns } from './support/playground.ts';

const browser = useBrowser();
let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
}, 90_000);

afterAll(async () => {
  await server?.close();
});

describe('astro dev', () => {
  it('serves the docs landing page', async () => {
    const probe = await browser.openPage(`${server.url}/`, { waitUntil: 'load' });
    expect(probe.response?.status()).toBe(200);
    expect(await probe.page.locator('h1').first().textContent()).toContain('Adapter Lab');
    await probe.close();
  });

  it('runs the playground: the default example fills its tables, the editor loads', async () => {
    const probe = await browser.openPage(`${server.url}/playground/`, { waitUntil: 'load' });
    await waitForRuns(probe.page, 1);
    // The default example signs people in through Auth.js (loaded on demand, also under astro dev).
    for (const [table, count] of Object.entries(defaultExample.expect.rows)) expect(await liveRows(probe.page, table).count(), table).toBe(count);
    await waitForEditor(probe.page);
    expectNoConsoleErrors(probe);
    await probe.close();
  }, 180_000);
});
