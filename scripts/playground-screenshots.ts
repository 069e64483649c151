// Screenshots of the playground for the README: light and dark at 1440×900, a phone at 390×844.
//   npm run build && npm exec -- node scripts/playground-screenshots.ts [width×height …]
// Serves dist/ with the tests' static server on a port the OS picks, drives Debian's Chromium
// (playwright-core, a fresh profile removed afterwards) and saves each page once its first result
// is in. Extra arguments such as `1024x768` also save docs/screenshots/playground-1024x768.png
// (for a look at other sizes; the README shows the three default ones).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/browser/support/browser.ts';
import { startStaticServer } from '../tests/browser/support/static-server.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = join(ROOT, 'docs/screenshots');
const RESULT_TIMEOUT_MS = 60_000;

interface Shot {
  file: string;
  theme: 'light' | 'dark';
  width: number;
  height: number;
  phone?: boolean;
}

const SHOTS: Shot[] = [
  { file: 'playground-light.png', theme: 'light', width: 1440, height: 900 },
  { file: 'playground-dark.png', theme: 'dark', width: 1440, height: 900 },
  { file: 'playground-phone.png', theme: 'light', width: 390, height: 844, phone: true },
];

for (const size of process.argv.slice(2)) {
  const match = /^(\d+)x(\d+)(-dark)?$/.exec(size);
  if (!match) throw new Error(`Not a size: ${size} (expected e.g. 1024x768 or 1024x768-dark)`);
  const [, width, height, dark] = match;
  SHOTS.push({
    file: `playground-${width}x${height}${dark ?? ''}.png`,
    theme: dark ? 'dark' : 'light',
    width: Number(width),
    height: Number(height),
    phone: Number(width) < 600,
  });
}

const server = await startStaticServer(join(ROOT, 'dist'));
const profile = await mkdtemp(join(tmpdir(), 'adapter-lab-screenshots-'));
try {
  await mkdir(OUT_DIR, { recursive: true });
  for (const shot of SHOTS) {
    // A persistent context is the one way Playwright accepts a profile directory of our own;
    // one per shot, so no autosave or split position leaks from one screenshot into the next.
    const dir = await mkdtemp(join(profile, 'profile-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: shot.width, height: shot.height },
      ...(shot.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    try {
      // Starlight reads the theme from localStorage before it paints; the sandbox iframe (opaque origin) throws.
      await context.addInitScript(`try { localStorage.setItem('starlight-theme', '${shot.theme}') } catch {}`);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/playground/`, { waitUntil: 'load' });
      await page.waitForSelector('[data-playground][data-runs][data-editor-ready]', { state: 'attached', timeout: RESULT_TIMEOUT_MS });
      // Fonts and Monaco's first paint.
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(500);
      const path = join(OUT_DIR, shot.file);
      await page.screenshot({ path });
      console.log(`saved ${path}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
