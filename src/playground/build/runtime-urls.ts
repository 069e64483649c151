/**
 * Fills in the built playground page's runtime URLs (the placeholders of early-boot.ts's inline
 * script): the worker script of each ORM on each engine with each adapter implementation, and each engine's files (sql.js's wasm,
 * PGlite's wasm, its data bundle and a fresh cluster's data directory) with their sizes, as the build named them. The
 * page's own bundle imports the same files (they are read from its chunk); a build where one is
 * missing or ambiguous fails here.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ENGINES, type EngineId } from '../engine-registry.ts';
import { IMPLEMENTATIONS, type ImplementationId } from '../implementation-registry.ts';
import { ORMS, type OrmId, runtimeWorker } from '../orm-registry.ts';

export const RUNTIME_URL_PLACEHOLDER = (name: string): string => `__ADAPTER_LAB_RUNTIME_URL_${name}__`;
/** A file's size in bytes (the total of the download's progress when a response does not give it). */
export const RUNTIME_SIZE_PLACEHOLDER = (name: string): string => `__ADAPTER_LAB_RUNTIME_SIZE_${name}__`;

/** Each engine's files, by the names of its EngineAssets fields (protocol.ts), and how the build names them. */
const ENGINE_FILES: Readonly<Record<EngineId, Readonly<Record<string, RegExp>>>> = {
  sqlite: { wasm: /^sql-wasm-browser[.-][\w-]+\.wasm$/ },
  postgres: { pgliteWasm: /^pglite[.-][\w-]+\.wasm$/, fsBundle: /^pglite[.-][\w-]+\.data$/, dataDir: /fresh-data-dir[.-][\w-]+\.tgz$/ },
};

export const ENGINE_ASSET_NAMES: Readonly<Record<EngineId, readonly string[]>> = {
  sqlite: Object.keys(ENGINE_FILES.sqlite),
  postgres: Object.keys(ENGINE_FILES.postgres),
};

export const workerName = (orm: OrmId, engine: EngineId, implementation: ImplementationId): string => `worker-${orm}-${implementation}-${engine}`;
export const engineAssetName = (engine: EngineId, name: string): string => `${engine}-${name}`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SANDBOX_DIR = fileURLToPath(new URL('../sandbox/', import.meta.url));

/**
 * Each worker (by its placeholder name) whose entry exists in sandbox/: a registry entry without
 * one is the registry test's to report (orm-registry.test.ts), and its placeholder stays empty.
 */
function workers(): { name: string; prefix: string; present: boolean }[] {
  return ORMS.flatMap((orm) =>
    ENGINES.flatMap((engine) =>
      IMPLEMENTATIONS.map(({ id: implementation }) => {
        // No worker for it at all (the official adapter where it does not run yet): its placeholder stays empty.
        const file = runtimeWorker(orm, engine.id, implementation);
        const name = workerName(orm.id, engine.id, implementation);
        return file ? { name, prefix: `${file}-`, present: existsSync(join(SANDBOX_DIR, `${file}.ts`)) } : { name, prefix: '\0', present: false };
      }),
    ),
  );
}

export function fillRuntimeUrls(dist: string, page = join(dist, 'playground', 'index.html')): void {
  const assets = readdirSync(join(dist, '_astro'));
  const scripts = new Map(assets.filter((file) => file.endsWith('.js')).map((file) => [file, readFileSync(join(dist, '_astro', file), 'utf8')]));
  const expected = workers();
  // The chunk of runtime-client.ts names every worker, and imports the chunks that name the engines' files.
  const named = (file: string): boolean => expected.some((worker) => worker.present && file.startsWith(worker.prefix));
  const client = [...scripts.values()].filter((script) => assets.filter(named).every((file) => script.includes(file)));
  if (client.length !== 1) throw new Error(`Playground runtime URLs: expected one built script naming every worker, found ${client.length}`);
  // Not the workers' own scripts: a PostgreSQL worker's bundle names PGlite's files too (PGlite's
  // own loader refers to them), though it is handed the page's copies and never fetches them.
  const reach = [client[0]!, ...[...scripts].filter(([file]) => client[0]!.includes(file) && !named(file)).map(([, text]) => text)].join('\n');
  let html = readFileSync(page, 'utf8');
  const fill = (placeholder: string, value: string): void => {
    if (!html.includes(placeholder)) throw new Error(`Playground runtime URLs: ${page} has no ${placeholder}`);
    html = html.replaceAll(placeholder, value);
  };
  const find = (name: string, pattern: RegExp): string => {
    // Only what the runtime client itself fetches.
    const found = assets.filter((file) => pattern.test(file) && reach.includes(file));
    if (found.length !== 1)
      throw new Error(
        `Playground runtime URLs: expected one file for ${name} (${pattern}) named by the runtime client, found ${found.length}: ${found.join(', ')}`,
      );
    return found[0]!;
  };
  for (const worker of expected) {
    fill(
      RUNTIME_URL_PLACEHOLDER(worker.name),
      worker.present ? `/_astro/${find(worker.name, new RegExp(`^${escapeRegExp(worker.prefix)}[\\w-]+\\.js$`))}` : '',
    );
  }
  for (const engine of ENGINES) {
    for (const [field, pattern] of Object.entries(ENGINE_FILES[engine.id])) {
      const name = engineAssetName(engine.id, field);
      const file = find(name, pattern);
      fill(RUNTIME_URL_PLACEHOLDER(name), `/_astro/${file}`);
      fill(RUNTIME_SIZE_PLACEHOLDER(name), String(statSync(join(dist, '_astro', file)).size));
    }
  }
  writeFileSync(page, html);
}

export function runtimeUrlsIntegration(): AstroIntegration {
  return {
    name: 'adapter-lab:playground-runtime-urls',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        fillRuntimeUrls(fileURLToPath(dir));
        logger.info("Filled in the playground page's runtime URLs.");
      },
    },
  };
}
