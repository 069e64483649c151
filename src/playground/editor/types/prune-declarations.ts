/**
 * A library's declaration file cut down to what other declarations use of it: the editor's type
 * bundle is downloaded by every reader, and @auth/core names two types of oauth4webapi's 120 kB
 * of declarations. The declarations kept are the real ones, text and documentation unchanged:
 * the named ones, and every top-level declaration (or import) they mention, transitively.
 */
import type TS from 'typescript';

type Ts = typeof TS;

/**
 * The names the program's other files import from `specifier` (named imports, `import("x").Name`
 * types, re-exports), or undefined when one takes the module whole (a namespace or default
 * import, `export *`): then nothing can be cut.
 */
export function namesImportedFrom(ts: Ts, program: TS.Program, specifier: string): Set<string> | undefined {
  const names = new Set<string>();
  let whole = false;
  const visit = (node: TS.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === specifier
    ) {
      const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      if (ts.isImportDeclaration(node) && node.importClause?.name) whole = true;
      if (!clause || ts.isNamespaceImport(clause) || ts.isNamespaceExport(clause)) whole = true;
      else for (const element of clause.elements) names.add((element.propertyName ?? element.name).text);
    }
    if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal) &&
      node.argument.literal.text === specifier
    ) {
      let qualifier = node.qualifier;
      while (qualifier && ts.isQualifiedName(qualifier)) qualifier = qualifier.left;
      if (qualifier) names.add(qualifier.text);
      else whole = true;
    }
    ts.forEachChild(node, visit);
  };
  for (const source of program.getSourceFiles()) {
    if (!program.isSourceFileDefaultLibrary(source)) visit(source);
  }
  return whole ? undefined : names;
}

/** The names a top-level statement declares (imports: their local names). */
function declaredNames(ts: Ts, statement: TS.Statement): string[] {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    return [
      ...(clause?.name ? [clause.name.text] : []),
      ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : []),
      ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name.text) : []),
    ];
  }
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((declaration) => (ts.isIdentifier(declaration.name) ? [declaration.name.text] : []));
  if (
    (ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isModuleDeclaration(statement)) &&
    statement.name &&
    ts.isIdentifier(statement.name)
  ) {
    return [statement.name.text];
  }
  return [];
}

/**
 * `text` (a flat declaration file: top-level declarations, no `export *`) with only the
 * declarations of `keep` and what they mention. Throws when a kept name is not declared there.
 */
export function pruneDeclarations(ts: Ts, fileName: string, text: string, keep: Iterable<string>, note: string): string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const byName = new Map<string, TS.Statement[]>();
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      (statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause) || statement.exportClause.elements.length > 0)
    ) {
      throw new Error(`Type bundle: ${fileName} re-exports (${statement.getText()}); pruneDeclarations handles flat files only`);
    }
    for (const name of declaredNames(ts, statement)) byName.set(name, [...(byName.get(name) ?? []), statement]);
  }
  const kept = new Set<TS.Statement>();
  const pending = [...keep];
  for (const name of pending) {
    const statements = byName.get(name);
    if (!statements) throw new Error(`Type bundle: ${fileName} declares no ${name}`);
    for (const statement of statements) {
      if (kept.has(statement)) continue;
      kept.add(statement);
      const mention = (node: TS.Node): void => {
        if (ts.isIdentifier(node) && byName.has(node.text)) pending.push(node.text);
        ts.forEachChild(node, mention);
      };
      mention(statement);
    }
  }
  const body = source.statements
    .filter((statement) => kept.has(statement))
    .map((statement) => statement.getFullText(source))
    .join('');
  return `// Playground declarations: ${note}\n${body.replace(/^\s*\n/, '')}\nexport {};\n`;
}
