/**
 * Whether code about to run will ask for Auth.js: the page starts downloading Auth.js's script
 * when the run is scheduled, so that the runtime's request for it (sandbox/auth-loader.ts), a
 * second or so later, is answered at once instead of waiting for a download.
 *
 * A guess from the reader's source files, read before they are compiled (code of their own waits
 * for the transpiler, and the runtime may be ready first), not the runtime's module graph: a wrong
 * guess costs a download or the wait there was before, never a different result. A type-only
 * import or a comment quoting one may say "yes"; a specifier built at run time says "no", and the
 * runtime resolves it (and asks for Auth.js) as it always did.
 */
import { isAuthModule } from '../module-names.ts';

// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`, with either quote.
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*(["'])([^"'\n\\]+)\1/g;

/** The module specifiers `code` (TypeScript or JavaScript) names in its imports and re-exports (string literals only). */
export function importedSpecifiers(code: string): string[] {
  return [...code.matchAll(SPECIFIER)].map((match) => match[2]!);
}

/** Whether any of `files` imports one of Auth.js's modules (module-names.ts AUTH_MODULE_NAMES). */
export function importsAuth(files: readonly { readonly code: string }[]): boolean {
  return files.some((file) => importedSpecifiers(file.code).some(isAuthModule));
}
