/**
 * A Babel plugin giving classes the semantics of the playground's TypeScript options
 * (compile-options.ts), which Babel's own plugins do not reproduce:
 *
 * - `useDefineForClassFields: false`: an instance field with an initialiser becomes an
 *   assignment in the constructor (after `super()` and the parameter properties); a field
 *   without one is not emitted (no own property); a static field becomes `static { this.x = … }`.
 *   Babel's legacy decorators instead define every decorated field on the instance, which
 *   shadows the accessors an ORM puts on the prototype.
 * - `experimentalDecorators` + `emitDecoratorMetadata`: decorators applied after the class with
 *   TypeScript's `__decorate` / `__metadata` / `__param` helpers, in TypeScript's order
 *   (instance members, static members, then the class), with `design:type`,
 *   `design:paramtypes` and `design:returntype` (type-metadata.ts).
 * - `rewriteRelativeImportExtensions`: `./x.ts` → `./x.js` in imports and exports.
 *
 * It runs on Program entry, before @babel/plugin-transform-typescript strips the types it reads;
 * that plugin then removes the types, enums, parameter properties and type-only imports.
 */
import type { NodePath, PluginObject } from '@babel/core';
import { parse } from '@babel/parser';
import * as t from '@babel/types';
import type { ProjectSymbols } from './project-symbols.ts';
import { restElementType, serializeType, type MetadataScope } from './type-metadata.ts';

export interface TypescriptClassesOptions {
  readonly project: ProjectSymbols;
  readonly file: string;
}

type Helper = '__decorate' | '__metadata' | '__param';

// The semantics of TypeScript's (tslib's) helpers, written out: a class decorator may replace
// the class; a member decorator gets the descriptor (`undefined` for a field) and may return a
// new one; reflect-metadata's Reflect.decorate/metadata are used when loaded.
const HELPERS: Record<Helper, string> = {
  __decorate: `function __decorate(decorators, target, key, desc) {
  var argc = arguments.length, result = argc < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc;
  if (typeof Reflect === "object" && typeof Reflect.decorate === "function") result = Reflect.decorate(decorators, target, key, desc);
  else for (var i = decorators.length - 1; i >= 0; i--) { var decorator = decorators[i]; if (decorator) result = (argc < 3 ? decorator(result) : argc > 3 ? decorator(target, key, result) : decorator(target, key)) || result; }
  if (argc > 3 && result) Object.defineProperty(target, key, result);
  return result;
}`,
  __metadata: `function __metadata(key, value) {
  if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(key, value);
}`,
  __param: `function __param(index, decorator) {
  return function (target, key) { decorator(target, key, index); };
}`,
};

interface Decoration {
  readonly isStatic: boolean;
  readonly key: t.Expression;
  readonly decorators: t.Expression[];
  /** `void 0` for fields, `null` for methods and accessors (their descriptor is read). */
  readonly field: boolean;
}

export function typescriptClasses(options: TypescriptClassesOptions): PluginObject {
  return {
    name: 'adapter-lab-typescript-classes',
    visitor: {
      Program: {
        enter(program) {
          new FileTransform(program, options).run();
        },
      },
    },
  };
}

class FileTransform {
  readonly #program: NodePath<t.Program>;
  readonly #options: TypescriptClassesOptions;
  readonly #helpers = new Set<Helper>();
  readonly #namespaces = new Map<string, t.Identifier>();
  readonly #done = new WeakSet<t.Node>();

  constructor(program: NodePath<t.Program>, options: TypescriptClassesOptions) {
    this.#program = program;
    this.#options = options;
  }

  run(): void {
    this.#program.traverse({
      Class: { exit: (path) => this.#class(path) },
      ImportDeclaration: (path) => rewriteExtension(path.node.source),
      ExportAllDeclaration: (path) => rewriteExtension(path.node.source),
      ExportNamedDeclaration: (path) => {
        if (path.node.source) rewriteExtension(path.node.source);
      },
      CallExpression: (path) => {
        const [first] = path.node.arguments;
        if (path.node.callee.type === 'Import' && first?.type === 'StringLiteral') rewriteExtension(first);
      },
      ImportExpression: (path) => {
        if (path.node.source.type === 'StringLiteral') rewriteExtension(path.node.source);
      },
    });
    const added: t.Statement[] = [];
    for (const [source, local] of this.#namespaces) added.push(t.importDeclaration([t.importNamespaceSpecifier(local)], t.stringLiteral(source)));
    for (const helper of ['__decorate', '__metadata', '__param'] as const) {
      if (this.#helpers.has(helper)) added.push(...parse(HELPERS[helper]).program.body);
    }
    if (added.length > 0) this.#program.unshiftContainer('body', added);
    // The TypeScript plugin keeps an import only if a value reference to it is known: register
    // the references the metadata added (a whole traversal, so only when there are some).
    if (this.#helpers.has('__metadata')) this.#program.scope.crawl();
  }

  #helper(name: Helper): t.Identifier {
    this.#helpers.add(name);
    return t.identifier(name);
  }

  #metadataScope(at: NodePath): MetadataScope {
    const programScope = this.#program.scope;
    return {
      project: this.#options.project,
      file: this.#options.file,
      namespaceOf: (source) => {
        let local = this.#namespaces.get(source);
        if (!local) this.#namespaces.set(source, (local = programScope.generateUidIdentifier('types')));
        return t.cloneNode(local);
      },
      nestedBinding: (name) => {
        const binding = at.scope.getBinding(name);
        if (!binding || binding.scope === programScope) return undefined;
        return binding.path.isClassDeclaration() ? 'class' : 'value';
      },
    };
  }

  #metadata(key: string, value: t.Expression): t.Expression {
    return t.callExpression(this.#helper('__metadata'), [t.stringLiteral(key), value]);
  }

  #class(path: NodePath<t.Class>): void {
    const node = path.node;
    if (this.#done.has(node) || (node.type === 'ClassDeclaration' && node.declare)) return;
    this.#done.add(node);
    const scope = this.#metadataScope(path);
    const classDecorators = (node.decorators ?? []).map((decorator) => decorator.expression);
    node.decorators = null;
    const decorations: Decoration[] = [];
    const assignments: t.Statement[] = [];
    const keyHoists: t.Statement[] = [];
    const members = path.get('body').get('body');
    const hoistKey = (key: t.Expression): t.Identifier => {
      const temp = path.scope.generateUidIdentifier('key');
      (path.scope.getFunctionParent() ?? path.scope.getProgramParent()).push({ id: temp });
      keyHoists.push(t.expressionStatement(t.assignmentExpression('=', t.cloneNode(temp), key)));
      return temp;
    };
    let constructorParams: NodePath[] | undefined;
    for (const member of members) {
      if (member.isClassProperty()) {
        const property = member.node;
        const decorators = (property.decorators ?? []).map((decorator) => decorator.expression);
        property.decorators = null;
        if (property.declare || property.abstract) {
          member.remove();
          continue;
        }
        let key: t.Expression = property.key;
        if (property.computed) key = hoistKey(property.key);
        else if (key.type === 'Identifier') key = t.stringLiteral(key.name);
        if (decorators.length > 0) {
          decorators.push(
            this.#metadata(
              'design:type',
              serializeType(property.typeAnnotation?.type === 'TSTypeAnnotation' ? property.typeAnnotation.typeAnnotation : undefined, scope),
            ),
          );
          decorations.push({ isStatic: property.static, key, decorators, field: true });
        }
        const value = property.value;
        if (value) {
          const target = t.memberExpression(
            t.thisExpression(),
            property.computed || key.type !== 'StringLiteral' ? t.cloneNode(key) : t.identifier(key.value),
            property.computed || key.type !== 'StringLiteral' || !t.isValidIdentifier(key.value),
          );
          const assignment = t.expressionStatement(t.assignmentExpression('=', target, value));
          if (property.static) {
            member.replaceWith(t.staticBlock([assignment]));
            continue;
          }
          assignments.push(assignment);
        }
        member.remove();
      } else if (member.isClassPrivateProperty()) {
        if (member.node.decorators?.length) throw member.buildCodeFrameError('Decorators are not valid on private names.');
        const value = member.node.value;
        if (!member.node.static && value) {
          assignments.push(t.expressionStatement(t.assignmentExpression('=', t.memberExpression(t.thisExpression(), t.cloneNode(member.node.key)), value)));
          member.node.value = null;
        }
      } else if (member.isClassMethod()) {
        const method = member.node;
        const params = member.get('params') as NodePath[];
        if (method.kind === 'constructor') {
          constructorParams = params;
          continue;
        }
        const decorators = (method.decorators ?? []).map((decorator) => decorator.expression);
        method.decorators = null;
        const parameterDecorators = this.#parameterDecorators(params);
        if (decorators.length === 0 && parameterDecorators.length === 0) continue;
        let key: t.Expression = method.key;
        if (method.computed) {
          const temp = hoistKey(method.key);
          keyHoists.pop(); // a method's key is evaluated in place: `[_key = expression]() {}`
          method.key = t.assignmentExpression('=', t.cloneNode(temp), method.key);
          key = temp;
        } else if (key.type === 'Identifier') {
          key = t.stringLiteral(key.name);
        }
        decorations.push({
          isStatic: method.static,
          key: t.cloneNode(key),
          decorators: [...decorators, ...parameterDecorators, ...this.#methodMetadata(member, scope)],
          field: false,
        });
      } else if (member.isTSDeclareMethod()) {
        (member.node as t.Node as { decorators?: unknown }).decorators = null;
      } else if (member.isClassPrivateMethod() || member.isClassAccessorProperty()) {
        if (member.node.decorators?.length) throw member.buildCodeFrameError('Legacy decorators (experimentalDecorators) are not valid here.');
      }
    }
    const classParameterDecorators = constructorParams ? this.#parameterDecorators(constructorParams) : [];
    const decoratesClass = classDecorators.length > 0 || classParameterDecorators.length > 0;
    if (decoratesClass) {
      classDecorators.push(...classParameterDecorators);
      if (constructorParams) classDecorators.push(this.#metadata('design:paramtypes', t.arrayExpression(this.#parameterTypes(constructorParams, scope))));
    }
    if (keyHoists.length > 0) path.get('body').unshiftContainer('body', t.staticBlock(keyHoists));
    if (assignments.length > 0) this.#initialise(path, assignments);
    // After the initialisers moved into the constructor, where they may name the class too.
    const alias = decoratesClass ? this.#aliasSelfReferences(path) : undefined;
    if (decorations.length === 0 && !decoratesClass) return;
    this.#applyDecorations(path, decorations, decoratesClass ? classDecorators : undefined, alias);
  }

  /**
   * A class decorator may replace the class, and TypeScript makes the class's references to
   * itself see the replacement: they go through an alias, set to the class in a first static
   * block and to the decorated class afterwards (`C = C_1 = __decorate([…], C)`).
   */
  #aliasSelfReferences(path: NodePath<t.Class>): t.Identifier | undefined {
    const name = path.node.id?.name;
    if (!path.isClassDeclaration() || !name) return undefined;
    const binding = path.parentPath.scope.getBinding(name);
    const references: NodePath<t.Identifier>[] = [];
    path.get('body').traverse({
      ReferencedIdentifier(reference) {
        if (reference.isIdentifier({ name }) && reference.scope.getBinding(name) === binding) references.push(reference);
      },
    });
    if (references.length === 0) return undefined;
    const alias = path.scope.generateUidIdentifier(`${name}_1`);
    (path.parentPath.scope.getFunctionParent() ?? path.parentPath.scope.getProgramParent()).push({ id: alias });
    for (const reference of references) reference.replaceWith(t.cloneNode(alias));
    path.get('body').unshiftContainer('body', t.staticBlock([t.expressionStatement(t.assignmentExpression('=', t.cloneNode(alias), t.thisExpression()))]));
    return alias;
  }

  #parameterDecorators(params: readonly NodePath[]): t.Expression[] {
    const out: t.Expression[] = [];
    const offset = params[0]?.isIdentifier({ name: 'this' }) ? 1 : 0;
    params.forEach((param, index) => {
      const holder = param.node as t.Node & { decorators?: t.Decorator[] | null };
      for (const decorator of holder.decorators ?? []) {
        out.push(t.callExpression(this.#helper('__param'), [t.numericLiteral(index - offset), decorator.expression]));
      }
      holder.decorators = null;
    });
    return out;
  }

  #parameterTypes(params: readonly NodePath[], scope: MetadataScope): t.Expression[] {
    return params
      .filter((param) => !param.isIdentifier({ name: 'this' }))
      .map((param) => {
        let node: t.Node = param.node;
        if (node.type === 'TSParameterProperty') node = node.parameter;
        if (node.type === 'AssignmentPattern') node = node.left;
        const annotation = 'typeAnnotation' in node && node.typeAnnotation?.type === 'TSTypeAnnotation' ? node.typeAnnotation.typeAnnotation : undefined;
        return serializeType(node.type === 'RestElement' ? restElementType(annotation) : annotation, scope);
      });
  }

  #methodMetadata(member: NodePath<t.ClassMethod>, scope: MetadataScope): t.Expression[] {
    const method = member.node;
    const annotation = (node: t.Node | null | undefined): t.TSType | undefined => (node?.type === 'TSTypeAnnotation' ? node.typeAnnotation : undefined);
    if (method.kind === 'get' || method.kind === 'set') {
      const sibling = (kind: 'get' | 'set'): NodePath<t.ClassMethod> | undefined =>
        method.kind === kind
          ? member
          : member
              .getAllPrevSiblings()
              .concat(member.getAllNextSiblings())
              .find(
                (other): other is NodePath<t.ClassMethod> =>
                  other.isClassMethod({ kind, static: method.static }) &&
                  !other.node.computed &&
                  !method.computed &&
                  t.isNodesEquivalent(other.node.key, method.key),
              );
      const getter = sibling('get');
      const setter = sibling('set');
      const setterParam = setter?.node.params[0];
      const type = annotation(setterParam && 'typeAnnotation' in setterParam ? setterParam.typeAnnotation : undefined) ?? annotation(getter?.node.returnType);
      const paramSource = method.kind === 'get' && setter ? setter : member;
      return [
        this.#metadata('design:type', serializeType(type, scope)),
        this.#metadata('design:paramtypes', t.arrayExpression(this.#parameterTypes(paramSource.get('params') as NodePath[], scope))),
      ];
    }
    const returnType = annotation(method.returnType);
    return [
      this.#metadata('design:type', t.identifier('Function')),
      this.#metadata('design:paramtypes', t.arrayExpression(this.#parameterTypes(member.get('params') as NodePath[], scope))),
      this.#metadata(
        'design:returntype',
        returnType ? serializeType(returnType, scope) : method.async ? t.identifier('Promise') : t.unaryExpression('void', t.numericLiteral(0)),
      ),
    ];
  }

  /** Field initialisers run in the constructor, after `super()` (and so after parameter properties, which the TypeScript plugin puts right after it). */
  #initialise(path: NodePath<t.Class>, assignments: t.Statement[]): void {
    const body = path.get('body');
    let ctor = body.get('body').find((member): member is NodePath<t.ClassMethod> => member.isClassMethod({ kind: 'constructor' }));
    if (!ctor) {
      const derived = Boolean(path.node.superClass);
      const args = t.identifier('args');
      const created = t.classMethod(
        'constructor',
        t.identifier('constructor'),
        derived ? [t.restElement(args)] : [],
        t.blockStatement(derived ? [t.expressionStatement(t.callExpression(t.super(), [t.spreadElement(t.cloneNode(args))]))] : []),
      );
      [ctor] = body.unshiftContainer('body', created) as [NodePath<t.ClassMethod>];
    }
    const superCalls: NodePath<t.CallExpression>[] = [];
    if (path.node.superClass) {
      ctor.get('body').traverse({
        Function(inner) {
          if (!inner.isArrowFunctionExpression()) inner.skip();
        },
        Class: (inner) => inner.skip(),
        CallExpression(call) {
          if (call.get('callee').isSuper()) superCalls.push(call);
        },
      });
    }
    if (superCalls.length === 0) {
      ctor.get('body').unshiftContainer('body', assignments);
      return;
    }
    for (const call of superCalls) {
      const copies = assignments.map((statement) => t.cloneNode(statement));
      if (call.parentPath.isExpressionStatement()) call.parentPath.insertAfter(copies);
      else call.insertAfter(copies.map((statement) => (statement as t.ExpressionStatement).expression));
    }
  }

  #applyDecorations(
    path: NodePath<t.Class>,
    decorations: readonly Decoration[],
    classDecorators: t.Expression[] | undefined,
    alias: t.Identifier | undefined,
  ): void {
    const node = path.node;
    const ordered = [...decorations.filter((each) => !each.isStatic), ...decorations.filter((each) => each.isStatic)];
    const apply = (name: t.Identifier): t.Expression[] => {
      const calls: t.Expression[] = ordered.map((decoration) =>
        t.callExpression(this.#helper('__decorate'), [
          t.arrayExpression(decoration.decorators),
          decoration.isStatic ? t.cloneNode(name) : t.memberExpression(t.cloneNode(name), t.identifier('prototype')),
          decoration.key,
          decoration.field ? t.unaryExpression('void', t.numericLiteral(0)) : t.nullLiteral(),
        ]),
      );
      if (classDecorators) {
        const decorated = t.callExpression(this.#helper('__decorate'), [t.arrayExpression(classDecorators), t.cloneNode(name)]);
        calls.push(t.assignmentExpression('=', t.cloneNode(name), alias ? t.assignmentExpression('=', t.cloneNode(alias), decorated) : decorated));
      }
      return calls;
    };
    if (path.isClassExpression()) {
      const temp = path.scope.generateUidIdentifier('class');
      (path.scope.getFunctionParent() ?? path.scope.getProgramParent()).push({ id: temp });
      const expression = t.classExpression(node.id, node.superClass, node.body, []);
      this.#done.add(expression);
      path.replaceWith(t.sequenceExpression([t.assignmentExpression('=', t.cloneNode(temp), expression), ...apply(temp), t.cloneNode(temp)]));
      return;
    }
    const declaration = path.node as t.ClassDeclaration;
    const parent = path.parentPath;
    const exportDefault = parent.isExportDefaultDeclaration();
    const exportNamed = parent.isExportNamedDeclaration();
    declaration.id ??= path.scope.generateUidIdentifier('default');
    const name = declaration.id;
    const statement = exportDefault || exportNamed ? parent : path;
    const after = apply(name).map((expression) => t.expressionStatement(expression));
    if (!classDecorators) {
      statement.insertAfter(after);
      return;
    }
    // `let C = class C {…}; …; C = __decorate([…], C)`: the decorators may replace the class.
    // The same class as an expression (its type parameters and locations kept for the TypeScript plugin and the source map).
    const expression = { ...declaration, type: 'ClassExpression', id: t.cloneNode(name), decorators: [] } as t.Node as t.ClassExpression;
    this.#done.add(expression);
    const binding = t.variableDeclaration('let', [t.variableDeclarator(t.cloneNode(name), expression)]);
    binding.loc = declaration.loc ?? null;
    const exported = exportDefault
      ? [t.exportDefaultDeclaration(t.cloneNode(name))]
      : exportNamed
        ? [t.exportNamedDeclaration(null, [t.exportSpecifier(t.cloneNode(name), t.cloneNode(name))])]
        : [];
    statement.replaceWithMultiple([binding, ...after, ...exported]);
  }
}

const TS_EXTENSION = /^(\.\.?\/.*)\.(ts|tsx|mts|cts)$/;

/** TypeScript's rewriteRelativeImportExtensions for a relative specifier (declaration files excepted). */
function rewriteExtension(source: t.StringLiteral): void {
  const match = TS_EXTENSION.exec(source.value);
  if (!match || /\.d\.[^/]*$/.test(match[1]!)) return;
  const extension = { ts: 'js', tsx: 'js', mts: 'mjs', cts: 'cjs' }[match[2] as 'ts' | 'tsx' | 'mts' | 'cts'];
  source.value = `${match[1]}.${extension}`;
  // The generator prints `extra.raw` when present: drop it so the new value is printed.
  delete source.extra;
}
