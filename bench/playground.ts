/**
 * How fast the playground shows its first result, as a ratio to a floor measured in the same
 * Chromium run, and what it downloads before then: headless Chromium against the production
 * build on loopback. Absolute times move 2–3× between machines; the floor (playground-floor.ts:
 * a bare worker running sql.js and the default example's very statements) moves with them.
 *
 * One uncounted warm-up load of /playground/ also reads the default run's SQL log for the floor.
 * Then COLD_LOADS rounds, each: the floor, then every route (playground-routes.ts), each load in
 * a fresh context (empty cache), timed from navigation start by the page's own marks (the
 * switch-ORM route: click → the first MikroORM outcome); medians. Then, in the last round's
 * loaded pages, RERUNS clicks on Run, each from an idle page. Prints; fails only when a route
 * errors or never shows a result: timings depend on the machine, so a timed assertion would
 * only be noise.
 *
 *   node bench/playground.ts          (BENCH_DIST=/path/to/dist to measure another build;
 *                                      BENCH_COLD_LOADS=5, BENCH_RERUNS=7)
 */
import type { Page } from 'playwright-core';
import { builtFile, bytesOf, kB, librariesIn, median, recordDownloads, withSite, type Download, type Site } from './docs-weight.ts';
import { formatTable } from './measure.ts';
import { describeLog, floorLoad, readStatementLog, serveFloor, STATEMENT_LOG_PROBE, type FloorTiming, type LoggedStatement } from './playground-floor.ts';
import { pgliteFloorLoad, servePgliteFloor } from './playground-pglite-floor.ts';
import { playgroundRoutes, type Route } from './playground-routes.ts';
import { ENGINE_IDS, type EngineId } from '../src/playground/engine-registry.ts';
import { DEFAULT_ORM } from '../src/playground/orm-registry.ts';

const COLD_LOADS = Number(process.env['BENCH_COLD_LOADS'] ?? 5);
const RERUNS = Number(process.env['BENCH_RERUNS'] ?? 7);
const TIMEOUT_MS = 60_000;

const ROUTES = playgroundRoutes();

const MILESTONES = ['code visible', 'engine ready', 'first result', 'editor ready'] as const;
type Milestone = (typeof MILESTONES)[number];
/** Every route's first result, as a multiple of its engine's floor. */
const ROUTE_TARGET_RATIO = 1.5;
/** A re-run's target per engine: PostgreSQL empties its database with DDL and runs the ORMs over the pg wire protocol. */
const RERUN_TARGET_MS: Readonly<Record<EngineId, number>> = { sqlite: 50, postgres: 100 };

/** Each engine's floor: what it is, how one cold load is timed, and how it is put on the server. */
const FLOORS: Readonly<
  Record<
    EngineId,
    {
      readonly label: string;
      readonly describe: string;
      readonly serve: (site: Site, statements: readonly LoggedStatement[]) => void;
      readonly load: (site: Site, statements: readonly LoggedStatement[], timeoutMs: number) => Promise<FloorTiming>;
    }
  >
> = {
  sqlite: {
    label: "floor: bare worker, sql.js, the default run's statements",
    describe: "a bare page's worker fetches the playground's sql.js wasm and sql.js's loader, opens a database and runs the default example's SQL log",
    serve: serveFloor,
    load: floorLoad,
  },
  postgres: {
    label: "PostgreSQL floor: bare worker, PGlite, the default run's statements",
    describe:
      "a bare page's module worker fetches the playground's PGlite wasm, data bundle and fresh data directory, starts PGlite from them and runs the Sequelize default example's SQL log on PostgreSQL",
    serve: servePgliteFloor,
    load: pgliteFloorLoad,
  },
};
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
interface ColdLoad {
  readonly times: Record<Milestone, number>;
  readonly detail: Record<string, number>;
  readonly downloads: Timed[];
  /** The switch-ORM route: click on the other ORM → its first outcome, in ms. */
  readonly switched?: number;
}

/** What the page knows once its first result and the editor are in: marks, paints, fetch timings. */
async function pageTimes(
  page: Page,
): Promise<{ marks: Record<string, number>; detail: Record<string, number>; timeOrigin: number; started: Array<[string, number]> }> {
  return page.evaluate(() => {
    const marks = Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((mark) => mark.name.startsWith('playground:'))
        .map((mark) => [mark.name.slice(11), mark.startTime]),
    );
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    // The page fetches the worker script and sql.js's wasm itself and hands them to the sandbox
    // (PGlite's files are read by a worker of the page's own, early-boot.ts: not in this list).
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const fetched = (pattern: RegExp): number =>
      resources.find((entry) => entry.initiatorType === 'fetch' && pattern.test(new URL(entry.name).pathname))?.responseEnd ?? Number.NaN;
    const detail = {
      'HTML received': navigation.responseEnd,
      'first contentful paint': paint,
      'code in DOM': (window as { __codeInDom?: number }).__codeInDom ?? Number.NaN,
      DOMContentLoaded: navigation.domContentLoadedEventEnd,
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

interface LoadOptions {
  /** Another init script (the warm-up's SQL-log probe). */
  readonly probe?: string;
  /** Runs in the loaded page before its context closes (re-runs, reading the SQL log). */
  readonly keepOpen?: (page: Page) => Promise<void>;
}

/**
 * Waits for the page's first outcome, or its error: the first-result mark comes with every
 * finished run, the status line says whether it failed (a compile failure sets no mark at all).
 * Throws, with the status line's text, unless it shows `orm`'s result.
 */
async function firstOutcome(page: Page, orm: Route['orm']): Promise<void> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector<HTMLElement>('[data-playground]');
      return root?.dataset['firstResult'] !== undefined || document.querySelector<HTMLElement>('[data-status-line]')?.dataset['kind'] === 'error';
    },
    undefined,
    { timeout: TIMEOUT_MS },
  );
  const state = await page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('[data-playground]')!;
    const status = document.querySelector<HTMLElement>('[data-status-line]');
    return { runs: Number(root.dataset['runs'] ?? 0), orm: root.dataset['orm'], kind: status?.dataset['kind'], text: status?.textContent?.trim() ?? '' };
  });
  if (state.kind === 'error' || state.runs === 0) throw new Error(`no result (status ${state.kind ?? 'unknown'}): ${state.text}`);
  if (state.orm !== orm) throw new Error(`the result is ${state.orm ?? 'unknown'}'s, not ${orm}'s`);
}

async function coldLoad(site: Site, route: Route, options: LoadOptions = {}): Promise<ColdLoad> {
  const context = await site.browser.newContext(); // empty cache, storage and autosave
  try {
    await context.addInitScript(CODE_IN_DOM_PROBE);
    if (options.probe) await context.addInitScript(options.probe);
    const downloads = recordDownloads(context);
    const page = await context.newPage();
    await page.goto(`${site.url}${route.path}`);
    // A switch starts on the plain page: the default ORM's outcome comes first.
    await firstOutcome(page, route.kind === 'switch' ? DEFAULT_ORM : route.orm);
    await page.waitForSelector('[data-playground][data-editor-ready]', { state: 'attached', timeout: TIMEOUT_MS });
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
    // A reader switches ORM once the page has shown its result and settled.
    const switched =
      route.kind === 'switch'
        ? await (async () => {
            await settle(page, 300);
            return (await clickToOutcome(page, `input[name="pg-orm"][value="${route.orm}"]`, route.orm)).page;
          })()
        : undefined;
    if (options.keepOpen) await options.keepOpen(page);
    // The runtime normally starts from the page's inline script (early-boot.ts), which sets no
    // marks of its own; runtime-start/sandbox-ready/worker-source appear only when the page had
    // to start one itself.
    const steps = {
      'code-visible mark': marks['code-visible']!,
      'runtime adopted or ready': marks['runtime-ready']!,
      'page-started runtime': marks['runtime-start'] ?? Number.NaN,
    };
    return { times, detail: { ...detail, ...steps }, downloads: timed, ...(switched === undefined ? {} : { switched }) };
  } finally {
    await context.close();
  }
}

/**
 * Waits until the page has had nothing to do for `quietMs` (no long task, idle callbacks on
 * time), for at most TIMEOUT_MS: settling is for fair clicks, not a result, so a page that never
 * goes quiet (a machine busy with other work) is clicked anyway rather than failed.
 */
async function settle(page: Page, quietMs = 1000): Promise<void> {
  const until = Date.now() + TIMEOUT_MS;
  await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS }).catch(() => {});
  await page.evaluate(
    ({ quiet, left }) =>
      new Promise<void>((resolve) => {
        const deadline = performance.now() + left;
        let since = performance.now();
        const tick = (): void => {
          requestIdleCallback((idle) => {
            if (idle.timeRemaining() < 10) since = performance.now(); // the main thread was busy
            if (performance.now() - since >= quiet || performance.now() >= deadline) resolve();
            else setTimeout(tick, 50);
          });
        };
        tick();
      }),
    { quiet: quietMs, left: Math.max(0, until - Date.now()) },
  );
}

interface Clicked {
  readonly page: number;
  readonly runtime: number;
}

/**
 * One click on `selector`, timed in the page: click → the next outcome of `orm` (the root's
 * `data-runs` goes up; its tables are rendered by then), and the runtime's own duration of it.
 * Rejects with the status line when the page reports an error instead.
 */
async function clickToOutcome(page: Page, selector: string, orm: Route['orm']): Promise<Clicked> {
  return page.evaluate(
    ({ selector, orm, timeoutMs }) =>
      new Promise<Clicked>((resolve, reject) => {
        const root = document.querySelector<HTMLElement>('[data-playground]')!;
        const status = document.querySelector<HTMLElement>('[data-status-line]');
        const target = document.querySelector<HTMLElement>(selector);
        if (!target) return reject(new Error(`no ${selector} on the page`));
        if (target instanceof HTMLButtonElement && target.disabled) return reject(new Error(`${selector} is disabled: the page is busy.`));
        const before = Number(root.dataset['runs'] ?? 0);
        const timer = setTimeout(() => finish(new Error(`no outcome within ${timeoutMs} ms of the click on ${selector}`)), timeoutMs);
        const observer = new MutationObserver(() => {
          if (Number(root.dataset['runs'] ?? 0) > before && root.dataset['orm'] === orm)
            finish({ page: performance.now() - started, runtime: Number(root.dataset['lastDurationMs']) });
          else if (status?.dataset['kind'] === 'error') finish(new Error(`no result (status error): ${status.textContent?.trim()}`));
        });
        const finish = (result: Clicked | Error): void => {
          observer.disconnect();
          clearTimeout(timer);
          if (result instanceof Error) reject(result);
          else resolve(result);
        };
        observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-runs', 'data-kind'], subtree: true });
        const started = performance.now();
        target.click();
        return undefined;
      }),
    { selector, orm, timeoutMs: TIMEOUT_MS },
  );
}

async function reruns(page: Page, orm: Route['orm']): Promise<Clicked[]> {
  await settle(page);
  const samples = [];
  for (let i = 0; i < RERUNS; i++) {
    samples.push(
      await clickToOutcome(page, '[data-run]', orm).catch((error: unknown) => {
        throw new Error(`re-run ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }),
    );
    await settle(page, 300); // each run from an idle page, like a reader's click
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Reports

const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');
const ratio = (value: number, floor: number): string => (Number.isFinite(value) ? `${(value / floor).toFixed(2)}×` : '–');
const verdict = (met: boolean | undefined): string => (met === undefined ? 'not measured' : met ? 'met' : 'not met');
const list = (values: readonly number[]): string => `[${values.map((value) => Math.round(value)).join(' ')}]`;

interface RouteResult {
  readonly route: Route;
  readonly loads: ColdLoad[];
  readonly reruns: Clicked[];
  failure?: string;
}
interface Results {
  readonly floors: Readonly<Record<EngineId, FloorTiming[]>>;
  readonly statements: Readonly<Record<EngineId, readonly LoggedStatement[]>>;
  readonly routes: RouteResult[];
}

/** A route's first result: the first-result mark of a load, or click → outcome for the switch. */
const firstResult = (route: Route, load: ColdLoad): number => (route.kind === 'switch' ? load.switched! : load.times['first result']);

function printSummary({ floors, statements, routes }: Results): void {
  const rows: string[][] = [];
  const floorOf = (engine: EngineId): number => median(floors[engine].map((timing) => timing.done));
  const statementsOf = (engine: EngineId): number => median(floors[engine].map((timing) => timing.statementsMs));
  for (const engine of ENGINE_IDS) rows.push([FLOORS[engine].label, ms(floorOf(engine)), '1.00×', '', '']);
  for (const { route, loads, failure } of routes) {
    const base = floorOf(route.engine);
    const value = loads.length > 0 ? median(loads.map((load) => firstResult(route, load))) : Number.NaN;
    rows.push([
      route.label,
      failure ? `FAILED: ${failure.split('\n')[0]}` : ms(value),
      failure ? '–' : ratio(value, base),
      `≤ ${ROUTE_TARGET_RATIO}×`,
      failure ? 'failed' : verdict(Number.isFinite(value) ? value / base <= ROUTE_TARGET_RATIO : undefined),
    ]);
  }
  for (const { route, reruns: samples } of routes.filter((result) => result.reruns.length > 0)) {
    const value = median(samples.map((sample) => sample.page));
    const target = RERUN_TARGET_MS[route.engine];
    rows.push([
      `re-run, ${route.label} (click Run → data-runs +1)`,
      ms(value),
      ratio(value, floorOf(route.engine)),
      `≤ ${target} ms`,
      verdict(value <= target),
    ]);
  }
  // What no re-run can beat: the run's statements alone, on a warm engine (the floors' replay part).
  for (const engine of ENGINE_IDS) rows.push([`${FLOORS[engine].label}: the statements alone (a re-run's floor)`, ms(statementsOf(engine)), '', '', '']);
  console.log(
    `Playground first result against the floor: medians of ${COLD_LOADS} cold loads each (fresh context), interleaved per round; re-runs: medians of ${RERUNS} clicks.\n`,
  );
  console.log(formatTable(['route', 'first result (median)', 'ratio to floor', 'target', 'met?'], rows));
  console.log('');
  for (const engine of ENGINE_IDS) {
    console.log(`${FLOORS[engine].label}: ${FLOORS[engine].describe} (${describeLog(statements[engine])}); navigation start → done.`);
    console.log(
      `  samples (ms): ${list(floors[engine].map((timing) => timing.done))}; the statements alone: ${list(floors[engine].map((timing) => timing.statementsMs))}`,
    );
  }
  for (const { route, loads, reruns: samples } of routes) {
    console.log(
      `  ${route.label}: first result ${list(loads.map((load) => firstResult(route, load)))}` +
        (samples.length > 0
          ? `; re-run click → outcome ${list(samples.map((sample) => sample.page))}, runtime ${list(samples.map((sample) => sample.runtime))}`
          : ''),
    );
  }
}

function printDetail(results: readonly RouteResult[]): void {
  const loaded = results.filter(({ route, loads }) => route.kind === 'load' && loads.length > 0);
  if (loaded.length === 0) return;
  const names = Object.keys(loaded[0]!.loads[0]!.detail);
  const medianOf = (loads: ColdLoad[], pick: (load: ColdLoad) => number): string => ms(median(loads.map(pick)));
  console.log('\nMilestones and on the way (medians, ms from navigation start):\n');
  console.log(
    formatTable(
      ['route', ...MILESTONES, ...names],
      loaded.map(({ route, loads }) => [
        route.label,
        ...MILESTONES.map((milestone) => medianOf(loads, (load) => load.times[milestone])),
        ...names.map((name) => medianOf(loads, (load) => load.detail[name]!)),
      ]),
    ),
  );
}

/** The groups a download falls in, by how the page asked for it (not by the bundler's names). */
function groupOf(download: Download): string {
  const path = new URL(download.url).pathname;
  if (/\/sql-wasm[\w.-]*\.wasm$/.test(path)) return 'sql.js wasm';
  if (path.endsWith('.wasm')) return 'PGlite wasm';
  if (path.endsWith('.data')) return 'PGlite data';
  if (path.endsWith('.tgz')) return 'PostgreSQL data directory';
  if (/\.m?js$/.test(path)) return download.resourceType === 'script' ? 'page JS' : 'worker script (fetched by the page)';
  if (path.endsWith('.css')) return 'CSS';
  if (download.resourceType === 'document' || path.endsWith('/')) return 'HTML';
  return 'other';
}

function printBytes(results: readonly RouteResult[]): void {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const { route, loads } of results.filter((result) => result.route.kind === 'load' && result.loads.length > 0)) {
    // One cold load's downloads: those whose request started before the first result.
    const load = loads[0]!;
    const before = load.downloads.filter((download) => download.at < load.times['first result']);
    const total = bytesOf(before);
    const groups = [...new Set(before.map(groupOf))].sort();
    const bytes = (group: string): string => kB(bytesOf(before.filter((download) => groupOf(download) === group)).gzip);
    rows.push([route.label, groups.map((group) => `${group} ${bytes(group)}`).join(', '), kB(total.gzip)]);
    const monaco = before.filter((download) => builtFile(download.url)?.text.includes(MONACO_CODE));
    notes.push(
      `${route.label}: Monaco before the first result: ${monaco.length === 0 ? 'no' : `YES (${monaco.map((download) => new URL(download.url).pathname).join(', ')})`}; ` +
        `libraries: ${librariesIn(before.map((download) => download.url))
          .filter((library) => library !== 'monaco')
          .join(', ')}`,
    );
    const unknown = before.filter((download) => !builtFile(download.url)).map((download) => download.url);
    if (unknown.length > 0) console.warn(`Not found in the build (not counted): ${unknown.join(', ')}`);
  }
  console.log('\nDownloaded before the first result (files of the build, gzip -9; the wasm as a host would gzip it):\n');
  console.log(formatTable(['route', 'by group (gzip)', 'total (gzip)'], rows));
  console.log(notes.join('\n'));
}

/** An uncounted load of the engine's first route: warms the browser and the server, and reads the default run's SQL log. */
async function warmUp(site: Site, engine: EngineId): Promise<LoggedStatement[]> {
  let statements: LoggedStatement[] = [];
  const route = ROUTES.find((each) => each.kind === 'load' && each.engine === engine && each.orm === DEFAULT_ORM && each.rerun)!;
  await coldLoad(site, route, {
    probe: STATEMENT_LOG_PROBE,
    keepOpen: async (page) => {
      statements = await readStatementLog(page);
    },
  });
  return statements;
}

async function measure(site: Site): Promise<Results> {
  // One load first, not counted: a just-launched Chromium and a cold static server are slower
  // than a reader's running browser, and whichever load came first would pay for it.
  const statements = {} as Record<EngineId, LoggedStatement[]>;
  const floors = {} as Record<EngineId, FloorTiming[]>;
  for (const engine of ENGINE_IDS) {
    statements[engine] = await warmUp(site, engine);
    FLOORS[engine].serve(site, statements[engine]);
    floors[engine] = [];
  }
  const routes: RouteResult[] = ROUTES.map((route) => ({ route, loads: [], reruns: [] }));
  // Interleaved: the floor and every route once per round, so that whatever else the machine is
  // doing meanwhile weighs on all of them alike.
  for (let round = 0; round < COLD_LOADS; round++) {
    for (const engine of ENGINE_IDS) floors[engine].push(await FLOORS[engine].load(site, statements[engine], TIMEOUT_MS));
    for (const result of routes) {
      if (result.failure) continue; // failed once: reported, not retried COLD_LOADS times
      // The last round's page of each default example stays open for the re-runs.
      const rerun = round === COLD_LOADS - 1 && result.route.rerun;
      try {
        result.loads.push(
          await coldLoad(
            site,
            result.route,
            rerun
              ? {
                  keepOpen: async (page) => {
                    result.reruns.push(...(await reruns(page, result.route.orm)));
                  },
                }
              : {},
          ),
        );
      } catch (error) {
        result.failure = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return { floors, statements, routes };
}

if (import.meta.main) {
  const results = await withSite(measure);
  printSummary(results);
  printDetail(results.routes);
  printBytes(results.routes);
  const failed = results.routes.filter((result) => result.failure);
  if (failed.length > 0) {
    console.error(`\nFAILED: ${failed.map((result) => `${result.route.label}: ${result.failure}`).join('\n        ')}`);
    process.exitCode = 1;
  }
}
