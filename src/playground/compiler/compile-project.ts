/**
 * Compiles the reader's files in Node — the built-in examples at build time, the docs' examples
 * in CI — exactly as Monaco's TypeScript worker compiles them in the browser: the same
 * TypeScript (5.9), the same options, the same type bundle as the only declarations, the whole
 * project type-checked together. So an example that compiles here runs the same there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import type { TypeBundle } from '../editor/types/build-type-bundle.ts';
import type { CompiledFile, SourceFile } from '../protocol.ts';
import { COMPILER_OPTIONS } from './compile-options.ts';
import { fileUri, type Diagnostic } from './diagnostics.ts';
import { normaliseMap, stripMapComment } from './emit-output.ts';

const LIB_DIR = path.dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));

export interface CompiledProject {
  readonly files: readonly CompiledFile[];
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY: Record<number, Diagnostic['severity']> = {
  [ts.DiagnosticCategory.Error]: 'error',
  [ts.DiagnosticCategory.Warning]: 'warning',
  [ts.DiagnosticCategory.Suggestion]: 'suggestion',
  [ts.DiagnosticCategory.Message]: 'suggestion',
};

export function compileProject(sources: readonly SourceFile[], bundle: TypeBundle): CompiledProject {
  const files = new Map<string, string>(Object.entries(bundle.files));
  for (const source of sources) files.set(fileUri(source.name), source.code);
  const names = sources.map((source) => fileUri(source.name));
  const libFile = (fileName: string): string | undefined => {
    const base = fileName.slice(fileName.lastIndexOf('/') + 1);
    if (!/^lib\..*\.d\.ts$/.test(base) && base !== 'lib.d.ts') return undefined;
    try {
      return readFileSync(path.join(LIB_DIR, base), 'utf8');
    } catch {
      return undefined;
    }
  };
  const read = (fileName: string): string | undefined => files.get(fileName) ?? libFile(fileName);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => COMPILER_OPTIONS as unknown as ts.CompilerOptions,
    getScriptFileNames: () => [...names, ...Object.keys(bundle.files).filter((name) => name.endsWith('globals.d.ts'))],
    getScriptVersion: () => '1',
    getScriptSnapshot: (fileName) => {
      const text = read(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => 'file:///',
    getDefaultLibFileName: (options) => `file:///${ts.getDefaultLibFileName(options)}`,
    fileExists: (fileName) => read(fileName) !== undefined,
    readFile: read,
    directoryExists: (directory) => {
      const prefix = directory.endsWith('/') ? directory : `${directory}/`;
      for (const name of files.keys()) if (name.startsWith(prefix)) return true;
      return false;
    },
    getDirectories: () => [],
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const diagnostics: Diagnostic[] = [];
  const compiled: CompiledFile[] = [];
  for (const source of sources) {
    const uri = fileUri(source.name);
    const syntactic = service.getSyntacticDiagnostics(uri);
    for (const [list, isSyntax] of [
      [syntactic, true],
      [service.getSemanticDiagnostics(uri), false],
      [service.getSuggestionDiagnostics(uri), false],
    ] as const) {
      for (const diagnostic of list) diagnostics.push(toDiagnostic(source.name, diagnostic, isSyntax));
    }
    const output = service.getEmitOutput(uri);
    const js = output.outputFiles.find((file) => file.name.endsWith('.js'))?.text ?? '';
    const map = output.outputFiles.find((file) => file.name.endsWith('.js.map'))?.text;
    compiled.push({ name: source.name, js: stripMapComment(js), ...(map ? { map: normaliseMap(map, source.name) } : {}) });
  }
  return { files: compiled, diagnostics };
}

function toDiagnostic(file: string, diagnostic: ts.Diagnostic, syntactic: boolean): Diagnostic {
  const start = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0, character: 0 };
  const end =
    diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start + (diagnostic.length ?? 0)) : start;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    code: diagnostic.code,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    severity: SEVERITY[diagnostic.category] ?? 'error',
    syntactic,
  };
}
