import type { Diagnostic } from '../compiler/diagnostics.ts';
import { el, plural } from '../ui/dom.ts';
import { locationButton, type LocationActions } from './error-view.ts';

const ORDER: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, suggestion: 2 };

/** Errors and warnings first; suggestions (e.g. deprecations) only when they carry a message worth reading. */
export function visibleDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity !== 'suggestion' || diagnostic.code === 6385 || diagnostic.code === 6387)
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** The Problems panel: every file's TypeScript diagnostics, each linked to its place. */
export function renderProblems(container: HTMLElement, diagnostics: readonly Diagnostic[], editorReady: boolean, actions: LocationActions): void {
  const shown = visibleDiagnostics(diagnostics);
  if (shown.length === 0) {
    container.replaceChildren(
      el(
        'p',
        { class: 'pg-empty' },
        editorReady ? 'No problems: the code type-checks.' : 'The editor is loading; type errors appear here once it has checked the code.',
      ),
    );
    return;
  }
  const errors = shown.filter((diagnostic) => diagnostic.severity === 'error').length;
  container.replaceChildren(
    el(
      'p',
      { class: 'pg-panel-note' },
      errors > 0 ? `${plural(errors, 'error')}. Syntax errors stop a run; type errors do not (the code runs as JavaScript).` : 'No errors.',
    ),
    el(
      'ul',
      { class: 'pg-problems' },
      ...shown.map((diagnostic) =>
        el(
          'li',
          { 'data-severity': diagnostic.severity },
          el('span', { class: 'pg-severity' }, diagnostic.syntactic ? 'syntax error' : diagnostic.severity === 'suggestion' ? 'hint' : diagnostic.severity),
          ' ',
          locationButton({ file: diagnostic.file, line: diagnostic.line, column: diagnostic.column }, actions),
          ' ',
          el('span', { class: 'pg-problem-message' }, diagnostic.message),
          el('span', { class: 'pg-meta' }, ` TS${diagnostic.code}`),
        ),
      ),
    ),
  );
}
