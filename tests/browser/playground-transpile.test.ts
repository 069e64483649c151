// No result waits for the editor: code that is not a built-in example (a share link with the
// reader's own code, a docs link) is compiled by the page's transpiler in its own worker, so
// it runs with Monaco's TypeScript worker nowhere in sight — here, with it blocked outright.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { readExamples } from '../../src/playground/build/read-examples.ts';
import { DOCS_EXAMPLES_DIR } from '../../src/docs/build/docs-examples.ts';
import { expectNoConsoleErrors, useBrowser, type PageProbe } from './support/page-probe.ts';
import { expectResponsive, LONG_TASK_OBSERVER, pageNow } from './support/long-tasks.ts';
import {
  RUN_TIMEOUT,
  clickRun,
  defaultState,
  exampleState,
  linkTo,
  liveRows,
  openPanel,
  resultTable,
  root,
  runs,
  status,
  waitForEditor,
  waitForRuns,
} from './support/playground.ts';

const browser = useBrowser();

/** `state` with `code` added at the end of its run.ts. */
function withLine(state: PlaygroundState, code: string): PlaygroundState {
  return { ...state, files: state.files.map((file) => (file.name === 'run.ts' ? { ...file, code: `${file.code}\n${code}\n` } : file)) };
}

/** Opens `path` with Monaco's TypeScript worker (and, with `transpiler`, the page's transpiler) refused by the network. */
async function openWithoutTypeScriptWorker(path: string, { transpiler = false } = {}): Promise<{ probe: PageProbe; blocked: string[] }> {
  const probe = await browser.openPage('about:blank', { waitUntil: 'load' });
  const blocked: string[] = [];
  const refused = transpiler ? /\/(ts|transpile)\.worker-[\w-]+\.js$/ : /\/ts\.worker-[\w-]+\.js$/;
  await probe.context.route(
    (url) => refused.test(url.pathname),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort();
    },
  );
  await probe.page.goto(new URL(path, browser.baseUrl).href, { waitUntil: 'load' });
  return { probe, blocked };
}

async function consoleText(page: Page): Promise<string> {
  const panel = await openPanel(page, 'Console');
  return (await panel.textContent()) ?? '';
}

describe('code of the reader’s own runs without Monaco', () => {
  it('a Sequelize share link with one line changed shows its tables and its log', async () => {
    const { probe } = await openWithoutTypeScriptWorker(linkTo(withLine(defaultState('sequelize'), 'console.log("changed by the reader")')));
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    expect(await consoleText(page)).toContain('changed by the reader');
    await openPanel(page, 'Tables');
    for (const table of ['users', 'accounts', 'sessions']) expect(await liveRows(page, table).count()).toBeGreaterThan(0);
    expect(await resultTable(page, 'verification_tokens').count()).toBe(1);
    await probe.close();
  });

  it('MikroORM entities with legacy decorators and their metadata: the custom User gets its role column', async () => {
    const { probe, blocked } = await openWithoutTypeScriptWorker(linkTo(withLine(exampleState('mikro-orm-custom-user'), 'console.log("mine")')));
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    await openPanel(page, 'Tables');
    expect(
      await resultTable(page, 'user')
        .locator('th', { hasText: /^role$/ })
        .count(),
    ).toBe(1);
    expect(await liveRows(page, 'user').count()).toBeGreaterThan(0);
    // The editor itself loads after the first result and asks for its worker, which is refused.
    await expect.poll(() => blocked.length, { timeout: RUN_TIMEOUT }).toBeGreaterThan(0);
    await probe.close();
  });

  it('a syntax error is reported at its line before Monaco has loaded, and nothing runs', async () => {
    const { probe } = await openWithoutTypeScriptWorker(linkTo(withLine(defaultState('sequelize'), 'const broken = {')));
    const { page } = probe;
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Not run: syntax error in run\.ts:\d+:\d+ — /);
    expect(await runs(page)).toBe(0);
    expect(await root(page).getAttribute('data-busy')).toBe('false');
    await probe.close();
  });
});

describe('a docs example’s link', () => {
  it('runs the build’s output, with neither the transpiler nor Monaco', async () => {
    const example = readExamples(DOCS_EXAMPLES_DIR, { requireDefaults: false }).find((candidate) => candidate.id === 'mikro-orm-custom-user-app')!;
    const { probe } = await openWithoutTypeScriptWorker(
      linkTo({ orm: example.orm, engine: 'sqlite', implementation: 'ours', files: example.files, active: example.active, options: { freshDatabase: true } }),
      { transpiler: true },
    );
    const { page } = probe;
    await waitForRuns(page, 1);
    expect(await page.locator('[data-status-line]').getAttribute('data-kind'), (await status(page)) ?? '').toBe('ok');
    await openPanel(page, 'Tables');
    expect(
      await resultTable(page, 'user')
        .locator('th', { hasText: /^role$/ })
        .count(),
    ).toBe(1);
    await probe.close();
  });
});

describe('a link opened over another', () => {
  it('with the editor loaded, runs the new link’s code, every time', async () => {
    const first = withLine(defaultState('sequelize'), 'console.log("link one")');
    const probe = await browser.openPage(linkTo(first), { waitUntil: 'load', initScript: LONG_TASK_OBSERVER });
    const { page } = probe;
    await waitForRuns(page, 1);
    await waitForEditor(page);
    const since = await pageNow(page);
    for (const label of ['link two', 'link three', 'link one']) {
      const before = await runs(page);
      await page.evaluate(
        (hash) => {
          location.hash = hash;
        },
        linkTo(withLine(defaultState('sequelize'), `console.log(${JSON.stringify(label)})`)).split('#')[1]!,
      );
      await waitForRuns(page, before + 1);
      await expect.poll(() => consoleText(page), { timeout: RUN_TIMEOUT }).toContain(label);
      for (const other of ['link one', 'link two', 'link three'].filter((text) => text !== label)) expect(await consoleText(page)).not.toContain(other);
      // Run, pressed with nothing typed since, runs the link's code too.
      await clickRun(page);
      expect(await consoleText(page)).toContain(label);
      for (const other of ['link one', 'link two', 'link three'].filter((text) => text !== label)) expect(await consoleText(page)).not.toContain(other);
    }
    await expectResponsive(page, since, 'links opened over one another with the editor loaded');
    expectNoConsoleErrors(probe);
    await probe.close();
  });
});
