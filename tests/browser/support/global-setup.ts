// globalSetup of the `browser` vitest project: runs once, in the main vitest process, before any
// browser test file. Serves the BUILT site (dist/) and launches one Chromium; test files reach
// both through inject('baseUrl') / inject('wsEndpoint') (see page-probe.ts useBrowser()).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './browser.ts';
import { startStaticServer } from './static-server.ts';

export const DIST_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the static server serving dist/, without a trailing slash. */
    baseUrl: string;
    /** WebSocket endpoint of the shared Chromium (playwright-core `chromium.connect`). */
    wsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${DIST_DIR}index.html`)) {
    throw new Error(
      `The browser tests run against the built site, and ${DIST_DIR} has no index.html. ` +
        'Run `npm run build` first (`npm test` and `npm run test:browser` build it for you).',
    );
  }
  const server = await startStaticServer(DIST_DIR);
  let browserServer: Awaited<ReturnType<typeof launchBrowserServer>>;
  try {
    browserServer = await launchBrowserServer();
  } catch (error) {
    await server.close();
    throw new Error('Could not launch /usr/bin/chromium. Run `node scripts/ensure-system-packages.ts` (npm test does) or `sudo apt-get install chromium`.', {
      cause: error,
    });
  }
  project.provide('baseUrl', server.url);
  project.provide('wsEndpoint', browserServer.wsEndpoint());
  return async () => {
    await browserServer.close(); // also removes Playwright's temp profile directory
    await server.close();
  };
}
