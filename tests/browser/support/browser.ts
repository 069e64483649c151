// Debian's Chromium driven by playwright-core (no downloaded browser builds on these machines).
//
// Sharing: the browser project's globalSetup calls `launchBrowserServer()` once and provides its
// WebSocket endpoint; each test file calls `connectBrowser()`. A Playwright browser server speaks
// over a WebSocket, so it works from any vitest worker (threads or forks) with no shared memory,
// and the ~1 s Chromium start-up is paid once per run instead of once per file. Each test file
// still gets its own BrowserContext (fresh cookies, storage and cache).
//
// Profile: Playwright refuses a `--user-data-dir` argument in launch()/launchServer() (it would
// throw "Pass userDataDir parameter to launchPersistentContext"); instead it creates a fresh
// `playwright_chromiumdev_profile-*` directory in os.tmpdir() for every launch and removes it when
// the browser closes. That gives exactly "a fresh temp profile per run, removed afterwards".
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags every Chromium of ours runs with (tests and the README's screenshots). */
export const CHROMIUM_ARGS = [
  // `--headless` comes from `headless: true`; `--no-sandbox` is needed as root (and Playwright adds it too).
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 builds two WebUI omnibox popups (chrome://omnibox-popup.top-chrome) for every
  // window, and each Playwright context is a window: a renderer process per context that spent
  // 1–1.7 CPU-s beside the page under test, on a 2-core machine. Headless has no omnibox to pop
  // up. Chromium merges this list with Playwright's own `--disable-features`.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export async function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    host: '127.0.0.1',
    port: 0, // the OS picks a free port
    timeout: 60_000,
  });
}

/** Connects to the shared browser. `close()` on the result only disconnects this test file. */
export async function connectBrowser(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint, { timeout: 60_000 });
}
