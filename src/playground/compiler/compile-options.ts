/**
 * The one set of TypeScript options the playground compiles with — in Monaco's TypeScript
 * worker for the reader's edits, and at build time for the built-in examples (so that the
 * examples' results can appear before Monaco has loaded, from the very same output).
 *
 * Plain numbers instead of TypeScript's enums: Monaco's API takes its own enum copies, which
 * lack newer members (moduleResolution Bundler).
 */
export const COMPILER_OPTIONS = {
  target: 9, // ES2022: what Chromium and Node 24 run natively
  module: 99, // ESNext: the runtime evaluates ES modules
  moduleResolution: 100, // Bundler: package.json "exports", extensionless relative imports
  lib: ['lib.es2023.d.ts'], // no DOM: the code runs in a worker without one
  strict: true,
  // Legacy decorators with type metadata, as the official docs' MikroORM entities are written
  // (MikroORM's ReflectMetadataProvider reads `design:type`).
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  // Class fields as assignments: TypeScript's legacy decorator semantics, and MikroORM's
  // property initialisers must not shadow what decorators define.
  useDefineForClassFields: false,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  // `import { User } from "./models.ts"` works as it does in Node 24 (emitted as ./models.js).
  rewriteRelativeImportExtensions: true,
  resolveJsonModule: false,
  skipLibCheck: true,
  sourceMap: true,
  inlineSources: false,
  noEmitOnError: false,
  newLine: 1, // LF
} as const;

export type PlaygroundCompilerOptions = typeof COMPILER_OPTIONS;
