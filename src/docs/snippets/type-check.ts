/**
 * Type-checks every fenced TypeScript/JavaScript block of the docs against the real packages in
 * node_modules, as a reader's project would compile it (the docs conventions: strict, bundler
 * resolution, DOM + Node types, legacy decorators with metadata, react-jsx, `@/*` at the project
 * root). Each page's projects (projects.ts) are written under `.snippet-check/` in the repo, so
 * that module resolution walks up to the repo's node_modules, and checked in one Program: one
 * pass over the packages' types instead of one per project. The adapters resolve to their
 * TypeScript source (the `adapter-lab-source` condition), as everywhere in this repo's checks.
 *
 * One Program means the projects share the global scope: a page's `declare module "next-auth"`
 * is seen by the others too. Every file is a module (moduleDetection "force"), so top-level
 * names never clash.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { SOURCE_CONDITION } from '../../../packages/source-condition.mjs';
import { DOCS_DIR, listPages, readPageSnippets } from './extract.ts';
import { SVELTEKIT_AMBIENT, SVELTEKIT_ROUTE_TYPES, expandAlias } from './framework-files.ts';
import { pageProjects, type SnippetProject } from './projects.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Git-ignored; each run writes into a folder of its own and removes it. */
export const WORK_ROOT = join(REPO_ROOT, '.snippet-check');

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: [SOURCE_CONDITION],
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: true,
  checkJs: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  isolatedModules: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  noEmit: true,
};

export interface SnippetDiagnostic {
  readonly page: string;
  /** The line in the page's source (the fence's line + the line in the block). */
  readonly line: number;
  readonly title?: string;
  /** Every tab path whose project reports it (`[]` for the blocks outside tabs). */
  readonly tabs: ReadonlyArray<readonly string[]>;
  /** `TS2307`, … */
  readonly code: string;
  readonly message: string;
}

export interface SnippetCheckResult {
  readonly diagnostics: readonly SnippetDiagnostic[];
  readonly pages: number;
  readonly projects: number;
  readonly files: number;
}

export interface SnippetCheckOptions {
  readonly docsDir?: string;
  /** Only these pages (`sequelize/overview`); default every page. */
  readonly pages?: readonly string[];
}

/** `sequelize/overview.mdx:245 (auth.ts, tab Next.js): TS2307 Cannot find module …` */
export function formatDiagnostic(diagnostic: SnippetDiagnostic): string {
  const where = [diagnostic.title ?? 'untitled block', ...diagnostic.tabs.filter((tabs) => tabs.length).map((tabs) => `tab ${tabs.join(' › ')}`)];
  return `${diagnostic.page}.mdx:${diagnostic.line} (${where.join(', ')}): ${diagnostic.code} ${diagnostic.message}`;
}

export function checkSnippets(options: SnippetCheckOptions = {}): SnippetCheckResult {
  const docsDir = options.docsDir ?? DOCS_DIR;
  const pages = options.pages ?? listPages(docsDir);
  const projects = pages.flatMap((page) => pageProjects(readPageSnippets(page, docsDir)));
  const workDir = join(WORK_ROOT, `${process.pid}-${Date.now().toString(36)}`);
  try {
    const written = writeProjects(projects, workDir);
    return { diagnostics: diagnose(written, workDir), pages: pages.length, projects: projects.length, files: written.files.size };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface WrittenFile {
  readonly project: SnippetProject;
  readonly path: string;
}

interface WrittenProjects {
  /** Absolute path → the block written there, for the files whose diagnostics count. */
  readonly files: Map<string, WrittenFile>;
  /** Every file to give the compiler as a root. */
  readonly roots: string[];
}

function writeProjects(projects: readonly SnippetProject[], workDir: string): WrittenProjects {
  const files = new Map<string, WrittenFile>();
  const roots: string[] = [];
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const ambient = join(workDir, 'sveltekit-ambient.d.ts');
  write(ambient, SVELTEKIT_AMBIENT);
  roots.push(ambient);
  projects.forEach((project, index) => {
    const root = join(workDir, `${project.page.replaceAll('/', '--')}-${index}`);
    for (const { path, snippet } of project.files) {
      const file = resolve(root, path);
      if (relative(root, file).startsWith('..')) throw new Error(`${project.page}.mdx:${snippet.line}: title "${snippet.title}" leaves the project`);
      write(file, snippet.code);
      roots.push(file);
      if (project.checked.includes(path)) files.set(file, { project, path });
      // SvelteKit generates each route folder's ./$types.
      if (/["']\.\/\$types["']/.test(snippet.code)) write(join(dirname(file), '$types.d.ts'), SVELTEKIT_ROUTE_TYPES);
    }
  });
  return { files, roots };
}

function diagnose({ files, roots }: WrittenProjects, workDir: string): SnippetDiagnostic[] {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const cache = ts.createModuleResolutionCache(REPO_ROOT, (name) => name, COMPILER_OPTIONS);
  // The starters' aliases (@/…, $lib/…, ~/…) resolve inside the importing file's own project.
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, options, sourceFile) =>
    literals.map((literal) => {
      const inside = relative(workDir, containingFile).split(/[\\/]/);
      const projectRoot = inside.length > 1 && inside[0] !== '..' ? join(workDir, inside[0]!) : undefined;
      const name = (projectRoot && expandAlias(literal.text, projectRoot)) ?? literal.text;
      return ts.resolveModuleName(name, containingFile, options, host, cache, redirected, ts.getModeForUsageLocation(sourceFile, literal, options));
    });
  const program = ts.createProgram({ rootNames: roots, options: COMPILER_OPTIONS, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length)
    throw new Error(`The snippet check's compiler setup is broken: ${global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);

  const merged = new Map<string, SnippetDiagnostic & { tabs: Array<readonly string[]> }>();
  for (const [file, { project, path }] of files) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`The compiler did not load ${file}`);
    const snippet = project.files.find((candidate) => candidate.path === path)!.snippet;
    for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
      const line = snippet.line + 1 + sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
      const key = `${snippet.page}:${line}:${diagnostic.code}:${message}`;
      const existing = merged.get(key);
      if (existing) {
        if (!existing.tabs.some((tabs) => tabs.join('\0') === project.tabs.join('\0'))) existing.tabs.push(project.tabs);
        continue;
      }
      const base = { page: snippet.page, line, tabs: [project.tabs], code: `TS${diagnostic.code}`, message };
      merged.set(key, snippet.title === undefined ? base : { ...base, title: snippet.title });
    }
  }
  return [...merged.values()].sort((a, b) => a.page.localeCompare(b.page) || a.line - b.line);
}
