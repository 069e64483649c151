// The page never trusts what comes through the runtime's port: the reader's code can reach it
// (by patching MessagePort.prototype.postMessage inside the worker) and post anything. On the
// production build: a forged result, a flood and a forged fatal each end the run cleanly — the
// page stays responsive, Run comes back, the status says what happened in the page's own words
// with the runtime's text labelled, one console warning at most — and the next run works.
// The watchdog lets code that awaits queries in a loop run (it is alive) and stops it at the time
// limit when it never ends, on each engine; a database file over the import limit is refused
// before it is read.
import { truncate, writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineId } from '../../src/playground/engine-registry.ts';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { codeState, ENGINES, expectNextRunWorks, expectStopNotice, MIKRO_ORM_DRIVER, SEQUELIZE_ARGS } from './support/engines.ts';
import { expectResponsive, observeLongTasks, pageNow } from './support/long-tasks.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { RUN_TIMEOUT, clickRun, defaultState, linkTo, openPanel, root, runs, status, waitForEditor, waitForRuns, waitIdle } from './support/playground.ts';

const browser = useBrowser();

/**
 * Run code that takes the runtime's port: the next message the worker posts (the console.log's
 * progress) hands over the port and the request's id, then `forge` posts through the original.
 */
const forging = (forge: string): string => `
const original = MessagePort.prototype.postMessage
const { port, id } = await new Promise<{ port: MessagePort; id: number }>((resolve) => {
  MessagePort.prototype.postMessage = function (this: MessagePort, message: any, ...rest: any[]) {
    MessagePort.prototype.postMessage = original
    resolve({ port: this, id: message.id })
    return (original as any).call(this, message, ...rest)
  }
  console.log("taking the port")
})
const send = (message: unknown) => original.call(port, message)
${forge}
await new Promise((resolve) => setTimeout(resolve, 5000))
console.log("never shown: the run was stopped")
`;

const NORMAL = 'console.log("a normal run")\n';

/*
 * One settled page per engine, shared by this file's tests in turn: each test ends with the page
 * recovered (its next run works), which is where the next one starts. Settling a page (a cold
 * load, the editor, the transpiler) cost seconds of CPU per test for the same starting point.
 */
interface Settled {
  readonly probe: PageProbe;
  /** The page's console warnings since the current test took it (the page's one listener fills it). */
  warnings: string[];
}
const settled = new Map<EngineId, Settled>();

/**
 * A page with the default example run on `engine` and the editor loaded, long tasks observed from
 * the start; `warnings` collects the console warnings from now on. Left open for the next test.
 */
async function openSettled(engine: EngineId = 'sqlite'): Promise<{ probe: PageProbe; warnings: string[] }> {
  const open = settled.get(engine);
  const entry = open && !open.probe.page.isClosed() ? open : await settle(engine);
  await waitIdle(entry.probe.page);
  entry.warnings = [];
  return { probe: entry.probe, warnings: entry.warnings };
}

async function settle(engine: EngineId): Promise<Settled> {
  const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
  const entry: Settled = { probe, warnings: [] };
  await observeLongTasks(probe.context);
  probe.context.on('console', (message) => {
    if (message.type() === 'warning') entry.warnings.push(message.text());
  });
  await probe.page.goto(new URL(linkTo({ ...defaultState('sequelize'), engine }), browser.baseUrl).href, { waitUntil: 'load' });
  await waitForRuns(probe.page, 1);
  await waitForEditor(probe.page);
  // The first code that is no example loads the transpiler and the docs' known code: not what is measured here.
  await openLink(probe, codeState(NORMAL, engine));
  await waitForRuns(probe.page, 2);
  settled.set(engine, entry);
  return entry;
}

/** Puts a link's code on screen (it runs at once, as any link does). */
async function openLink(probe: PageProbe, state: PlaygroundState): Promise<void> {
  await probe.page.evaluate((hash) => {
    location.hash = hash;
  }, linkTo(state).slice('/playground/'.length));
}

/** After a forged message: responsive, Run enabled, and a normal link and a Run press both work. */
async function expectRecovered(probe: PageProbe, since: number, what: string): Promise<void> {
  const { page } = probe;
  await waitIdle(page);
  expect(await page.getByRole('button', { name: /^Run/ }).isEnabled()).toBe(true);
  await expectResponsive(page, since, what);
  const before = await runs(page);
  await openLink(probe, codeState(NORMAL, 'sqlite'));
  await waitForRuns(page, before + 1);
  expect(await status(page)).toMatch(/^Ran in /);
  await clickRun(page);
  expect(await status(page)).toMatch(/^Ran in /);
  expect(await (await openPanel(page, 'Console')).textContent()).toContain('a normal run');
  expectNoConsoleErrors(probe);
}

describe('forged runtime messages, on the production build', () => {
  it('a result with `tables: null` is dropped with one warning; the run fails with the reason and the page recovers', async () => {
    const { probe, warnings } = await openSettled();
    const since = await pageNow(probe.page);
    await openLink(
      probe,
      codeState(
        forging(
          `send({ type: "outcome", id, outcome: { ok: true, source: { kind: "run" }, console: [], statements: [], calls: [], tables: null, schema: { tables: [] }, adapter: null, durationMs: 1, database: new Uint8Array() } })`,
        ),
        'sqlite',
      ),
    );
    await expect
      .poll(() => status(probe.page), { timeout: RUN_TIMEOUT })
      .toBe(
        'The runtime sent a malformed result (message.outcome.tables: expected an array, got null); the run was stopped and the runtime restarted. Your code is unchanged.',
      );
    expect(warnings.filter((text) => text.includes('malformed'))).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    await expectRecovered(probe, since, 'a forged result');
    expect(warnings).toHaveLength(1);
  });

  it('a flood of 10,000 forged progress and result messages: one warning, the page stays responsive', async () => {
    const { probe, warnings } = await openSettled();
    const since = await pageNow(probe.page);
    await openLink(
      probe,
      codeState(
        forging(`
for (let i = 0; i < 10000; i++) {
  if (i < 4000) send({ type: "progress", id, console: [] })
  else if (i % 2 === 0) send({ type: "outcome", id, outcome: { tables: null } })
  else send({ type: "progress", id, console: null })
}`),
        'sqlite',
      ),
    );
    await expect
      .poll(() => status(probe.page), { timeout: RUN_TIMEOUT })
      .toBe(
        'The runtime sent a malformed result (message.outcome.ok: expected true or false, got undefined); the run was stopped and the runtime restarted. Your code is unchanged.',
      );
    expect(warnings).toHaveLength(1);
    await expectRecovered(probe, since, 'a flood of forged messages');
    expect(warnings).toHaveLength(1);
  });

  it("a forged fatal: its text is shown only after the page's words, labelled, on one short line", async () => {
    const { probe, warnings } = await openSettled();
    const since = await pageNow(probe.page);
    await openLink(
      probe,
      codeState(
        forging(`send({ type: "fatal", message: "Your session has expired.\\n\\nSign in again at https://evil.example/login " + "x".repeat(5000) })`),
        'sqlite',
      ),
    );
    await expect
      .poll(() => status(probe.page), { timeout: RUN_TIMEOUT })
      .toMatch(
        /^The runtime failed and was restarted; your code is unchanged\. From the runtime: “Your session has expired\. Sign in again at https:\/\/evil\.example\/login x+…”$/,
      );
    const shown = (await status(probe.page)) ?? '';
    expect(shown.length).toBeLessThan(400);
    expect(await probe.page.locator('[data-status-line]').getAttribute('data-kind')).toBe('warning');
    await expectRecovered(probe, since, 'a forged fatal');
    expect(warnings).toEqual([]);
  });
});

// Each query waits 1 ms of busy work first, so the loop makes a few thousand statements, not a hundred thousand.
const AWAITING = (condition: string, engine: EngineId): string => `
import { Sequelize } from "sequelize"
const sequelize = new Sequelize(${engine === 'sqlite' ? '{ dialect: "sqlite", logging: false }' : SEQUELIZE_ARGS[engine]})
const started = Date.now()
let queries = 0
while (${condition}) {
  const busy = performance.now()
  while (performance.now() - busy < 1) {}
  await sequelize.query("SELECT 1")
  queries++
}
console.log("queries done", queries > 100)
`;

/** The same endless loop through MikroORM's entity manager: `em.count` of the adapter's users, on tables made first. */
const AWAITING_COUNTS = (engine: EngineId): string => {
  const { from, driver, options } = MIKRO_ORM_DRIVER[engine];
  return `
import { MikroORM } from "@mikro-orm/core"
import { ${driver} } from "${from}"
import { defaultEntities } from "@adapter-lab/mikro-orm-adapter"
const orm = await MikroORM.init({ driver: ${driver}, ${options}, entities: Object.values(defaultEntities) })
await orm.schema.update()
const em = orm.em.fork()
console.log("counting")
for (;;) {
  const busy = performance.now()
  while (performance.now() - busy < 1) {}
  await em.count(defaultEntities.User, {})
}
`;
};

describe.each(ENGINES)('the watchdog on %s', (engine) => {
  it('code that awaits queries in a loop for 3 s (never yielding to a timer) runs to its end', async () => {
    const { probe } = await openSettled(engine);
    const before = await runs(probe.page);
    await openLink(probe, codeState(AWAITING('Date.now() - started < 3000', engine), engine));
    await waitForRuns(probe.page, before + 1);
    expect(await status(probe.page)).toMatch(/^Ran in /);
    expect(await root(probe.page).getAttribute('data-last-engine')).toBe(engine);
    expect(await (await openPanel(probe.page, 'Console')).textContent()).toContain('queries done true');
  });

  it.each([
    ['sequelize.query', () => codeState(AWAITING('true', engine), engine), null],
    ["MikroORM's em.count", () => codeState(AWAITING_COUNTS(engine), engine, 'mikro-orm'), 'counting'],
  ] as const)(
    'such a loop without end (%s) is stopped at the time limit, and the message says so; the page stays responsive and the next run works',
    async (_how, state, started) => {
      const { probe } = await openSettled(engine);
      await openLink(probe, state());
      await expect.poll(() => status(probe.page), { timeout: RUN_TIMEOUT }).toMatch(/^Running /);
      // From the loop's run on: opening the link (an ORM switch, the editor's new model) is not what is measured here.
      const since = await pageNow(probe.page);
      await expect.poll(() => root(probe.page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
      await expect.poll(() => status(probe.page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped: still running after 10 s, the playground's time limit/);
      expect(await status(probe.page)).not.toMatch(/endless loop/);
      expect(await root(probe.page).getAttribute('data-engine')).toBe(engine);
      expectStopNotice(await status(probe.page), engine);
      // The loop was reached (its setup ran): the time limit stopped the loop, not something before it.
      if (started) expect(await (await openPanel(probe.page, 'Console')).textContent()).toContain(started);
      await expectResponsive(probe.page, since, `a query loop stopped at the time limit on ${engine}`);
      await expectNextRunWorks(probe.page, engine);
    },
  );
});

describe('importing a database file', () => {
  it('a file over 100 MB is refused before it is read, with the limit named; nothing changes', async () => {
    const { probe } = await openSettled();
    const dir = await mkdtemp(join(tmpdir(), 'adapter-lab-import-'));
    const big = join(dir, 'big.sqlite');
    try {
      // A sparse file: 101 MB long, no memory or disk spent on it.
      await writeFile(big, '');
      await truncate(big, 101 * 1024 * 1024);
      const before = await runs(probe.page);
      await probe.page.locator('[data-import]').setInputFiles(big);
      await expect
        .poll(() => status(probe.page), { timeout: RUN_TIMEOUT })
        .toBe('big.sqlite was not imported: it is 101 MB, and the playground imports database files of up to 100 MB. Nothing was changed.');
      expect(await probe.page.locator('[data-status-line]').getAttribute('data-kind')).toBe('error');
      expect(await runs(probe.page)).toBe(before);
      expect(await root(probe.page).getAttribute('data-busy')).toBe('false');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
