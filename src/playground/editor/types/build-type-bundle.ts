/**
 * The editor's type bundle for one ORM, built in Node at build time: every declaration file the
 * reader's importable modules (module-names.ts) reach, plus the package.json files module
 * resolution reads, all under `file:///node_modules/`. The page hands each entry to Monaco's
 * `typescriptDefaults.addExtraLib(content, path)`, so the editor type-checks against exactly
 * what the playground runs.
 *
 * The file list is TypeScript's own: a program over a virtual entry that imports every
 * specifier, compiled with the playground's options, over the real node_modules with a few
 * files laid over it — our adapters' declarations (emitted in memory from their source), the
 * packages the playground redirects, and an augmentation of @mikro-orm/core. Every generated
 * file is type-checked here, so a MikroORM or Auth.js update that breaks one fails the build
 * rather than the reader's editor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type TS from 'typescript';
import { COMPILER_OPTIONS } from '../../compiler/compile-options.ts';
import { AUTH_MODULE_NAMES, MIKRO_ORM_CORE_DECORATOR_HINT, MODULE_NAMES, PLAYGROUND_MODULE, type ModuleName } from '../../module-names.ts';
import { FRAMEWORK_ENTRIES, playgroundModuleDeclarations } from './auth-declarations.ts';
import { namesImportedFrom, pruneDeclarations } from './prune-declarations.ts';
import type { OrmId } from '../../protocol.ts';

export interface TypeBundle {
  /** Virtual path (`file:///node_modules/…`, `file:///playground-globals.d.ts`) → file content. */
  readonly files: Readonly<Record<string, string>>;
}

/** Where the bundle's packages live, as Monaco's TypeScript worker sees them. */
export const VIRTUAL_NODE_MODULES = 'file:///node_modules/';
/** The playground's globals (`process.env`, `console`, …), which lib es2023 lacks. */
export const GLOBALS_PATH = 'file:///playground-globals.d.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const NODE_MODULES = path.join(REPO, 'node_modules');
const ENTRY = path.join(REPO, '.playground-types-entry.ts');
const GLOBALS = path.join(REPO, 'playground-globals.d.ts');
/**
 * What the reader's code may use beyond lib es2023, as the playground's runtime (a module Web
 * Worker, or Node for tests) provides it. No @types/node: it would add Node's whole API (fs,
 * http, …) that the playground cannot run. The library declarations mention a few Node and
 * Web types; the file gives them minimal stand-ins, as types only, so that no value is promised.
 * Kept out of tsconfig.json: its globals would clash with @types/node and the DOM's; this
 * module type-checks it with the bundle instead.
 */
const GLOBALS_SOURCE = fileURLToPath(new URL('./playground-globals.d.ts', import.meta.url));

/** Overlaid files by absolute path; packages in `replaced` hide their real files entirely. */
interface Overlay {
  readonly files: Map<string, string>;
  readonly replaced: Set<string>;
}

type Ts = typeof TS;

/** The export subpaths (`.`, `./legacy`) module resolution asked of each package, by its directory. */
type Resolutions = Map<string, Set<string>>;

// --- Packages and paths -------------------------------------------------------------------

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** The export subpath a specifier asks of its package: `.` or `./sub/path`. */
function subpath(specifier: string): string {
  const rest = specifier.slice(packageName(specifier).length);
  return rest ? `.${rest}` : '.';
}

/** The directory of the installed package holding a file (nested node_modules and `@types/x` included). */
function packageRootOf(file: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const name = packageName(
    file
      .slice(at + marker.length)
      .split(path.sep)
      .join('/'),
  );
  return path.join(file.slice(0, at + marker.length), ...name.split('/'));
}

const inNodeModules = (...parts: string[]): string => path.join(NODE_MODULES, ...parts);
/** The workspace directory of one of our adapters (`@adapter-lab/sequelize-adapter`). */
const adapterDir = (specifier: string): string => path.join(REPO, 'packages', specifier.slice('@adapter-lab/'.length));

function readJson(ts: Ts, file: string): Record<string, unknown> {
  const text = ts.sys.readFile(file);
  if (text === undefined) throw new Error(`Type bundle: cannot read ${file}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A declaration-only package.json: what TypeScript needs to resolve `name` to `index.d.ts`. */
function declarationPackage(name: string, version: unknown, types = './index.d.ts'): string {
  return json({ name, version, types, exports: { '.': { types } } });
}

// --- The compiler host ------------------------------------------------------------------------

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
function overlayHost(ts: Ts, options: TS.CompilerOptions, overlay: Overlay, resolutions: Resolutions): TS.CompilerHost {
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

/** The playground's options, but no automatic @types (Monaco has none) and checked .d.ts files. */
function bundleOptions(): TS.CompilerOptions {
  return { ...(COMPILER_OPTIONS as unknown as TS.CompilerOptions), types: [], noEmit: true, skipLibCheck: false, sourceMap: false };
}

function formatDiagnostics(ts: Ts, diagnostics: readonly TS.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' });
}

// --- Our adapters ---------------------------------------------------------------------------

/**
 * The declarations of one workspace adapter (`@adapter-lab/<name>`), emitted in memory from its
 * source with its own build options, laid out as its published package (dist/index.d.ts).
 */
function adapterPackage(ts: Ts, name: string, overlay: Overlay): void {
  const dir = adapterDir(name);
  const config = ts.readConfigFile(path.join(dir, 'tsconfig.build.json'), ts.sys.readFile);
  if (config.error) throw new Error(`Type bundle: ${formatDiagnostics(ts, [config.error])}`);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dir);
  const options: TS.CompilerOptions = { ...parsed.options, declarationMap: false, sourceMap: false, noEmit: false, emitDeclarationOnly: true };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options });
  const outDir = options.outDir ?? path.join(dir, 'dist');
  const target = inNodeModules(name);
  const result = program.emit(
    undefined,
    (file, text) => {
      if (file.endsWith('.d.ts')) overlay.files.set(path.join(target, 'dist', path.relative(outDir, file)), text);
    },
    undefined,
    true,
  );
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (errors.length > 0) throw new Error(`Type bundle: ${name} does not compile:\n${formatDiagnostics(ts, errors)}`);
  const version = readJson(ts, path.join(dir, 'package.json'))['version'];
  overlay.files.set(path.join(target, 'package.json'), declarationPackage(name, version, './dist/index.d.ts'));
  overlay.replaced.add(target);
}

/**
 * The workspace files an ORM's bundle is emitted from (its adapter's sources and build
 * options): when one changes, the bundle must be built again.
 */
export function typeBundleInputs(orm: OrmId): string[] {
  return [
    PLAYGROUND_API,
    ...MODULE_NAMES[orm]
      .filter((module) => module.specifier.startsWith('@adapter-lab/'))
      .flatMap((module) => {
        const dir = adapterDir(module.specifier);
        const sources = readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
        return [path.join(dir, 'package.json'), path.join(dir, 'tsconfig.build.json'), ...sources.map((file) => path.join(dir, 'src', file))];
      }),
  ];
}

// --- Auth.js --------------------------------------------------------------------------------------

/** The types of `@adapter-lab/playground` (runtime/auth/playground-api.ts). */
const PLAYGROUND_API = path.join(REPO, 'src', 'playground', 'runtime', 'auth', 'playground-api.ts');

/**
 * Auth.js's packages: @auth/core as installed; each framework package's entry replaced by its
 * thin declarations (auth-declarations.ts), its other files (providers, jwt) real, over the one
 * @auth/core; and
 * `@adapter-lab/playground`, which exists only in the playground.
 */
function authPackages(ts: Ts, overlay: Overlay): void {
  for (const [name, text] of Object.entries(FRAMEWORK_ENTRIES)) {
    const dir = inNodeModules(name);
    const manifest = readJson(ts, path.join(dir, 'package.json'));
    const entry = (manifest['exports'] as Record<string, { types?: string } | undefined> | undefined)?.['.']?.types;
    if (!entry) throw new Error(`Type bundle: ${name}'s package.json names no types for "."`);
    overlay.files.set(path.join(dir, entry), text);
    // One @auth/core for every package, as at run time: a copy of its own (@auth/qwik has one)
    // would make its providers' types another @auth/core's.
    const nested = path.join(dir, 'node_modules', '@auth', 'core');
    if (ts.sys.directoryExists(nested)) overlay.replaced.add(nested);
  }
  const dir = inNodeModules(PLAYGROUND_MODULE);
  const text = ts.sys.readFile(PLAYGROUND_API);
  if (text === undefined) throw new Error(`Type bundle: cannot read ${PLAYGROUND_API}`);
  // Laid out as our adapters' packages are (dist/index.d.ts).
  overlay.files.set(path.join(dir, 'dist', 'index.d.ts'), playgroundModuleDeclarations(ts, PLAYGROUND_API, text));
  overlay.files.set(
    path.join(dir, 'package.json'),
    declarationPackage(PLAYGROUND_MODULE, readJson(ts, path.join(REPO, 'package.json'))['version'], './dist/index.d.ts'),
  );
  overlay.replaced.add(dir);
}

// --- Redirected packages ----------------------------------------------------------------------

/** A file comment saying what the playground serves for this package, from module-names.ts. */
function redirectComment(module: ModuleName): string {
  return `/**\n * Playground declarations: ${module.redirect ?? module.specifier}\n */\n`;
}

/** A package that is another one under a second name (`@auth/sequelize-adapter` → ours). */
function reexportPackage(ts: Ts, module: ModuleName, target: string, overlay: Overlay, withDefault: boolean): void {
  const dir = inNodeModules(module.specifier);
  const version = readJson(ts, path.join(adapterDir(target), 'package.json'))['version'];
  const defaultLine = withDefault ? `export { default } from '${target}';\n` : '';
  overlay.files.set(path.join(dir, 'index.d.ts'), `${redirectComment(module)}export * from '${target}';\n${defaultLine}`);
  overlay.files.set(path.join(dir, 'package.json'), declarationPackage(module.specifier, version));
  overlay.replaced.add(dir);
}

const DRIVER_OF_PACKAGE: Readonly<Record<string, string>> = {
  '@mikro-orm/sqlite': 'SqliteDriver',
  '@mikro-orm/libsql': 'LibSqlDriver',
  '@mikro-orm/postgresql': 'PostgreSqlDriver',
  '@mikro-orm/mysql': 'MySqlDriver',
  '@mikro-orm/mariadb': 'MariaDbDriver',
  '@mikro-orm/mssql': 'MsSqlDriver',
};

/**
 * A MikroORM database package as the playground serves it: all of @mikro-orm/sql, its driver
 * class being SqliteDriver, and `defineConfig`/`MikroORM`/`Options` shaped like the real
 * package's (see @mikro-orm/postgresql's PostgreSqlMikroORM.d.ts) over the SQLite driver.
 */
function databasePackage(ts: Ts, module: ModuleName, overlay: Overlay): void {
  const driver = DRIVER_OF_PACKAGE[module.specifier];
  if (!driver) throw new Error(`Type bundle: no driver class known for ${module.specifier}`);
  const dir = inNodeModules(module.specifier);
  const entities = 'readonly (string | EntityClass<AnyEntity> | EntitySchema)[] = (string | EntityClass<AnyEntity> | EntitySchema)[]';
  const params = `EM extends SqlEntityManager<SqliteDriver> = SqlEntityManager<SqliteDriver>, Entities extends ${entities}`;
  const text = `${redirectComment(module)}import type { AnyEntity, EntityClass, EntityManager, EntityManagerType, EntitySchema, IDatabaseDriver, MikroORM as CoreMikroORM, Options as CoreOptions } from '@mikro-orm/core';
import { SqlMikroORM, type SqliteDriver, type SqlEntityManager } from '@mikro-orm/sql';
export * from '@mikro-orm/sql';
${driver === 'SqliteDriver' ? '' : `/** ${module.specifier}'s driver: in the playground, the SQLite driver (sql.js). */\nexport { SqliteDriver as ${driver} } from '@mikro-orm/sql';\n`}
/** Configuration options for this driver (in the playground, SQLite). */
export type Options<${params}> = Partial<CoreOptions<SqliteDriver, EM, Entities>>;

/** Creates a type-safe configuration object for this driver. */
export declare function defineConfig<${params}>(options: Options<EM, Entities>): Options<EM, Entities>;

/** @inheritDoc */
export declare class MikroORM<${params}> extends SqlMikroORM<SqliteDriver, EM, Entities> {
  static init<D extends IDatabaseDriver = SqliteDriver, EM extends EntityManager<D> = D[typeof EntityManagerType] & EntityManager<D>, Entities extends ${entities}>(options: Partial<CoreOptions<D, EM, Entities>>): Promise<CoreMikroORM<D, EM, Entities>>;
  constructor(options: Options<EM, Entities>);
}
`;
  overlay.files.set(path.join(dir, 'index.d.ts'), text);
  overlay.files.set(
    path.join(dir, 'package.json'),
    declarationPackage(module.specifier, readJson(ts, inNodeModules('@mikro-orm/sql', 'package.json'))['version']),
  );
  overlay.replaced.add(dir);
}

/**
 * The ES decorators' subpath, served as the legacy ones (the playground compiles with
 * experimentalDecorators): the real package, with `./es` declared as a re-export of `./legacy`.
 */
function legacyDecoratorsForEs(module: ModuleName, overlay: Overlay): void {
  overlay.files.set(inNodeModules('@mikro-orm/decorators', 'es', 'index.d.ts'), `${redirectComment(module)}export * from '../legacy/index.js';\n`);
}

/** How each redirected specifier is typed; `real` keeps the installed package's declarations. */
const REDIRECTS: Readonly<Record<string, 'real' | ((ts: Ts, module: ModuleName, overlay: Overlay) => void)>> = {
  '@auth/sequelize-adapter': (ts, module, overlay) => reexportPackage(ts, module, '@adapter-lab/sequelize-adapter', overlay, true),
  '@auth/mikro-orm-adapter': (ts, module, overlay) => reexportPackage(ts, module, '@adapter-lab/mikro-orm-adapter', overlay, false),
  '@mikro-orm/decorators/es': (_ts, module, overlay) => legacyDecoratorsForEs(module, overlay),
  // The polyfill's global `Reflect` declarations are exactly what the playground loads.
  'reflect-metadata': 'real',
  ...Object.fromEntries(Object.keys(DRIVER_OF_PACKAGE).map((specifier) => [specifier, databasePackage])),
};

// --- @mikro-orm/core's decorators ---------------------------------------------------------------

const LEGACY = '@mikro-orm/decorators/legacy';
const CORE_AUGMENTATION_FILE = inNodeModules('@mikro-orm/core', 'playground-decorators.d.ts');

/** The source text of a type's type parameters and arguments (`<T extends object>`, `<T>`), or ''. */
function typeParameters(ts: Ts, declarations: readonly TS.Declaration[]): { params: string; args: string } {
  for (const declaration of declarations) {
    if ((ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) && declaration.typeParameters) {
      return {
        params: `<${declaration.typeParameters.map((p) => p.getText()).join(', ')}>`,
        args: `<${declaration.typeParameters.map((p) => p.name.text).join(', ')}>`,
      };
    }
  }
  return { params: '', args: '' };
}

/**
 * What the augmentation file needs for the signatures it copies from a legacy declaration file,
 * by name: `import type` lines for that file's imports (relative specifiers re-rooted), and its
 * own unexported types (Transactional's options, say), copied.
 */
function scopeOf(ts: Ts, source: TS.SourceFile, scope: Map<string, string>): void {
  const add = (name: string, text: string): void => {
    if ((scope.get(name) ?? text) !== text) throw new Error(`Type bundle: ${LEGACY} has two different ${name}s`);
    scope.set(name, text);
  };
  for (const statement of source.statements) {
    const local =
      (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) &&
      !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (local) add(statement.name.text, statement.getText());
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause) continue;
    let specifier = statement.moduleSpecifier.text;
    if (specifier.startsWith('.')) {
      const relative = path
        .relative(path.dirname(CORE_AUGMENTATION_FILE), path.resolve(path.dirname(source.fileName), specifier))
        .split(path.sep)
        .join('/');
      specifier = relative.startsWith('.') ? relative : `./${relative}`;
    }
    const { name, namedBindings } = statement.importClause;
    const bindings: [string, string][] = [];
    if (name) bindings.push([name.text, `import type ${name.text} from '${specifier}';`]);
    if (namedBindings && ts.isNamespaceImport(namedBindings))
      bindings.push([namedBindings.name.text, `import type * as ${namedBindings.name.text} from '${specifier}';`]);
    if (namedBindings && ts.isNamedImports(namedBindings)) {
      for (const element of namedBindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        const local = element.name.text;
        bindings.push([local, `import type { ${imported === local ? local : `${imported} as ${local}`} } from '${specifier}';`]);
      }
    }
    for (const [local, line] of bindings) add(local, line);
  }
}

/**
 * `declare module '@mikro-orm/core'` declaring the decorators the playground's @mikro-orm/core
 * also serves: the legacy package's decorator functions that core lacks (classes such as
 * ReflectMetadataProvider are not among them: the runtime wraps each decorator to show the hint,
 * which a class would not survive). Each is deprecated with the hint, so Monaco strikes it
 * through and its hover says where it moved, and the code still type-checks.
 *
 * An augmentation cannot re-export, and a const typed `typeof import(…).Entity` would hide the
 * hint from hovers over calls (TypeScript shows the original signature's documentation there),
 * so each function's overloads are copied, with the names they use at the top of the file.
 */
function coreDecoratorAugmentation(ts: Ts, program: TS.Program): string {
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(ENTRY);
  if (!entry) throw new Error('Type bundle: the entry file is missing from its program');
  const moduleOf = (specifier: string): TS.Symbol => {
    const literal = entry.statements
      .flatMap((statement) =>
        ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier] : [],
      )
      .find((node) => node.text === specifier);
    const symbol = literal && checker.getSymbolAtLocation(literal);
    if (!symbol) throw new Error(`Type bundle: ${specifier} does not resolve`);
    return symbol;
  };
  const resolve = (symbol: TS.Symbol): TS.Symbol => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const core = checker.getExportsOfModule(moduleOf('@mikro-orm/core')).map(resolve);
  const coreValues = new Set(core.filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.name));
  const coreTypes = new Set(core.filter((s) => s.flags & ts.SymbolFlags.Type).map((s) => s.name));
  // Package names in backticks: in a JSDoc comment, a bare `@mikro-orm/core` would start a new tag.
  const hint = MIKRO_ORM_CORE_DECORATOR_HINT.replace(/\*\//g, '* /').replace(/@[\w-]+(?:\/[\w-]+)+/g, '`$&`');
  const doc = (summary: string): string =>
    `  /**\n${summary ? `   * ${summary.replace(/\*\//g, '* /').split('\n').join('\n   * ')}\n   *\n` : ''}   * @deprecated ${hint}\n   */\n`;
  const scope = new Map<string, string>();
  const lines: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleOf(LEGACY))) {
    const symbol = resolve(exported);
    const name = exported.name;
    if (!(symbol.flags & ts.SymbolFlags.Function) || symbol.flags & ts.SymbolFlags.Class || coreValues.has(name)) continue;
    const declarations = symbol.declarations ?? [];
    for (const declaration of declarations.filter(ts.isFunctionDeclaration)) {
      scopeOf(ts, declaration.getSourceFile(), scope);
      const summary = ts.displayPartsToString(checker.getSignatureFromDeclaration(declaration)?.getDocumentationComment(checker));
      lines.push(`${doc(summary)}  ${declaration.getText().replace(/^export\s+declare\s+/, 'export ')}`);
    }
    // A function that is a type too (merged with an interface): the type, under the same name.
    if (symbol.flags & ts.SymbolFlags.Type && !coreTypes.has(name)) {
      const { params, args } = typeParameters(ts, declarations);
      lines.push(`${doc('')}  export type ${name}${params} = import('${LEGACY}').${name}${args};`);
    }
  }
  if (lines.length === 0) throw new Error(`Type bundle: ${LEGACY} exports no decorator that @mikro-orm/core lacks; is the augmentation still needed?`);
  return `/**
 * Playground declarations: the playground's @mikro-orm/core also serves the decorators of
 * ${LEGACY} (MikroORM 6 exported them from core), deprecated with a hint.
 */
${[...scope.values()].sort((a, b) => Number(b.startsWith('import')) - Number(a.startsWith('import')) || a.localeCompare(b)).join('\n')}

declare module '@mikro-orm/core' {
${lines.join('\n')}
}

export {};
`;
}

// --- Collecting the bundle ------------------------------------------------------------------------

const TRIMMED_FIELDS = ['name', 'version', 'types', 'typings', 'exports', 'typesVersions', 'main'] as const;

/** Whether an exports key (`.`, `./sub`, `./lib/*`) matches a requested subpath. */
function exportKeyMatches(key: string, wanted: string): boolean {
  const star = key.indexOf('*');
  if (star < 0) return key === wanted;
  return wanted.startsWith(key.slice(0, star)) && wanted.endsWith(key.slice(star + 1)) && wanted.length >= key.length - 1;
}

/**
 * Only the exports entries some file imports (conditions kept whole, `types` among them): so
 * `import "sequelize/lib/utils"` is an error in the editor, as it is at run time.
 */
function pruneExports(exportsField: unknown, wanted: ReadonlySet<string>): unknown {
  const isSubpathMap =
    typeof exportsField === 'object' && exportsField !== null && !Array.isArray(exportsField) && Object.keys(exportsField).every((key) => key.startsWith('.'));
  if (!isSubpathMap) return wanted.has('.') ? exportsField : {};
  return Object.fromEntries(Object.entries(exportsField).filter(([key]) => [...wanted].some((sub) => exportKeyMatches(key, sub))));
}

function trimPackageJson(manifest: Record<string, unknown>, wanted: ReadonlySet<string>): string {
  const trimmed: Record<string, unknown> = {};
  for (const field of TRIMMED_FIELDS) {
    if (manifest[field] === undefined) continue;
    trimmed[field] = field === 'exports' ? pruneExports(manifest[field], wanted) : manifest[field];
  }
  return json(trimmed);
}

const toVirtual = (file: string): string => VIRTUAL_NODE_MODULES + path.relative(NODE_MODULES, file).split(path.sep).join('/');

/** The overlay for one ORM: its adapter's declarations, its redirects, the entry importing it all. */
function prepareOverlay(ts: Ts, orm: OrmId): Overlay {
  const overlay: Overlay = { files: new Map(), replaced: new Set() };
  for (const module of MODULE_NAMES[orm]) {
    if (module.specifier.startsWith('@adapter-lab/')) adapterPackage(ts, module.specifier, overlay);
    if (module.redirect === undefined) continue;
    const redirect = REDIRECTS[module.specifier];
    if (!redirect) throw new Error(`Type bundle: ${module.specifier} is redirected; say in REDIRECTS how to type it`);
    if (redirect !== 'real') redirect(ts, module, overlay);
  }
  authPackages(ts, overlay);
  const entry = [...MODULE_NAMES[orm], ...AUTH_MODULE_NAMES].map((module, i) => `export * as m${i} from '${module.specifier}';`).join('\n');
  overlay.files.set(ENTRY, `${entry}\n`);
  overlay.files.set(GLOBALS, readFileSync(GLOBALS_SOURCE, 'utf8'));
  return overlay;
}

/** Errors in the entry (a specifier that does not resolve) or in any file generated here. */
function checkGenerated(ts: Ts, program: TS.Program, overlay: Overlay): void {
  const hostLibs = program.getSourceFiles().filter((source) => /[\\/]lib\.(dom|webworker|scripthost)/.test(source.fileName));
  if (hostLibs.length > 0)
    throw new Error(`Type bundle: ${hostLibs.map((source) => path.basename(source.fileName)).join(', ')} got into the program: the playground has no DOM`);
  const errors = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of overlay.files.keys()) {
    const source = program.getSourceFile(file);
    if (source) errors.push(...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source));
  }
  if (errors.length > 0) throw new Error(`Type bundle: the generated declarations have errors:\n${formatDiagnostics(ts, errors)}`);
}

/**
 * Libraries whose declarations the bundle needs only a few of: @auth/core's types name
 * oauth4webapi's `TokenEndpointResponse` and `Client` (and what they mention), not its API.
 */
const PRUNED_LIBRARIES = ['oauth4webapi'] as const;

/** Cuts each pruned library's declaration file down to what the program's other files import of it; true when one was cut. */
function pruneLibraries(ts: Ts, program: TS.Program, overlay: Overlay): boolean {
  let pruned = false;
  for (const library of PRUNED_LIBRARIES) {
    const names = namesImportedFrom(ts, program, library);
    const files = program.getSourceFiles().filter((source) => packageRootOf(source.fileName) === inNodeModules(library));
    if (!names || files.length !== 1)
      throw new Error(
        `Type bundle: expected one declaration file of ${library}, imported by name (found ${files.length}${names ? '' : ', imported whole'}); update PRUNED_LIBRARIES`,
      );
    const [file] = files;
    overlay.files.set(
      file!.fileName,
      pruneDeclarations(
        ts,
        file!.fileName,
        file!.text,
        names,
        `${library}, cut down to what the other declarations use of it (${[...names].sort().join(', ')}).`,
      ),
    );
    pruned = true;
  }
  return pruned;
}

/** Builds the type bundle of one ORM's playground (Node only: reads node_modules). */
export async function buildTypeBundle(orm: OrmId): Promise<TypeBundle> {
  // Loaded on demand: TypeScript is large, and the Astro config imports this module in dev too.
  const ts = (await import('typescript')).default;
  const options = bundleOptions();
  const overlay = prepareOverlay(ts, orm);
  const resolutions: Resolutions = new Map();
  const host = overlayHost(ts, options, overlay, resolutions);
  let program = ts.createProgram({ rootNames: [ENTRY, GLOBALS], options, host });
  const roots = [ENTRY, GLOBALS];
  if (orm === 'mikro-orm') {
    overlay.files.set(CORE_AUGMENTATION_FILE, coreDecoratorAugmentation(ts, program));
    roots.push(CORE_AUGMENTATION_FILE);
  }
  const pruned = pruneLibraries(ts, program, overlay);
  if (roots.length > 2 || pruned)
    program = ts.createProgram({ rootNames: roots, options, host: overlayHost(ts, options, overlay, resolutions), oldProgram: program });
  checkGenerated(ts, program, overlay);

  const files: Record<string, string> = {};
  const packages = new Set<string>();
  for (const source of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(source) || source.fileName === ENTRY) continue;
    if (source.fileName === GLOBALS) {
      files[GLOBALS_PATH] = source.text;
      continue;
    }
    const dir = packageRootOf(source.fileName);
    if (!dir || !source.isDeclarationFile) throw new Error(`Type bundle: unexpected file ${source.fileName} (only node_modules declarations belong in it)`);
    files[toVirtual(source.fileName)] = source.text;
    packages.add(dir);
  }
  for (const dir of [...packages].sort()) {
    const manifest = path.join(dir, 'package.json');
    const generated = overlay.files.get(manifest);
    files[toVirtual(manifest)] = generated ?? trimPackageJson(readJson(ts, manifest), resolutions.get(dir) ?? new Set());
  }
  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}
