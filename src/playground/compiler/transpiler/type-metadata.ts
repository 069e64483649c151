/**
 * `design:type`, `design:paramtypes` and `design:returntype` values as TypeScript 5.9 writes
 * them under `emitDecoratorMetadata` with `strict` (so `string | null` is Object, not String:
 * with strictNullChecks TypeScript keeps null in the union). Keyword, literal, array, function
 * and union types follow TypeScript's syntactic rules; a type reference is resolved the way its
 * checker would: a class → the class, an enum → Number/String, a type alias → the kind of the
 * aliased type, an interface → Object. Names this transpiler cannot see (packages, globals) are
 * looked up at run time — the class if the name is a constructor there, else Object — which is
 * what TypeScript decides for a package's classes and its interfaces and generic aliases; a
 * package's enum or alias of a primitive (TypeScript: Number/String) comes out as Object.
 */
import * as t from '@babel/types';
import { exportedSymbol, relativeFile, type DeclaredSymbol, type ProjectSymbols } from './project-symbols.ts';

export interface MetadataScope {
  readonly project: ProjectSymbols;
  /** The file being compiled. */
  readonly file: string;
  /** A namespace import of `source` added to the file (once), for a run-time lookup of a package's name. */
  namespaceOf(source: string): t.Identifier;
  /** How `name` is bound in a function or block scope around the decorated class, if it is. */
  nestedBinding(name: string): 'class' | 'value' | undefined;
}

const id = (name: string): t.Identifier => t.identifier(name);
const voidZero = (): t.Expression => t.unaryExpression('void', t.numericLiteral(0));

/** The value TypeScript writes for a type annotation (Object when there is none). */
export function serializeType(node: t.TSType | null | undefined, scope: MetadataScope): t.Expression {
  return serialize(node, scope, scope.file, false, 0);
}

/** A rest parameter's element type (`...ids: string[]` → String), as TypeScript writes it. */
export function restElementType(node: t.TSType | null | undefined): t.TSType | undefined {
  if (node?.type === 'TSArrayType') return node.elementType;
  if (node?.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && (node.typeName.name === 'Array' || node.typeName.name === 'ReadonlyArray'))
    return node.typeArguments?.params[0];
  return undefined;
}

/**
 * `kindOnly`: serialising a type alias's body, where TypeScript asks only what kind of type it
 * is (a class's instance type is an object, so Object, never the class).
 */
function serialize(node: t.TSType | null | undefined, scope: MetadataScope, file: string, kindOnly: boolean, depth: number): t.Expression {
  if (!node || depth > 16) return id('Object');
  switch (node.type) {
    case 'TSVoidKeyword':
    case 'TSUndefinedKeyword':
    case 'TSNeverKeyword':
    case 'TSNullKeyword':
      return voidZero();
    case 'TSParenthesizedType':
      return serialize(node.typeAnnotation, scope, file, kindOnly, depth + 1);
    case 'TSFunctionType':
    case 'TSConstructorType':
      return id('Function');
    case 'TSArrayType':
    case 'TSTupleType':
      return id('Array');
    case 'TSTypePredicate':
      return node.asserts ? voidZero() : id('Boolean');
    case 'TSBooleanKeyword':
      return id('Boolean');
    case 'TSStringKeyword':
    case 'TSTemplateLiteralType':
      return id('String');
    case 'TSNumberKeyword':
      return id('Number');
    case 'TSBigIntKeyword':
      return id('BigInt');
    case 'TSSymbolKeyword':
      return id('Symbol');
    case 'TSLiteralType':
      switch (node.literal.type) {
        case 'StringLiteral':
        case 'TemplateLiteral':
          return id('String');
        case 'NumericLiteral':
        case 'UnaryExpression':
          return id('Number');
        case 'BigIntLiteral':
          return id('BigInt');
        case 'BooleanLiteral':
          return id('Boolean');
        default:
          return id('Object');
      }
    case 'TSTypeOperator':
      return node.operator === 'readonly' ? serialize(node.typeAnnotation, scope, file, kindOnly, depth + 1) : id('Object');
    case 'TSConditionalType':
      return constituents([node.trueType, node.falseType], false, scope, file, kindOnly, depth);
    case 'TSUnionType':
      return constituents(node.types, false, scope, file, kindOnly, depth);
    case 'TSIntersectionType':
      return constituents(node.types, true, scope, file, kindOnly, depth);
    case 'TSTypeReference':
      return reference(node.typeName, scope, file, kindOnly, depth);
    default:
      return id('Object');
  }
}

/** TypeScript's rule for unions and intersections: one common constructor, else Object. */
function constituents(types: readonly t.TSType[], intersection: boolean, scope: MetadataScope, file: string, kindOnly: boolean, depth: number): t.Expression {
  let serialized: t.Expression | undefined;
  for (let type of types) {
    while (type.type === 'TSParenthesizedType') type = type.typeAnnotation;
    if (type.type === 'TSNeverKeyword') {
      if (intersection) return voidZero();
      continue;
    }
    if (type.type === 'TSUnknownKeyword') {
      if (!intersection) return id('Object');
      continue;
    }
    if (type.type === 'TSAnyKeyword') return id('Object');
    const each = serialize(type, scope, file, kindOnly, depth + 1);
    if (each.type === 'Identifier' && each.name === 'Object') return each;
    if (serialized) {
      if (serialized.type !== 'Identifier' || each.type !== 'Identifier' || serialized.name !== each.name) return id('Object');
    } else {
      serialized = each;
    }
  }
  return serialized ?? voidZero();
}

function entityPath(name: t.TSEntityName): string[] | undefined {
  if (name.type === 'Identifier') return [name.name];
  if (name.type === 'TSQualifiedName') {
    const left = entityPath(name.left);
    return left && [...left, name.right.name];
  }
  return undefined;
}

/** The run-time lookup: `root.a.b` if it is a constructor there, else Object. */
function lookup(root: t.Expression, members: readonly string[], maybeUndeclared: boolean): t.Expression {
  let value: t.Expression = t.cloneNode(root);
  let optional: t.Expression = t.cloneNode(root);
  for (const member of members) {
    value = t.memberExpression(value, id(member));
    optional = t.optionalMemberExpression(optional, id(member), false, true);
  }
  let test: t.Expression = t.binaryExpression('===', t.unaryExpression('typeof', optional), t.stringLiteral('function'));
  if (maybeUndeclared)
    test = t.logicalExpression('&&', t.binaryExpression('!==', t.unaryExpression('typeof', t.cloneNode(root)), t.stringLiteral('undefined')), test);
  return t.conditionalExpression(test, value, id('Object'));
}

function reference(typeName: t.TSEntityName, scope: MetadataScope, file: string, kindOnly: boolean, depth: number): t.Expression {
  const path = entityPath(typeName);
  if (!path) return id('Object');
  const [root, ...members] = path as [string, ...string[]];
  const nested = file === scope.file ? scope.nestedBinding(root) : undefined;
  if (nested) {
    if (kindOnly) return id('Object');
    return nested === 'class' && members.length === 0 ? id(root) : lookup(id(root), members, false);
  }
  const symbol = scope.project.get(file)?.locals.get(root);
  if (!symbol) return global(root, members, kindOnly);
  return declared(symbol, root, members, scope, file, kindOnly, depth);
}

function declared(
  symbol: DeclaredSymbol,
  local: string,
  members: readonly string[],
  scope: MetadataScope,
  file: string,
  kindOnly: boolean,
  depth: number,
): t.Expression {
  const here = file === scope.file;
  switch (symbol.kind) {
    case 'class':
      if (kindOnly || !here) return id('Object');
      return members.length === 0 ? id(local) : lookup(id(local), members, false);
    case 'enum':
      return members.length === 0 ? id(symbol.serialized) : id('Object');
    case 'alias':
      return members.length === 0 ? serialize(symbol.type, scope, file, true, depth + 1) : id('Object');
    case 'interface':
      return id('Object');
    case 'value':
      return kindOnly || !here ? id('Object') : lookup(id(local), members, false);
    case 'import': {
      const target = relativeFile(symbol.source);
      if (symbol.typeOnly) {
        // TypeScript resolves a type-only import too; a class imported so is written as Function
        // (its checker's "type with call signature", since no value may be emitted).
        const found = target && symbol.imported !== '*' ? exportedSymbol(scope.project, target, symbol.imported) : undefined;
        if (!found || members.length > 0) return id('Object');
        if (found.symbol.kind === 'class') return id(kindOnly ? 'Object' : 'Function');
        if (found.symbol.kind === 'value') return id('Object');
        return declared(found.symbol, found.name, [], scope, found.file, kindOnly, depth + 1);
      }
      if (symbol.imported === '*') {
        if (members.length === 0) return id('Object');
        if (target) {
          const [name, ...rest] = members as [string, ...string[]];
          const found = exportedSymbol(scope.project, target, name);
          if (found && rest.length === 0 && found.symbol.kind !== 'class' && found.symbol.kind !== 'value')
            return declared(found.symbol, found.name, [], scope, found.file, kindOnly, depth + 1);
        }
        return kindOnly || !here ? id('Object') : lookup(id(local), members, false);
      }
      if (target) {
        const found = exportedSymbol(scope.project, target, symbol.imported);
        if (found) {
          // The class or value is bound here under the import's local name.
          if (found.symbol.kind === 'class' || found.symbol.kind === 'value') {
            if (kindOnly || !here) return id('Object');
            return found.symbol.kind === 'class' && members.length === 0 ? id(local) : lookup(id(local), members, false);
          }
          return declared(found.symbol, found.name, members, scope, found.file, kindOnly, depth + 1);
        }
      }
      if (kindOnly || !here) return id('Object');
      // A package's (or an unknown file's) export: a class there, or only a type. A namespace
      // import asks without failing to link when the name is no value at all.
      const namespace = scope.namespaceOf(symbol.source);
      return lookup(namespace, [symbol.imported, ...members], false);
    }
  }
}

/** A name no file declares: a global (Date, Map, Uint8Array…), a type parameter, or a lib type. */
function global(root: string, members: readonly string[], kindOnly: boolean): t.Expression {
  if (members.length === 0 && (root === 'Array' || root === 'ReadonlyArray')) return id('Array');
  if (kindOnly) return id('Object');
  return lookup(id(root), members, true);
}
