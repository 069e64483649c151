/**
 * Our adapters (the registry's `adapter.package`) as the editor sees them: their declarations
 * emitted in memory from their workspace source, with their own build options, laid out as
 * the published package (dist/index.d.ts). From source, so that the editor types exactly the
 * code the playground runs, and the packages need no build of their own first.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type TS from 'typescript';
import { ORMS } from '../../orm-registry.ts';
import { inNodeModules, REPO } from './bundle-paths.ts';
import { formatDiagnostics, type Overlay } from './compiler-host.ts';
import { declarationPackage, readJson } from './package-manifests.ts';

type Ts = typeof TS;

const ADAPTERS = ORMS.map((orm) => orm.adapter);

export function isAdapterPackage(specifier: string): boolean {
  return ADAPTERS.some((adapter) => adapter.package === specifier);
}

/** The workspace directory of one of our adapters (`@adapter-lab/sequelize-adapter` → packages/sequelize-adapter). */
function adapterDir(name: string): string {
  const adapter = ADAPTERS.find((candidate) => candidate.package === name);
  if (!adapter) throw new Error(`Type bundle: ${name} is not an adapter in orm-registry.ts`);
  return path.join(REPO, 'packages', adapter.workspace);
}

/** Where an adapter's entry declarations are laid, as its package.json's `types` says. */
export const adapterEntry = (name: string): string => inNodeModules(name, 'dist', 'index.d.ts');

export const adapterVersion = (ts: Ts, name: string): unknown => readJson(ts, path.join(adapterDir(name), 'package.json'))['version'];

/** Lays the declarations of adapter `name` into the overlay, in place of its installed package (a symlink to the source). */
export function adapterPackage(ts: Ts, name: string, overlay: Overlay): void {
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
  overlay.files.set(path.join(target, 'package.json'), declarationPackage(name, adapterVersion(ts, name), './dist/index.d.ts'));
  overlay.replaced.add(target);
}

/**
 * The workspace files adapter `name`'s declarations are emitted from (its sources and build
 * options): when one changes, a bundle holding them must be built again.
 */
export function adapterInputs(name: string): string[] {
  const dir = adapterDir(name);
  const sources = readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return [path.join(dir, 'package.json'), path.join(dir, 'tsconfig.build.json'), ...sources.map((file) => path.join(dir, 'src', file))];
}
