// Opens pages of the built site in the shared Chromium and records what went wrong on them.
//
// Every listener is on the BrowserContext, not the Page, and each probe owns its context. Verified
// with a module Web Worker (worker script, its static imports and its fetch() calls) through
// `chromium.connect()`: context 'request'/'response'/'requestfailed' see the worker's requests,
// context 'console' sees the worker's console.error and 'weberror' its uncaught exceptions (the
// page-level events happen to report them too for dedicated workers, but only context-level
// events also cover service workers, so we use those).
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { connectBrowser } from './browser.ts';

export interface RequestRecord {
  url: string;
  /** Playwright's resourceType(): document, script, fetch, stylesheet, image… (worker scripts are 'script'). */
  resourceType: string;
  method: string;
}

export interface PageProbe {
  page: Page;
  context: BrowserContext;
  /** The main document's response (null for same-document navigations). */
  response: Response | null;
  /** console.error messages and uncaught exceptions, from the page and its workers. */
  errors: string[];
  /** Requests that failed at the network level, and responses with status ≥ 400. */
  failedRequests: string[];
  /** Every request, in order, including those of Web Workers. */
  requests: RequestRecord[];
  close(): Promise<void>;
}

export interface OpenOptions {
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle';
  /** For the fresh context: viewport, permissions (clipboard), color scheme… */
  contextOptions?: BrowserContextOptions;
  /** Runs in every document of the context before its own scripts (e.g. to pick a theme). */
  initScript?: string;
}

export interface BrowserHandle {
  /** Origin of the static server serving dist/, without a trailing slash. */
  baseUrl: string;
  /**
   * Opens `path` (e.g. `/start-here/introduction/`, or an absolute URL) in a fresh context. Waits for
   * 'networkidle' by default, so what a page loads lazily on its own (e.g. Pagefind's UI on
   * idle) is in the logs; pass 'load' where the page keeps the network busy.
   */
  openPage(path: string, options?: OpenOptions): Promise<PageProbe>;
}

/**
 * Call once at the top of a browser test file: connects to the browser the globalSetup
 * launched (beforeAll) and disconnects after the file, closing any probe left open.
 */
export function useBrowser(): BrowserHandle {
  const baseUrl = inject('baseUrl');
  let browser: Browser | undefined;
  const open = new Set<PageProbe>();
  beforeAll(async () => {
    browser = await connectBrowser(inject('wsEndpoint'));
  });
  afterAll(async () => {
    await Promise.all([...open].map((probe) => probe.close()));
    await browser?.close(); // disconnects only; the globalSetup owns the browser
  });
  return {
    baseUrl,
    async openPage(path, options = {}) {
      if (!browser) throw new Error('useBrowser(): openPage() called outside a test or hook');
      const probe = await openProbe(browser, baseUrl, path, options);
      open.add(probe);
      const close = probe.close;
      probe.close = async () => {
        open.delete(probe);
        await close();
      };
      return probe;
    },
  };
}

async function openProbe(browser: Browser, baseUrl: string, path: string, options: OpenOptions): Promise<PageProbe> {
  const waitUntil = options.waitUntil ?? 'networkidle';
  const context = await browser.newContext(options.contextOptions);
  if (options.initScript) await context.addInitScript(options.initScript);
  const errors: string[] = [];
  const failedRequests: string[] = [];
  const requests: RequestRecord[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  context.on('weberror', (webError) => errors.push(`uncaught: ${describeError(webError.error())}`));
  context.on('request', (request) => requests.push({ url: request.url(), resourceType: request.resourceType(), method: request.method() }));
  context.on('requestfailed', (request) => failedRequests.push(`${request.failure()?.errorText ?? 'failed'}: ${request.method()} ${request.url()}`));
  context.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  const page = await context.newPage();
  const response = await page.goto(new URL(path, baseUrl).href, { waitUntil });
  return { page, context, response, errors, failedRequests, requests, close: () => context.close() };
}

// A rejected dynamic import (e.g. a chunk that 404s) can arrive with an empty message and stack.
function describeError(error: Error): string {
  if (error.stack) return error.stack;
  if (error.message) return `${error.name}: ${error.message}`;
  return `${error.name || 'Error'} without a message (e.g. a rejected promise with no reason)`;
}

export function expectNoConsoleErrors(probe: PageProbe): void {
  expect(probe.errors, `console errors / uncaught exceptions on ${probe.page.url()}`).toEqual([]);
}

export function expectNoFailedRequests(probe: PageProbe): void {
  expect(probe.failedRequests, `failed requests on ${probe.page.url()}`).toEqual([]);
}
