// The engine seam (src/engine/engine.ts) holds only if nothing but the sql.js engine itself
// (src/engine/sql-js/) loads sql.js: no import, re-export, dynamic import or require of
// the package or of one of its files (its wasm `?url` included) anywhere else in the tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ALLOWED = ['src', 'engine', 'sql-js', ''].join('/');
const SCANNED = ['src', 'tests', 'bench', 'scripts', 'astro.config.mjs', 'vitest.config.ts', ...packageSources()];
const CODE = /\.(?:[cm]?[jt]sx?|astro)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.astro']);

const PACKAGE = String.raw`['"\x60]sql\.js(?:/[^'"\x60]*)?['"\x60]`;
/** The package, or a file in it, after `from`, `import` (side-effect or dynamic), `require` or `require.resolve`. */
const SPECIFIER = new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire(?:\.resolve)?\s*\(\s*)${PACKAGE}`, 'g');

function packageSources(): string[] {
  return readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/src`);
}

function* codeFiles(path: string): Generator<string> {
  const absolute = join(ROOT, path);
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(absolute);
  } catch {
    return; // a scanned place this checkout does not have
  }
  if (stats.isFile()) {
    if (CODE.test(path)) yield path;
    return;
  }
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    yield* codeFiles(relative(ROOT, join(absolute, entry.name)).split(sep).join('/'));
  }
}

/** Each file outside src/engine/sql-js/ that loads sql.js, with the specifiers it names. */
function sqlJsImportsOutsideEngine(): string[] {
  const found: string[] = [];
  for (const path of SCANNED.flatMap((place) => [...codeFiles(place)])) {
    if (path.startsWith(ALLOWED)) continue;
    const matches = [...readFileSync(join(ROOT, path), 'utf8').matchAll(SPECIFIER)].map((match) => match[0].replace(/\s+/g, ' '));
    if (matches.length > 0) found.push(`${path}: ${[...new Set(matches)].join(', ')}`);
  }
  return found.sort();
}

/** The names a module exports in `export { … }` / `export type { … }` lists. */
function exportedNames(code: string): Set<string> {
  const names = [...code.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((match) => match[1]!.split(','));
  return new Set(
    names
      .map((name) =>
        name
          .replace(/^\s*type\s+/, '')
          .split(/\s+as\s+/)
          .at(-1)!
          .trim(),
      )
      .filter(Boolean),
  );
}

/**
 * The seam's barrel (src/engine/index.ts) re-exporting the sql.js engine's names, and each file
 * that imports those names from it rather than from src/engine/sql-js/.
 */
function sqlJsThroughTheSeam(): string[] {
  const barrel = 'src/engine/index.ts';
  // What the seam itself defines (e.g. StatementEvent) is the seam's, wherever else it is re-exported.
  const seamNames = new Set(
    ['src/engine/engine.ts', 'src/engine/database-state.ts'].flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/export\s+(?:interface|type|function|const|class)\s+(\w+)/g)].map((match) => match[1]!),
    ),
  );
  const sqlJsNames = new Set([...exportedNames(readFileSync(join(ROOT, 'src/engine/sql-js/index.ts'), 'utf8'))].filter((name) => !seamNames.has(name)));
  const reexported = [...readFileSync(join(ROOT, barrel), 'utf8').matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'\.\/sql-js\/[^']*'/g)];
  const found = reexported.length > 0 ? [`${barrel}: re-exports the sql.js engine`] : [];
  for (const path of SCANNED.flatMap((place) => [...codeFiles(place)])) {
    if (path.startsWith('src/engine/')) continue;
    for (const match of readFileSync(join(ROOT, path), 'utf8').matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'[./]*\/?(?:src\/)?engine\/index\.ts'/g)) {
      const names = exportedNames(`export {${match[1]}}`);
      const fromSqlJs = [...names].filter((name) => sqlJsNames.has(name));
      if (fromSqlJs.length > 0) found.push(`${path}: ${fromSqlJs.join(', ')} from ${barrel} (import them from src/engine/sql-js/index.ts)`);
    }
  }
  return found.sort();
}

describe('sql.js stays behind the engine seam', () => {
  it('the specifier pattern finds every form of loading sql.js', () => {
    const [quote, double] = ["'", '"'];
    const forms = [
      `import initSqlJs from ${quote}sql.js${quote};`,
      `import type { Database } from ${double}sql.js${double};`,
      `export type { Database } from ${quote}sql.js${quote};`,
      `import url from ${quote}sql.js/dist/sql-wasm-browser.wasm?url${quote};`,
      `await import(${quote}sql.js/dist/sql-wasm-browser.wasm?url${quote})`,
      `import ${quote}sql.js${quote};`,
      `require.resolve(${quote}sql.js/dist/sql-wasm-browser.js${quote})`,
    ];
    for (const form of forms) expect(form.match(SPECIFIER), form).not.toBeNull();
    expect(`optimizeDeps: { include: [${quote}sql.js${quote}] }`.match(SPECIFIER)).toBeNull();
  });

  it('nothing outside src/engine/sql-js/ imports sql.js', () => {
    expect(sqlJsImportsOutsideEngine()).toEqual([]);
  });

  it('the seam (src/engine/index.ts) does not hand out the sql.js engine', () => {
    expect(sqlJsThroughTheSeam()).toEqual([]);
  });
});
