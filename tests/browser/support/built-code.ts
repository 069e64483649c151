// Which library a loaded script carries, judged by its content in dist/ rather than by its
// file name (chunk names are the bundler's choice and may change).
import { existsSync, readFileSync } from 'node:fs';
import { DIST_DIR } from './global-setup.ts';

/** A string only that library's code contains (class names and error texts survive minification). */
export const LIBRARY_MARKERS = {
  sequelize: 'SequelizeUniqueConstraintError',
  'mikro-orm': 'Reusing Kysely dialect provided via',
  // The wasm binary's file header text; its JS loader says this one.
  'sql.js': 'SQLite format 3',
  'sql.js loader': 'sqlite3_prepare_v2',
  monaco: 'monaco-editor',
} as const;

export type Library = keyof typeof LIBRARY_MARKERS;

const cache = new Map<string, string>();

function builtText(url: string): string {
  const path = decodeURIComponent(new URL(url).pathname);
  let text = cache.get(path);
  if (text === undefined) {
    const file = `${DIST_DIR}${path.replace(/^\//, '')}`;
    text = existsSync(file) ? readFileSync(file, 'latin1') : '';
    cache.set(path, text);
  }
  return text;
}

/** The libraries whose code is in any of these URLs (scripts and wasm of the built site). */
export function librariesIn(urls: readonly string[]): Library[] {
  const found = new Set<Library>();
  for (const url of urls) {
    if (!/\.(m?js|wasm)$/.test(new URL(url).pathname)) continue;
    const text = builtText(url);
    for (const [library, marker] of Object.entries(LIBRARY_MARKERS) as Array<[Library, string]>) {
      if (text.includes(marker)) found.add(library);
    }
  }
  return [...found].sort();
}
