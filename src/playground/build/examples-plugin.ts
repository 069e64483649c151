/**
 * `virtual:playground-examples`: the built-in examples (src/playground/examples/), each with its
 * TypeScript compiled at build time exactly as the editor would compile it — so the default
 * example's result can appear before Monaco has even loaded. A type or syntax error in an
 * example fails the build, naming the file and line.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { compileProject } from '../compiler/compile-project.ts';
import { formatDiagnostic } from '../compiler/diagnostics.ts';
import { buildTypeBundle, type TypeBundle } from '../editor/types/build-type-bundle.ts';
import { cachedTypeBundle, forgetTypeBundles } from '../editor/types/type-bundle-cache.ts';
import type { CompiledFile, OrmId } from '../protocol.ts';
import { EXAMPLES_DIR, readExamples, type ExampleSource } from './read-examples.ts';

export const EXAMPLES_ID = 'virtual:playground-examples';
const RESOLVED = `\0${EXAMPLES_ID}`;

export interface BuiltExample extends ExampleSource {
  readonly compiled: readonly CompiledFile[];
}

/** Compiles every example; throws with every error diagnostic when one does not type-check. */
export async function buildExamples(bundleFor: (orm: OrmId) => Promise<TypeBundle> = buildTypeBundle, examples: readonly ExampleSource[] = readExamples(), what = "The playground's built-in examples"): Promise<BuiltExample[]> {
  const built: BuiltExample[] = [];
  const problems: string[] = [];
  for (const example of examples) {
    const { files, diagnostics } = compileProject(example.files, await bundleFor(example.orm));
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 'error') problems.push(`${example.id}/${formatDiagnostic(diagnostic)}`);
    }
    built.push({ ...example, compiled: files });
  }
  if (problems.length > 0) throw new Error(`${what} do not type-check:\n${problems.join('\n')}`);
  return built;
}

export function playgroundExamplesPlugin(): Plugin {
  return {
    name: 'adapter-lab:playground-examples',
    resolveId: (source) => (source === EXAMPLES_ID ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      const examples = await buildExamples(cachedTypeBundle);
      // Files, not the folder (Vite's dev server would take a watched folder for an import); a new
      // example folder needs a restart of `npm start`.
      for (const example of examples) {
        this.addWatchFile(path.join(EXAMPLES_DIR, example.id, 'example.json'));
        for (const file of example.files) this.addWatchFile(path.join(EXAMPLES_DIR, example.id, file.name));
      }
      return { code: `export const examples = JSON.parse(${JSON.stringify(JSON.stringify(examples))});\n`, map: null };
    },
    watchChange() {
      // Type bundles depend on the adapters' source: rebuild them with the examples.
      forgetTypeBundles();
    },
  };
}
