/**
 * What the docs pages make the reader download, and the helpers the playground bench shares:
 * the built site served on loopback, headless Chromium, and "which built file is this URL".
 *
 * For every built docs page: the JS (gzip -9) it loads before the reader interacts (load, then
 * network idle, so whatever a page fetches on its own, e.g. lazily on idle, counts), the typical
 * (median) page and the biggest, and whether any playground code (an ORM, sql.js, Monaco) came
 * along. Target: ≤ 25 kB of JS (Starlight alone is about 12 kB). Prints; never fails.
 *
 *   node bench/docs-weight.ts          (BENCH_DIST=/path/to/dist to measure another build)
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { connectBrowser, launchBrowserServer } from '../tests/browser/support/browser.ts';
import { LIBRARY_MARKERS, type Library } from '../tests/browser/support/built-code.ts';
import { startStaticServer, type ExtraFile } from '../tests/browser/support/static-server.ts';
import { formatTable } from './measure.ts';

/** The build to measure: a copy keeps the figures stable while dist/ is being rebuilt. */
export const DIST = resolve(process.env['BENCH_DIST'] ?? fileURLToPath(new URL('../dist/', import.meta.url)));
const DOCS_JS_TARGET = 25_000;

export interface Site {
  readonly url: string;
  readonly browser: Browser;
  /** Answers `path` with `file` from now on (a bench's own page beside the build; never a path of the build). */
  readonly serve: (path: string, file: ExtraFile) => void;
}

/** Serves DIST and launches Chromium (the browser tests' flags, a fresh profile), then stops both. */
export async function withSite<T>(run: (site: Site) => Promise<T>): Promise<T> {
  if (!existsSync(join(DIST, 'playground', 'index.html'))) {
    throw new Error(`No production build in ${DIST}: run \`npm run build\` first, or set BENCH_DIST.`);
  }
  const extra = new Map<string, ExtraFile>();
  const server = await startStaticServer(DIST, (pathname) => extra.get(pathname));
  const serve = (path: string, file: ExtraFile): void => {
    if (builtFile(`${server.url}${path}`)) throw new Error(`${path} is a file of the build: a bench page must not hide it`);
    extra.set(path, file);
  };
  try {
    const browserServer = await launchBrowserServer();
    try {
      const browser = await connectBrowser(browserServer.wsEndpoint());
      try {
        return await run({ url: server.url, browser, serve });
      } finally {
        await browser.close();
      }
    } finally {
      await browserServer.close(); // also removes the temp profile
    }
  } finally {
    await server.close();
  }
}

export interface BuiltFile {
  readonly path: string;
  readonly raw: number;
  readonly gzip: number;
  readonly text: string;
}
const files = new Map<string, BuiltFile | null>();

/** The file of DIST a URL of the static server was answered with (index.html for a folder). */
export function builtFile(url: string): BuiltFile | null {
  let path = join(DIST, decodeURIComponent(new URL(url).pathname));
  if (path.endsWith(sep) || (existsSync(path) && statSync(path).isDirectory())) path = join(path, 'index.html');
  if (!files.has(path)) {
    const bytes = existsSync(path) && !relative(DIST, path).startsWith('..') ? readFileSync(path) : null;
    files.set(path, bytes && { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString('latin1') });
  }
  return files.get(path)!;
}

/**
 * The libraries in these scripts and wasm files, by the same content markers as the browser
 * tests (built-code.ts). Its librariesIn() reads dist/ itself; this reads DIST, the build the
 * pages were served from, so a rebuild of dist/ meanwhile cannot make a page look clean.
 */
export function librariesIn(urls: readonly string[]): Library[] {
  const found = new Set<Library>();
  for (const url of urls.filter((each) => /\.(m?js|wasm)$/.test(new URL(each).pathname))) {
    const text = builtFile(url)?.text ?? '';
    for (const [library, marker] of Object.entries(LIBRARY_MARKERS) as Array<[Library, string]>) {
      if (text.includes(marker)) found.add(library);
    }
  }
  return [...found].sort();
}

export interface Download {
  readonly url: string;
  readonly resourceType: string;
  readonly startedAt: number;
}

/**
 * Every request of the context that got a response (context-level events include the page's
 * workers and iframes), with its start time in epoch ms, to compare with the page's own clock.
 */
export function recordDownloads(context: BrowserContext): Download[] {
  const downloads: Download[] = [];
  const started = new Map<Request, number>();
  context.on('request', (request) => started.set(request, Date.now()));
  context.on('response', (response) => {
    const request = response.request();
    if (response.status() >= 300 || !response.url().startsWith('http')) return; // redirects, data: URLs
    // timing().startTime is the wall clock the browser saw; the fallback is when we heard of it.
    const startedAt = request.timing().startTime > 0 ? request.timing().startTime : (started.get(request) ?? Date.now());
    downloads.push({ url: response.url(), resourceType: request.resourceType(), startedAt });
  });
  return downloads;
}

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Sum of raw and gzip sizes of these downloads' built files (each file once). */
export function bytesOf(downloads: readonly Download[]): { raw: number; gzip: number; count: number } {
  const unique = new Set(downloads.map((download) => builtFile(download.url)).filter((file): file is BuiltFile => file !== null));
  return [...unique].reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip, count: sum.count + 1 }), { raw: 0, gzip: 0, count: 0 });
}

const isScript = (download: Download): boolean => /\.m?js$/.test(new URL(download.url).pathname);

/** Docs pages: every built page but the playground's. */
function docsPaths(dir = DIST): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
    .map((file) => `/${file.slice(0, -'index.html'.length).split(sep).join('/')}`)
    .filter((path) => path !== '/playground/')
    .sort();
}

interface Weight {
  raw: number;
  gzip: number;
  count: number;
}
interface PageWeight {
  path: string;
  eager: Weight;
  js: Weight;
  all: Weight;
  libraries: Library[];
}

async function weighPage(site: Site, path: string): Promise<PageWeight> {
  const context = await site.browser.newContext(); // empty cache
  try {
    const downloads = recordDownloads(context);
    const page = await context.newPage();
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    // Starlight's search loads the Pagefind UI on idle, after load: shown apart, counted in the total.
    const loadedAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0]!.duration);
    const scripts = downloads.filter(isScript);
    return {
      path,
      eager: bytesOf(scripts.filter((download) => download.startedAt <= loadedAt)),
      js: bytesOf(scripts),
      all: bytesOf(downloads),
      libraries: librariesIn(downloads.map((download) => download.url)),
    };
  } finally {
    await context.close();
  }
}

export async function docsWeight(site: Site): Promise<void> {
  const weights: PageWeight[] = [];
  for (const path of docsPaths()) weights.push(await weighPage(site, path));
  const byJs = [...weights].sort((a, b) => a.js.gzip - b.js.gzip);
  const typical = byJs[Math.floor((byJs.length - 1) / 2)]!; // a real page: the lower median
  const biggest = byJs.at(-1)!;
  const row = (label: string, { path, eager, js, all, libraries }: PageWeight): string[] => [
    `${label} ${path}`,
    kB(eager.gzip),
    eager.gzip <= DOCS_JS_TARGET ? 'met' : 'not met',
    `${js.count}`,
    kB(js.raw),
    kB(js.gzip),
    js.gzip <= DOCS_JS_TARGET ? 'met' : 'not met',
    kB(all.gzip),
    libraries.join(', ') || 'none',
  ];
  console.log(`\nDocs pages (${weights.length}): JS before the reader interacts (load, then network idle), gzip -9:\n`);
  console.log(
    formatTable(
      ['page', 'JS by load', '≤ 25 kB', 'JS files', 'JS raw', 'JS gzip (until idle)', '≤ 25 kB', 'all files gzip', 'playground code'],
      [row('typical (median):', typical), row('biggest:', biggest)],
    ),
  );
  console.log('("JS by load": requested before the load event. "Until idle" adds what the page fetches by itself afterwards, before any interaction:');
  console.log(" on every page that is Starlight's search UI, @pagefind/default-ui, which Starlight imports on requestIdleCallback.)");
  const leaking = weights.filter((weight) => weight.libraries.length > 0);
  console.log(
    leaking.length === 0
      ? 'No docs page loads playground code (ORMs, sql.js, Monaco).'
      : `Playground code on docs pages: ${leaking.map((weight) => `${weight.path} (${weight.libraries.join(', ')})`).join('; ')}`,
  );
  console.log(`Every page, JS gzip: ${weights.map((weight) => `${weight.path} ${kB(weight.js.gzip)}`).join(', ')}`);
}

if (import.meta.main) await withSite(docsWeight);
