/**
 * `virtual:playground-examples`: the built-in examples (src/playground/examples/), each with its
 * TypeScript compiled at build time exactly as the editor would compile it — so the default
 * example's result can appear before Monaco has even loaded. A type or syntax error in an
 * example fails the build, naming the file and line.
 *
 * `virtual:playground-known-code`: the same for other example folders the site names (the docs'
 * examples, given by astro.config.mjs), without titles: files and output only, looked up by
 * content when a link opens code that is not a built-in example. The page imports it on demand.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { compileProject } from '../compiler/compile-project.ts';
import { formatDiagnostic } from '../compiler/diagnostics.ts';
import { buildTypeBundle, type TypeBundle } from '../editor/types/build-type-bundle.ts';
import { forgetTypeBundles } from '../editor/types/type-bundle-cache.ts';
import { cachedExamples, forgetExamples } from './examples-cache.ts';
import type { CompiledFile, OrmId } from '../protocol.ts';
import { EXAMPLES_DIR, exampleFilePaths, readExamples, type ExampleSource } from './read-examples.ts';

export const EXAMPLES_ID = 'virtual:playground-examples';
const RESOLVED = `\0${EXAMPLES_ID}`;
export const KNOWN_CODE_ID = 'virtual:playground-known-code';
const RESOLVED_KNOWN = `\0${KNOWN_CODE_ID}`;

/** Code the build compiled: which ORM, the files as a link carries them, and the output. */
export interface KnownCode {
  readonly orm: OrmId;
  readonly files: readonly { readonly name: string; readonly code: string }[];
  readonly compiled: readonly CompiledFile[];
}

export interface BuiltExample extends ExampleSource {
  readonly compiled: readonly CompiledFile[];
}

/** Compiles every example; throws with every error diagnostic when one does not type-check. */
export async function buildExamples(
  bundleFor: (orm: OrmId) => Promise<TypeBundle> = buildTypeBundle,
  examples: readonly ExampleSource[] = readExamples(),
  what = "The playground's built-in examples",
): Promise<BuiltExample[]> {
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

export interface PlaygroundExamplesOptions {
  /** More example folders (the docs'), compiled for `virtual:playground-known-code`. */
  readonly knownCodeDirs?: readonly string[];
}

export function playgroundExamplesPlugin(options: PlaygroundExamplesOptions = {}): Plugin {
  const watch = (context: { addWatchFile(file: string): void }, dir: string, examples: readonly ExampleSource[]): void => {
    // Files, not the folder (Vite's dev server would take a watched folder for an import); a new
    // example folder needs a restart of `npm start`.
    for (const example of examples) {
      context.addWatchFile(path.join(dir, example.id, 'example.json'));
      for (const file of exampleFilePaths(dir, example.id).values()) context.addWatchFile(file);
    }
  };
  return {
    name: 'adapter-lab:playground-examples',
    resolveId: (source) => (source === EXAMPLES_ID ? RESOLVED : source === KNOWN_CODE_ID ? RESOLVED_KNOWN : null),
    async load(id) {
      if (id === RESOLVED) {
        const examples = await cachedExamples(EXAMPLES_DIR);
        watch(this, EXAMPLES_DIR, examples);
        return { code: `export const examples = JSON.parse(${JSON.stringify(JSON.stringify(examples))});\n`, map: null };
      }
      if (id === RESOLVED_KNOWN) {
        const known: KnownCode[] = [];
        for (const dir of options.knownCodeDirs ?? []) {
          const examples = await cachedExamples(dir);
          watch(this, dir, examples);
          known.push(...examples.map(({ orm, files, compiled }) => ({ orm, files, compiled })));
        }
        return { code: `export const knownCode = JSON.parse(${JSON.stringify(JSON.stringify(known))});\n`, map: null };
      }
      return null;
    },
    watchChange() {
      // Type bundles depend on the adapters' source: rebuild them with the examples.
      forgetTypeBundles();
      forgetExamples();
    },
  };
}
