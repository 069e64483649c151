/**
 * What both compilers (compile-project.ts in Node, the Monaco editor in the browser) do to
 * TypeScript's emit output, kept free of Node and TypeScript imports so the page can load it.
 * One copy, so both produce byte-identical files for the runtime.
 */

/** The runtime registers maps itself; the comment would point at a file that does not exist. */
export function stripMapComment(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
}

/** A source map whose only source is the reader's file name (Monaco and TS write paths). */
export function normaliseMap(map: string, name: string): string {
  const parsed = JSON.parse(map) as { sources?: string[]; sourceRoot?: string };
  return JSON.stringify({ ...parsed, sourceRoot: '', sources: [name] });
}
