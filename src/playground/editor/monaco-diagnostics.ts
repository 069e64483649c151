/**
 * TypeScript's diagnostics as the TypeScript worker returns them (offsets into a file), turned
 * into the playground's Diagnostic (for the Problems panel) and Monaco markers (squiggles).
 * The Diagnostic must equal what compile-project.ts reports in Node for the same code: same
 * order, positions, message flattening and severities.
 */
import { MarkerSeverity, MarkerTag, type editor } from 'monaco-editor/editor/editor.api';
import type { Diagnostic as TsDiagnostic } from 'monaco-editor/languages/features/typescript/register';
import type { Diagnostic } from '../compiler/diagnostics.ts';

type MessageText = TsDiagnostic['messageText'];

/** TypeScript's own ts.flattenDiagnosticMessageText(text, '\n'), which the worker cannot return. */
export function flattenMessage(text: MessageText | undefined, indent = 0): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  let result = indent > 0 ? `\n${'  '.repeat(indent)}` : '';
  result += text.messageText;
  for (const next of text.next ?? []) result += flattenMessage(next, indent + 1);
  return result;
}

// ts.DiagnosticCategory: Warning 0, Error 1, Suggestion 2, Message 3.
const SEVERITY: Readonly<Record<number, Diagnostic['severity']>> = { 0: 'warning', 1: 'error', 2: 'suggestion', 3: 'suggestion' };
const MARKER_SEVERITY: Readonly<Record<number, MarkerSeverity>> = {
  0: MarkerSeverity.Warning,
  1: MarkerSeverity.Error,
  2: MarkerSeverity.Hint,
  3: MarkerSeverity.Info,
};

/** One diagnostic of `model` (the file `name`), positions 1-based as in Node's compiler. */
export function toDiagnostic(model: editor.ITextModel, name: string, diagnostic: TsDiagnostic, syntactic: boolean): Diagnostic {
  // Without a position (a whole-program problem), Node's twin reports 1:1, and so does this.
  const start = diagnostic.start === undefined ? { lineNumber: 1, column: 1 } : model.getPositionAt(diagnostic.start);
  const end = diagnostic.start === undefined ? start : model.getPositionAt(diagnostic.start + (diagnostic.length ?? 0));
  return {
    file: name,
    line: start.lineNumber,
    column: start.column,
    endLine: end.lineNumber,
    endColumn: end.column,
    code: diagnostic.code,
    message: flattenMessage(diagnostic.messageText),
    severity: SEVERITY[diagnostic.category] ?? 'error',
    syntactic,
  };
}

/**
 * A squiggle, as Monaco's own TypeScript support would draw it (this editor draws them itself:
 * see monaco-editor.ts). Deprecated and unused code are tagged, so they render struck through
 * and faded. Related information is kept when it points into one of the reader's files.
 */
export function toMarker(model: editor.ITextModel, diagnostic: TsDiagnostic, modelOf: (fileName: string) => editor.ITextModel | undefined): editor.IMarkerData {
  const range = (target: editor.ITextModel, startOffset: number | undefined, length: number | undefined) => {
    const from = target.getPositionAt(startOffset ?? 0);
    const to = target.getPositionAt((startOffset ?? 0) + (length || 1));
    return { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column };
  };
  const tags: MarkerTag[] = [];
  if (diagnostic.reportsUnnecessary) tags.push(MarkerTag.Unnecessary);
  if (diagnostic.reportsDeprecated) tags.push(MarkerTag.Deprecated);
  const relatedInformation = (diagnostic.relatedInformation ?? []).flatMap((related) => {
    const target = related.file ? modelOf(related.file.fileName) : model;
    if (!target) return [];
    return [{ resource: target.uri, message: flattenMessage(related.messageText), ...range(target, related.start, related.length) }];
  });
  return {
    severity: MARKER_SEVERITY[diagnostic.category] ?? MarkerSeverity.Info,
    message: flattenMessage(diagnostic.messageText),
    code: String(diagnostic.code),
    source: 'ts',
    tags,
    relatedInformation,
    ...range(model, diagnostic.start, diagnostic.length),
  };
}
