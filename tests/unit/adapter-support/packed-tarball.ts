// What an adapter's `npm pack` tarball must hold: the built dist/ (JS, declarations, maps), the
// sources the maps point to, README and package.json.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The tarball's entries, without tar's leading `package/`, sorted. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

/** The package's source modules (src/*.ts), without the extension. */
export async function sourceModules(packageDir: string): Promise<string[]> {
  return (await readdir(join(packageDir, 'src'))).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3));
}

/** Every file the tarball must hold for these modules, and nothing else, sorted. */
export function expectedTarballFiles(modules: readonly string[]): string[] {
  return [
    'README.md',
    'package.json',
    ...modules.flatMap((module) => [`dist/${module}.js`, `dist/${module}.js.map`, `dist/${module}.d.ts`, `dist/${module}.d.ts.map`, `src/${module}.ts`]),
  ].sort();
}
