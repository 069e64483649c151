import type { RunError, SourceLocation } from '../protocol.ts';
import { ERROR_FRAME_LIMIT, PAGE_TEXT_LIMIT, shortenText } from '../output-limits.ts';
import { el } from '../ui/dom.ts';

export interface LocationActions {
  /** The reader's TypeScript of a file (for code excerpts), if it is one of theirs. */
  source(file: string): string | undefined;
  /** Moves the editor to a place. */
  reveal(location: SourceLocation): void;
}

export function locationButton(location: SourceLocation, actions: LocationActions): HTMLButtonElement {
  const button = el(
    'button',
    { type: 'button', class: 'pg-location', title: `Show ${location.file} line ${location.line} in the editor` },
    `${location.file}:${location.line}:${location.column}`,
  );
  button.addEventListener('click', () => actions.reveal(location));
  return button;
}

/** Three lines around the place, the place itself marked, as compilers print them. */
export function codeFrame(source: string, location: SourceLocation): HTMLElement {
  const lines = source.split('\n');
  const first = Math.max(1, location.line - 2);
  const last = Math.min(lines.length, location.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const marker = line === location.line ? '>' : ' ';
    out.push(`${marker} ${String(line).padStart(width)} | ${lines[line - 1] ?? ''}`);
    if (line === location.line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, location.column - 1))}^`);
  }
  return el('pre', { class: 'pg-code-frame', 'aria-label': `${location.file} around line ${location.line}` }, out.join('\n'));
}

const PHASE_LABEL: Record<RunError['phase'], string> = {
  compile: 'Syntax error',
  load: 'Could not load the code',
  run: 'Error',
  unhandled: 'Unhandled rejection',
  uncaught: 'Uncaught error in a callback',
  timeout: 'Stopped',
  stopped: 'Stopped',
  crash: 'The runtime crashed',
};

/** An error: what happened, where in the reader's code (with the lines), the hint, the causes and the stack. */
export function errorView(error: RunError, actions: LocationActions, nested = false): HTMLElement {
  const box = el('div', { class: nested ? 'pg-error pg-error-cause' : 'pg-error' });
  // A stop is the playground's own doing: its message says it all.
  const stop = error.phase === 'timeout' || error.phase === 'stopped' || error.phase === 'crash';
  box.append(
    el(
      'p',
      { class: 'pg-error-title' },
      el('strong', {}, nested ? 'Caused by ' : stop ? '' : `${PHASE_LABEL[error.phase]}: `),
      el('span', {}, shortenText(stop ? error.message : `${error.name}: ${error.message}`, PAGE_TEXT_LIMIT)),
      error.at ? ' ' : null,
      error.at ? locationButton(error.at, actions) : null,
    ),
  );
  const source = error.at && actions.source(error.at.file);
  if (error.at && source !== undefined) box.append(codeFrame(source, error.at));
  if (error.hint) box.append(el('p', { class: 'pg-hint-text' }, shortenText(error.hint, PAGE_TEXT_LIMIT)));
  if (error.cause) box.append(errorView(error.cause, actions, true));
  if (error.frames.length > 0 && !nested) {
    const frames = el(
      'ol',
      { class: 'pg-frames' },
      ...error.frames
        .slice(0, ERROR_FRAME_LIMIT)
        .map((frame) =>
          el(
            'li',
            frame.user ? { 'data-user': 'true' } : {},
            frame.user ? locationButton(frame, actions) : `${frame.file}:${frame.line}:${frame.column}`,
            frame.fn ? ` ${frame.fn}` : '',
          ),
        ),
    );
    box.append(el('details', { class: 'pg-stack' }, el('summary', {}, `Stack (${error.frames.length} frames)`), frames));
  }
  return box;
}
