/**
 * The compiler host every program of the type bundle runs on: the real node_modules, with the
 * files generated for the playground laid over it, read the way Monaco will see them (no DOM),
 * recording which export subpaths each package was asked for (package-manifests.ts keeps only
 * those).
 */
import path from 'node:path';
import type TS from 'typescript';
import { inNodeModules, NODE_MODULES, packageRootOf, REPO, subpath } from './bundle-paths.ts';

type Ts = typeof TS;

/**
 * Overlaid files by absolute path; packages in `replaced` hide their real files entirely; a
 * package in `aliases` (its directory under node_modules → where npm installed it) is read from
 * there. Aliases let a bundle declare packages npm nested elsewhere (MikroORM 5 under its runtime
 * workspace) at the paths Monaco resolves by package name, `file:///node_modules/<package>/…`.
 */
export interface Overlay {
  readonly files: Map<string, string>;
  readonly replaced: Set<string>;
  readonly aliases: Map<string, string>;
}

/** Where a file under node_modules really is: in its package's alias directory, or where it says. */
export function physicalPath(overlay: Overlay, file: string): string {
  for (const [dir, target] of overlay.aliases) {
    if (file === dir || file.startsWith(dir + path.sep)) return target + file.slice(dir.length);
  }
  return file;
}

/** The export subpaths (`.`, `./legacy`) module resolution asked of each package, by its directory. */
export type Resolutions = Map<string, Set<string>>;

const TS_LIB = inNodeModules('typescript', 'lib');
const HOST_LIB_REFERENCE = /^\/\/\/\s*<reference\s+lib\s*=\s*["']((?:dom|webworker|scripthost)[\w.]*)["']\s*\/>/gim;
const NODE_TYPES_REFERENCE = /^\/\/\/\s*<reference\s+types\s*=\s*["']node["']\s*\/>/gim;

/**
 * A library's `/// <reference lib="dom" />` would declare the DOM for the reader's code too
 * (preact's jsx.d.ts has one, reached from @auth/core's credentials provider), and the
 * playground runs without one: such references are dropped, so `document` stays an error and
 * the few library types built on DOM types lose them (skipLibCheck keeps that silent). So is
 * `/// <reference types="node" />` (MikroORM 5's declarations have some, for Buffer): @types/node
 * would declare Node's whole API, and clash with the playground's globals, which stand in for
 * the few Node types the libraries name.
 */
function withoutHostLibs(text: string): string {
  return text
    .replace(
      HOST_LIB_REFERENCE,
      (_reference, lib: string) => `// Playground: the reference to lib "${lib}" was removed: the playground's code runs without a DOM.`,
    )
    .replace(NODE_TYPES_REFERENCE, () => `// Playground: the reference to types "node" was removed: the playground's code runs without Node's API.`);
}

/**
 * The real file system with `overlay` laid over it. No realpath: workspace packages are
 * symlinks into packages/, and the bundle's paths must stay under node_modules (where our
 * adapters are overlaid anyway); aliased packages are read where they are but keep their
 * node_modules paths, so their imports resolve from there as Monaco will resolve them. Every module resolution is recorded, for pruning exports.
 */
export function overlayHost(ts: Ts, options: TS.CompilerOptions, overlay: Overlay, resolutions: Resolutions): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const hidden = (file: string): boolean => [...overlay.replaced].some((dir) => file === dir || file.startsWith(dir + path.sep));
  const overlayDirs = new Set<string>();
  for (const file of overlay.files.keys()) {
    for (let dir = path.dirname(file); dir.length > 1 && !overlayDirs.has(dir); dir = path.dirname(dir)) overlayDirs.add(dir);
  }
  const fileExists = (file: string): boolean => overlay.files.has(file) || (!hidden(file) && ts.sys.fileExists(physicalPath(overlay, file)));
  const readFile = (file: string): string | undefined => {
    const text = overlay.files.get(file) ?? (hidden(file) ? undefined : ts.sys.readFile(physicalPath(overlay, file)));
    return text !== undefined && file.startsWith(NODE_MODULES) && !file.startsWith(TS_LIB) ? withoutHostLibs(text) : text;
  };
  const cache = ts.createModuleResolutionCache(REPO, (name) => name, options);
  const directoryExists = (dir: string): boolean => overlayDirs.has(dir) || (!hidden(dir) && ts.sys.directoryExists(physicalPath(overlay, dir)));
  const resolver: TS.ModuleResolutionHost = { fileExists, readFile, directoryExists, getCurrentDirectory: () => REPO };
  return {
    ...host,
    fileExists,
    readFile,
    directoryExists,
    realpath: (file) => file,
    getDirectories: (dir) => (hidden(dir) ? [] : ts.sys.getDirectories(physicalPath(overlay, dir))),
    getCurrentDirectory: () => REPO,
    getSourceFile(file, languageVersion, onError) {
      const text = readFile(file);
      return text === undefined ? host.getSourceFile(file, languageVersion, onError) : ts.createSourceFile(file, text, languageVersion, true);
    },
    resolveModuleNameLiterals(literals, containingFile, redirected, compilerOptions, containingSourceFile) {
      return literals.map((literal) => {
        const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
        const result = ts.resolveModuleName(literal.text, containingFile, compilerOptions, resolver, cache, redirected, mode);
        const dir = result.resolvedModule && !literal.text.startsWith('.') ? packageRootOf(result.resolvedModule.resolvedFileName) : undefined;
        if (dir) resolutions.set(dir, (resolutions.get(dir) ?? new Set()).add(subpath(literal.text)));
        return result;
      });
    },
  };
}

export function formatDiagnostics(ts: Ts, diagnostics: readonly TS.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' });
}
