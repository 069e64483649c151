/** A TypeScript diagnostic in one of the reader's files, for the Problems panel (1-based positions). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: number;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'suggestion';
  /** Syntax errors stop a run; type errors are reported and the code runs anyway. */
  readonly syntactic: boolean;
}

/** The reader's file `name` as the TypeScript language service (Monaco's and the build's) knows it. */
export function fileUri(name: string): string {
  return `file:///${name}`;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} - ${diagnostic.severity} TS${diagnostic.code}: ${diagnostic.message}`;
}
