/**
 * The adapters' API reference, read from their TypeScript at build time (nothing is copied by
 * hand): every export of a package's entry with its declaration as a signature (bodies and
 * comments stripped), its JSDoc, its parameters, and — for interfaces, classes and namespaces —
 * its members. ApiReference.astro renders it.
 */
import { resolve } from 'node:path';
import ts from 'typescript';

export interface ApiMember {
  readonly name: string;
  readonly signature: string;
  readonly doc: string;
}

export interface ApiEntry {
  readonly name: string;
  readonly kind: 'function' | 'interface' | 'class' | 'type' | 'namespace' | 'const';
  readonly signature: string;
  readonly doc: string;
  readonly params: readonly ApiMember[];
  readonly members: readonly ApiMember[];
}

export interface ApiPackage {
  readonly doc: string;
  readonly entries: readonly ApiEntry[];
}

const printer = ts.createPrinter({ removeComments: true });

/** The file's opening JSDoc (a module's description), without its stars. */
function fileDoc(file: ts.SourceFile): string {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(file.text);
  return match
    ? match[1]!
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n')
        .trim()
    : '';
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

function print(node: ts.Node): string {
  return printer.printNode(ts.EmitHint.Unspecified, node, node.getSourceFile()).trim();
}

/** `name?: Type` of a parameter: optional when it has a default, which the signature does not show. */
function parameterText(parameter: ts.ParameterDeclaration, checker: ts.TypeChecker): string {
  const optional = parameter.questionToken || parameter.initializer ? '?' : '';
  const type = parameter.type ? print(parameter.type) : checker.typeToString(checker.getTypeAtLocation(parameter));
  return `${parameter.dotDotDotToken ? '...' : ''}${parameter.name.getText()}${optional}: ${type}`;
}

function functionEntry(name: string, declaration: ts.FunctionDeclaration, symbol: ts.Symbol, checker: ts.TypeChecker, isDefault: boolean): ApiEntry {
  const parameters = declaration.parameters.map((parameter) => parameterText(parameter, checker));
  const generics = declaration.typeParameters ? `<${declaration.typeParameters.map(print).join(', ')}>` : '';
  const returns = declaration.type ? print(declaration.type) : checker.typeToString(checker.getSignatureFromDeclaration(declaration)!.getReturnType());
  const multiline = parameters.join(', ').length > 70;
  const list = multiline ? `\n  ${parameters.join(',\n  ')},\n` : parameters.join(', ');
  const tags = symbol.getJsDocTags(checker);
  const params = declaration.parameters.map((parameter) => {
    const tag =
      tags.find((candidate) => candidate.name === 'param' && candidate.text?.[0]?.text === parameter.name.getText().replace(/_$/, '')) ??
      tags.find((candidate) => candidate.name === 'param' && candidate.text?.[0]?.text === parameter.name.getText());
    const text = tag?.text ? ts.displayPartsToString(tag.text.slice(1)).replace(/^\s*-?\s*/, '') : '';
    return { name: parameter.name.getText().replace(/_$/, ''), signature: parameterText(parameter, checker).replace(/^\w+_?\??: /, ''), doc: text.trim() };
  });
  return {
    name,
    kind: 'function',
    signature: `${isDefault ? 'export default ' : ''}function ${name}${generics}(${list}): ${returns}`
      .replace(/\(([\w$]+)_(\??:)/g, '($1$2')
      .replace(/\n {2}([\w$]+)_(\??:)/g, '\n  $1$2'),
    doc: docOf(symbol, checker),
    params,
    members: [],
  };
}

function memberList(symbol: ts.Symbol, checker: ts.TypeChecker): ApiMember[] {
  const members: ApiMember[] = [];
  symbol.members?.forEach((member, key) => {
    const declaration = member.declarations?.[0];
    if (!declaration || key === '__constructor') return;
    if (ts.canHaveModifiers(declaration) && ts.getModifiers(declaration)?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword)) return;
    if (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) {
      const type = declaration.type ? print(declaration.type) : checker.typeToString(checker.getTypeOfSymbolAtLocation(member, declaration));
      const optional = declaration.questionToken ? '?' : '';
      members.push({ name: String(key), signature: `${String(key)}${optional}: ${type}`, doc: docOf(member, checker) });
    }
  });
  return members;
}

function entryOf(name: string, symbol: ts.Symbol, checker: ts.TypeChecker, isDefault = false): ApiEntry | null {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return null;
  if (ts.isFunctionDeclaration(declaration)) return functionEntry(declaration.name?.getText() ?? name, declaration, symbol, checker, isDefault);
  if (ts.isInterfaceDeclaration(declaration)) {
    return {
      name,
      kind: 'interface',
      signature: print(declaration).replace(/^export /, ''),
      doc: docOf(symbol, checker),
      params: [],
      members: memberList(symbol, checker),
    };
  }
  if (ts.isClassDeclaration(declaration)) {
    const heritage = declaration.heritageClauses?.map(print).join(' ') ?? '';
    const members = memberList(symbol, checker);
    const body = members.length > 0 ? ` {\n${members.map((member) => `  ${member.signature}`).join('\n')}\n}` : ' {}';
    return { name, kind: 'class', signature: `class ${name}${heritage ? ` ${heritage}` : ''}${body}`, doc: docOf(symbol, checker), params: [], members };
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    return { name, kind: 'type', signature: `type ${name} = ${print(declaration.type)}`, doc: docOf(symbol, checker), params: [], members: [] };
  }
  if (ts.isVariableDeclaration(declaration)) {
    const value = declaration.initializer ? print(declaration.initializer) : checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration));
    return { name, kind: 'const', signature: `const ${name} = ${value}`, doc: docOf(symbol, checker), params: [], members: [] };
  }
  if (ts.isSourceFile(declaration)) {
    // `export * as name from './module.ts'`: the module's own exports are its members.
    const inner = checker
      .getExportsOfModule(symbol)
      .map((each) => entryOf(each.getName(), each.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(each) : each, checker))
      .filter((each): each is ApiEntry => each !== null);
    return {
      name,
      kind: 'namespace',
      signature: `namespace ${name} {\n${inner.map((each) => `  ${each.kind === 'class' ? 'class' : 'const'} ${each.name}`).join('\n')}\n}`,
      doc: fileDoc(declaration),
      params: [],
      members: inner.map((each) => ({ name: each.name, signature: each.signature, doc: each.doc })),
    };
  }
  return null;
}

const cache = new Map<string, ApiPackage>();

/** The API of `packages/<name>/src/index.ts`, in declaration order. */
export function apiReference(packageDir: string): ApiPackage {
  const entry = resolve(process.cwd(), 'packages', packageDir, 'src', 'index.ts');
  const cached = cache.get(entry);
  if (cached) return cached;
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    customConditions: ['adapter-lab-source'],
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  const module = file && checker.getSymbolAtLocation(file);
  if (!file || !module) throw new Error(`API reference: cannot read ${entry}`);
  const order = (symbol: ts.Symbol): number => symbol.declarations?.[0]?.getStart() ?? 0;
  const entries = checker
    .getExportsOfModule(module)
    .map((symbol) => ({ symbol, target: symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol }))
    .map(({ symbol, target }) => ({
      at: order(symbol),
      entry: entryOf(symbol.getName() === 'default' ? target.getName() : symbol.getName(), target, checker, symbol.getName() === 'default'),
    }))
    .filter((each): each is { at: number; entry: ApiEntry } => each.entry !== null)
    .sort((a, b) => a.at - b.at)
    .map((each) => each.entry);
  const result = { doc: fileDoc(file), entries };
  cache.set(entry, result);
  return result;
}
