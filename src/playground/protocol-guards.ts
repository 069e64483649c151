/**
 * The runtime's messages, checked before the page uses them. The worker runs the reader's code,
 * and that code can reach the worker's port to the page (by patching MessagePort.prototype.postMessage)
 * and post anything: so every message is checked against protocol.ts as deep as the page reads it.
 *
 * Adding a field to a protocol type: add its guard to the object below with the same name —
 * `optional(…)` when the field is optional. The type check fails until you do.
 */
import {
  arrayBuffer,
  arrayOf,
  boolean,
  bytes,
  either,
  nullValue,
  number,
  object,
  oneOf,
  optional,
  recordOf,
  recursive,
  string,
  tuple,
  variants,
  type Guard,
} from './guard.ts';
import {
  ADAPTER_METHODS,
  BROWSER_IDS,
  FLOW_IDS,
  type AdapterCallRecord,
  type AuthInfo,
  type BrowserCookie,
  type BrowserInfo,
  type CookieChange,
  type HttpExchange,
  type MailInfo,
  type ProviderInfo,
  type AdapterInfo,
  type CellValue,
  type ChangeSource,
  type ColumnInfo,
  type ConsoleEntry,
  type DisplayValue,
  type ForeignKeyInfo,
  type IndexInfo,
  type Outcome,
  type RowView,
  type RunError,
  type RuntimeResponse,
  type RuntimeVersions,
  type SchemaInfo,
  type SourceLocation,
  type SqlParam,
  type StackFrame,
  type StatementOrigin,
  type StatementRecord,
  type TableChange,
  type TableSchema,
  type TableView,
  type WholeValue,
} from './protocol.ts';

/**
 * How deep an inspect tree or an error's cause chain may nest. The runtime cuts off far earlier
 * (display-value.ts: 4 levels, plus error causes; run-error.ts: 4 causes).
 */
export const MAX_DISPLAY_DEPTH = 32;
export const MAX_ERROR_CAUSES = 16;

const sourceLocation = object<SourceLocation>({ file: string, line: number, column: number });

const stackFrame = object<StackFrame>({ fn: optional(string), file: string, line: number, column: number, user: boolean });

export const runError: Guard<RunError> = recursive(MAX_ERROR_CAUSES, (self) =>
  object<RunError>({
    name: string,
    message: string,
    phase: oneOf('compile', 'load', 'run', 'unhandled', 'uncaught', 'timeout', 'stopped', 'crash'),
    at: optional(sourceLocation),
    frames: arrayOf(stackFrame),
    hint: optional(string),
    cause: optional(self),
  }),
);

export const displayValue: Guard<DisplayValue> = recursive(MAX_DISPLAY_DEPTH, (self) =>
  object<DisplayValue>({
    type: oneOf(
      'string',
      'number',
      'bigint',
      'boolean',
      'null',
      'undefined',
      'symbol',
      'function',
      'date',
      'bytes',
      'array',
      'object',
      'map',
      'set',
      'error',
      'promise',
      'circular',
    ),
    preview: string,
    label: optional(string),
    entries: optional(arrayOf(tuple(string, self))),
    more: optional(number),
  }),
);

const tableChange = object<TableChange>({ table: string, inserted: number, updated: number, deleted: number });

const adapterCallRecord = object<AdapterCallRecord>({
  id: number,
  method: string,
  args: arrayOf(displayValue),
  result: optional(displayValue),
  error: optional(runError),
  durationMs: number,
  statements: number,
  changes: arrayOf(tableChange),
  source: oneOf('code', 'panel', 'flow'),
  at: optional(sourceLocation),
  concurrent: boolean,
});

export const consoleEntry: Guard<ConsoleEntry> = variants<ConsoleEntry, 'kind'>('kind', {
  log: { level: oneOf('log', 'info', 'warn', 'error', 'debug'), values: arrayOf(displayValue), at: optional(sourceLocation), time: number },
  call: { call: adapterCallRecord, time: number },
  notice: { text: string, time: number },
  error: { error: runError, time: number },
  value: { label: string, value: displayValue, time: number },
});

const shortenedParam = either(
  object<{ readonly blob: string; readonly length?: number }>({ blob: string, length: optional(number) }),
  object<{ readonly text: string; readonly length: number }>({ text: string, length: number }),
  'a BLOB or shortened text',
);
const sqlParam: Guard<SqlParam> = either(
  either(string, number, 'a string or a number'),
  either(nullValue, shortenedParam, 'null, a BLOB or shortened text'),
  'an SQL parameter',
);

const statementOrigin = variants<StatementOrigin, 'kind'>('kind', {
  call: { callId: number, method: string },
  calls: { methods: arrayOf(string) },
  code: {},
  playground: {},
});

export const statementRecord = object<StatementRecord>({
  seq: number,
  sql: string,
  sqlLength: optional(number),
  paramCount: optional(number),
  params: either(arrayOf(sqlParam), recordOf(sqlParam), 'parameters (a list or named)'),
  durationMs: number,
  rowsReturned: number,
  rowsAffected: number,
  error: optional(string),
  origin: statementOrigin,
  time: number,
});

const cellValue: Guard<CellValue> = either(either(string, number, 'text or a number'), either(nullValue, bytes, 'null or bytes'), 'an SQLite value');

const rowView = object<RowView>({
  key: string,
  values: arrayOf(cellValue),
  status: oneOf('same', 'inserted', 'updated', 'deleted'),
  changed: optional(arrayOf(tuple(number, cellValue))),
  transient: optional(boolean),
  clipped: optional(arrayOf(tuple(number, number, oneOf('value', 'before')))),
});

export const tableView = object<TableView>({
  name: string,
  columns: arrayOf(string),
  columnCount: number,
  rows: arrayOf(rowView),
  rowCount: number,
  truncated: boolean,
  created: boolean,
  changes: object<TableView['changes']>({ inserted: number, updated: number, deleted: number }),
});

const columnInfo = object<ColumnInfo>({
  name: string,
  type: string,
  notNull: boolean,
  primaryKey: number,
  defaultValue: either(string, nullValue, 'text or null'),
});

const indexInfo = object<IndexInfo>({
  name: string,
  unique: boolean,
  columns: arrayOf(string),
  origin: oneOf('c', 'u', 'pk'),
  sql: either(string, nullValue, 'text or null'),
});

const foreignKeyInfo = object<ForeignKeyInfo>({ columns: arrayOf(string), table: string, references: arrayOf(string), onDelete: string, onUpdate: string });

const tableSchema = object<TableSchema>({
  name: string,
  sql: string,
  columns: arrayOf(columnInfo),
  indexes: arrayOf(indexInfo),
  foreignKeys: arrayOf(foreignKeyInfo),
  withoutRowid: boolean,
});

const schemaInfo = object<SchemaInfo>({ tables: arrayOf(tableSchema) });

const adapterInfo = object<AdapterInfo>({ description: string, methods: arrayOf(oneOf(...ADAPTER_METHODS)) });

const changeSource = variants<ChangeSource, 'kind'>('kind', {
  run: {},
  call: { method: string },
  flow: { flow: oneOf(...FLOW_IDS), browser: oneOf(...BROWSER_IDS) },
  import: { fileName: string },
});

const cookieChange = object<CookieChange>({ name: string, value: string, valueLength: optional(number), attributes: string, cleared: boolean });

const httpExchange = object<HttpExchange>({
  seq: number,
  from: oneOf(...BROWSER_IDS, 'server'),
  to: oneOf('auth', 'provider', 'app', 'mail'),
  method: string,
  url: string,
  urlLength: optional(number),
  status: number,
  location: optional(string),
  cookies: arrayOf(string),
  setCookies: arrayOf(cookieChange),
  requestBody: optional(string),
  responseBody: optional(string),
  time: number,
  durationMs: number,
});

const browserCookie = object<BrowserCookie>({ name: string, value: string, valueLength: optional(number), expires: optional(string) });

const browserInfo = object<BrowserInfo>({ id: oneOf(...BROWSER_IDS), label: string, cookies: arrayOf(browserCookie), signedInAs: optional(string) });

const mailInfo = object<MailInfo>({ id: number, to: string, subject: string, url: string, provider: string, sent: string, opened: number });

const providerInfo = object<ProviderInfo>({
  id: string,
  name: string,
  type: oneOf('oauth', 'oidc', 'email', 'credentials', 'webauthn'),
  added: boolean,
  fields: optional(recordOf(string)),
});

/** The simulated provider's profile: a JSON object the panel shows and edits. */
const profile = recordOf<unknown>((value, path) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? `${path}: expected a JSON value` : undefined,
);

const authInfo = object<AuthInfo>({
  description: string,
  basePath: string,
  sessionStrategy: oneOf('database', 'jwt'),
  maxAge: number,
  updateAge: number,
  providers: arrayOf(providerInfo),
  browsers: arrayOf(browserInfo),
  inbox: arrayOf(mailInfo),
  profile,
  clockOffsetMs: number,
});

export const outcome = object<Outcome>({
  ok: boolean,
  error: optional(runError),
  source: changeSource,
  console: arrayOf(consoleEntry),
  statements: arrayOf(statementRecord),
  statementsDropped: optional(number),
  callsDropped: optional(number),
  calls: arrayOf(adapterCallRecord),
  tables: arrayOf(tableView),
  schema: schemaInfo,
  adapter: either(adapterInfo, nullValue, 'an adapter or null'),
  auth: either(authInfo, nullValue, 'an Auth.js app or null'),
  http: arrayOf(httpExchange),
  httpDropped: optional(number),
  durationMs: number,
  database: either(nullValue, bytes, 'a database file or null'),
});

export const runtimeVersions = object<RuntimeVersions>({ orm: string, adapter: string, database: string });

const wholeValue: Guard<WholeValue> = either(
  either(string, number, 'text or a number'),
  either(nullValue, object<{ readonly hex: string }>({ hex: string }), 'null or a BLOB in hex'),
  'a stored value',
);

const runtimeResponse = variants<RuntimeResponse, 'type'>('type', {
  ready: { versions: runtimeVersions, startupMs: number, files: recordOf(arrayBuffer) },
  outcome: { id: number, outcome },
  database: { id: number, bytes },
  value: { id: number, value: wholeValue },
  refused: { id: number, message: string },
  progress: { id: number, console: arrayOf(consoleEntry) },
  fatal: { message: string },
  'load-auth': {},
});

/** Why `value` is not a message the runtime may send (a path and what was expected), or undefined. */
export function checkRuntimeResponse(value: unknown): string | undefined {
  return runtimeResponse(value, 'message');
}

/**
 * Text the runtime sent, for the page to show after a label of its own: one line, and short —
 * the reader's code can send any text through the runtime's port.
 */
export function runtimeText(text: string, max = 300): string {
  const line = text
    .slice(0, max * 2)
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
