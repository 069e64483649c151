// The fast transpiler (src/playground/compiler/transpile.ts) on its own, compared with the
// editor's TypeScript (compileProject, the playground's options): syntax errors as located
// diagnostics, decorator metadata, TypeScript's class-field semantics, source maps, imports.
import { execFileSync } from 'node:child_process';
import 'reflect-metadata';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProject } from '../../../src/playground/compiler/compile-project.ts';
import { createTranspileCache, transpileFiles } from '../../../src/playground/compiler/transpile.ts';
import type { CompiledFile, SourceFile } from '../../../src/playground/protocol.ts';
import type { PlaygroundSession } from '../../../src/playground/runtime/session.ts';
import { createSession, exampleFiles, files } from './support.ts';

/** The editor's TypeScript with no package declarations (these sources import none). */
const typescript = (sources: readonly SourceFile[]) => compileProject(sources, { files: {} });

let counter = 0;
/** Evaluates compiled files as ES modules (relative imports between them resolved), returning `entry`'s namespace. */
async function evaluate(compiled: readonly CompiledFile[], entry: string): Promise<Record<string, unknown>> {
  const urls = new Map<string, string>();
  const urlOf = (name: string): string => {
    const existing = urls.get(name);
    if (existing) return existing;
    const file = compiled.find((candidate) => candidate.name === name)!;
    const js = file.js.replace(/from "\.\/(\w+)\.js"/g, (_match, base: string) => `from ${JSON.stringify(urlOf(`${base}.ts`))}`);
    const url = `data:text/javascript,${encodeURIComponent(`${js}\n// ${++counter}`)}`;
    urls.set(name, url);
    return url;
  };
  return import(/* @vite-ignore */ urlOf(entry)) as Promise<Record<string, unknown>>;
}

const nameOf = (value: unknown): string => (typeof value === 'function' ? value.name : String(value));
const names = (value: unknown): unknown => (Array.isArray(value) ? value.map(nameOf) : nameOf(value));

describe('syntax errors', () => {
  it.each([
    ['a missing type', 'const a = 1\nlet b: = 2\n'],
    ['an unclosed call', 'console.log("a")\nconsole.log("b"\n'],
    ['a stray token in a class', 'class A {\n  x = 1\n  %\n}\n'],
  ])('%s: a diagnostic at the line and column TypeScript reports, never a crash', (_what, code) => {
    const result = transpileFiles(files({ 'run.ts': code, 'ok.ts': 'export const ok = 1\n' }));
    expect(result.files.map((file) => file.name)).toEqual(['ok.ts']);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic).toMatchObject({ file: 'run.ts', severity: 'error', syntactic: true });
    expect(diagnostic!.message).not.toMatch(/\(\d+:\d+\)$/);
    const reference = typescript(files({ 'run.ts': code })).diagnostics.find((each) => each.syntactic)!;
    expect([diagnostic!.line, diagnostic!.column]).toEqual([reference.line, reference.column]);
  });

  it('garbage is a diagnostic too', () => {
    for (const code of ['@@@', '}{', 'class { constructor(', 'import { from "x"', '`unterminated', 'enum { A }']) {
      const result = transpileFiles(files({ 'run.ts': code }));
      expect(result.files, code).toEqual([]);
      expect(result.diagnostics.length, code).toBeGreaterThan(0);
      expect(result.diagnostics[0]!.line, code).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('decorator metadata, as TypeScript emits it', () => {
  const sources = files({
    'a.ts': [
      'export class Author {}',
      'export enum Role { Admin, User }',
      'export enum Kind { A = "a", B = "b" }',
      'export type Email = string',
      'export interface Shape { x: number }',
    ].join('\n'),
    'b.ts': [
      'import { Author, Role, Kind, type Email, type Shape } from "./a.ts"',
      'import type { Author as AuthorType, Role as RoleType } from "./a.ts"',
      'function dec(..._args: unknown[]): any { return undefined }',
      'class Local {}',
      'type LocalAlias = Local',
      'type Choice = "x" | "y"',
      'export class Entity {',
      '  @dec name!: string',
      '  @dec count?: number',
      '  @dec flag!: boolean',
      '  @dec when!: Date',
      '  @dec maybe!: string | null',
      '  @dec maybeDate!: Date | null',
      '  @dec optionalDate?: Date',
      '  @dec either!: string | number',
      '  @dec literal!: "a" | "b"',
      '  @dec choice!: Choice',
      '  @dec list!: string[]',
      '  @dec tuple!: [number, string]',
      '  @dec fn!: () => void',
      '  @dec anything!: unknown',
      '  @dec author!: Author',
      '  @dec authorType!: AuthorType',
      '  @dec roleType!: RoleType',
      '  @dec local!: Local',
      '  @dec localAlias!: LocalAlias',
      '  @dec role!: Role',
      '  @dec kind!: Kind',
      '  @dec email!: Email',
      '  @dec shape!: Shape',
      '  @dec map!: Map<string, number>',
      '  @dec record!: Record<string, number>',
      '  @dec bytes!: Uint8Array',
      '  @dec big!: bigint',
      '  @dec untyped = 1',
      '  @dec static shared: string',
      '  constructor(@dec readonly id: string, other: Author, role?: Role) {}',
      '  @dec method(a: string, b: Author, ...rest: number[]): Date { return new Date() }',
      '  @dec async later(): Promise<void> {}',
      '  @dec get size(): number { return 1 }',
      '  set size(value: number) {}',
      '}',
    ].join('\n'),
  });
  const properties = [
    'name',
    'count',
    'flag',
    'when',
    'maybe',
    'maybeDate',
    'optionalDate',
    'either',
    'literal',
    'choice',
    'list',
    'tuple',
    'fn',
    'anything',
    'author',
    'authorType',
    'roleType',
    'local',
    'localAlias',
    'role',
    'kind',
    'email',
    'shape',
    'map',
    'record',
    'bytes',
    'big',
    'untyped',
  ];

  async function metadata(compiled: readonly CompiledFile[]): Promise<Record<string, unknown>> {
    const { Entity } = (await evaluate(compiled, 'b.ts')) as { Entity: { prototype: object } };
    const read = (key: string, target: object, property?: string): unknown =>
      names(property === undefined ? Reflect.getMetadata(key, target) : Reflect.getMetadata(key, target, property));
    return {
      ...Object.fromEntries(properties.map((property) => [property, read('design:type', Entity.prototype, property)])),
      shared: read('design:type', Entity, 'shared'),
      method: ['design:type', 'design:paramtypes', 'design:returntype'].map((key) => read(key, Entity.prototype, 'method')),
      later: ['design:type', 'design:paramtypes', 'design:returntype'].map((key) => read(key, Entity.prototype, 'later')),
      size: ['design:type', 'design:paramtypes'].map((key) => read(key, Entity.prototype, 'size')),
      class: read('design:paramtypes', Entity),
    };
  }

  it("design:type, design:paramtypes and design:returntype equal TypeScript's for every kind of type", async () => {
    const transpiled = transpileFiles(sources);
    expect(transpiled.diagnostics).toEqual([]);
    const mine = await metadata(transpiled.files);
    expect(mine).toEqual(await metadata(typescript(sources).files));
    // What MikroORM's ReflectMetadataProvider reads, spelled out.
    expect(mine).toMatchObject({
      name: 'String',
      count: 'Number',
      when: 'Date',
      authorType: 'Function',
      roleType: 'Number',
      maybe: 'Object',
      maybeDate: 'Object',
      optionalDate: 'Date',
      author: 'Author',
      role: 'Number',
      kind: 'String',
      email: 'String',
      shape: 'Object',
      class: ['String', 'Author', 'Number'],
    });
  });

  it('imports only what metadata needs at run time: a class, not a type', () => {
    const {
      files: [, b],
    } = transpileFiles(sources);
    expect(b!.js).toMatch(/import \{ Author \} from "\.\/a\.js"/);
    expect(b!.js).not.toMatch(/\bShape\b|\bEmail\b/);
  });
});

describe("TypeScript's class fields (useDefineForClassFields: false)", () => {
  const sources = files({
    'run.ts': [
      'const log: string[] = []',
      'function onPrototype(target: object, key: string) {',
      '  Object.defineProperty(target, key, { get: () => "from the prototype", configurable: true })',
      '}',
      'function dec(..._args: unknown[]): void {}',
      'class Base { constructor(public id: number) { log.push("base") } }',
      'export class Thing extends Base {',
      '  @onPrototype accessor!: string',
      '  @dec decorated!: string',
      '  plain?: string',
      '  declare declared: string',
      '  initialised = log.push("field") && "x"',
      '  @dec decoratedInitialised = 2',
      '  static count = 3',
      '  static uninitialised: number',
      '  #secret = 4',
      '  constructor(public p: number, private q = log.push("param default")) { super(1); log.push("body") }',
      '  secret() { return this.#secret }',
      '}',
      'export const thing = new Thing(5)',
      'export { log }',
    ].join('\n'),
  });

  it('assigns initialised fields in the constructor after the parameter properties, and defines no uninitialised one', async () => {
    const transpiled = transpileFiles(sources);
    expect(transpiled.diagnostics).toEqual([]);
    const mine = (await evaluate(transpiled.files, 'run.ts')) as {
      thing: Record<string, unknown> & { secret(): number };
      Thing: Record<string, unknown>;
      log: string[];
    };
    const reference = (await evaluate(typescript(sources).files, 'run.ts')) as typeof mine;
    expect(Object.keys(mine.thing)).toEqual(Object.keys(reference.thing));
    expect(Object.keys(mine.thing)).toEqual(['id', 'p', 'q', 'initialised', 'decoratedInitialised']);
    for (const key of ['decorated', 'plain', 'declared', 'accessor']) expect(Object.hasOwn(mine.thing, key), key).toBe(false);
    expect(mine.thing['accessor']).toBe('from the prototype');
    expect(mine.log).toEqual(reference.log);
    expect(mine.thing.secret()).toBe(4);
    expect(Object.hasOwn(mine.Thing, 'count') && !Object.hasOwn(mine.Thing, 'uninitialised')).toBe(true);
  });
});

it("a class decorator that replaces the class: the class's references to itself see the replacement, as in TypeScript", async () => {
  const sources = files({
    'run.ts': [
      'function wrap(target: any): any { return class extends target { wrapped = true } }',
      '@wrap',
      'export class C { static make() { return new C() } static self = C; other = C.name }',
      'export const made = C.make() as C & { wrapped?: boolean }',
      'export const selfIsDecorated = C.self === C',
    ].join('\n'),
  });
  const mine = await evaluate(transpileFiles(sources).files, 'run.ts');
  const reference = await evaluate(typescript(sources).files, 'run.ts');
  const observe = (module: Record<string, unknown>) => ({
    wrapped: (module['made'] as { wrapped?: boolean }).wrapped,
    other: (module['made'] as { other: string }).other,
    selfIsDecorated: module['selfIsDecorated'],
  });
  expect(observe(mine)).toEqual(observe(reference));
  expect(observe(mine).wrapped).toBe(true);
});

describe("the rest of the editor's options", () => {
  it('rewrites relative .ts imports to .js (as rewriteRelativeImportExtensions), elides type-only imports, keeps enums and parameter properties', () => {
    const {
      files: [run],
    } = transpileFiles(
      files({
        'run.ts': [
          'import type { Shape } from "./shape.ts"',
          'import { type Other, helper } from "./helper.ts"',
          'import { only } from "./types.ts"',
          'export * from "./more.ts"',
          'enum Direction { Up = 1, Down }',
          'class Point { constructor(public x: number, private readonly y: number) {} }',
          'const shape: Shape & Other & only = { x: 1 }',
          'const later = import("./lazy.ts")',
          'helper(new Point(Direction.Up, 2), shape, later)',
        ].join('\n'),
      }),
    );
    expect(run!.js).toContain('import { helper } from "./helper.js"');
    expect(run!.js).toContain('export * from "./more.js"');
    expect(run!.js).toContain('import("./lazy.js")');
    expect(run!.js).not.toMatch(/shape\.|types\.|Shape|Other|only/);
    expect(run!.js).toMatch(/Direction\[Direction\["Up"\] = 1\] = "Up"/);
    expect(run!.js).toMatch(/this\.x = x;\s*this\.y = y;/);
  });
});

it('compiles an empty file, and one of types only, to (almost) nothing', () => {
  const result = transpileFiles(files({ 'empty.ts': '', 'types.ts': 'export interface User { id: string }\nexport type Id = string\n' }));
  expect(result.diagnostics).toEqual([]);
  expect(result.files.map((file) => file.js.trim())).toEqual(['', 'export {};']);
});

it("with a cache, compiles again only the files that changed, or whose metadata other files' declarations decide", () => {
  const cache = createTranspileCache();
  const entities = 'function dec(..._: unknown[]): void {}\nimport { Role } from "./roles.ts"\nexport class User { @dec role!: Role }\n';
  const first = transpileFiles(files({ 'run.ts': 'console.log(1)\n', 'entities.ts': entities, 'roles.ts': 'export enum Role { Admin }\n' }), cache);
  const edited = transpileFiles(files({ 'run.ts': 'console.log(2)\n', 'entities.ts': entities, 'roles.ts': 'export enum Role { Admin }\n' }), cache);
  expect(edited.files[0]).not.toBe(first.files[0]);
  expect(edited.files[1]).toBe(first.files[1]);
  expect(edited.files[2]).toBe(first.files[2]);
  // Role becomes a string enum: User's design:type changes from Number to String.
  const retyped = transpileFiles(files({ 'run.ts': 'console.log(2)\n', 'entities.ts': entities, 'roles.ts': 'export enum Role { Admin = "admin" }\n' }), cache);
  expect(retyped.files[1]).not.toBe(first.files[1]);
  expect(retyped.files[1]!.js).toContain('__metadata("design:type", String)');
  expect(first.files[1]!.js).toContain('__metadata("design:type", Number)');
});

describe('source maps', () => {
  let session: PlaygroundSession | undefined;
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  it('have the file name as their only source', () => {
    const [file] = transpileFiles(files({ 'run.ts': 'const a: number = 1\nconsole.log(a)\n' })).files;
    const map = JSON.parse(file!.map!) as { sources: string[]; sourceRoot: string; sourcesContent?: unknown };
    expect(map).toMatchObject({ sources: ['run.ts'], sourceRoot: '' });
    expect(map.sourcesContent).toBeUndefined();
  });

  it("map a thrown error's line back to the TypeScript line, through the runtime", async () => {
    const sources = files({
      'helpers.ts':
        'interface Options {\n  strict: boolean\n}\n\ntype Unused = string\n\nexport function check(options: Options): void {\n  if (options.strict) throw new TypeError("strict mode is not supported")\n}\n',
      'run.ts':
        'import { check } from "./helpers.ts"\n\n@logged\nclass Decorated { @logged field!: string }\nfunction logged(..._args: unknown[]): void {}\nconsole.log("before", Decorated.name)\ncheck({ strict: true })\n',
    });
    session = await createSession('sequelize');
    const outcome = await session.run(transpileFiles(sources).files, 'run.ts');
    expect(outcome.error).toMatchObject({ name: 'TypeError', phase: 'run', at: { file: 'helpers.ts', line: 8 } });
    expect(outcome.error?.frames.filter((frame) => frame.user).map((frame) => `${frame.file}:${frame.line}`)).toEqual(['helpers.ts:8', 'run.ts:7']);
    const log = outcome.console.find((entry) => entry.kind === 'log');
    expect(log && log.kind === 'log' ? log.at?.line : undefined).toBe(6);
  });
});

it('timing figure: the MikroORM custom-user example in a fresh Node process, first and warm', () => {
  // A child process: in this one, the tests above have warmed Babel up already.
  const script = [
    'const started = performance.now();',
    `const { transpileFiles } = await import(${JSON.stringify(new URL('../../../src/playground/compiler/transpile.ts', import.meta.url).href)});`,
    'const imported = performance.now();',
    `const sources = ${JSON.stringify(exampleFiles('mikro-orm-custom-user'))};`,
    'let at = performance.now(); const result = transpileFiles(sources); const first = performance.now() - at;',
    'const warm = []; for (let i = 0; i < 9; i++) { at = performance.now(); transpileFiles(sources); warm.push(performance.now() - at); }',
    'warm.sort((a, b) => a - b);',
    'console.log(JSON.stringify({ importMs: imported - started, firstMs: first, warmMs: warm[4], diagnostics: result.diagnostics.length }));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const figure = JSON.parse(output.trim().split('\n').pop()!) as { importMs: number; firstMs: number; warmMs: number; diagnostics: number };
  expect(figure.diagnostics).toBe(0);
  console.log(
    `transpile mikro-orm-custom-user (3 files) in a fresh Node ${process.version}: import ${figure.importMs.toFixed(0)} ms, first ${figure.firstMs.toFixed(0)} ms, warm median ${figure.warmMs.toFixed(1)} ms`,
  );
}, 60_000);
