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

/** Overlaid files by absolute path; packages in `replaced` hide their real files entirely. */
export interface Overlay {
  readonly files: Map<string, string>;
  readonly replaced: Set<string>;
}

/** The export subpaths (`.`, `./legacy`) module resolution asked of each package, by its directory. */
export type Resolutions = Map<string, Set<string>>;

const TS_LIB = inNodeModules('typescript', 'lib');
const HOST_LIB_REFERENCE = /^\/\/\/\s*<reference\s+lib\s*=\s*["']((?:dom|webworker|scripthost)[\w.]*)["']\s*\/>/gim;

/**
 * A library's `/// <reference lib="dom" />` would declare the DOM for the reader's code too
 * (preact's jsx.d.ts has one, reached from @auth/core's credentials provider), and the
 * playground runs without one: such references are dropped, so `document` stays an error and
 * the few library types built on DOM types lose them (skipLibCheck keeps that silent).
 */
function withoutHostLibs(text: string): string {
  return text.replace(
    HOST_LIB_REFERENCE,
    (_reference, lib: string) => `// Playground: the reference to lib "${lib}" was removed: the playground's code runs without a DOM.`,
  );
}

/**
 * The real file system with `overlay` laid over it. No realpath: workspace packages are
 * symlinks into packages/, and the bundle's paths must stay under node_modules (where our
 * adapters are overlaid anyway). Every module resolution is recorded, for pruning exports.
 */
export function overlayHost(ts: Ts, options: TS.CompilerOptions, overlay: Overlay, resolutions: Resolutions): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const hidden = (file: string): boolean => [...overlay.replaced].some((dir) => file === dir || file.startsWith(dir + path.sep));
  const overlayDirs = new Set<string>();
  for (const file of overlay.files.keys()) {
    for (let dir = path.dirname(file); dir.length > 1 && !overlayDirs.has(dir); dir = path.dirname(dir)) overlayDirs.add(dir);
  }
  const fileExists = (file: string): boolean => overlay.files.has(file) || (!hidden(file) && ts.sys.fileExists(file));
  const readFile = (file: string): string | undefined => {
    const text = overlay.files.get(file) ?? (hidden(file) ? undefined : ts.sys.readFile(file));
    return text !== undefined && file.startsWith(NODE_MODULES) && !file.startsWith(TS_LIB) ? withoutHostLibs(text) : text;
  };
  const cache = ts.createModuleResolutionCache(REPO, (name) => name, options);
  const directoryExists = (dir: string): boolean => overlayDirs.has(dir) || (!hidden(dir) && ts.sys.directoryExists(dir));
  const resolver: TS.ModuleResolutionHost = { fileExists, readFile, directoryExists, getCurrentDirectory: () => REPO };
  return {
    ...host,
    fileExists,
    readFile,
    directoryExists,
    realpath: (file) => file,
    getDirectories: (dir) => (hidden(dir) ? [] : ts.sys.getDirectories(dir)),
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
