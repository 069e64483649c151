// The official MikroORM implementation's worker (src/playground/sandbox/mikro-orm-official.worker.ts)
// built for the browser as the site builds its workers (src/engine/vite-browser-engine.ts: a
// classic script, production mode), then started in Chromium and spoken to as the page does
// (connect, init with sql.js's wasm, run): the published @auth/mikro-orm-adapter on MikroORM 5,
// knex and the engine's sqlite3 imitation, in a real browser. Also checks what the bundle holds
// (MikroORM 5 and knex's sqlite3 dialect; none of MikroORM 7, kysely, or knex's other dialects'
// drivers) and prints its size.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build, defaultClientConditions, type Plugin, type UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_CONDITION } from '../../../packages/source-condition.mjs';
import { browserEngineVite } from '../../../src/engine/vite-browser-engine.ts';
import { AUTH_BROWSER_BUILD } from '../../../src/playground/build/auth-build.ts';
import type { CompiledFile, Outcome, RuntimeVersions } from '../../../src/playground/protocol.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/support/browser.ts';
import { startStaticServer, type StaticServer } from '../../browser/support/static-server.ts';
import { compile, files } from './support.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER = path.join(ROOT, 'src/playground/sandbox/mikro-orm-official.worker.ts');
const require = createRequire(import.meta.url);
const outDir = mkdtempSync(path.join(tmpdir(), 'adapter-lab-mikro-orm-official-'));

interface Built {
  readonly fileName: string;
  readonly code: string;
  readonly moduleIds: readonly string[];
}

let worker: Built | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!process.env['KEEP']) rmSync(outDir, { recursive: true, force: true });
});

beforeAll(async () => {
  const scripts: Built[] = [];
  const capture: Plugin = {
    name: 'capture-worker-chunks',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const rendered = Object.entries(output.modules)
          .filter(([, module]) => module.renderedLength > 0)
          .map(([id]) => id);
        scripts.push({ fileName: path.basename(output.fileName), code: output.code, moduleIds: rendered });
      }
    },
  };
  // The page imports the worker as the site's pages do (`?worker&url`), so the worker options apply.
  const entry: Plugin = {
    name: 'official-worker-entry',
    resolveId: (id) => (id === 'virtual:official-worker' ? '\0virtual:official-worker' : null),
    load: (id) => (id === '\0virtual:official-worker' ? `export { default } from ${JSON.stringify(`${WORKER}?worker&url`)};` : null),
  };
  const site: UserConfig = browserEngineVite(AUTH_BROWSER_BUILD);
  const sitePlugins = site.worker?.plugins;
  // A production build, as `astro build` makes (vitest's NODE_ENV would make `import.meta.env.DEV` true).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  await build({
    mode: 'production',
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ...site,
    plugins: [...(site.plugins ?? []), entry],
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    worker: { ...site.worker, plugins: () => [...(sitePlugins?.() ?? []), capture] },
    build: { outDir: path.join(outDir, 'page'), emptyOutDir: true, rolldownOptions: { input: { page: 'virtual:official-worker' } } },
  }).finally(() => {
    process.env['NODE_ENV'] = nodeEnv;
  });
  worker = scripts.find((script) => script.fileName.startsWith('mikro-orm-official.worker-'));
  if (!worker) throw new Error(`No official worker among ${scripts.map((script) => script.fileName).join(', ')}`);
  writeFileSync(path.join(outDir, 'worker.js'), worker.code);
  copyFileSync(require.resolve('sql.js/dist/sql-wasm-browser.wasm'), path.join(outDir, 'sql-wasm.wasm'));
  writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>official worker</title>');
  server = await startStaticServer(outDir);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}, 240_000);

const inPackage = (id: string, name: string): boolean => id.split(path.sep).join('/').includes(`/node_modules/${name}/`);
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** Starts the built worker in a page and runs the compiled files as the playground's page would. */
async function runInWorker(compiled: readonly CompiledFile[]): Promise<{ versions: RuntimeVersions; outcome: Outcome }> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server!.url}/index.html`);
    const result = await page.evaluate(async (files) => {
      const worker = new Worker('/worker.js');
      const channel = new MessageChannel();
      worker.postMessage({ type: 'connect', port: channel.port2 }, [channel.port2]);
      const next = (type: string): Promise<Record<string, unknown>> =>
        new Promise((resolve, reject) => {
          channel.port1.onmessage = (event: MessageEvent<Record<string, unknown>>) => {
            if (event.data['type'] === type) resolve(event.data);
            else if (event.data['type'] === 'fatal') reject(new Error(String(event.data['message'])));
          };
          worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
        });
      const wasm = await (await fetch('/sql-wasm.wasm')).arrayBuffer();
      const ready = next('ready');
      channel.port1.postMessage({ type: 'init', assets: { engine: 'sqlite', wasm }, database: null }, [wasm]);
      const { versions } = await ready;
      const outcome = next('outcome');
      channel.port1.postMessage({ type: 'run', id: 1, files, entry: 'run.ts', database: null, keep: false });
      const result = { versions, outcome: (await outcome)['outcome'] };
      worker.terminate();
      return result;
    }, compiled);
    expect(errors).toEqual([]);
    return result as unknown as { versions: RuntimeVersions; outcome: Outcome };
  } finally {
    await page.close();
  }
}

const logged = (outcome: Outcome): string[] =>
  outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview.replace(/^"(.*)"$/, '$1')).join(' ')] : []));

describe('the official MikroORM worker, built for the browser', () => {
  it('holds MikroORM 5, knex with its sqlite3 dialect and the official adapter; not MikroORM 7, kysely or other dialects', () => {
    const ids = worker!.moduleIds.map((id) => id.split(path.sep).join('/'));
    expect(ids.some((id) => id.includes('/mikro-orm-5-runtime/node_modules/@mikro-orm/core/'))).toBe(true);
    expect(ids.some((id) => id.includes('/mikro-orm-5-runtime/node_modules/@mikro-orm/sqlite/'))).toBe(true);
    expect(ids.some((id) => id.includes('/mikro-orm-5-runtime/node_modules/@auth/mikro-orm-adapter/'))).toBe(true);
    expect(ids.some((id) => id.endsWith('/knex/lib/dialects/sqlite3/index.js'))).toBe(true);
    // MikroORM 7 (the root's @mikro-orm/*), kysely, and what only other databases need.
    const foreign = ids.filter(
      (id) =>
        (/\/node_modules\/@mikro-orm\//.test(id) && !id.includes('/mikro-orm-5-runtime/')) ||
        ['kysely', 'pg', 'mysql2', 'tedious', 'oracledb', 'better-sqlite3', 'sqlite3', 'fs-extra', 'globby', 'dotenv'].some((name) => inPackage(id, name)) ||
        /\/knex\/lib\/dialects\/(?!sqlite3\/)[\w-]+\/index\.js$/.test(id),
    );
    expect(foreign).toEqual([]);
    // MikroORM 5 names tables and finds metadata by class names: the bundle keeps them.
    expect(/["`]VerificationToken["`]/.test(worker!.code), 'the entity class names are in the bundle').toBe(true);
    console.log(`mikro-orm-official.worker: ${kB(Buffer.byteLength(worker!.code))} raw, ${kB(gzipSync(worker!.code).length)} gzip`);
  });

  it('runs the official adapter on MikroORM 5 over sql.js in Chromium: a custom User entity, rows and statements', { timeout: 120_000 }, async () => {
    const compiled = await compile(
      'mikro-orm',
      files({
        'run.ts': `import { Collection, Entity, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { MikroOrmAdapter, defaultEntities } from '@auth/mikro-orm-adapter';

const { Account, Session } = defaultEntities;

@Entity()
export class User implements defaultEntities.User {
  @PrimaryKey()
  id: string = crypto.randomUUID();
  @Property({ nullable: true })
  name?: string;
  @Property({ nullable: true })
  @Unique()
  email: string = '';
  @Property({ type: 'Date', nullable: true })
  emailVerified: Date | null = null;
  @Property({ nullable: true })
  image?: string;
  @Property({ nullable: true })
  phone?: string;
  @OneToMany({ entity: () => Session, mappedBy: (session: any) => session.user, hidden: true, orphanRemoval: true })
  sessions = new Collection<any>(this);
  @OneToMany({ entity: () => Account, mappedBy: (account: any) => account.user, hidden: true, orphanRemoval: true })
  accounts = new Collection<any>(this);
}

const adapter = MikroOrmAdapter({ dbName: './db.sqlite', type: 'sqlite' }, { entities: { User } });
const user = await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada', phone: '555' } as never);
await adapter.createSession!({ sessionToken: 'st-1', userId: user.id, expires: new Date('2030-01-01T00:00:00Z') });
const found = await adapter.getSessionAndUser!('st-1');
console.log(found?.user.email, found?.session.expires.toISOString());
try {
  await adapter.createUser!({ id: 'u2', email: 'ada@example.com', emailVerified: null });
} catch (error) {
  console.log((error as Error).name, (error as Error).message.includes('UNIQUE constraint failed: user.email'));
}
`,
      }),
    );
    const { versions, outcome } = await runInWorker(compiled);
    expect(versions).toMatchObject({ orm: expect.stringMatching(/^MikroORM 5\.9\.\d+$/), adapter: '@auth/mikro-orm-adapter 2.10.0' });
    expect(outcome.error, JSON.stringify(outcome.error, null, 1)).toBeUndefined();
    expect(logged(outcome)).toEqual(['ada@example.com 2030-01-01T00:00:00.000Z', 'UniqueConstraintViolationException true']);
    expect(outcome.adapter?.description).toBe('MikroOrmAdapter from @auth/mikro-orm-adapter 2.10.0');
    expect(outcome.calls.map((call) => call.method)).toEqual(['createUser', 'createSession', 'getSessionAndUser', 'createUser']);
    const user = outcome.tables.find((table) => table.name === 'user');
    expect(user?.columns).toEqual(['id', 'name', 'email', 'email_verified', 'image', 'phone']);
    expect(user?.rows.map((row) => row.values.slice(0, 3))).toEqual([['u1', 'Ada', 'ada@example.com']]);
    expect(outcome.tables.map((table) => table.name).sort()).toEqual(['account', 'session', 'user', 'verification_token']);
    expect(outcome.statements.some((statement) => statement.sql.startsWith('insert into `session`') && statement.rowsAffected === 1)).toBe(true);
    expect(outcome.console.some((entry) => entry.kind === 'notice' && entry.text.includes('configured for database ./db.sqlite'))).toBe(true);
  });
});
