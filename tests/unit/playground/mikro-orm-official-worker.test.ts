// The official MikroORM implementation's workers (src/playground/sandbox/mikro-orm-official.worker.ts
// and mikro-orm-official-postgres.worker.ts) built for the browser as the site builds its workers
// (src/engine/vite-browser-engine.ts: classic scripts, production mode), then started in Chromium
// and spoken to as the page does (connect, init with the engine's files, run): the published
// @auth/mikro-orm-adapter on MikroORM 5 and knex, over the engine's sqlite3 imitation or its real
// `pg` Client on PGlite, in a real browser. Also checks what each bundle holds (MikroORM 5 and
// knex's one dialect; none of MikroORM 7, kysely, or other dialects' drivers) and prints sizes.
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
import { freshDataDir } from '../../../src/engine/pglite/fresh-data-dir.ts';
import { sqlJsBrowserFiles } from '../../../src/engine/sql-js/browser-files.ts';
import { compile, files } from './support.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKERS = {
  sqlite: path.join(ROOT, 'src/playground/sandbox/mikro-orm-official.worker.ts'),
  postgres: path.join(ROOT, 'src/playground/sandbox/mikro-orm-official-postgres.worker.ts'),
} as const;
type EngineId = keyof typeof WORKERS;
const require = createRequire(import.meta.url);
const outDir = mkdtempSync(path.join(tmpdir(), 'adapter-lab-mikro-orm-official-'));

interface Built {
  readonly fileName: string;
  readonly code: string;
  readonly moduleIds: readonly string[];
}

const workers: Partial<Record<EngineId, Built>> = {};
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
    load: (id) =>
      id === '\0virtual:official-worker'
        ? Object.values(WORKERS)
            .map((file, index) => `export { default as w${index} } from ${JSON.stringify(`${file}?worker&url`)};`)
            .join('\n')
        : null,
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
  for (const engine of Object.keys(WORKERS) as EngineId[]) {
    const prefix = engine === 'sqlite' ? 'mikro-orm-official.worker-' : 'mikro-orm-official-postgres.worker-';
    const built = scripts.find((script) => script.fileName.startsWith(prefix));
    if (!built) throw new Error(`No ${prefix}* among ${scripts.map((script) => script.fileName).join(', ')}`);
    workers[engine] = built;
    writeFileSync(path.join(outDir, `${engine}-worker.js`), built.code);
  }
  const pgliteDist = path.join(path.dirname(require.resolve('@electric-sql/pglite')));
  copyFileSync(sqlJsBrowserFiles().wasm, path.join(outDir, 'sql-wasm.wasm'));
  copyFileSync(path.join(pgliteDist, 'pglite.wasm'), path.join(outDir, 'pglite.wasm'));
  copyFileSync(path.join(pgliteDist, 'pglite.data'), path.join(outDir, 'pglite.data'));
  copyFileSync(await freshDataDir(), path.join(outDir, 'data-dir.tgz'));
  writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>official worker</title>');
  server = await startStaticServer(outDir);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}, 300_000);

const inPackage = (id: string, name: string): boolean => id.split(path.sep).join('/').includes(`/node_modules/${name}/`);
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** Starts the built worker in a page and runs the compiled files as the playground's page would. */
async function runInWorker(engine: EngineId, compiled: readonly CompiledFile[]): Promise<{ versions: RuntimeVersions; outcome: Outcome }> {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server!.url}/index.html`);
    const result = await page.evaluate(
      async ({ engine, files }) => {
        const worker = new Worker(`/${engine}-worker.js`);
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
        const bytes = async (file: string): Promise<ArrayBuffer> => (await fetch(`/${file}`)).arrayBuffer();
        // What the page downloads for each engine and hands over (protocol.ts EngineAssets).
        const assets =
          engine === 'sqlite'
            ? { engine, wasm: await bytes('sql-wasm.wasm') }
            : { engine, pgliteWasm: await bytes('pglite.wasm'), fsBundle: await bytes('pglite.data'), dataDir: await bytes('data-dir.tgz') };
        const transfer = Object.values(assets).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
        const ready = next('ready');
        channel.port1.postMessage({ type: 'init', assets, database: null }, transfer);
        const { versions } = await ready;
        const outcome = next('outcome');
        channel.port1.postMessage({ type: 'run', id: 1, files, entry: 'run.ts', database: null, keep: false });
        const result = { versions, outcome: (await outcome)['outcome'] };
        worker.terminate();
        return result;
      },
      { engine, files: compiled },
    );
    expect(errors).toEqual([]);
    return result as unknown as { versions: RuntimeVersions; outcome: Outcome };
  } finally {
    await page.close();
  }
}

const logged = (outcome: Outcome): string[] =>
  outcome.console.flatMap((entry) => (entry.kind === 'log' ? [entry.values.map((value) => value.preview.replace(/^"(.*)"$/, '$1')).join(' ')] : []));

/** The reader's code both workers run: the docs' kind of custom User entity (a phone number), the adapter's calls, a duplicate e-mail. */
const RUN = (config: string): string => `import { Collection, Entity, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
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

const adapter = MikroOrmAdapter(${config}, { entities: { User } });
const user = await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada', phone: '555' } as never);
await adapter.createSession!({ sessionToken: 'st-1', userId: user.id, expires: new Date('2030-01-01T00:00:00Z') });
const found = await adapter.getSessionAndUser!('st-1');
console.log(found?.user.email, found?.session.expires.toISOString());
try {
  await adapter.createUser!({ id: 'u2', email: 'ada@example.com', emailVerified: null });
} catch (error) {
  console.log((error as Error).name);
}
`;

const CASES = [
  {
    engine: 'sqlite',
    dialect: 'sqlite3',
    driverPackage: '@mikro-orm/sqlite',
    config: "{ dbName: './db.sqlite', type: 'sqlite' }",
    notice: 'MikroORM was configured for database ./db.sqlite: the playground runs it on SQLite (sql.js) in your browser instead.',
    insert: 'insert into `session`',
  },
  {
    engine: 'postgres',
    dialect: 'postgres',
    driverPackage: '@mikro-orm/postgresql',
    config: "{ clientUrl: process.env.DATABASE_URL, type: 'postgresql' }",
    notice: undefined,
    insert: 'insert into "session"',
  },
] as const;

describe.each(CASES)('the official MikroORM worker on $engine, built for the browser', ({ engine, dialect, driverPackage, config, notice, insert }) => {
  it('holds MikroORM 5, knex with its one dialect and the official adapter; not MikroORM 7, kysely or other dialects', () => {
    const worker = workers[engine]!;
    const ids = worker.moduleIds.map((id) => id.split(path.sep).join('/'));
    expect(ids.some((id) => id.includes('/mikro-orm-5-runtime/node_modules/@mikro-orm/core/'))).toBe(true);
    expect(ids.some((id) => id.includes(`/mikro-orm-5-runtime/node_modules/${driverPackage}/`))).toBe(true);
    expect(ids.some((id) => id.includes('/mikro-orm-5-runtime/node_modules/@auth/mikro-orm-adapter/'))).toBe(true);
    expect(ids.some((id) => id.endsWith(`/knex/lib/dialects/${dialect}/index.js`))).toBe(true);
    // MikroORM 7 (the root's @mikro-orm/*), kysely, and what only other databases need.
    const others = ['mysql2', 'tedious', 'oracledb', 'better-sqlite3', 'sqlite3', 'fs-extra', 'globby', 'dotenv', ...(engine === 'sqlite' ? ['pg'] : [])];
    const foreign = ids.filter(
      (id) =>
        (/\/node_modules\/@mikro-orm\//.test(id) && !id.includes('/mikro-orm-5-runtime/')) ||
        others.some((name) => inPackage(id, name)) ||
        (/\/node_modules\/kysely\//.test(id) && !id.includes('/@electric-sql/')) ||
        new RegExp(`/knex/lib/dialects/(?!${dialect}/)[\\w-]+/index\\.js$`).test(id),
    );
    expect(foreign).toEqual([]);
    // MikroORM 5 names tables and finds metadata by class names: the bundle keeps them.
    expect(/["`]VerificationToken["`]/.test(worker.code), 'the entity class names are in the bundle').toBe(true);
    console.log(`${worker.fileName}: ${kB(Buffer.byteLength(worker.code))} raw, ${kB(gzipSync(worker.code).length)} gzip`);
  });

  it('runs the official adapter on MikroORM 5 in Chromium: a custom User entity, rows, statements, a readable error', { timeout: 180_000 }, async () => {
    const compiled = await compile('mikro-orm', files({ 'run.ts': RUN(config) }));
    const { versions, outcome } = await runInWorker(engine, compiled);
    expect(versions).toMatchObject({ orm: expect.stringMatching(/^MikroORM 5\.9\.\d+$/), adapter: '@auth/mikro-orm-adapter 2.10.0' });
    expect(outcome.error, JSON.stringify(outcome.error, null, 1)).toBeUndefined();
    expect(logged(outcome)).toEqual(['ada@example.com 2030-01-01T00:00:00.000Z', 'UniqueConstraintViolationException']);
    expect(outcome.adapter?.description).toBe('MikroOrmAdapter from @auth/mikro-orm-adapter 2.10.0');
    expect(outcome.calls.map((call) => call.method)).toEqual(['createUser', 'createSession', 'getSessionAndUser', 'createUser']);
    const user = outcome.tables.find((table) => table.name === 'user');
    expect(user?.columns).toEqual(['id', 'name', 'email', 'email_verified', 'image', 'phone']);
    expect(user?.rows.filter((row) => row.status !== 'deleted').map((row) => row.values.slice(0, 3))).toEqual([['u1', 'Ada', 'ada@example.com']]);
    expect(outcome.tables.map((table) => table.name).sort()).toEqual(['account', 'session', 'user', 'verification_token']);
    expect(outcome.statements.some((statement) => statement.sql.startsWith(insert) && statement.rowsAffected === 1)).toBe(true);
    const said = outcome.console.flatMap((entry) => (entry.kind === 'notice' && entry.text.includes('runs it on') ? [entry.text] : []));
    expect(said).toEqual(notice ? [notice] : []);
  });
});
