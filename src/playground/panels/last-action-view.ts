import { PAGE_FLOW_CALL_LIMIT, PAGE_TEXT_LIMIT, shortenText } from '../output-limits.ts';
import type { AdapterCallRecord, Outcome, RunError } from '../protocol.ts';
import { countText } from '../count-text.ts';
import { el, plural, srOnly } from '../ui/dom.ts';
import { type authErrorOf, pathOf } from './auth-view-model.ts';
import { callView } from './console-entry-view.ts';
import { errorView, type LocationActions } from './error-view.ts';
import { httpExchangesView } from './http-exchange-view.ts';

/** A flow's outcome (or a run that scripted flows), as the Auth.js panel's "Last action" shows it. */
export interface LastAction {
  readonly outcome: Outcome;
  readonly title: string;
  readonly calls: readonly AdapterCallRecord[];
}

export type AuthErrorInfo = ReturnType<typeof authErrorOf>;

export interface LastActionActions {
  readonly locations: LocationActions;
  /** Shows another results tab (the Tables, SQL or Console of the last action). */
  showPanel(id: 'tables' | 'sql' | 'console'): void;
}

/** What went wrong (if anything), the HTTP exchange beside the adapter calls it caused, and where to see the rest. */
export function lastActionBody({ outcome, calls }: LastAction, authError: AuthErrorInfo, actions: LastActionActions): HTMLElement[] {
  const body: Array<HTMLElement | null> = [];
  const failedCall = calls.find((call) => call.error);
  if (authError || outcome.error || failedCall) body.push(errorBox(authError, outcome.error, failedCall, actions.locations));
  const shownCalls = calls.slice(0, PAGE_FLOW_CALL_LIMIT);
  body.push(
    el(
      'div',
      { class: 'pg-auth-columns' },
      el(
        'section',
        { class: 'pg-auth-http', 'aria-labelledby': 'pg-auth-http-title' },
        el('h4', { id: 'pg-auth-http-title' }, `HTTP requests (${countText(outcome.http.length + (outcome.httpDropped ?? 0))})`),
        outcome.http.length > 0 ? httpExchangesView(outcome.http, outcome.httpDropped ?? 0) : el('p', { class: 'pg-meta' }, noRequestsText(outcome)),
      ),
      el(
        'section',
        { class: 'pg-auth-calls', 'aria-labelledby': 'pg-auth-calls-title' },
        el(
          'h4',
          { id: 'pg-auth-calls-title' },
          `Adapter calls (${countText(calls.length + (outcome.source.kind === 'flow' ? (outcome.callsDropped ?? 0) : 0))})`,
        ),
        shownCalls.length > 0
          ? el(
              'ol',
              { class: 'pg-console pg-auth-call-list', 'aria-label': 'Adapter calls' },
              ...shownCalls.map((call) => el('li', { class: 'pg-log', 'data-kind': 'call' }, callView(call, actions.locations))),
            )
          : el('p', { class: 'pg-meta' }, outcome.error ? 'None.' : 'None: Auth.js did not need the database for this.'),
        calls.length > shownCalls.length ? el('p', { class: 'pg-meta' }, `${plural(calls.length - shownCalls.length, 'more call')} in the Console.`) : null,
      ),
    ),
    tabsLine(outcome, actions.showPanel),
  );
  return body.filter((node) => node !== null);
}

function errorBox(authError: AuthErrorInfo, error: RunError | undefined, failedCall: AdapterCallRecord | undefined, locations: LocationActions): HTMLElement {
  const box = el('div', { class: 'pg-auth-error', role: 'group', 'aria-label': 'What went wrong' });
  if (authError) {
    box.append(
      el('p', { class: 'pg-auth-error-title' }, el('strong', {}, 'Auth.js error: '), el('code', { 'data-auth-error': authError.code }, authError.code)),
      el('p', {}, authError.explanation),
      el('p', { class: 'pg-meta' }, 'The browser was sent to ', el('code', { title: authError.url }, pathOf(authError.url)), '.'),
    );
  }
  // The flow's own error says the above again ("…landed on Auth.js's error page: Verification…"):
  // its words in one quiet line, then what it wraps — the adapter's error, at the reader's line.
  if (error && authError && (error.name === authError.code || error.message.includes(authError.code))) {
    box.append(el('p', { class: 'pg-meta' }, shortenText(error.message, PAGE_TEXT_LIMIT)));
    if (error.cause) box.append(errorView(error.cause, locations));
  } else if (error) box.append(errorView(error, locations));
  // Auth.js hides an adapter's error behind its own code: the call that threw says what it was.
  else if (failedCall?.error)
    box.append(
      el('p', { class: 'pg-auth-error-title' }, srOnly('Underlying error: '), el('code', {}, `adapter.${failedCall.method}()`), ' threw:'),
      errorView(failedCall.error, locations),
    );
  return box;
}

function tabsLine(outcome: Outcome, showPanel: LastActionActions['showPanel']): HTMLElement {
  const statements = outcome.statements.length + (outcome.statementsDropped ?? 0);
  const tables = el('button', { type: 'button', class: 'pg-text-button' }, 'Tables');
  const sql = el('button', { type: 'button', class: 'pg-text-button' }, 'SQL');
  const consoleButton = el('button', { type: 'button', class: 'pg-text-button' }, 'Console');
  tables.addEventListener('click', () => showPanel('tables'));
  sql.addEventListener('click', () => showPanel('sql'));
  consoleButton.addEventListener('click', () => showPanel('console'));
  return el(
    'p',
    { class: 'pg-meta pg-auth-see' },
    'The ',
    tables,
    ' tab shows the rows this changed (inserted, updated, deleted), the ',
    sql,
    ` tab its ${plural(statements, 'statement')}, the `,
    consoleButton,
    " its console output (your callbacks' and events' logs).",
  );
}

function noRequestsText(outcome: Outcome): string {
  if (outcome.source.kind === 'flow' && outcome.source.flow === 'delete-user' && !outcome.error)
    return 'None: Auth.js has no route for deleting a user; the app calls adapter.deleteUser itself.';
  return 'None.';
}
