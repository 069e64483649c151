/**
 * The fast transpiler: the reader's TypeScript to the JavaScript the runtime runs, without
 * type-checking and without Monaco — so a run never waits for the editor's TypeScript worker.
 * Pure (no DOM, no Node API): it runs in the page's transpile worker and in Node's tests.
 *
 * It produces what the editor's TypeScript emits with compile-options.ts, to the run-time
 * behaviour: types, enums, parameter properties and type-only imports removed by
 * @babel/plugin-transform-typescript, classes (legacy decorators with their metadata,
 * `useDefineForClassFields: false`) and relative `.ts` imports by ./transpiler/typescript-classes.ts.
 * ES2022 is kept as written: nothing is down-levelled (TypeScript would lower `using`
 * declarations, which Chromium and Node 24 run natively).
 *
 * Why Babel 8 (parser + @babel/plugin-transform-typescript, no decorator plugin): decorator
 * metadata needs a transpiler that keeps type annotations until it emits; esbuild and Sucrase
 * emit none, Oxc's wasm build needs a shared WebAssembly.Memory (cross-origin isolation, which the
 * site does not have), SWC's wasm is 18 MB and TypeScript's transpileModule 9 MB. This worker
 * bundle is about 1 MB raw / 260 kB gzip (transpile-bundle.test.ts prints it). Babel's
 * legacy-decorator plugin defines every decorated field on the instance, unlike TypeScript, so
 * the class plugin here does decorators and fields itself, as TypeScript emits them.
 */
import { transformFromAstSync } from '@babel/core';
import { parse, type ParseResult } from '@babel/parser';
import typescriptPlugin from '@babel/plugin-transform-typescript';
import type * as t from '@babel/types';
import type { CompiledFile, SourceFile } from '../protocol.ts';
import type { Diagnostic } from './diagnostics.ts';
import { normaliseMap } from './emit-output.ts';
import { fileSymbols, symbolsSignature, type FileSymbols } from './transpiler/project-symbols.ts';
import { typescriptClasses } from './transpiler/typescript-classes.ts';

export interface TranspileResult {
  /** One compiled file per source file that has no syntax error, in the sources' order. */
  readonly files: readonly CompiledFile[];
  /** Syntax errors (`syntactic: true`, severity `error`): a file with one is not in `files`. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Compiled files by their source text and the project's declarations, so that a file is
 * compiled again only when it, or what the other files declare, changes (see createTranspileCache).
 */
export interface TranspileCache {
  get(key: string): CompiledFile | undefined;
  set(key: string, file: CompiledFile): void;
}

/** A cache for {@link transpileFiles} keeping the `size` most recently used files. */
export function createTranspileCache(size = 64): TranspileCache {
  const files = new Map<string, CompiledFile>();
  return {
    get(key) {
      const file = files.get(key);
      if (file) {
        files.delete(key);
        files.set(key, file);
      }
      return file;
    },
    set(key, file) {
      files.set(key, file);
      if (files.size > size) files.delete(files.keys().next().value!);
    },
  };
}

/** Not a TypeScript error number: these diagnostics come from Babel's parser. */
export const TRANSPILER_DIAGNOSTIC_CODE = 0;

interface Located {
  readonly loc?: { readonly line: number; readonly column: number };
  readonly message: string;
}

/**
 * Compiles the reader's files together (a decorated property typed with a class of another file
 * gets that class as its `design:type`, as in the editor). Never throws for bad input: syntax
 * errors come back as diagnostics with their location. Throws only if the transpiler itself
 * fails (a bug, or a missing browser shim), which is no fault of the code.
 */
export function transpileFiles(files: readonly SourceFile[], cache?: TranspileCache): TranspileResult {
  const diagnostics: Diagnostic[] = [];
  const parsed: Array<{ source: SourceFile; ast: ParseResult<t.File> }> = [];
  for (const source of files) {
    const ast = parseFile(source, diagnostics);
    if (ast) parsed.push({ source, ast });
  }
  const project = new Map<string, FileSymbols>(parsed.map(({ source, ast }) => [source.name, fileSymbols(ast.program)]));
  // A file's output depends on its own text and on what the other files declare (for metadata),
  // not on their function bodies: editing one file's code leaves the others' cached output valid.
  const projectKey = cache
    ? [...project]
        .map(([name, symbols]) => `${name}\u0000${symbolsSignature(symbols, parsed.find((each) => each.source.name === name)!.source.code)}`)
        .sort()
        .join('\u0000')
    : '';
  const compiled: CompiledFile[] = [];
  for (const { source, ast } of parsed) {
    const key = `${source.name}\u0000${source.code}\u0000${projectKey}`;
    const hit = cache?.get(key);
    if (hit) {
      compiled.push(hit);
      continue;
    }
    try {
      const result = transformFromAstSync(ast, source.code, {
        filename: source.name,
        sourceFileName: source.name,
        // Nothing from disk or the environment: the options are all here.
        configFile: false,
        babelrc: false,
        browserslistConfigFile: false,
        cwd: '/',
        root: '/',
        envName: 'production',
        sourceType: 'module',
        cloneInputAst: false,
        sourceMaps: true,
        plugins: [() => typescriptClasses({ project, file: source.name }), [typescriptPlugin, {}]],
      });
      // An empty file (or one of comments and types only) compiles to an empty string.
      if (typeof result?.code !== 'string') throw new Error(`Babel returned no code for ${source.name}`);
      const map = result.map ? normaliseMap(JSON.stringify({ ...result.map, sourcesContent: undefined }), source.name) : undefined;
      const file: CompiledFile = { name: source.name, js: `${result.code}\n`, ...(map ? { map } : {}) };
      cache?.set(key, file);
      compiled.push(file);
    } catch (error) {
      if (!isCodeError(error)) throw error;
      diagnostics.push(toDiagnostic(source, located(error)));
    }
  }
  return { files: compiled, diagnostics };
}

function parseFile(source: SourceFile, diagnostics: Diagnostic[]): ParseResult<t.File> | undefined {
  try {
    const ast = parse(source.code, {
      sourceType: 'module',
      sourceFilename: source.name,
      // Report every syntax error of the file, as TypeScript does, not only the first.
      errorRecovery: true,
      plugins: [['typescript', {}], 'decorators-legacy'],
    });
    if (ast.errors && ast.errors.length > 0) {
      for (const error of ast.errors) diagnostics.push(toDiagnostic(source, error as Located));
      return undefined;
    }
    return ast;
  } catch (error) {
    if (!isCodeError(error)) throw error;
    diagnostics.push(toDiagnostic(source, located(error)));
    return undefined;
  }
}

/**
 * Whether Babel rejected the reader's code (a parser error, or a plugin's SyntaxError with a
 * code frame) rather than failed itself: only the former is the reader's to fix, and a failure
 * of the transpiler must not pose as a syntax error in their code.
 */
function isCodeError(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && 'loc' in error);
}

/** Babel's parser errors carry `loc`; a plugin's error (buildCodeFrameError) only its code frame. */
function located(error: unknown): Located {
  if (!(error instanceof Error)) return { message: String(error) };
  const withLoc = error as Error & { loc?: { line: number; column: number } };
  if (withLoc.loc) return { loc: withLoc.loc, message: error.message };
  const frameLine = /^>\s*(\d+)\s*\|/m.exec(error.message);
  const caret = /^\s*\|(\s*)\^/m.exec(error.message.slice(frameLine ? frameLine.index : 0));
  const message = error.message.split('\n')[0]!.replace(/^[^:\n]*\.ts: /, '');
  if (!frameLine) return { message };
  // The caret line is `    | ` + spaces up to the column (the frame's gutter is `> N | `).
  return { loc: { line: Number(frameLine[1]), column: caret ? Math.max(0, caret[1]!.length - 1) : 0 }, message };
}

function toDiagnostic(source: SourceFile, error: Located): Diagnostic {
  const line = error.loc?.line ?? 1;
  const column = (error.loc?.column ?? 0) + 1;
  return {
    file: source.name,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    code: TRANSPILER_DIAGNOSTIC_CODE,
    // Babel appends "(line:column)": the diagnostic carries the location itself.
    message: error.message.replace(/\s*\(\d+:\d+\)$/, ''),
    severity: 'error',
    syntactic: true,
  };
}
