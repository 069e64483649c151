/**
 * The editor's type bundle for one ORM, built in Node at build time: every declaration file the
 * reader's importable modules (module-names.ts) reach, plus the package.json files module
 * resolution reads, all under `file:///node_modules/`. The page hands each entry to Monaco's
 * `typescriptDefaults.addExtraLib(content, path)`, so the editor type-checks against exactly
 * what the playground runs.
 *
 * The file list is TypeScript's own: a program over a virtual entry that imports every
 * specifier, compiled with the playground's options, over the real node_modules with a few
 * files laid over it (compiler-host.ts) — our adapters' declarations (adapter-packages.ts), the
 * packages the playground redirects (redirect-packages.ts), Auth.js's (auth-packages.ts), an
 * augmentation of @mikro-orm/core (core-decorators.ts), and for the official MikroORM adapter,
 * MikroORM 5 from its runtime's workspace (mikro-orm-5-packages.ts). Every generated file is type-checked
 * here, so a MikroORM or Auth.js update that breaks one fails the build rather than the
 * reader's editor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type TS from 'typescript';
import { COMPILER_OPTIONS } from '../../compiler/compile-options.ts';
import type { ImplementationId } from '../../implementation-registry.ts';
import { AUTH_MODULE_NAMES, MODULE_NAMES, type ModuleName, OFFICIAL_MODULE_NAMES } from '../../module-names.ts';
import type { OrmId } from '../../protocol.ts';
import { MIKRO_ORM_OFFICIAL_MODULE_NAMES } from '../../runtime/env/mikro-orm-official-modules.ts';
import { adapterInputs, adapterPackage, isAdapterPackage } from './adapter-packages.ts';
import { authPackages, PLAYGROUND_API } from './auth-packages.ts';
import { packageRootOf, REPO, toVirtual } from './bundle-paths.ts';
import { formatDiagnostics, type Overlay, overlayHost, physicalPath, type Resolutions } from './compiler-host.ts';
import { CORE_AUGMENTATION_FILE, coreDecoratorAugmentation, needsCoreDecorators } from './core-decorators.ts';
import { mikroOrm5Packages } from './mikro-orm-5-packages.ts';
import { readJson, trimPackageJson } from './package-manifests.ts';
import { pruneLibraries } from './pruned-libraries.ts';
import { redirectPackage } from './redirect-packages.ts';
import type { TypeBundle } from './type-bundle-patch.ts';

export { VIRTUAL_NODE_MODULES } from './bundle-paths.ts';

export type { TypeBundle } from './type-bundle-patch.ts';

/**
 * Official implementations that run on another major of their ORM, by ORM: the modules their
 * runtime serves, and how their packages are laid (read from where npm installed them).
 */
const OFFICIAL_RUNTIMES: Partial<Record<OrmId, { readonly modules: readonly ModuleName[]; readonly lay: (ts: Ts, overlay: Overlay) => void }>> = {
  'mikro-orm': { modules: MIKRO_ORM_OFFICIAL_MODULE_NAMES, lay: mikroOrm5Packages },
};

/** The modules a bundle declares: the ORM's, with the official adapter as itself when it is chosen (its runtime's own, where it has some). */
function modulesFor(orm: OrmId, implementation: ImplementationId): readonly ModuleName[] {
  if (implementation === 'ours') return MODULE_NAMES[orm];
  return OFFICIAL_RUNTIMES[orm]?.modules ?? OFFICIAL_MODULE_NAMES[orm];
}

/** The playground's globals (`process.env`, `console`, …), which lib es2023 lacks. */
export const GLOBALS_PATH = 'file:///playground-globals.d.ts';

type Ts = typeof TS;

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

/** The playground's options, but no automatic @types (Monaco has none) and checked .d.ts files. */
function bundleOptions(): TS.CompilerOptions {
  return { ...(COMPILER_OPTIONS as unknown as TS.CompilerOptions), types: [], noEmit: true, skipLibCheck: false, sourceMap: false };
}

/**
 * The workspace files an ORM's bundle is emitted from (its adapter's sources and build
 * options, the playground module's API): when one changes, the bundle must be built again.
 */
export function typeBundleInputs(orm: OrmId): string[] {
  return [PLAYGROUND_API, ...MODULE_NAMES[orm].filter((module) => isAdapterPackage(module.specifier)).flatMap((module) => adapterInputs(module.specifier))];
}

/** The overlay for one ORM: its adapter's declarations, its redirects (or its official runtime's packages), the entry importing it all. */
function prepareOverlay(ts: Ts, modules: readonly ModuleName[], runtime: ((ts: Ts, overlay: Overlay) => void) | undefined): Overlay {
  const overlay: Overlay = { files: new Map(), replaced: new Set(), aliases: new Map() };
  runtime?.(ts, overlay);
  for (const module of modules) if (isAdapterPackage(module.specifier)) adapterPackage(ts, module.specifier, overlay);
  // After the adapters: the official adapters' names re-export ours (unless the official package is chosen: then it is itself).
  for (const module of modules) if (module.redirect !== undefined) redirectPackage(ts, module, overlay);
  authPackages(ts, overlay);
  const entry = [...modules, ...AUTH_MODULE_NAMES].map((module, i) => `export * as m${i} from '${module.specifier}';`).join('\n');
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
 * Builds the type bundle of one ORM's playground (Node only: reads node_modules), with our
 * adapter for the official name, or with the official package itself (`official`).
 */
export async function buildTypeBundle(orm: OrmId, implementation: ImplementationId = 'ours'): Promise<TypeBundle> {
  // Loaded on demand: TypeScript is large, and the Astro config imports this module in dev too.
  const ts = (await import('typescript')).default;
  const options = bundleOptions();
  const modules = modulesFor(orm, implementation);
  const overlay = prepareOverlay(ts, modules, implementation === 'official' ? OFFICIAL_RUNTIMES[orm]?.lay : undefined);
  const resolutions: Resolutions = new Map();
  const host = overlayHost(ts, options, overlay, resolutions);
  let program = ts.createProgram({ rootNames: [ENTRY, GLOBALS], options, host });
  // Files generated from the first program need a second one, which checks them and collects what they reach.
  const roots = [ENTRY, GLOBALS];
  if (needsCoreDecorators(modules.map((module) => module.specifier))) {
    overlay.files.set(CORE_AUGMENTATION_FILE, coreDecoratorAugmentation(ts, program, ENTRY));
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
    files[toVirtual(manifest)] = generated ?? trimPackageJson(readJson(ts, physicalPath(overlay, manifest)), resolutions.get(dir) ?? new Set());
  }
  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}
