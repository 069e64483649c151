/**
 * Auth.js's packages in the bundle, the same for every ORM: @auth/core as installed; each
 * framework package's entry replaced by its thin declarations (auth-declarations.ts), its other
 * files (providers, jwt) real, over the one @auth/core; and `@adapter-lab/playground`, which
 * exists only in the playground.
 */
import path from 'node:path';
import type TS from 'typescript';
import { PLAYGROUND_MODULE } from '../../module-names.ts';
import { FRAMEWORK_ENTRIES, playgroundModuleDeclarations } from './auth-declarations.ts';
import { inNodeModules, REPO } from './bundle-paths.ts';
import type { Overlay } from './compiler-host.ts';
import { declarationPackage, readJson } from './package-manifests.ts';

type Ts = typeof TS;

/** The types of `@adapter-lab/playground` (runtime/auth/playground-api.ts). */
export const PLAYGROUND_API = path.join(REPO, 'src', 'playground', 'runtime', 'auth', 'playground-api.ts');

export function authPackages(ts: Ts, overlay: Overlay): void {
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
