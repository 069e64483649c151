// The page's guess, from the sources, of whether a run will ask for Auth.js (app/auth-imports.ts),
// against what the runtime itself reads: es-module-lexer's imports of the compiled JavaScript
// (module-graph.ts resolves exactly those), for every built-in and docs example, compiled both ways.
import { init, parse } from 'es-module-lexer';
import { describe, expect, it } from 'vitest';
import { buildDocsExamples } from '../../../src/docs/build/docs-examples.ts';
import { importedSpecifiers, importsAuth } from '../../../src/playground/app/auth-imports.ts';
import { transpileFiles } from '../../../src/playground/compiler/transpile.ts';
import { isAuthModule } from '../../../src/playground/module-names.ts';

await init();
const examples = await buildDocsExamples();

/** The string-literal specifiers the runtime's lexer finds: static imports, re-exports, `import("x")`. */
function lexed(js: string): string[] {
  const [imports] = parse(js);
  return imports.flatMap((entry) => (typeof entry.specifier === 'string' ? [entry.specifier] : []));
}

const file = (code: string): { name: string; code: string } => ({ name: 'run.ts', code });

describe('importsAuth', () => {
  it("gives the runtime's answer for every built-in and docs example, from its sources, and finds every import the runtime reads", () => {
    let withAuth = 0;
    for (const example of examples) {
      const runtimeAsks = example.compiled.some(({ js }) => lexed(js).some(isAuthModule));
      expect(
        transpileFiles(example.files).files.some(({ js }) => lexed(js).some(isAuthModule)),
        example.id,
      ).toBe(runtimeAsks);
      expect(importsAuth(example.files), example.id).toBe(runtimeAsks);
      if (runtimeAsks) withAuth++;
      // In the compiled code too (a comment quoting an import may add more: a guess, see auth-imports.ts).
      for (const { name, js } of example.compiled) expect(importedSpecifiers(js), `${example.id}/${name}`).toEqual(expect.arrayContaining(lexed(js)));
    }
    // Both answers occur: the examples are not all of one kind.
    expect(withAuth).toBeGreaterThan(0);
    expect(withAuth).toBeLessThan(examples.length);
  });

  it('finds every form of import and re-export, on one line or several, with either quote', () => {
    expect(importsAuth([file('import NextAuth from "next-auth";')])).toBe(true);
    expect(importsAuth([file("import { handlers,\n  auth,\n} from 'next-auth'\n")])).toBe(true);
    expect(importsAuth([file('export * from "@auth/core";')])).toBe(true);
    expect(importsAuth([file('import "@auth/core/providers/github";')])).toBe(true);
    expect(importsAuth([file('const { browser } = await import("@adapter-lab/playground");')])).toBe(true);
    expect(importsAuth([file('import { Sequelize } from "sequelize";'), file('export { signIn } from "next-auth";')])).toBe(true);
  });

  it('says no for code that names no Auth.js module, or only builds one at run time', () => {
    expect(importsAuth([])).toBe(false);
    expect(importsAuth([file('console.log("no Auth.js here")\n')])).toBe(false);
    expect(importsAuth([file('import { Sequelize } from "sequelize";\nimport { SequelizeAdapter } from "@auth/sequelize-adapter";')])).toBe(false);
    expect(importsAuth([file('const name = "next-" + "auth";\nawait import(name);')])).toBe(false);
    expect(importsAuth([file('await import(`next-auth`);')])).toBe(false);
  });
});
