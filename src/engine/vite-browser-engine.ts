/**
 * Everything the browser build needs to run Sequelize and MikroORM over sql.js, in one place.
 * `astro.config.mjs` spreads `browserEngineVite()` into its `vite` key.
 *
 * - Sequelize is CommonJS written for Node. Its sqlite dialect needs only `util` and `assert`
 *   (small CommonJS stand-ins in ./browser-shims), but its entry `require()`s every dialect:
 *   the other dialects' index modules become stubs that throw if selected (their data-type
 *   modules stay: `data-types.js` loads them all, and the sqlite query generator extends the
 *   mysql one). `fs`/`path`/`url` become modules that throw a clear error if called (Sequelize
 *   uses them only for file storage and connection URLs) — except `path` for Babel, in the
 *   playground's transpile worker, which gets a small POSIX implementation (posix-path.cjs).
 *   `pg-hstore` becomes empty. `moment`
 *   resolves to its CommonJS file (its ESM build breaks `moment.isMoment`), and
 *   `moment-timezone` to the file without its time-zone database (36 kB gzip less).
 * - Both ORMs call `Buffer` (MikroORM's clone, Sequelize's BLOB handling): rolldown's `inject`
 *   imports the `buffer` package wherever a module uses the free variable `Buffer`.
 *
 * - MikroORM 5 (the published @auth/mikro-orm-adapter's, packages/mikro-orm-5-runtime) is CommonJS
 *   written for Node and reaches SQLite through knex. For its modules and knex's only: `fs-extra`
 *   becomes a file system with no files (no-files.cjs), `path` the POSIX one, `crypto` an MD5
 *   (its metadata keys), `url` the browser's URL, `os`, `async_hooks` (a storage that holds
 *   nothing), `timers` and `tty` small stand-ins; `globby` and `dotenv` throw if called (entity files, .env). The other
 *   `@mikro-orm/*` packages its core `require()`s by name (drivers for `type:`, migrations,
 *   seeders) and knex's dialects but the bundle's own (sqlite3, or postgres in a PostgreSQL
 *   worker; both in dev) become stubs that throw if chosen. Its bundle keeps class names (`keepNames`): MikroORM 5
 *   names tables and finds metadata by them, and the adapter recognises its entities by name.
 * - Callers may add aliases, packages to pre-bundle and plugins of their own (`BrowserEngineExtras`): the
 *   playground's Auth.js runtime (src/playground/build/auth-build.ts) does.
 *
 * The same plugin must run in three bundlers: page code (Vite `plugins`), module Web Workers
 * (`worker.plugins`: workers do not inherit top-level plugins) and dev-mode dependency
 * pre-bundling (`optimizeDeps.rolldownOptions.plugins`). Astro's server build keeps the real
 * Node modules: the plugin steps aside when the environment's consumer is the server.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { pgliteDataDirPlugin } from './pglite/vite-data-dir.ts';

const require = createRequire(import.meta.url);
const shim = (file: string): string => fileURLToPath(new URL(`./browser-shims/${file}`, import.meta.url));

const ALIASES: Readonly<Record<string, string>> = {
  util: shim('util.cjs'),
  'util/types': shim('util-types.cjs'),
  assert: shim('assert.cjs'),
  'pg-hstore': shim('empty.cjs'),
  // The PostgreSQL workers' `pg` (over PGlite) needs an EventEmitter; `pg-native` is never chosen.
  events: require.resolve('events/'),
  'pg-native': shim('empty.cjs'),
  moment: require.resolve('moment/moment.js'),
  'moment-timezone': require.resolve('moment-timezone/moment-timezone.js'),
};

const POSIX_PATH = shim('posix-path.cjs');
// `pg` reaches for sockets and DNS only without a given connection; PGlite for files, streams
// and zlib only in Node: behind branches the browser never takes.
const NODE_ONLY = new Set(
  ['fs', 'path', 'url', 'net', 'tls', 'dns', 'zlib', 'stream', 'stream/promises', 'fs/promises', 'module', 'crypto', 'string_decoder'].flatMap((name) => [
    name,
    `node:${name}`,
  ]),
);
const ABSENT_DIALECT = /[\\/]sequelize[\\/]lib[\\/]dialects[\\/](mariadb|mssql|mysql|oracle|postgres|db2|snowflake)[\\/]index\.js$/;
const PGLITE_DIST = /[\\/]@electric-sql[\\/]pglite[\\/]dist[\\/]/;
const PGLITE_FILE_URL = /new URL\((["'])\.?\/?(?:pglite\.wasm|pglite\.data|initdb\.wasm)\1,\s*import\.meta\.url\)/g;
/** A PostgreSQL worker's entry (orm-registry.ts `workers.postgres`): its bundle keeps Sequelize's postgres dialect. */
const POSTGRES_WORKER = /-postgres\.worker\.ts$/;
const VIRTUAL = '\0adapter-lab:';
/** The published `@auth/*-adapter` packages the official runtimes bundle, unmodified but for reading NODE_ENV at run time. */
const OFFICIAL_ADAPTER = /[\\/]node_modules[\\/]@auth[\\/][a-z-]+-adapter[\\/]/;

/** MikroORM 5's packages (nested under packages/mikro-orm-5-runtime), knex and knex's pool: the importers the stand-ins below are for. */
const MIKRO_ORM_5 = /[\\/]mikro-orm-5-runtime[\\/]node_modules[\\/]@mikro-orm[\\/]/;
/** What MikroORM 5's packages require of one another, but for core and knex. */
const MIKRO_ORM_5_OPTIONAL = /^@mikro-orm\/(?!(core|knex)$)/;
const KNEX = /[\\/]node_modules[\\/](knex|tarn|colorette)[\\/]/;
const KNEX_DIALECT = /[\\/]knex[\\/]lib[\\/]dialects[\\/]([\w-]+)[\\/]index\.js$/;
/** A worker entry of the official MikroORM implementation: its bundle keeps class names. */
const MIKRO_ORM_5_WORKER = /[\\/]mikro-orm-official(-postgres)?\.worker\.ts$/;
const FOR_MIKRO_ORM_5: Readonly<Record<string, string>> = {
  'fs-extra': shim('no-files.cjs'),
  path: shim('posix-path.cjs'),
  crypto: shim('md5-crypto.cjs'),
  os: shim('os.cjs'),
  async_hooks: shim('async-hooks.cjs'),
  timers: shim('timers.cjs'),
  tty: shim('tty.cjs'),
  url: shim('url.cjs'),
  // knex's sqlite3 client is handed the engine's sqlite3 imitation; its own require is never called.
  sqlite3: shim('empty.cjs'),
};
const MIKRO_ORM_5_NODE_ONLY = new Set(['globby', 'dotenv']);
const KNEX_DIALECTS = /[\\/]knex[\\/]lib[\\/]dialects[\\/]index\.js$/;

const INJECT = { Buffer: [require.resolve('buffer/'), 'Buffer'] as [string, string], process: shim('process.cjs'), global: shim('global.cjs') };

/** CommonJS source of a module whose every function throws, naming what is missing. */
function nodeOnlyModule(name: string): string {
  return `'use strict';
module.exports = new Proxy({}, {
  get(_target, key) {
    if (typeof key === 'symbol' || key === '__esModule' || key === 'default' || key === 'then') return undefined;
    return () => { throw new Error(${JSON.stringify(name)} + '.' + String(key) + ' is not available in the browser: the in-browser engine keeps everything in memory (use storage ":memory:", no connection URL).'); };
  },
});`;
}

function absentDialectModule(dialect: string): string {
  return `'use strict';
module.exports = class AbsentDialect {
  constructor() {
    throw new Error('The Sequelize "${dialect}" dialect is not part of this browser build: in the browser Sequelize runs on SQLite (sql.js) or PostgreSQL (PGlite).');
  }
};`;
}

function absentPackageModule(what: string): string {
  return `'use strict';
module.exports = new Proxy(function Absent() {}, {
  get(_target, key) {
    if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return undefined;
    throw new Error(${JSON.stringify(what)} + ' is not part of this browser build: the official MikroORM adapter runs on MikroORM 5 with the driver of the database the playground runs.');
  },
  construct() {
    throw new Error(${JSON.stringify(what)} + ' is not part of this browser build: the official MikroORM adapter runs on MikroORM 5 with the driver of the database the playground runs.');
  },
});`;
}

/**
 * What a caller adds: bare specifiers served by files of its own, more dependencies to pre-bundle
 * in dev, and plugins that must run wherever the engine's does (pages, workers, pre-bundling).
 */
export interface BrowserEngineExtras {
  readonly aliases?: Readonly<Record<string, string>>;
  readonly prebundle?: readonly string[];
  readonly plugins?: () => Plugin[];
}

export function browserEnginePlugin(extraAliases: Readonly<Record<string, string>> = {}): Plugin {
  const aliases: Readonly<Record<string, string>> = { ...ALIASES, ...extraAliases };
  // Each worker bundle gets its own plugin instance (worker.plugins is a factory): a PostgreSQL
  // worker keeps Sequelize's postgres dialect, every other bundle stubs it. Unknown (the dev
  // server, which bundles nothing): kept.
  let keepsPostgres = true;
  // Known only when building a PostgreSQL worker: its bundle needs no SQLite dialect of knex.
  let postgresOnly = false;
  let keepsNames = false;
  return {
    name: 'adapter-lab:browser-engine',
    enforce: 'pre',
    // Input options come before output options (buildStart comes after them in rolldown).
    options(options) {
      const inputs = typeof options.input === 'string' ? [options.input] : Array.isArray(options.input) ? options.input : Object.values(options.input ?? {});
      keepsNames = inputs.some((input) => MIKRO_ORM_5_WORKER.test(input));
      return null;
    },
    buildStart(options) {
      const inputs = Array.isArray(options.input) ? options.input : Object.values(options.input ?? {});
      if (inputs.length > 0) keepsPostgres = inputs.some((input) => POSTGRES_WORKER.test(input));
      postgresOnly = inputs.length > 0 && inputs.every((input) => POSTGRES_WORKER.test(input));
    },
    outputOptions(options) {
      return keepsNames ? { ...options, keepNames: true } : null;
    },
    async resolveId(source, importer, options) {
      // Absent in rolldown's own plugin context (dependency pre-bundling), which is client-only.
      if (this.environment?.config.consumer === 'server') return null;
      const alias = Object.hasOwn(aliases, source) ? aliases[source] : undefined;
      if (alias) return alias;
      // Babel (the playground's transpile worker) computes file names with `path`: a real one.
      if ((source === 'path' || source === 'node:path') && importer && /[\\/]@babel[\\/]/.test(importer)) return POSIX_PATH;
      if (importer && (MIKRO_ORM_5.test(importer) || KNEX.test(importer))) {
        const name = source.replace(/^node:/, '');
        const stand = Object.hasOwn(FOR_MIKRO_ORM_5, name) ? FOR_MIKRO_ORM_5[name] : undefined;
        if (stand) return stand;
        if (MIKRO_ORM_5_NODE_ONLY.has(name)) return `${VIRTUAL}node-only:${name}`;
        // The other packages are required by name only for what the playground never does (a
        // driver by `type:`, migrations, seeders), and by these names npm finds MikroORM 7's.
        if (MIKRO_ORM_5.test(importer) && MIKRO_ORM_5_OPTIONAL.test(source)) return `${VIRTUAL}absent-package:${source}`;
        if (source.includes('dialects') || KNEX_DIALECTS.test(importer)) {
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
          const dialect = resolved && KNEX_DIALECT.exec(resolved.id)?.[1];
          const kept = dialect === 'sqlite3' ? !postgresOnly : dialect === 'postgres' && keepsPostgres;
          if (dialect && !kept) return `${VIRTUAL}absent-package:knex's ${dialect} dialect`;
        }
      }
      if (NODE_ONLY.has(source)) return `${VIRTUAL}node-only:${source.replace('node:', '')}`;
      if (importer && /[\\/]sequelize[\\/]lib[\\/]/.test(importer) && source.startsWith('./dialects/')) {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        const dialect = resolved && ABSENT_DIALECT.exec(resolved.id)?.[1];
        if (dialect && !(dialect === 'postgres' && keepsPostgres)) return `${VIRTUAL}absent-dialect:${dialect}`;
      }
      return null;
    },
    transform(code, id) {
      if (this.environment?.config.consumer === 'server') return null;
      // The official adapters decide at call time whether to create their tables from the app's
      // NODE_ENV, which the bundler would fix to "production": they read the reader's instead
      // (the playground's `process.env`, development as under `next dev`), through a function
      // the bundler's replacement of `process.env.NODE_ENV` cannot see into.
      if (OFFICIAL_ADAPTER.test(id) && code.includes('process.env.NODE_ENV')) {
        const read = 'const __adapterLabNodeEnv = () => Reflect.get(globalThis, "process")?.env?.NODE_ENV;\n';
        return { code: read + code.replaceAll('process.env.NODE_ENV', '__adapterLabNodeEnv()'), map: null };
      }
      // PGlite names its files relative to its module for when it fetches them itself; in the
      // workers it never does (the page hands them over), so the bundler must not copy them.
      if (!PGLITE_DIST.test(id)) return null;
      const inert = code.replace(PGLITE_FILE_URL, 'new URL("data:,")');
      return inert === code ? null : { code: inert, map: null };
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const rest = id.slice(VIRTUAL.length);
      const kind = rest.slice(0, rest.indexOf(':'));
      const name = rest.slice(kind.length + 1);
      if (kind === 'absent-package') return absentPackageModule(name);
      return kind === 'node-only' ? nodeOnlyModule(name) : absentDialectModule(name);
    },
    configEnvironment(name, config) {
      // Vite leaves `consumer` unset for the default environments here: 'client' is the browser.
      if ((config.consumer ?? (name === 'client' ? 'client' : 'server')) === 'server') return;
      return { build: { rolldownOptions: { transform: { inject: INJECT } } } };
    },
  };
}

/** The `vite` options for astro.config.mjs. */
export function browserEngineVite(extras: BrowserEngineExtras = {}): UserConfig {
  const plugins = (): Plugin[] => [browserEnginePlugin(extras.aliases), ...(extras.plugins?.() ?? [])];
  return {
    // Pages only: the fresh PostgreSQL data directory the page downloads for PGlite (pglite/vite-data-dir.ts).
    plugins: [...plugins(), pgliteDataDirPlugin()],
    worker: {
      // One classic script per worker, imports inlined: the playground starts its worker from a
      // blob: URL inside a sandboxed iframe, where a module worker could not load chunks.
      format: 'iife',
      plugins,
      rolldownOptions: { transform: { inject: INJECT } },
    },
    optimizeDeps: {
      // The dev scanner does not look inside workers, where the ORMs and the runtime's own
      // dependencies are imported: a dependency first met at run time makes Vite optimise again
      // and reload the page. Babel is the transpile worker's (src/playground/compiler/transpile.worker.ts).
      include: [
        'sequelize',
        '@mikro-orm/core',
        '@mikro-orm/sql',
        'kysely',
        'sql.js',
        'buffer/',
        '@jridgewell/trace-mapping',
        '@noble/hashes/sha2.js',
        '@noble/hashes/utils.js',
        'es-module-lexer',
        '@babel/core',
        '@babel/parser',
        '@babel/plugin-transform-typescript',
        '@babel/types',
        ...(extras.prebundle ?? []),
      ],
      rolldownOptions: { plugins: plugins(), transform: { inject: INJECT } },
    },
  };
}
