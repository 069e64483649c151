import type { AdapterCallRecord, ConsoleEntry, LogLevel } from '../protocol.ts';
import { el, formatMs, plural, srOnly } from '../ui/dom.ts';
import { displayValuesView, displayValueView } from './display-value-view.ts';
import { errorView, locationButton, type LocationActions } from './error-view.ts';

const LEVEL_MARK: Record<LogLevel, string> = { log: '', info: 'ℹ', warn: '⚠', error: '✖', debug: '·' };

function changesText(call: AdapterCallRecord): string {
  return call.changes
    .map((change) => {
      const parts = [change.inserted && `+${change.inserted}`, change.updated && `~${change.updated}`, change.deleted && `−${change.deleted}`].filter(Boolean);
      return `${change.table} ${parts.join(' ')}`;
    })
    .join(', ');
}

export function callView(call: AdapterCallRecord, actions: LocationActions): HTMLElement {
  const args = call.args.map((arg) => arg.preview).join(', ');
  const outcome = call.error ? `throws ${call.error.name}` : `→ ${call.result?.preview ?? 'undefined'}`;
  const meta = [
    plural(call.statements, 'statement'),
    formatMs(call.durationMs),
    changesText(call),
    call.source !== 'code' ? `from the ${call.source}` : '',
    call.concurrent ? 'ran alongside other calls' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const details = el(
    'details',
    { class: 'pg-call', ...(call.error ? { 'data-error': 'true' } : {}) },
    el(
      'summary',
      {},
      el('code', {}, `adapter.${call.method}(${args.length > 90 ? `${args.slice(0, 90)}…` : args}) ${outcome}`),
      el('span', { class: 'pg-meta' }, ` ${meta}`),
    ),
  );
  const body = el('div', { class: 'pg-call-body' });
  for (const [i, arg] of call.args.entries()) body.append(el('div', {}, displayValueView(arg, `argument ${i + 1}`)));
  if (call.error) body.append(errorView(call.error, actions));
  else if (call.result) body.append(el('div', {}, displayValueView(call.result, 'result')));
  if (call.at) body.append(el('p', { class: 'pg-meta' }, 'Called at ', locationButton(call.at, actions)));
  details.append(body);
  return details;
}

export function entryView(entry: ConsoleEntry, actions: LocationActions): HTMLLIElement {
  switch (entry.kind) {
    case 'log':
      return el(
        'li',
        { class: 'pg-log', 'data-level': entry.level },
        LEVEL_MARK[entry.level] ? el('span', { class: 'pg-level', 'aria-hidden': 'true' }, LEVEL_MARK[entry.level]) : null,
        entry.level === 'log' ? null : srOnly(`${entry.level}: `),
        displayValuesView(entry.values),
        entry.at ? locationButton(entry.at, actions) : null,
      );
    case 'call':
      return el('li', { class: 'pg-log', 'data-kind': 'call' }, callView(entry.call, actions));
    case 'notice':
      return el(
        'li',
        { class: 'pg-log', 'data-kind': 'notice' },
        el('span', { class: 'pg-level', 'aria-hidden': 'true' }, 'ℹ'),
        srOnly('Playground note: '),
        entry.text,
      );
    case 'error':
      return el('li', { class: 'pg-log', 'data-level': 'error' }, errorView(entry.error, actions));
    case 'value':
      return el('li', { class: 'pg-log', 'data-kind': 'value' }, el('span', { class: 'pg-meta' }, `${entry.label}: `), displayValueView(entry.value));
  }
}
