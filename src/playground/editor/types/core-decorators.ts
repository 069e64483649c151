/**
 * MikroORM 6 exported its decorators from @mikro-orm/core; MikroORM 7 moved them, and the
 * playground's @mikro-orm/core still serves them (module-names.ts MIKRO_ORM_CORE_DECORATOR_HINT)
 * so that older snippets run. This declares them there for the editor, generated from the
 * installed @mikro-orm/decorators/legacy so that a MikroORM update cannot leave them stale.
 */
import path from 'node:path';
import type TS from 'typescript';
import { MIKRO_ORM_CORE_DECORATOR_HINT } from '../../module-names.ts';
import { inNodeModules } from './bundle-paths.ts';

type Ts = typeof TS;

const LEGACY = '@mikro-orm/decorators/legacy';
/**
 * Where the augmentation is laid: in @mikro-orm/core's directory, as the bundle holds only
 * node_modules files. Nothing imports it; Monaco makes every bundle file a root, which applies it.
 */
export const CORE_AUGMENTATION_FILE = inNodeModules('@mikro-orm/core', 'playground-decorators.d.ts');

/** Whether a bundle serving these specifiers needs the augmentation: it serves @mikro-orm/core, and the legacy decorators to copy. */
export function needsCoreDecorators(specifiers: readonly string[]): boolean {
  return specifiers.includes('@mikro-orm/core') && specifiers.includes(LEGACY);
}

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
 * Both packages are read through `program`'s `entryFile`, which re-exports every served module,
 * so they resolve as the reader's code resolves them.
 */
export function coreDecoratorAugmentation(ts: Ts, program: TS.Program, entryFile: string): string {
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryFile);
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
