/**
 * What each of the reader's files declares at its top level, and what it exports — the little
 * of TypeScript's type checker that decorator metadata needs. TypeScript (compiling the whole
 * project, as the editor does) writes `design:type` as the class itself for a class type, as
 * Number or String for an enum, as the aliased type's kind for a type alias, and as Object for an
 * interface; a transpiler that sees one file at a time cannot tell these apart. This one sees
 * every file, so it can, for names declared in the reader's own files.
 */
import type * as t from '@babel/types';

/** A top-level name of one file, as metadata sees it. */
export type DeclaredSymbol =
  | { readonly kind: 'class' }
  | { readonly kind: 'enum'; readonly serialized: 'Number' | 'String' | 'Object' }
  | { readonly kind: 'alias'; readonly type: t.TSType }
  | { readonly kind: 'interface' }
  /** A variable or function: a value that may or may not be a constructor. */
  | { readonly kind: 'value' }
  /** `imported` is the exported name in `source`: `default`, `*` for a namespace import, or a name. */
  | { readonly kind: 'import'; readonly source: string; readonly imported: string; readonly typeOnly: boolean };

export interface FileSymbols {
  readonly locals: ReadonlyMap<string, DeclaredSymbol>;
  /** Exported name → the local name, or a re-export from another module. */
  readonly exports: ReadonlyMap<string, { readonly local: string } | { readonly source: string; readonly imported: string }>;
}

/** Every file's symbols by file name (`entities.ts`). */
export type ProjectSymbols = ReadonlyMap<string, FileSymbols>;

export function fileSymbols(program: t.Program): FileSymbols {
  const locals = new Map<string, DeclaredSymbol>();
  const exports = new Map<string, { local: string } | { source: string; imported: string }>();
  const declare = (declaration: t.Node, exportedAs?: (name: string) => string): void => {
    const add = (name: string, symbol: DeclaredSymbol): void => {
      // A class, enum or value wins over a type of the same name (`const A = …; type A = …`).
      const existing = locals.get(name);
      if (!existing || existing.kind === 'alias' || existing.kind === 'interface') locals.set(name, symbol);
      if (exportedAs) exports.set(exportedAs(name), { local: name });
    };
    switch (declaration.type) {
      case 'ClassDeclaration':
        if (declaration.id) add(declaration.id.name, { kind: 'class' });
        break;
      case 'TSEnumDeclaration':
        add(declaration.id.name, { kind: 'enum', serialized: enumKind(declaration) });
        break;
      case 'TSTypeAliasDeclaration':
        add(declaration.id.name, { kind: 'alias', type: declaration.typeAnnotation });
        break;
      case 'TSInterfaceDeclaration':
        add(declaration.id.name, { kind: 'interface' });
        break;
      case 'FunctionDeclaration':
        if (declaration.id) add(declaration.id.name, { kind: 'value' });
        break;
      case 'VariableDeclaration':
        for (const declarator of declaration.declarations) {
          for (const name of boundNames(declarator.id)) add(name, { kind: 'value' });
        }
        break;
      default:
        break;
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const typeOnly = statement.importKind === 'type';
        for (const specifier of statement.specifiers) {
          const imported =
            specifier.type === 'ImportDefaultSpecifier'
              ? 'default'
              : specifier.type === 'ImportNamespaceSpecifier'
                ? '*'
                : specifier.imported.type === 'Identifier'
                  ? specifier.imported.name
                  : specifier.imported.value;
          const specifierTypeOnly = specifier.type === 'ImportSpecifier' && specifier.importKind === 'type';
          locals.set(specifier.local.name, { kind: 'import', source: statement.source.value, imported, typeOnly: typeOnly || specifierTypeOnly });
        }
        break;
      }
      case 'ExportNamedDeclaration':
        if (statement.declaration) declare(statement.declaration, (name) => name);
        for (const specifier of statement.specifiers) {
          if (specifier.type !== 'ExportSpecifier') continue;
          const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
          const local = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
          exports.set(exported, statement.source ? { source: statement.source.value, imported: local } : { local });
        }
        break;
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration;
        if ((declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') && declaration.id) declare(declaration, () => 'default');
        else if (declaration.type === 'Identifier') exports.set('default', { local: declaration.name });
        break;
      }
      default:
        declare(statement);
    }
  }
  return { locals, exports };
}

/** TypeScript's kind of an enum type: numeric (also computed members), string, or mixed. */
function enumKind(declaration: t.TSEnumDeclaration): 'Number' | 'String' | 'Object' {
  let strings = 0;
  let numbers = 0;
  for (const member of declaration.body.members) {
    const init = member.initializer;
    if (init?.type === 'StringLiteral' || (init?.type === 'TemplateLiteral' && init.expressions.length === 0)) strings++;
    else numbers++;
  }
  return strings === 0 ? 'Number' : numbers === 0 ? 'String' : 'Object';
}

function boundNames(pattern: t.Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => boundNames(property.type === 'RestElement' ? property.argument : property.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? boundNames(element) : []));
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    case 'RestElement':
      return boundNames(pattern.argument);
    default:
      return [];
  }
}

/**
 * The file a relative specifier names, as the playground's module graph resolves it
 * (`./entities`, `./entities.ts`, `./entities.js` → `entities.ts`); undefined for packages.
 */
export function relativeFile(specifier: string): string | undefined {
  if (!specifier.startsWith('./')) return undefined;
  const base = specifier.slice(2).replace(/\.(ts|js|mjs|mts)$/, '');
  return base.includes('/') ? undefined : `${base}.ts`;
}

/** What `name` exported by `file` is, following re-exports between the reader's files. */
export function exportedSymbol(
  project: ProjectSymbols,
  file: string,
  name: string,
  depth = 0,
): { readonly file: string; readonly name: string; readonly symbol: DeclaredSymbol } | undefined {
  const symbols = project.get(file);
  const entry = symbols?.exports.get(name);
  if (!symbols || !entry || depth > 8) return undefined;
  if ('source' in entry) {
    const target = relativeFile(entry.source);
    return target ? exportedSymbol(project, target, entry.imported, depth + 1) : undefined;
  }
  const symbol = symbols.locals.get(entry.local);
  if (!symbol) return undefined;
  if (symbol.kind === 'import') {
    const target = relativeFile(symbol.source);
    return target && !symbol.typeOnly && symbol.imported !== '*' ? exportedSymbol(project, target, symbol.imported, depth + 1) : undefined;
  }
  return { file, name: entry.local, symbol };
}

/** The symbols as text, to tell whether what a file declares changed (alias bodies as written). */
export function symbolsSignature(symbols: FileSymbols, code: string): string {
  const locals = [...symbols.locals].map(([name, symbol]) =>
    symbol.kind === 'alias' ? [name, 'alias', code.slice(symbol.type.start ?? 0, symbol.type.end ?? 0)] : [name, symbol],
  );
  return JSON.stringify([locals, [...symbols.exports]]);
}
