// The reader's code is fenced in: on the production build as `npm run preview` serves it, code
// that tries the page's DOM, the site's storage and cookies, and every way onto the network —
// including an import() of a URL built inside eval or new Function — fails, and nothing reaches
// a server. An endless loop — at top level, awaiting timers, inside a timer — is stopped without
// freezing the page or losing the code, and the next run works. All of it on each engine: on
// PostgreSQL, PGlite runs inside the same sandboxed worker, its files handed over by the page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeState } from '../../src/playground/share/codec.ts';
import type { EngineId } from '../../src/playground/engine-registry.ts';
import type { PlaygroundState } from '../../src/playground/store/state.ts';
import { codeLink, ENGINES, expectNextRunWorks, expectStopNotice, SEQUELIZE_ARGS } from './support/engines.ts';
import { useBrowser } from './support/page-probe.ts';
import { startPreviewServer } from './support/preview-server.ts';
import type { DevServer } from './support/dev-server.ts';
import { RUN_TIMEOUT, openPanel, root, runs, status, waitForRuns, waitIdle } from './support/playground.ts';

const browser = useBrowser();
let preview: DevServer;
let target: Server;
let targetUrl = '';
const hits: string[] = [];

beforeAll(async () => {
  preview = await startPreviewServer();
  // Another server on loopback that the code tries to reach: it must never be asked anything.
  target = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
    response.end('export default "reached"');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}, 90_000);

afterAll(async () => {
  // Also for the test expected to fail below: whatever went wrong in it, nothing reached this server.
  expect(hits).toEqual([]);
  await preview?.close();
  await new Promise((resolve) => target?.close(resolve));
});

function linkWith(code: string, engine: EngineId): string {
  return `${preview.url}${codeLink(code, engine)}`;
}

/** Requests of the page and its workers that left the page's origin, except to `besides` (blob: and data: URLs are not requests out). */
function requestsOut(requests: readonly { url: string }[], besides?: string): string[] {
  const site = new URL(preview.url).origin;
  const other = besides ? new URL(besides).host : undefined;
  return requests
    .map((request) => new URL(request.url))
    .filter((url) => url.protocol !== 'blob:' && url.protocol !== 'data:' && url.origin !== site && url.host !== other)
    .map(String);
}

// Each attempt logs BLOCKED or REACHED with its name; `g` is the global object, untyped.
const ATTEMPTS = (site: string, other: string) => `
const g = globalThis as any
async function attempt(name: string, action: () => unknown) {
  try {
    const value = await Promise.race([Promise.resolve().then(action), new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 3 s")), 3000))])
    console.log(value === "blocked" ? "BLOCKED" : "REACHED", name, String(value).slice(0, 80))
  } catch (error) {
    console.log("BLOCKED", name, (error as Error)?.message ?? String(error))
  }
}
await attempt("document", () => g.document.title)
await attempt("window.parent", () => g.parent.document.title)
await attempt("localStorage", () => g.localStorage.getItem("adapter-lab:playground"))
await attempt("sessionStorage", () => g.sessionStorage.length)
await attempt("cookies", () => g.document.cookie)
await attempt("cookieStore", () => g.cookieStore.getAll())
await attempt("indexedDB", () => new Promise((resolve, reject) => { const request = g.indexedDB.open("adapter-lab"); request.onsuccess = () => resolve("opened"); request.onerror = () => reject(request.error) }))
await attempt("caches", () => g.caches.keys())
await attempt("fetch same origin", () => g.fetch("${site}/playground/").then((r: any) => r.status))
await attempt("fetch other server", () => g.fetch("${other}/fetch").then((r: any) => r.status))
await attempt("XMLHttpRequest", () => new Promise((resolve, reject) => { const x = new g.XMLHttpRequest(); x.open("GET", "${other}/xhr"); x.onload = () => resolve(x.status); x.onerror = () => reject(new Error("xhr failed")); x.send() }))
await attempt("WebSocket", () => new Promise((resolve, reject) => { const s = new g.WebSocket("${other.replace('http', 'ws')}/ws"); s.onopen = () => resolve("open"); s.onerror = () => reject(new Error("ws failed")) }))
await attempt("EventSource", () => new Promise((resolve, reject) => { const s = new g.EventSource("${other}/sse"); s.onopen = () => resolve("open"); s.onerror = () => reject(new Error("sse failed")) }))
await attempt("sendBeacon", () => g.navigator.sendBeacon("${other}/beacon", "x") ? "sent" : "blocked")
await attempt("importScripts", () => g.importScripts("${other}/import-scripts.js"))
await attempt("import()", () => import("${other}/import.js"))
await attempt("import() in eval", () => eval('import("${other}/eval-import.js")'))
await attempt("import() in new Function", () => new Function('return import("${other}/function-import.js")')())
await attempt("import() of a data: URL", () => new Function('return import("data:text/javascript,export default 1")')())
await attempt("nested Worker", () => new Promise((resolve, reject) => { const w = new g.Worker("${other}/worker.js"); w.onmessage = () => resolve("ran"); w.onerror = () => reject(new Error("worker failed")) }))
await attempt("blob: module that imports a URL", () => { const url = URL.createObjectURL(new Blob(['export { default } from "${other}/blob-import.js"'], { type: "text/javascript" })); return import(url) })
`;

/**
 * The database's own ways out, asked through the reader's connection: each statement must fail
 * (logged BLOCKED with the database's error). SQLite: loading a native extension. PostgreSQL:
 * the extensions that connect to other servers, and COPY to or from a program.
 */
const DATABASE_ATTEMPTS: Readonly<Record<EngineId, (other: URL) => Record<string, string>>> = {
  sqlite: (other) => ({
    load_extension: `SELECT load_extension('${other.href}extension')`,
  }),
  postgres: (other) => ({
    dblink: `CREATE EXTENSION dblink; SELECT dblink_connect('host=${other.hostname} port=${other.port} dbname=x')`,
    postgres_fdw: `CREATE EXTENSION postgres_fdw; CREATE SERVER other FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${other.hostname}', port '${other.port}')`,
  }),
};

/** PostgreSQL's COPY to or from a program: kept apart, see the test that runs it. */
const COPY_PROGRAM = (other: URL): Record<string, string> => ({
  'COPY TO PROGRAM': `COPY (SELECT 1) TO PROGRAM 'curl ${other.href}copy-to'`,
  'COPY FROM PROGRAM': `CREATE TABLE got (line text); COPY got FROM PROGRAM 'curl ${other.href}copy-from'`,
});

const DATABASE_ATTEMPT_CODE = (engine: EngineId, statements: Record<string, string>) => `
import { Sequelize } from "sequelize"
const sequelize = new Sequelize(${SEQUELIZE_ARGS[engine]})
for (const [name, sql] of Object.entries(${JSON.stringify(statements)})) {
  try {
    const value = await Promise.race([sequelize.query(sql), new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 3 s")), 3000))])
    console.log("REACHED", name, JSON.stringify(value).slice(0, 80))
  } catch (error) {
    console.log("BLOCKED", name, (error as Error)?.message ?? String(error))
  }
}
console.log("DONE")
`;

/** Runs SQL statements through the reader's Sequelize connection on `engine`; the console's lines, the status and the requests out once the page is idle. */
async function runDatabaseAttempts(
  engine: EngineId,
  statements: Record<string, string>,
): Promise<{ lines: string[]; runStatus: string | null; requests: string[] }> {
  const probe = await browser.openPage(linkWith(DATABASE_ATTEMPT_CODE(engine, statements), engine), { waitUntil: 'load' });
  await expect.poll(() => root(probe.page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
  await waitIdle(probe.page);
  expect(await root(probe.page).getAttribute('data-engine')).toBe(engine);
  const consolePanel = await openPanel(probe.page, 'Console');
  const lines = await consolePanel.locator('.pg-log[data-level="log"]').allTextContents();
  const runStatus = await status(probe.page);
  console.log(`the database's ways out on ${engine}: "${runStatus}"\n${lines.join('\n')}`);
  const requests = requestsOut(probe.requests);
  await probe.close();
  return { lines, runStatus, requests };
}

describe.each(ENGINES)('isolation on %s, on `npm run preview`', (engine) => {
  it('blocks the DOM, storage, cookies and every request, even from eval; nothing reaches a server', async () => {
    const probe = await browser.openPage(linkWith(ATTEMPTS(preview.url, targetUrl), engine), {
      waitUntil: 'load',
      initScript: 'document.cookie = "site=secret; path=/"',
    });
    // Requests the page's CSP blocks still show up as attempts; none may get a response.
    const answered: string[] = [];
    probe.context.on('response', (response) => answered.push(response.url()));
    await waitForRuns(probe.page, 1);
    // It ran on the engine under test (on PostgreSQL: with PGlite started in the worker).
    expect(await root(probe.page).getAttribute('data-last-engine')).toBe(engine);
    const consolePanel = await openPanel(probe.page, 'Console');
    await expect.poll(async () => (await consolePanel.locator('.pg-log[data-level="log"]').allTextContents()).length, { timeout: RUN_TIMEOUT }).toBe(21);
    const lines = await consolePanel.locator('.pg-log[data-level="log"]').allTextContents();
    expect(lines.filter((line) => !line.startsWith('BLOCKED'))).toEqual([]);
    expect(hits).toEqual([]);
    expect(answered.filter((url) => url.startsWith(targetUrl) || url.includes('/playground/?'))).toEqual([]);
    // Besides the attempts at the other server (blocked above), the page and its workers asked only its own origin.
    expect(requestsOut(probe.requests, targetUrl)).toEqual([]);
    // The page, its cookie and the autosave are as they were.
    expect(await probe.page.title()).toMatch(/^Playground/);
    expect(await probe.page.evaluate(() => document.cookie)).toBe('site=secret');
    expect(await probe.page.evaluate(() => localStorage.getItem('adapter-lab:playground') ?? '')).toContain('fetch same origin');
    await probe.close();
  });

  it("the database's own ways out (extensions) fail too; nothing reaches a server", async () => {
    const statements = DATABASE_ATTEMPTS[engine](new URL(`${targetUrl}/`));
    const { lines, runStatus, requests } = await runDatabaseAttempts(engine, statements);
    expect(runStatus).toMatch(/^Ran in /);
    expect(lines.at(-1)).toMatch(/^DONE/);
    expect(lines.slice(0, -1).map((line) => line.split(' ')[0])).toEqual(Object.keys(statements).map(() => 'BLOCKED'));
    expect(hits).toEqual([]);
    expect(requests).toEqual([]);
  });

  // Through the real pg Client over PGlite, COPY … TO/FROM PROGRAM would never answer (PGlite's
  // copy never ends, and later queries wait behind it): the engine refuses it with an error instead.
  it.runIf(engine === 'postgres')('COPY to or from a program fails with an error, and the run ends normally; nothing reaches a server', async () => {
    const statements = COPY_PROGRAM(new URL(`${targetUrl}/`));
    const { lines, runStatus, requests } = await runDatabaseAttempts(engine, statements);
    expect(hits).toEqual([]);
    expect(requests).toEqual([]);
    expect(lines.slice(0, -1).map((line) => line.split(' ')[0])).toEqual(Object.keys(statements).map(() => 'BLOCKED'));
    expect(lines.filter((line) => line.includes('no answer'))).toEqual([]);
    expect(runStatus).toMatch(/^Ran in /);
  });

  it("an Auth.js sign-in runs whole inside the worker: the provider is simulated there, and no request leaves, not even from the reader's callbacks", async () => {
    const auth = [
      'import NextAuth from "next-auth"',
      'import GitHub from "next-auth/providers/github"',
      'import { Sequelize } from "sequelize"',
      'import SequelizeAdapter from "@adapter-lab/sequelize-adapter"',
      `const sequelize = new Sequelize(${SEQUELIZE_ARGS[engine]})`,
      'export const { auth } = NextAuth({ adapter: SequelizeAdapter(sequelize), providers: [GitHub], events: {',
      `  async signIn() { try { await fetch("${targetUrl}/event"); console.log("REACHED event") } catch (error) { console.log("BLOCKED event", (error as Error).message) } },`,
      '} })',
    ].join('\n');
    const run =
      'import "./auth"\nimport { browser } from "@adapter-lab/playground"\nawait browser.signIn("github")\nconsole.log("SIGNED-IN", (await browser.session())?.user?.email)\n';
    const state: PlaygroundState = {
      orm: 'sequelize',
      engine,
      implementation: 'ours',
      files: [
        { name: 'auth.ts', code: auth },
        { name: 'run.ts', code: run },
      ],
      active: 'run.ts',
      options: { freshDatabase: true },
    };
    const probe = await browser.openPage(`${preview.url}/playground/#${encodeState(state)}`, { waitUntil: 'load' });
    await waitForRuns(probe.page, 1);
    expect(await root(probe.page).getAttribute('data-last-engine')).toBe(engine);
    const consolePanel = await openPanel(probe.page, 'Console');
    const lines = await consolePanel.locator('.pg-log[data-level="log"]').allTextContents();
    expect(lines.find((line) => line.includes('event'))).toMatch(/^BLOCKED event .*the playground has no network/);
    expect(lines.find((line) => line.startsWith('SIGNED-IN'))).toContain('octocat@github.com');
    expect(hits).toEqual([]);
    // The page itself downloaded Auth.js's script (and on PostgreSQL, PGlite's files); nothing went to GitHub or anywhere else.
    expect(requestsOut(probe.requests)).toEqual([]);
    await probe.close();
  });

  it.each([
    ['at top level', 'console.log("before the loop")\nwhile (true) {}\n'],
    ['inside a timer the run awaits', 'console.log("before the loop")\nawait new Promise(() => setTimeout(() => {\n  while (true) {}\n}, 50))\n'],
  ])('stops an endless loop %s by itself within seconds; the page stays responsive, the code stays, the next run works', async (_where, code) => {
    const probe = await browser.openPage(linkWith(code, engine), { waitUntil: 'load' });
    const { page } = probe;
    // While the worker is stuck, the page still answers: Stop is enabled, the tabs switch.
    await expect.poll(() => root(page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
    const started = Date.now();
    await page.getByRole('tab', { name: 'Schema' }).click();
    expect(await page.getByRole('button', { name: 'Stop' }).isEnabled()).toBe(true);
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped after [\d.]+ s: the code stopped responding/);
    // Timed from the run's request (the page's own clock); printed, not asserted (slow machines).
    console.log(`endless loop on ${engine}: "${await status(page)}", ${Date.now() - started} ms after the page showed the run`);
    expectStopNotice(await status(page), engine);
    expect(await (await openPanel(page, 'Console')).textContent()).toContain('before the loop');
    expect(await page.locator('[data-code] [role="tab"][aria-selected="true"]').textContent()).toBe('run.ts');
    // The code is still in the autosave, which says the run never finished.
    expect(await page.evaluate(() => localStorage.getItem('adapter-lab:playground') ?? '')).toContain('while (true)');
    await expectNextRunWorks(page, engine);
    await probe.close();
  });

  it('the Stop button ends a run that keeps the worker busy but responsive', async () => {
    const code =
      'let n = 0\nwhile (true) {\n  await new Promise((resolve) => setTimeout(resolve, 20))\n  if (++n % 10 === 0) console.log("still running", n)\n}\n';
    const probe = await browser.openPage(linkWith(code, engine), { waitUntil: 'load' });
    const { page } = probe;
    await expect.poll(() => root(page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
    // The live console shows the output so far.
    await openPanel(page, 'Console');
    await expect.poll(async () => (await page.locator('#pg-panel-console').textContent()) ?? '', { timeout: RUN_TIMEOUT }).toContain('still running');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped: the run was cancelled/);
    expectStopNotice(await status(page), engine);
    const before = await runs(page);
    // A new runtime answers: run a short program.
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => root(page).getAttribute('data-busy'), { timeout: RUN_TIMEOUT }).toBe('true');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(page), { timeout: RUN_TIMEOUT }).toMatch(/^Stopped/);
    expect(await runs(page)).toBe(before);
    await expectNextRunWorks(page, engine);
    await probe.close();
  });
});
