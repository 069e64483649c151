import { PAGE_HTTP_EXCHANGE_LIMIT, PAGE_TEXT_LIMIT, shortenText } from '../output-limits.ts';
import type { HttpExchange } from '../protocol.ts';
import { el, formatMs, plural, srOnly } from '../ui/dom.ts';
import { clip, cookieChangeText, PATH_SHOWN, pathOf, routeText, statusKind, valueLengthText } from './auth-view-model.ts';
import { countText as count } from '../count-text.ts';

/** Runtime text in one element: bounded whatever the runtime sends (it keeps to HTTP_TEXT_LIMIT already). */
const bounded = (text: string): string => shortenText(text, PAGE_TEXT_LIMIT);

function urlText(url: string, length: number | undefined): string {
  return bounded(length !== undefined && length > url.length ? `${url}… (${count(length)} characters in all)` : url);
}

function bodyView(label: string, body: string): HTMLElement {
  return el('details', { class: 'pg-http-body' }, el('summary', {}, label), el('pre', {}, shortenText(body, PAGE_TEXT_LIMIT)));
}

/**
 * One exchange on one line — who asked whom, method, path, status, where it redirects — with
 * the cookies it set or cleared under it, and the whole URL, the cookies sent and the bodies
 * behind a disclosure.
 */
export function exchangeView(exchange: HttpExchange): HTMLLIElement {
  const path = pathOf(exchange.url);
  const kind = statusKind(exchange.status);
  const line = el(
    'p',
    { class: 'pg-http-line' },
    el('span', { class: 'pg-http-route' }, routeText(exchange)),
    ' ',
    el('code', { class: 'pg-http-method' }, exchange.method),
    ' ',
    el('code', { class: 'pg-http-path', title: bounded(exchange.url) }, clip(path, PATH_SHOWN)),
    ' ',
    srOnly('answered '),
    el('span', { class: 'pg-http-status', 'data-kind': kind }, String(exchange.status)),
  );
  if (exchange.location !== undefined) {
    line.append(
      ' ',
      el('span', { class: 'pg-http-arrow', 'aria-hidden': 'true' }, '→'),
      srOnly(' redirects to '),
      ' ',
      el('code', { class: 'pg-http-location', title: bounded(exchange.location) }, clip(pathOf(exchange.location), PATH_SHOWN)),
    );
  }
  const item = el('li', { class: 'pg-http-exchange', 'data-status-kind': kind, 'data-to': exchange.to }, line);
  const set = exchange.setCookies.filter((change) => !change.cleared);
  const cleared = exchange.setCookies.filter((change) => change.cleared);
  if (set.length > 0 || cleared.length > 0) {
    item.append(
      el(
        'p',
        { class: 'pg-http-cookies' },
        set.length > 0
          ? el(
              'span',
              {},
              'Sets cookie',
              set.length > 1 ? 's' : '',
              ': ',
              ...set.flatMap((change, i) => [
                i > 0 ? ', ' : '',
                el(
                  'code',
                  { 'data-cookie': change.name, title: `${valueLengthText(change.value, change.valueLength)}; ${change.attributes}` },
                  cookieChangeText(change),
                ),
              ]),
            )
          : null,
        set.length > 0 && cleared.length > 0 ? ' · ' : null,
        cleared.length > 0
          ? el(
              'span',
              { class: 'pg-http-cleared' },
              'Clears: ',
              ...cleared.flatMap((change, i) => [i > 0 ? ', ' : '', el('code', { 'data-cookie': change.name }, change.name)]),
            )
          : null,
      ),
    );
  }
  const details = el(
    'div',
    { class: 'pg-http-details-body' },
    el('p', {}, 'URL: ', el('code', { class: 'pg-http-url' }, urlText(exchange.url, exchange.urlLength))),
    exchange.location !== undefined ? el('p', {}, 'Location: ', el('code', {}, bounded(exchange.location))) : null,
    el('p', {}, 'Cookies sent: ', exchange.cookies.length > 0 ? el('code', {}, bounded(exchange.cookies.join(', '))) : 'none'),
    ...exchange.setCookies.map((change) =>
      el(
        'p',
        {},
        'Set-Cookie: ',
        el(
          'code',
          {},
          bounded(
            `${change.name}=${change.value}${change.valueLength !== undefined && change.valueLength > change.value.length ? `… (${count(change.valueLength)} characters)` : ''}${change.attributes ? `; ${change.attributes}` : ''}`,
          ),
        ),
      ),
    ),
    el('p', { class: 'pg-meta' }, `At ${formatMs(exchange.time)}, took ${formatMs(exchange.durationMs)}.`),
    exchange.requestBody !== undefined ? bodyView('Request body', exchange.requestBody) : null,
    exchange.responseBody !== undefined ? bodyView('Response body', exchange.responseBody) : null,
  );
  item.append(el('details', { class: 'pg-http-details' }, el('summary', {}, 'Details', srOnly(` of ${exchange.method} ${clip(path, 60)}`)), details));
  return item;
}

/** An action's exchanges, in order: at most PAGE_HTTP_EXCHANGE_LIMIT drawn, the rest (and those the runtime did not record) counted. */
export function httpExchangesView(exchanges: readonly HttpExchange[], dropped = 0): HTMLElement {
  const shown = exchanges.slice(0, PAGE_HTTP_EXCHANGE_LIMIT);
  const list = el('ol', { class: 'pg-http', 'aria-label': 'HTTP requests' }, ...shown.map(exchangeView));
  const notDrawn = exchanges.length - shown.length;
  const notes = [
    notDrawn > 0 ? `Not shown here: ${plural(notDrawn, 'more request')}.` : '',
    dropped > 0 ? `Made but not recorded (over the limit per action): ${plural(dropped, 'more request')}.` : '',
  ].filter(Boolean);
  return el('div', { class: 'pg-http-wrap' }, list, notes.length > 0 ? el('p', { class: 'pg-meta', 'data-http-more': '' }, notes.join(' ')) : null);
}
