/**
 * Fills in the built playground page's runtime URLs (the placeholders of early-boot.ts's inline
 * script): the worker script of each ORM and sql.js's wasm, as the build named them. The page's
 * own bundle imports the same files (they are read from its chunk); a build where one is missing
 * or ambiguous fails here.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ORMS } from '../orm-registry.ts';

export const RUNTIME_URL_PLACEHOLDER = (name: string): string => `__ADAPTER_LAB_RUNTIME_URL_${name}__`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each ORM's worker (by its id, as the placeholders name it), and the wasm. */
const FILES: Record<string, RegExp> = {
  ...Object.fromEntries(ORMS.map((orm) => [orm.id, new RegExp(`^${escapeRegExp(orm.workers.sqlite)}-[\\w-]+\\.js$`)])),
  wasm: /^sql-wasm-browser[.-][\w-]+\.wasm$/,
};

export function fillRuntimeUrls(dist: string, page = join(dist, 'playground', 'index.html')): void {
  const assets = readdirSync(join(dist, '_astro'));
  const scripts = new Map(assets.filter((file) => file.endsWith('.js')).map((file) => [file, readFileSync(join(dist, '_astro', file), 'utf8')]));
  // The chunk of runtime-client.ts names every ORM's worker, and imports the chunk that names the wasm.
  const named = (file: string): boolean => ORMS.some((orm) => file.startsWith(`${orm.workers.sqlite}-`));
  const client = [...scripts.values()].filter((script) => assets.filter(named).every((file) => script.includes(file)));
  if (client.length !== 1) throw new Error(`Playground runtime URLs: expected one built script naming every ORM's worker, found ${client.length}`);
  const reach = [client[0]!, ...[...scripts].filter(([file]) => client[0]!.includes(file)).map(([, text]) => text)].join('\n');
  let html = readFileSync(page, 'utf8');
  for (const [name, pattern] of Object.entries(FILES)) {
    // Only what the runtime client itself fetches.
    const found = assets.filter((file) => pattern.test(file) && reach.includes(file));
    if (found.length !== 1)
      throw new Error(
        `Playground runtime URLs: expected one file for ${name} (${pattern}) named by the runtime client, found ${found.length}: ${found.join(', ')}`,
      );
    const placeholder = RUNTIME_URL_PLACEHOLDER(name);
    if (!html.includes(placeholder)) throw new Error(`Playground runtime URLs: ${page} has no ${placeholder}`);
    html = html.replaceAll(placeholder, `/_astro/${found[0]}`);
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
