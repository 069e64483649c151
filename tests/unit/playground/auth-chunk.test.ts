// Auth.js is loaded on demand: Vite builds the page's runtime client with the site's settings
// (src/engine/vite-browser-engine.ts, the Auth.js additions of src/playground/build/auth-build.ts),
// and every module of @auth/core and its dependencies must end up in the Auth.js runtime's own
// classic script, none in the ORM workers' — judged by the modules the bundler put in each file
// and by strings only those libraries' code contains. The Auth.js script then runs in a bare
// JavaScript context standing in for the worker's global scope and leaves the runtime in its
// global. Prints the sizes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions, type Plugin, type UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_CONDITION } from '../../../packages/source-condition.mjs';
import { browserEngineVite } from '../../../src/engine/vite-browser-engine.ts';
import { AUTH_BROWSER_BUILD } from '../../../src/playground/build/auth-build.ts';
import { AUTH_RUNTIME_GLOBAL } from '../../../src/playground/sandbox/auth-runtime-global.ts';
import type { AuthRuntime } from '../../../src/playground/runtime/auth/world.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), 'adapter-lab-auth-chunk-'));
afterAll(() => {
  if (!process.env['KEEP']) rmSync(outDir, { recursive: true, force: true });
});

/** Auth.js's packages, each with a string only its code contains (error codes and URLs survive minification). */
const AUTH_LIBRARIES = {
  '@auth/core': 'errors.authjs.dev',
  jose: 'ERR_JWE_DECRYPTION_FAILED',
  oauth4webapi: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
  preact: 'dangerouslySetInnerHTML',
} as const;

interface Built {
  readonly fileName: string;
  readonly code: string;
  /** The modules whose code is in the file. */
  readonly moduleIds: readonly string[];
}

const inPackage = (id: string, name: string): boolean => id.split(path.sep).join('/').includes(`/node_modules/${name}/`);
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

let workers: Built[] = [];

beforeAll(async () => {
  const scripts: Built[] = [];
  // The worker bundles (the ORM workers and the Auth.js script, all `?worker&url`) as the bundler made them.
  const capture: Plugin = {
    name: 'capture-worker-chunks',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        // A module the bundler met but whose code it all dropped (the worker's dev-only import()) is not in the file.
        const rendered = Object.entries(output.type === 'chunk' ? output.modules : {})
          .filter(([, module]) => module.renderedLength > 0)
          .map(([id]) => id);
        if (output.type === 'chunk') scripts.push({ fileName: path.basename(output.fileName), code: output.code, moduleIds: rendered });
      }
    },
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
    // As the site: the adapters from their TypeScript source (packages/source-condition.mjs).
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    worker: { ...site.worker, plugins: () => [...(sitePlugins?.() ?? []), capture] },
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { client: path.join(ROOT, 'src/playground/sandbox/runtime-client.ts') }, preserveEntrySignatures: 'exports-only' },
    },
  }).finally(() => {
    process.env['NODE_ENV'] = nodeEnv;
  });
  workers = scripts;
}, 240_000);

function script(prefix: string): Built {
  const found = workers.filter((built) => built.fileName.startsWith(prefix));
  expect(
    found.map((built) => built.fileName),
    `${prefix}* among ${workers.map((built) => built.fileName).join(', ')}`,
  ).toHaveLength(1);
  return found[0]!;
}

describe('the built runtime', () => {
  it('keeps Auth.js out of both ORM workers', () => {
    for (const worker of [script('sequelize.worker-'), script('mikro-orm.worker-')]) {
      expect(
        worker.moduleIds.filter((id) => Object.keys(AUTH_LIBRARIES).some((name) => inPackage(id, name))),
        worker.fileName,
      ).toEqual([]);
      expect(
        worker.moduleIds.filter((id) => /[\\/]runtime[\\/]auth[\\/]/.test(id)),
        worker.fileName,
      ).toEqual([]);
      for (const [library, marker] of Object.entries(AUTH_LIBRARIES)) expect(worker.code.includes(marker), `${library} in ${worker.fileName}`).toBe(false);
      // What it needs to load Auth.js from the page.
      expect(worker.code).toContain('load-auth');
      expect(worker.code).toContain(AUTH_RUNTIME_GLOBAL);
    }
  });

  it('puts the Auth.js runtime and every Auth.js library it uses in one classic script of its own', () => {
    const auth = script('auth-runtime.chunk-');
    expect(auth.moduleIds.some((id) => id.endsWith(path.join('runtime', 'auth', 'auth-runtime.ts')))).toBe(true);
    for (const [library, marker] of Object.entries(AUTH_LIBRARIES)) {
      expect(
        auth.moduleIds.some((id) => inPackage(id, library)),
        library,
      ).toBe(true);
      expect(auth.code, library).toContain(marker);
    }
    // A classic script: nothing to import, nothing exported.
    expect(auth.code).not.toMatch(/^\s*(import|export)\b/m);
    const sizes = [script('sequelize.worker-'), script('mikro-orm.worker-'), auth].map(
      (built) => `${built.fileName} ${kB(Buffer.byteLength(built.code))} raw, ${kB(gzipSync(built.code).length)} gzip`,
    );
    console.log(`built runtime scripts: ${sizes.join('; ')}`);
  });

  it('the Auth.js script runs in a bare global scope and leaves the runtime in its global', () => {
    const auth = script('auth-runtime.chunk-');
    // A worker's global scope, as far as the Web platform goes: no Node.
    const context = vm.createContext({
      console,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      Headers,
      Request,
      Response,
      crypto,
      atob,
      btoa,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      structuredClone,
    });
    vm.runInContext(auth.code, context, { filename: auth.fileName });
    const runtime = (context as Record<string, unknown>)[AUTH_RUNTIME_GLOBAL] as AuthRuntime | undefined;
    expect(typeof runtime?.createAuthWorld).toBe('function');
  });
});
