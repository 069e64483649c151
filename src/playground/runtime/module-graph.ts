import { init, parse, type Import } from 'es-module-lexer';
import type { CompiledFile, SourceLocation } from '../protocol.ts';
import { importUrl, moduleUrls, type ModuleUrls } from './module-urls.ts';
import { PlaygroundError } from './run-error.ts';
import type { SourceLocations } from './source-locations.ts';

/** What a bare specifier (`sequelize`) resolves to: a namespace the runtime already loaded. */
export interface ProvidedModule {
  readonly namespace: Readonly<Record<string, unknown>>;
  /** Told to the reader once per run when their code imports it. */
  readonly redirect?: string;
}

export interface ModuleProvider {
  resolve(specifier: string): ProvidedModule | undefined;
  /** Every importable specifier, for the error that names them. */
  readonly specifiers: readonly string[];
  /** Called with every package a run imports before any is resolved: loads what is loaded on demand. */
  prepare?(specifiers: ReadonlySet<string>): Promise<void>;
  /** Why a package cannot be imported, when the playground knows (a framework's server-only module). */
  explain?(specifier: string): { readonly message: string; readonly hint: string } | undefined;
}

const REGISTRY = '__adapterLabModules__';
const DYNAMIC_IMPORT = '__adapterLabImport__';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Globals = typeof globalThis & {
  [REGISTRY]?: Map<string, Readonly<Record<string, unknown>>>;
  [DYNAMIC_IMPORT]?: (specifier: unknown) => Promise<unknown>;
};

/**
 * Evaluates the reader's files as real ES modules. Workers have no import maps, so each file's
 * compiled JavaScript is rewritten — its imports pointed at the module URLs of the other files
 * and at small bridge modules re-exporting the namespaces the runtime provides — and evaluated
 * from its own URL. Bridges are made once (the provided namespaces never change); the files'
 * modules are new on every run, so each run evaluates the reader's code afresh.
 *
 * Module URLs embed the URLs of what they import, so circular imports between the reader's
 * files cannot be expressed: they are reported as such.
 */
export class ModuleGraph {
  readonly #provider: ModuleProvider;
  readonly #locations: SourceLocations;
  readonly #urls: ModuleUrls = moduleUrls();
  readonly #bridges = new Map<string, string>();
  #files = new Map<string, CompiledFile>();
  #fileUrls = new Map<string, string>();
  /** Redirected specifiers the run imported, in order, each once. */
  #redirects = new Map<string, string>();

  constructor(provider: ModuleProvider, locations: SourceLocations) {
    this.#provider = provider;
    this.#locations = locations;
    const globals = globalThis as Globals;
    globals[REGISTRY] ??= new Map();
    globals[DYNAMIC_IMPORT] = (specifier: unknown) => this.#dynamicImport(specifier);
  }

  /** Evaluates `entry` (and what it imports); resolves to its module namespace. */
  async evaluate(files: readonly CompiledFile[], entry: string): Promise<Record<string, unknown>> {
    await init();
    this.dispose();
    this.#files = new Map(files.map((file) => [file.name, file]));
    for (const file of files) this.#locations.addFile(file.name, file.map);
    if (!this.#files.has(entry)) throw new PlaygroundError(`There is no file ${entry} to run.`, { name: 'LoadError' });
    await this.#provider.prepare?.(this.#packages());
    const url = this.#urlFor(entry, []);
    try {
      return await importUrl(url);
    } catch (error) {
      throw this.#explainLinkError(error);
    }
  }

  /** What the last run imported under another name: `[specifier, explanation]`. */
  redirects(): Array<[string, string]> {
    return [...this.#redirects];
  }

  /** Releases the last run's module URLs (bridges stay). */
  dispose(): void {
    for (const url of this.#fileUrls.values()) this.#urls.revoke(url);
    this.#fileUrls = new Map();
    this.#redirects = new Map();
  }

  #urlFor(name: string, chain: readonly string[]): string {
    const existing = this.#fileUrls.get(name);
    if (existing) return existing;
    if (chain.includes(name)) {
      const cycle = [...chain.slice(chain.indexOf(name)), name].join(' → ');
      throw new PlaygroundError(
        `Circular import: ${cycle}. The playground evaluates each file as its own module and cannot run files that import each other; move what they share into a third file.`,
        { name: 'LoadError' },
      );
    }
    const file = this.#files.get(name)!;
    const js = file.js;
    let imports: readonly Import[];
    try {
      [imports] = parse(js, name);
    } catch (error) {
      const index = (error as { idx?: number }).idx ?? 0;
      throw new PlaygroundError(`${name} is not valid JavaScript after compilation: ${error instanceof Error ? error.message : String(error)}`, {
        name: 'SyntaxError',
        at: this.#at(name, js, index),
      });
    }
    let out = '';
    let last = 0;
    for (const entry of imports) {
      if (entry.type === 'import-meta') continue;
      if (entry.type === 'dynamic') {
        // `import(x)` → `__adapterLabImport__(x)`: only what the playground serves can be loaded.
        out += js.slice(last, entry.importStart) + DYNAMIC_IMPORT;
        last = entry.importStart + 'import'.length;
        continue;
      }
      const target = this.#resolve(entry.specifier, name, [...chain, name], () => this.#at(name, js, entry.start));
      out += js.slice(last, entry.start) + target;
      last = entry.end;
    }
    out += js.slice(last);
    const url = this.#urls.create(out);
    this.#fileUrls.set(name, url);
    this.#locations.addUrl(url, name);
    return url;
  }

  #resolve(specifier: string, importer: string, chain: readonly string[], at: () => SourceLocation | undefined): string {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return this.#urlFor(this.#fileName(specifier, importer, at), chain);
    const provided = this.#provider.resolve(specifier);
    const explained = provided ? undefined : this.#provider.explain?.(specifier);
    if (explained)
      throw new PlaygroundError(`Cannot import "${specifier}" in ${importer}: ${explained.message}`, { name: 'LoadError', at: at(), hint: explained.hint });
    if (!provided) {
      throw new PlaygroundError(`Cannot import "${specifier}" in ${importer}: the playground has no such package.`, {
        name: 'LoadError',
        at: at(),
        hint: `Your code can import ${this.#provider.specifiers.join(', ')}, and its own files (./name).`,
      });
    }
    if (provided.redirect) this.#redirects.set(specifier, provided.redirect);
    return this.#bridge(specifier, provided.namespace);
  }

  #fileName(specifier: string, importer: string, at: () => SourceLocation | undefined): string {
    const base = specifier.replace(/^\.\//, '').replace(/\.(ts|js|mjs|mts)$/, '');
    const name = `${base}.ts`;
    if (!base.includes('/') && this.#files.has(name)) return name;
    const files = [...this.#files.keys()].join(', ');
    throw new PlaygroundError(`Cannot import "${specifier}" in ${importer}: there is no file ${base.includes('/') ? specifier : name} (files: ${files}).`, {
      name: 'LoadError',
      at: at(),
      hint: base.includes('/') ? 'Playground files have no folders: import them as "./name".' : undefined,
    });
  }

  #bridge(specifier: string, namespace: Readonly<Record<string, unknown>>): string {
    const existing = this.#bridges.get(specifier);
    if (existing) return existing;
    (globalThis as Globals)[REGISTRY]!.set(specifier, namespace);
    const lines = [`const m = globalThis.${REGISTRY}.get(${JSON.stringify(specifier)});`];
    let n = 0;
    for (const key of Object.keys(namespace)) {
      if (key === '__esModule') continue;
      if (key === 'default') {
        lines.push('export default m.default;');
        continue;
      }
      const local = `e${n++}`;
      lines.push(`const ${local} = m[${JSON.stringify(key)}]; export { ${local} as ${IDENTIFIER.test(key) ? key : JSON.stringify(key)} };`);
    }
    const url = this.#urls.create(lines.join('\n'));
    this.#bridges.set(specifier, url);
    return url;
  }

  async #dynamicImport(specifier: unknown): Promise<unknown> {
    if (typeof specifier !== 'string') throw new TypeError(`import() needs a module name, got ${typeof specifier}`);
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) await this.#provider.prepare?.(new Set([specifier]));
    const url = this.#resolve(specifier, 'a dynamic import()', [], () => undefined);
    return importUrl(url);
  }

  /** The packages (bare specifiers) the files import statically; a file that does not parse is left to #urlFor to report. */
  #packages(): Set<string> {
    const found = new Set<string>();
    for (const [name, file] of this.#files) {
      try {
        for (const entry of parse(file.js, name)[0]) {
          if (entry.type === 'static' && !entry.specifier.startsWith('.') && !entry.specifier.startsWith('/')) found.add(entry.specifier);
        }
      } catch {}
    }
    return found;
  }

  #at(name: string, js: string, index: number): SourceLocation | undefined {
    const before = js.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    return this.#locations.locateInFile(name, line, column);
  }

  /**
   * Linking errors ("does not provide an export named X") name module URLs: name the package
   * or file instead, and point at the reader's import.
   */
  #explainLinkError(error: unknown): unknown {
    if (!(error instanceof SyntaxError)) return error;
    let message = error.message;
    let importedFrom: string | undefined;
    for (const [specifier, url] of this.#bridges) {
      if (message.includes(url)) {
        message = message.replaceAll(url, specifier);
        importedFrom = specifier;
      }
    }
    for (const [name, url] of this.#fileUrls) {
      if (message.includes(url)) {
        message = message.replaceAll(url, `./${name}`);
        importedFrom = `./${name}`;
      }
    }
    const exportName = /export named '([^']+)'/.exec(message)?.[1];
    const at = importedFrom && exportName ? this.#findImport(importedFrom, exportName) : undefined;
    return new PlaygroundError(message, {
      name: 'SyntaxError',
      at,
      cause: error,
      ...(importedFrom && exportName && !importedFrom.startsWith('.') ? { hint: `${importedFrom} has no export named ${exportName} in the playground.` } : {}),
    });
  }

  /** Where some file imports `exportName` from `from` (for link errors without a stack). */
  #findImport(from: string, exportName: string): SourceLocation | undefined {
    const pattern = new RegExp(`\\b${exportName.replace(/[$]/g, '\\$')}\\b`);
    for (const [name, file] of this.#files) {
      let imports: readonly Import[];
      try {
        [imports] = parse(file.js, name);
      } catch {
        continue;
      }
      for (const entry of imports) {
        if (entry.type !== 'static') continue;
        const matches = from.startsWith('./') ? this.#sameFile(entry.specifier, from.slice(2)) : entry.specifier === from;
        if (matches && pattern.test(file.js.slice(entry.importStart, entry.importEnd))) return this.#at(name, file.js, entry.importStart);
      }
    }
    return undefined;
  }

  #sameFile(specifier: string, name: string): boolean {
    return `${specifier.replace(/^\.\//, '').replace(/\.(ts|js|mjs|mts)$/, '')}.ts` === name;
  }
}
