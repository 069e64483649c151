/**
 * How fast the playground starts and re-runs, in headless Chromium against the production build
 * on loopback, and what it downloads before its first result.
 *
 * For each ORM's default example (Sequelize on the plain /playground/ URL and by share link,
 * MikroORM by share link): after one uncounted warm-up load, COLD_LOADS loads, each in a fresh
 * context (empty cache), timed from navigation start by the page's own marks; medians against the targets. Then, in one loaded
 * page with the editor ready and the page idle, RERUNS clicks on Run. Prints; never fails: the
 * figures depend on the machine, so a timed assertion would only be noise.
 *
 *   node bench/playground.ts          (BENCH_DIST=/path/to/dist to measure another build)
 */
import type { Page } from 'playwright-core';
import type { OrmId } from '../src/playground/protocol.ts';
import { readExamples } from '../src/playground/build/read-examples.ts';
import { encodeState } from '../src/playground/share/codec.ts';
import { builtFile, bytesOf, kB, librariesIn, median, recordDownloads, withSite, type Download, type Site } from './docs-weight.ts';
import { formatTable } from './measure.ts';

const COLD_LOADS = Number(process.env['BENCH_COLD_LOADS'] ?? 5);
const RERUNS = Number(process.env['BENCH_RERUNS'] ?? 7);
const TIMEOUT_MS = 60_000;

interface Route { readonly label: string; readonly orm: OrmId; readonly path: string; readonly link: boolean }

/** A share link of that ORM's default example, as the playground's Share button writes it. */
function linkTo(orm: OrmId): string {
  const example = readExamples().find((each) => each.orm === orm && each.default)!;
  return `/playground/#${encodeState({ orm, files: example.files, active: example.active, options: { freshDatabase: true } })}`;
}

const ROUTES: Route[] = [
  { label: 'Sequelize, /playground/', orm: 'sequelize', path: '/playground/', link: false },
  { label: 'Sequelize, share link', orm: 'sequelize', path: linkTo('sequelize'), link: true },
  { label: 'MikroORM, share link', orm: 'mikro-orm', path: linkTo('mikro-orm'), link: true },
];

const MILESTONES = ['code visible', 'engine ready', 'first result', 'editor ready'] as const;
type Milestone = (typeof MILESTONES)[number];
const TARGETS: Partial<Record<Milestone, number>> = { 'code visible': 500, 'first result': 800 };
const RERUN_TARGET_MS = 50;
/**
 * Monaco's own code (a class name of its styles). Not built-code.ts's 'monaco' marker: that one
 * is also in the playground's entry chunk, which names the Monaco chunks it imports later.
 */
const MONACO_CODE = 'monaco-editor-background';

/**
 * Runs before the page's scripts: notes when the server-rendered code enters the DOM (the
 * parser inserts it; the observer sees that insertion), so "code visible" needs no JS of ours.
 */
const CODE_IN_DOM_PROBE = `
new MutationObserver((_, observer) => {
  const view = document.querySelector('[data-code-view]');
  if (view && view.textContent.trim()) { window.__codeInDom = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true, characterData: true });`;

/** A download with `at`, when its request started in ms from navigation start (the page's clock). */
type Timed = Download & { readonly at: number };
interface ColdLoad { readonly times: Record<Milestone, number>; readonly detail: Record<string, number>; readonly downloads: Timed[] }

/** What the page knows once its first result and the editor are in: marks, paints, fetch timings. */
async function pageTimes(page: Page): Promise<{ marks: Record<string, number>; detail: Record<string, number>; timeOrigin: number; started: Array<[string, number]> }> {
  return page.evaluate(() => {
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('playground:')).map((mark) => [mark.name.slice(11), mark.startTime]));
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    // The page fetches the worker script and the wasm itself and hands them to the sandbox.
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const fetched = (pattern: RegExp): number => resources
      .find((entry) => entry.initiatorType === 'fetch' && pattern.test(new URL(entry.name).pathname))?.responseEnd ?? Number.NaN;
    const detail = {
      'HTML received': navigation.responseEnd,
      'first contentful paint': paint,
      'code in DOM': (window as { __codeInDom?: number }).__codeInDom ?? Number.NaN,
      'DOMContentLoaded': navigation.domContentLoadedEventEnd,
      'worker script fetched': fetched(/\.js$/),
      'sql.js wasm fetched': fetched(/\.wasm$/),
    };
    return { marks, detail, timeOrigin: performance.timeOrigin, started: resources.map((entry): [string, number] => [entry.name, entry.startTime]) };
  });
}

/**
 * Each download's start on the page's clock, the one its marks use: the page's own resource
 * timing where it lists the request (Monaco is requested the same millisecond as the
 * first-result mark, so a few ms of skew would misfile it), else Playwright's wall-clock time.
 */
function onPageClock(downloads: readonly Download[], started: ReadonlyArray<[string, number]>, timeOrigin: number): Timed[] {
  const unused = [...started];
  return downloads.map((download) => {
    const index = unused.findIndex(([url]) => url === download.url);
    const at = index === -1 ? download.startedAt - timeOrigin : unused.splice(index, 1)[0]![1];
    return { ...download, at };
  });
}

async function coldLoad(site: Site, route: Route, keepOpen?: (page: Page) => Promise<void>): Promise<ColdLoad> {
  const context = await site.browser.newContext(); // empty cache, storage and autosave
  try {
    await context.addInitScript(CODE_IN_DOM_PROBE);
    const downloads = recordDownloads(context);
    const page = await context.newPage();
    await page.goto(`${site.url}${route.path}`);
    await page.waitForSelector('[data-playground][data-first-result][data-editor-ready]', { state: 'attached', timeout: TIMEOUT_MS });
    const { marks, detail, timeOrigin, started } = await pageTimes(page);
    // Code visible: on /playground/ the server-rendered code is what the reader sees, so it is
    // visible at the first paint after it is in the DOM (FCP itself unless the parser was slower);
    // the page's code-visible mark comes later, once its script took the code view over. A link's
    // code is not in the HTML: it is visible at the mark (painted in that frame), FCP at the earliest.
    const shown = route.link ? marks['code-visible']! : detail['code in DOM']!;
    const times = {
      'code visible': Math.max(detail['first contentful paint']!, shown),
      'engine ready': marks['engine-ready']!,
      'first result': marks['first-result']!,
      'editor ready': marks['editor-ready']!,
    };
    const timed = onPageClock(downloads, started, timeOrigin);
    if (keepOpen) await keepOpen(page);
    // The runtime normally starts from the page's inline script (early-boot.ts), which sets no
    // marks of its own; runtime-start/sandbox-ready/worker-source appear only when the page had
    // to start one itself.
    const steps = { 'code-visible mark': marks['code-visible']!, 'runtime adopted or ready': marks['runtime-ready']!, 'page-started runtime': marks['runtime-start'] ?? Number.NaN };
    return { times, detail: { ...detail, ...steps }, downloads: timed };
  } finally {
    await context.close();
  }
}

/** Waits until the page has had nothing to do for `quietMs` (no long task, idle callbacks on time). */
async function settle(page: Page, quietMs = 1000): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate((quiet) => new Promise<void>((resolve) => {
    let since = performance.now();
    const tick = (): void => {
      requestIdleCallback((deadline) => {
        if (deadline.timeRemaining() < 10) since = performance.now(); // the main thread was busy
        if (performance.now() - since >= quiet) resolve();
        else setTimeout(tick, 50);
      });
    };
    tick();
  }), quietMs);
}

/** One click on Run, timed in the page: click → the run-finished mark; and the runtime's own duration. */
async function rerun(page: Page): Promise<{ page: number; runtime: number }> {
  return page.evaluate(() => new Promise<{ page: number; runtime: number }>((resolve, reject) => {
    const root = document.querySelector<HTMLElement>('[data-playground]')!;
    const button = root.querySelector<HTMLButtonElement>('[data-run]')!;
    if (button.disabled) reject(new Error('Run is disabled: the page is busy.'));
    const observer = new PerformanceObserver((list) => {
      const finished = list.getEntriesByName('playground:run-finished')[0];
      if (!finished) return;
      observer.disconnect();
      resolve({ page: finished.startTime - started, runtime: Number(root.dataset['lastDurationMs']) });
    });
    observer.observe({ type: 'mark' });
    const started = performance.now();
    button.click();
  }));
}

async function reruns(page: Page): Promise<Array<{ page: number; runtime: number }>> {
  await settle(page);
  const samples = [];
  for (let i = 0; i < RERUNS; i++) {
    samples.push(await rerun(page));
    await settle(page, 300); // each run from an idle page, like a reader's click
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Reports

const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');
const verdict = (value: number, target: number | undefined): string => (target === undefined ? '' : !Number.isFinite(value) ? 'not measured' : value <= target ? 'met' : 'not met');

interface RouteResult { route: Route; loads: ColdLoad[]; reruns: Array<{ page: number; runtime: number }> }

function printTimes(results: RouteResult[]): void {
  const rows = results.flatMap(({ route, loads, reruns: samples }) => [
    ...MILESTONES.map((milestone) => {
      const value = median(loads.map((load) => load.times[milestone]));
      const target = TARGETS[milestone];
      return [route.label, `navigation → ${milestone}`, ms(value), target ? `≤ ${target} ms` : '', verdict(value, target)];
    }),
    ...(['page', 'runtime'] as const).map((side) => {
      const value = median(samples.map((sample) => sample[side]));
      const what = side === 'page' ? 're-run: click → run-finished' : 're-run: runtime duration';
      return [route.label, what, ms(value), `≤ ${RERUN_TARGET_MS} ms`, verdict(value, RERUN_TARGET_MS)];
    }),
  ]);
  console.log(`Playground timings, medians of ${COLD_LOADS} cold loads and ${RERUNS} re-runs:\n`);
  console.log(formatTable(['route', 'measure', 'median', 'target', 'verdict'], rows));
}

function printDetail(results: RouteResult[]): void {
  const names = Object.keys(results[0]!.loads[0]!.detail);
  console.log('\nOn the way (medians, ms from navigation start):\n');
  console.log(formatTable(['route', ...names], results.map(({ route, loads }) => [route.label, ...names.map((name) => ms(median(loads.map((load) => load.detail[name]!))))])));
  console.log('\nSamples (ms):');
  for (const { route, loads, reruns: samples } of results) {
    const list = (values: number[]): string => values.map((value) => Math.round(value)).join(' ');
    console.log(`  ${route.label}: ${MILESTONES.map((milestone) => `${milestone} [${list(loads.map((load) => load.times[milestone]))}]`).join(', ')}; ` +
      `re-run page [${list(samples.map((sample) => sample.page))}], runtime [${samples.map((sample) => sample.runtime.toFixed(1)).join(' ')}]`);
  }
}

/** The groups a download falls in, by how the page asked for it (not by the bundler's names). */
function groupOf(download: Download): string {
  const path = new URL(download.url).pathname;
  if (path.endsWith('.wasm')) return 'sql.js wasm';
  if (/\.m?js$/.test(path)) return download.resourceType === 'script' ? 'page JS' : 'worker script (fetched by the page)';
  if (path.endsWith('.css')) return 'CSS';
  if (download.resourceType === 'document' || path.endsWith('/')) return 'HTML';
  return 'other';
}

function printBytes(results: RouteResult[]): void {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const { route, loads } of results) {
    // One cold load's downloads: those whose request started before the first result.
    const load = loads[0]!;
    const before = load.downloads.filter((download) => download.at < load.times['first result']);
    const groups = [...new Set(before.map(groupOf))].sort();
    for (const group of groups) {
      const bytes = bytesOf(before.filter((download) => groupOf(download) === group));
      rows.push([route.label, group, String(bytes.count), kB(bytes.raw), kB(bytes.gzip)]);
    }
    const total = bytesOf(before);
    const monaco = before.filter((download) => builtFile(download.url)?.text.includes(MONACO_CODE));
    rows.push([route.label, 'total', String(total.count), kB(total.raw), kB(total.gzip)]);
    notes.push(`${route.label}: Monaco before the first result: ${monaco.length === 0 ? 'no' : `YES (${monaco.map((download) => new URL(download.url).pathname).join(', ')})`}; ` +
      `libraries: ${librariesIn(before.map((download) => download.url)).filter((library) => library !== 'monaco').join(', ')}`);
    const unknown = before.filter((download) => !builtFile(download.url)).map((download) => download.url);
    if (unknown.length > 0) console.warn(`Not found in the build (not counted): ${unknown.join(', ')}`);
  }
  console.log('\nDownloaded before the first result (files of the build; raw = as a host sends it uncompressed, gzip = gzip -9):\n');
  console.log(formatTable(['route', 'group', 'files', 'raw', 'gzip'], rows));
  console.log(notes.join('\n'));
}

async function measure(site: Site): Promise<RouteResult[]> {
  // One load first, not counted: a just-launched Chromium and a cold static server are slower
  // than a reader's running browser, and whichever route came first would pay for it.
  await coldLoad(site, ROUTES[0]!);
  const results: RouteResult[] = [];
  for (const route of ROUTES) {
    const loads: ColdLoad[] = [];
    let samples: Array<{ page: number; runtime: number }> = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      // The last load stays open for the re-runs, so they run in a page that started cold.
      const last = i === COLD_LOADS - 1;
      loads.push(await coldLoad(site, route, last ? async (page) => { samples = await reruns(page); } : undefined));
    }
    results.push({ route, loads, reruns: samples });
  }
  return results;
}

if (import.meta.main) {
  const results = await withSite(measure);
  printTimes(results);
  printDetail(results);
  printBytes(results);
}
