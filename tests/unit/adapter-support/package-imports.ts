// What an adapter package's source imports: the packages (never its own files), and each file's
// code without comments, for the portability tests (the package runs unchanged in Node and in
// the browser).
import { readdirSync, readFileSync } from 'node:fs';

export interface PackageSource {
  /** Package specifiers, sorted, `type ` before those imported for types only. */
  readonly imports: string[];
  /** Each source file's code, comments removed (comments may name what the code must not use). */
  readonly code: ReadonlyMap<string, string>;
}

/** The source of packages/<name>/src/. */
export function packageSource(name: string): PackageSource {
  const source = new URL(`../../../packages/${name}/src/`, import.meta.url);
  const imports = new Set<string>();
  const code = new Map<string, string>();
  for (const file of readdirSync(source)) {
    const text = readFileSync(new URL(file, source), 'utf8');
    for (const [, typeOnly, specifier] of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      if (!specifier!.startsWith('./')) imports.add(`${typeOnly ? 'type ' : ''}${specifier}`);
    }
    code.set(file, text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
  }
  return { imports: [...imports].sort(), code };
}
