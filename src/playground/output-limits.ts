import { countText } from './count-text.ts';

/**
 * How much output one action (run, call, flow, import) may produce for the page. The runtime
 * keeps to these when it builds an Outcome; the page keeps its own, larger limits too, since it
 * must stay usable whatever a (possibly broken) runtime sends.
 */

/** console.* entries kept per action. A thousand lines is more than anyone reads in a panel; a log in a loop of 100,000 then costs the page nothing. */
export const CONSOLE_LOG_LIMIT = 1_000;
/** Entries of any kind (logs, adapter calls, errors) kept per action; notices come on top. */
export const CONSOLE_ENTRY_LIMIT = 2_000;
/** Characters of logged values kept per action (~4 MB as UTF-16): 1,000 entries of deep objects must not reach hundreds of MB. */
export const CONSOLE_CHAR_BUDGET = 2_000_000;
/** Arguments of one console call shown; the rest are counted. */
export const CONSOLE_ARGUMENT_LIMIT = 50;

/** Statements recorded per action; the rest run as usual and are counted. */
export const STATEMENT_LIMIT = 5_000;
/** Characters of one statement's SQL kept (its full length is stated). */
export const SQL_TEXT_LIMIT = 100_000;
/** Characters of SQL and parameters kept per action in all; after it, each statement keeps at most SQL_TEXT_FLOOR. */
export const SQL_CHAR_BUDGET = 4_000_000;
export const SQL_TEXT_FLOOR = 500;
/** Characters of one string parameter kept, bytes of one BLOB parameter, and parameters kept per statement. */
export const PARAM_TEXT_LIMIT = 2_000;
export const PARAM_BLOB_LIMIT = 1_024;
export const PARAM_COUNT_LIMIT = 100;

/** Adapter calls recorded per action (a loop of calls); the rest are counted. */
export const CALL_LIMIT = 2_000;
/** HTTP exchanges of simulated browsers recorded per action (a scripted loop of sign-ins); the rest are counted. */
export const HTTP_EXCHANGE_LIMIT = 500;
/** Characters of a URL, a request or response body, or a cookie value kept in an HttpExchange or BrowserInfo. */
export const HTTP_TEXT_LIMIT = 2_000;
/** Characters of an error's message kept, and stack frames: a thrown 20 MB message is still one line of text. */
export const ERROR_TEXT_LIMIT = 10_000;
export const ERROR_FRAME_LIMIT = 50;
/** Characters of runtime text the page puts in one element (status line, error titles), whatever it receives. */
export const PAGE_TEXT_LIMIT = 10_000;
/** Characters of the status line: one quiet line (the Console holds the whole error). */
export const STATUS_TEXT_LIMIT = 500;

/** What the page holds per Console section, whatever the runtime sends (above the runtime's limits). */
export const PAGE_CONSOLE_ENTRY_LIMIT = 2_500;
/** Statements the page holds for the SQL panel (a run and the calls after it). */
export const PAGE_STATEMENT_LIMIT = 10_000;

/**
 * Appends `items` to `target` up to `limit` in all, without spreading them into one call (a huge
 * array would overflow the argument stack). Returns how many did not fit.
 */
export function appendBounded<T>(target: T[], items: readonly T[], limit: number): number {
  const room = Math.max(0, limit - target.length);
  const taken = Math.min(room, items.length);
  for (let i = 0; i < taken; i++) target.push(items[i]!);
  return items.length - taken;
}

/** `text`, or its first `limit` characters followed by its full length. */
export function shortenText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${countText(text.length)} characters in all)`;
}
/** HTTP exchanges the page draws for one action (the runtime sends at most HTTP_EXCHANGE_LIMIT); the rest are counted. */
export const PAGE_HTTP_EXCHANGE_LIMIT = 200;
/** Adapter calls the Auth.js panel draws beside an action's exchanges (the Console has them all). */
export const PAGE_FLOW_CALL_LIMIT = 200;
/** Mails of the simulated inbox, and cookies of a simulated browser, the Auth.js panel draws (the newest mails). */
export const PAGE_MAIL_LIMIT = 50;
export const PAGE_COOKIE_LIMIT = 50;
