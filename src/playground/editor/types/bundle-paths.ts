/**
 * Where the type bundle's files are: on disk (the repository's node_modules, which the bundle's
 * programs read) and in Monaco (`file:///node_modules/…`, where the page adds them). Packages
 * are found from file paths, because module resolution and the program report files while the
 * bundle's manifests are per package.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the bundle's programs run from here, over its node_modules and packages/. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const NODE_MODULES = path.join(REPO, 'node_modules');
/** Where the bundle's packages live, as Monaco's TypeScript worker sees them. */
export const VIRTUAL_NODE_MODULES = 'file:///node_modules/';

export const inNodeModules = (...parts: string[]): string => path.join(NODE_MODULES, ...parts);

/** A file under node_modules at its path in Monaco. */
export const toVirtual = (file: string): string => VIRTUAL_NODE_MODULES + path.relative(NODE_MODULES, file).split(path.sep).join('/');

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** The export subpath a specifier asks of its package: `.` or `./sub/path`. */
export function subpath(specifier: string): string {
  const rest = specifier.slice(packageName(specifier).length);
  return rest ? `.${rest}` : '.';
}

/** The directory of the installed package holding a file (nested node_modules and `@types/x` included). */
export function packageRootOf(file: string): string | undefined {
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
