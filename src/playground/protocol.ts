/**
 * The playground's shared vocabulary: what the page sends the runtime (in its sandboxed worker,
 * or in Node for tests and the docs' example runner) and what comes back. Everything here is
 * plain data that survives `postMessage` (structured clone): no classes, no functions.
 */

// The ORMs are the registry's (orm-registry.ts); re-exported because every message names one.
export { ORM_IDS, ORM_LABELS, type OrmId } from './orm-registry.ts';
export { ENGINE_IDS, DEFAULT_ENGINE, type EngineId } from './engine-registry.ts';
// The database's data as the panels get it belongs to the engine seam (src/engine/database-state.ts).
import type { CellValue, SchemaInfo, WholeValue } from '../engine/database-state.ts';
export type { CellValue, ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo, TableSchema, WholeValue } from '../engine/database-state.ts';

/** A file the reader edits: a name such as `auth.ts` and its TypeScript. */
export interface SourceFile {
  readonly name: string;
  readonly code: string;
}

/** A file as the runtime runs it: the compiled JavaScript and a source map back to the TypeScript. */
export interface CompiledFile {
  readonly name: string;
  readonly js: string;
  /** Source map v3 (JSON text) whose source is `name`; without it, locations are the JS's. */
  readonly map?: string;
}

/** A place in the reader's TypeScript (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface StackFrame {
  readonly fn?: string;
  /** A playground file name (`run.ts`) for the reader's code, else the library's module. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Whether the frame is in the reader's code. */
  readonly user: boolean;
}

/** Where in its life a run failed. */
export type RunPhase = 'compile' | 'load' | 'run' | 'unhandled' | 'uncaught' | 'timeout' | 'stopped' | 'crash';

/** An error the reader should understand: what, where in their code, and what led there. */
export interface RunError {
  readonly name: string;
  readonly message: string;
  readonly phase: RunPhase;
  /** The first place in the reader's code (the frame to show, with a code excerpt). */
  readonly at?: SourceLocation;
  readonly frames: readonly StackFrame[];
  /** A hint from the playground (e.g. what a real app writes instead). */
  readonly hint?: string;
  readonly cause?: RunError;
}

/**
 * A JavaScript value rendered for display (an inspect tree): `preview` is one line, `entries`
 * the expandable children of objects, arrays, maps, sets and errors.
 */
export interface DisplayValue {
  readonly type:
    | 'string'
    | 'number'
    | 'bigint'
    | 'boolean'
    | 'null'
    | 'undefined'
    | 'symbol'
    | 'function'
    | 'date'
    | 'bytes'
    | 'array'
    | 'object'
    | 'map'
    | 'set'
    | 'error'
    | 'promise'
    | 'circular';
  readonly preview: string;
  /** A class or kind name shown before object previews: `User`, `Array(3)`, `Map(1)`. */
  readonly label?: string;
  readonly entries?: ReadonlyArray<readonly [key: string, value: DisplayValue]>;
  /** How many entries were left out (too many to send). */
  readonly more?: number;
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** One line of the Console panel. `time` is milliseconds since the run (or call) started. */
export type ConsoleEntry =
  | { readonly kind: 'log'; readonly level: LogLevel; readonly values: readonly DisplayValue[]; readonly at?: SourceLocation; readonly time: number }
  | { readonly kind: 'call'; readonly call: AdapterCallRecord; readonly time: number }
  | { readonly kind: 'notice'; readonly text: string; readonly time: number }
  | { readonly kind: 'error'; readonly error: RunError; readonly time: number }
  | { readonly kind: 'value'; readonly label: string; readonly value: DisplayValue; readonly time: number };

/**
 * A bound parameter as SQLite received it; BLOBs as hex. A long one is shortened: a string to
 * `{ text, length }` (its first characters, its full length), a BLOB's `blob` to its first
 * bytes with `length` its full size in bytes.
 */
export type SqlParam = string | number | null | { readonly blob: string; readonly length?: number } | { readonly text: string; readonly length: number };

/** Who issued a statement: an adapter method, the reader's own code, or the playground. */
export type StatementOrigin =
  | { readonly kind: 'call'; readonly callId: number; readonly method: string }
  | { readonly kind: 'calls'; readonly methods: readonly string[] }
  | { readonly kind: 'code' }
  | { readonly kind: 'playground' };

export interface StatementRecord {
  readonly seq: number;
  /** The SQL, or its first characters when `sqlLength` is set. */
  readonly sql: string;
  /** The statement's full length in characters, when `sql` holds only its beginning. */
  readonly sqlLength?: number;
  readonly params: readonly SqlParam[] | Readonly<Record<string, SqlParam>>;
  /** How many parameters were bound, when `params` holds only the first ones. */
  readonly paramCount?: number;
  readonly durationMs: number;
  readonly rowsReturned: number;
  readonly rowsAffected: number;
  readonly error?: string;
  readonly origin: StatementOrigin;
  /** Milliseconds since the run (or call) started. */
  readonly time: number;
}

export type RowStatus = 'same' | 'inserted' | 'updated' | 'deleted';

export interface RowView {
  /** Stable identity within the table: its rowid, or its primary key for WITHOUT ROWID tables. */
  readonly key: string;
  /** The row's values (for a deleted row, its last values before deletion). */
  readonly values: readonly CellValue[];
  readonly status: RowStatus;
  /** Indexes of the columns an update changed, with their previous values. */
  readonly changed?: ReadonlyArray<readonly [column: number, before: CellValue]>;
  /** A row inserted and deleted within the same run or call. */
  readonly transient?: boolean;
  /**
   * Cells the runtime cut short before sending (TEXT over 1,000 characters, BLOBs over 256
   * bytes): which column, the value's full length (characters or bytes), and whether the cut
   * value is in `values` or is a previous value in `changed`. Absent when nothing was cut.
   */
  readonly clipped?: ReadonlyArray<readonly [column: number, length: number, of: 'value' | 'before']>;
}

export interface TableView {
  readonly name: string;
  /** The table's first columns (at most 100): the ones each row's `values` hold. */
  readonly columns: readonly string[];
  /** How many columns the table has; `columns` may hold fewer. */
  readonly columnCount: number;
  readonly rows: readonly RowView[];
  /** Rows in the table now (deleted rows not counted); `rows` may hold fewer (see `truncated`). */
  readonly rowCount: number;
  /** Rows were left out: the table has more than were read, or than fit in the message. */
  readonly truncated: boolean;
  /** Created by the last run or call. */
  readonly created: boolean;
  /** Counts of the last run's or call's changes. */
  readonly changes: { readonly inserted: number; readonly updated: number; readonly deleted: number };
}

/** Where an adapter call came from: the reader's code, the Adapter panel, or Auth.js during a flow. */
export type CallSource = 'code' | 'panel' | 'flow';

/** Rows one adapter call changed, per table. */
export interface TableChange {
  readonly table: string;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

export interface AdapterCallRecord {
  readonly id: number;
  readonly method: string;
  readonly args: readonly DisplayValue[];
  readonly result?: DisplayValue;
  readonly error?: RunError;
  readonly durationMs: number;
  readonly statements: number;
  readonly changes: readonly TableChange[];
  readonly source: CallSource;
  /** Where the reader's code made the call. */
  readonly at?: SourceLocation;
  /** Another call was in flight at the same time (statements may belong to either). */
  readonly concurrent: boolean;
}

/** The Auth.js Adapter methods, in the order the Adapter interface lists them. */
export const ADAPTER_METHODS = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'createSession',
  'getSessionAndUser',
  'updateSession',
  'deleteSession',
  'createVerificationToken',
  'useVerificationToken',
  'getAccount',
  'createAuthenticator',
  'getAuthenticator',
  'listAuthenticatorsByUserId',
  'updateAuthenticatorCounter',
] as const;

export type AdapterMethod = (typeof ADAPTER_METHODS)[number];

export interface AdapterInfo {
  /** Which adapter the panel calls: its package and how the reader's code got it. */
  readonly description: string;
  readonly methods: readonly AdapterMethod[];
}

/**
 * The Auth.js flows the playground performs with its simulated browsers (runtime/auth/flows.ts):
 * each is a sequence of real HTTP requests to Auth.js (`Auth(request, config)` from @auth/core)
 * with the reader's configuration.
 */
export const FLOW_IDS = [
  'oauth-sign-in',
  'email-sign-in',
  'open-email-link',
  'credentials-sign-in',
  'sign-out',
  'link-account',
  'refresh-session',
  'expire-session',
  'session',
  'delete-user',
] as const;

export type FlowId = (typeof FLOW_IDS)[number];

/** The two simulated browsers: the reader's, and "another device" (its own cookies). */
export type BrowserId = 'main' | 'other';

export const BROWSER_IDS: readonly BrowserId[] = ['main', 'other'];

/** One flow as the page asks for it. */
export interface FlowRequest {
  readonly flow: FlowId;
  readonly browser: BrowserId;
  /** The provider to sign in with (its id), for the sign-in flows; else the first of its type. */
  readonly provider?: string;
  /** email-sign-in: the address to send the link to. */
  readonly email?: string;
  /** oauth-sign-in, link-account: the profile the simulated provider returns (JSON object). */
  readonly profile?: Readonly<Record<string, unknown>>;
  /** credentials-sign-in: the form's fields. */
  readonly credentials?: Readonly<Record<string, string>>;
  /** open-email-link: which mail of the inbox (MailInfo.id); else the newest. */
  readonly mail?: number;
}

/** A cookie as a Set-Cookie header set or cleared it. */
export interface CookieChange {
  readonly name: string;
  /** The value, its first characters when `valueLength` is set. */
  readonly value: string;
  readonly valueLength?: number;
  /** Path, Expires/Max-Age, HttpOnly, SameSite, Secure as sent. */
  readonly attributes: string;
  /** Max-Age=0 or an Expires in the past: the cookie was deleted. */
  readonly cleared: boolean;
}

/** One request a simulated browser (or Auth.js itself, to the simulated provider) made, and its answer. */
export interface HttpExchange {
  readonly seq: number;
  /** Which browser sent it; 'server' for Auth.js's own requests (token, profile) to the provider. */
  readonly from: BrowserId | 'server';
  /** Who answered: the reader's Auth.js, the simulated provider, the app's own pages, the simulated mail service. */
  readonly to: 'auth' | 'provider' | 'app' | 'mail';
  readonly method: string;
  /** The full URL, its first characters when `urlLength` is set. */
  readonly url: string;
  readonly urlLength?: number;
  readonly status: number;
  /** The Location header of a redirect. */
  readonly location?: string;
  /** Names of the cookies the request carried. */
  readonly cookies: readonly string[];
  readonly setCookies: readonly CookieChange[];
  /** The request's form or JSON body, shortened (secrets such as client_secret masked). */
  readonly requestBody?: string;
  /** The answer's body when it is JSON or text, shortened; HTML pages are summarised by their title. */
  readonly responseBody?: string;
  /** Milliseconds since the action started. */
  readonly time: number;
  readonly durationMs: number;
}

/** A cookie a simulated browser holds. */
export interface BrowserCookie {
  readonly name: string;
  readonly value: string;
  readonly valueLength?: number;
  /** ISO date; absent for a session cookie. */
  readonly expires?: string;
}

export interface BrowserInfo {
  readonly id: BrowserId;
  readonly label: string;
  readonly cookies: readonly BrowserCookie[];
  /** Who Auth.js's session endpoint said is signed in there, at the browser's last request. */
  readonly signedInAs?: string;
}

/** A message the simulated mail service received (the email provider's magic link). */
export interface MailInfo {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  /** The sign-in link. */
  readonly url: string;
  readonly provider: string;
  /** ISO date it was sent (simulated clock). */
  readonly sent: string;
  /** How many times a browser opened it. */
  readonly opened: number;
}

export interface ProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly type: 'oauth' | 'oidc' | 'email' | 'credentials' | 'webauthn';
  /** Added by the playground because the configuration listed none of its kind. */
  readonly added: boolean;
  /** Credentials: the form's fields (name → label). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** The Auth.js app the reader's code configured, and the state of its simulated world. */
export interface AuthInfo {
  /** How the code configured it: e.g. `NextAuth({…}) from next-auth`. */
  readonly description: string;
  /** Where Auth.js's routes live: `/api/auth` for next-auth, `/auth` for Express, SvelteKit and Qwik. */
  readonly basePath: string;
  readonly sessionStrategy: 'database' | 'jwt';
  readonly maxAge: number;
  readonly updateAge: number;
  readonly providers: readonly ProviderInfo[];
  readonly browsers: readonly BrowserInfo[];
  readonly inbox: readonly MailInfo[];
  /** The profile the simulated OAuth provider returns next (editable in the panel). */
  readonly profile: Readonly<Record<string, unknown>>;
  /** How far the simulated clock runs ahead of real time (refresh and expiry move it), in ms. */
  readonly clockOffsetMs: number;
}

/** What changed the database last, so panels can say "changes of …". */
export type ChangeSource =
  | { readonly kind: 'run' }
  | { readonly kind: 'call'; readonly method: string }
  | { readonly kind: 'flow'; readonly flow: FlowId; readonly browser: BrowserId }
  | { readonly kind: 'import'; readonly fileName: string };

/** Everything the panels show after a run, a call, a flow or an import. */
export interface Outcome {
  readonly ok: boolean;
  readonly error?: RunError;
  readonly source: ChangeSource;
  readonly console: readonly ConsoleEntry[];
  /** The first statements of the action (see output-limits.ts); `statementsDropped` counts the others. */
  readonly statements: readonly StatementRecord[];
  /** Statements that ran but were not recorded, over the runtime's limit per action. */
  readonly statementsDropped?: number;
  /** Adapter calls that ran but were not recorded (over CALL_LIMIT, output-limits.ts); `calls` holds the first. */
  readonly callsDropped?: number;
  readonly calls: readonly AdapterCallRecord[];
  readonly tables: readonly TableView[];
  readonly schema: SchemaInfo;
  /** The adapter the Adapter panel calls, or null when the code configured none. */
  readonly adapter: AdapterInfo | null;
  /** The Auth.js app of the last run (its configuration, or one the playground made around the adapter), or null. */
  readonly auth: AuthInfo | null;
  /** The HTTP requests of the action's flows (buttons or the code's `browser`), in order. */
  readonly http: readonly HttpExchange[];
  /** Exchanges over the limit that were not recorded. */
  readonly httpDropped?: number;
  readonly durationMs: number;
  /**
   * The database file after it all (EngineDatabase.export(): an SQLite file with sql.js), kept by
   * the page so nothing is lost; null when the engine keeps its database and exports it only when
   * asked (`export-database`): PGlite's dump takes far longer than a run.
   */
  readonly database: Uint8Array | null;
}

export interface RuntimeVersions {
  readonly orm: string;
  readonly adapter: string;
  /** The database engine and its version (Engine.version, e.g. "SQLite 3.49.1", "PostgreSQL 19.0 (PGlite 0.6.1)"). */
  readonly database: string;
}

/**
 * What the page downloads for an engine and hands the worker (which fetches nothing): sql.js's
 * wasm; PGlite's wasm, its file-system bundle (`pglite.data`) and a fresh cluster's data
 * directory (a .tar.gz made at build time: PGlite starts from it without running initdb).
 */
export type EngineAssets = SqliteAssets | PostgresAssets;
/** An engine's files by their EngineAssets names, as the page keeps them. */
export type EngineFiles = Readonly<Record<string, ArrayBuffer>>;
export interface SqliteAssets {
  readonly engine: 'sqlite';
  readonly wasm: ArrayBuffer;
}
export interface PostgresAssets {
  readonly engine: 'postgres';
  readonly pgliteWasm: ArrayBuffer;
  readonly fsBundle: ArrayBuffer;
  readonly dataDir: ArrayBuffer;
}

/**
 * Page → runtime, first: the engine's assets and the database file to start from (an SQLite
 * file, or PGlite's data-directory dump, a .tar.gz).
 */
export interface RuntimeInit {
  readonly type: 'init';
  readonly assets: EngineAssets;
  readonly database: Uint8Array | null;
}

/**
 * Page → runtime, when the runtime asked for it (`load-auth`): Auth.js's code (@auth/core and the
 * playground's modules over it, a classic script the page downloads once), or why it could not.
 * Only code that imports Auth.js, or a flow, needs it: nothing else downloads it.
 */
export type AuthCode = { readonly type: 'auth-code'; readonly code: string } | { readonly type: 'auth-code'; readonly error: string };

/** Page → runtime. */
export type RuntimeRequest =
  /** `database`: bytes to start from (else fresh, or the current one when `keep`). */
  | {
      readonly type: 'run';
      readonly id: number;
      readonly files: readonly CompiledFile[];
      readonly entry: string;
      readonly database: Uint8Array | null;
      readonly keep: boolean;
    }
  | { readonly type: 'call'; readonly id: number; readonly method: AdapterMethod; readonly args: readonly unknown[] }
  | { readonly type: 'flow'; readonly id: number; readonly flow: FlowRequest }
  | { readonly type: 'load-database'; readonly id: number; readonly bytes: Uint8Array; readonly fileName: string }
  /**
   * One whole value of the current database, for a cell the Tables panel has only the start of:
   * the row by its RowView.key, the column by name. Read only: no outcome, nothing changes.
   */
  | { readonly type: 'read-value'; readonly id: number; readonly table: string; readonly key: string; readonly column: string }
  /** The current database as a file (for an engine whose outcomes carry none): answered with `database`. */
  | { readonly type: 'export-database'; readonly id: number };

/** Runtime → page. */
export type RuntimeResponse =
  /**
   * The runtime started. `files` gives the engine's files back (by their EngineAssets names):
   * the runtime no longer needs them once the engine is open, and the page keeps them for later
   * starts without copying megabytes on its main thread (engine-downloads.ts).
   */
  | { readonly type: 'ready'; readonly versions: RuntimeVersions; readonly startupMs: number; readonly files: EngineFiles }
  | { readonly type: 'outcome'; readonly id: number; readonly outcome: Outcome }
  /** The answer to `read-value` (a row or column that is gone, or a value over the limit, is `refused`). */
  | { readonly type: 'value'; readonly id: number; readonly value: WholeValue }
  /** The answer to `export-database`. */
  | { readonly type: 'database'; readonly id: number; readonly bytes: Uint8Array }
  /** A request the runtime refused (e.g. a file that is not an SQLite database); nothing changed. */
  | { readonly type: 'refused'; readonly id: number; readonly message: string }
  /** Sent while a request runs: proof of life, and console output so far. */
  | { readonly type: 'progress'; readonly id: number; readonly console: readonly ConsoleEntry[] }
  | { readonly type: 'fatal'; readonly message: string }
  /** The runtime needs Auth.js's code; the page answers with `AuthCode`. */
  | { readonly type: 'load-auth' };

/**
 * How the page starts a runtime in the production build (sandbox/handshake.ts): the sandbox
 * iframe says it is up (`SandboxReady`, to the page's window); the page sends it the worker's
 * script and one end of a channel (`SandboxStart`); the sandbox starts the worker and hands it
 * that end (`WorkerConnect`; under `astro dev` the page starts a module worker and does this
 * itself); the page sends `RuntimeInit` on its end, and the runtime answers `ready` or `fatal`.
 * The inline scripts cannot import these names: the page passes them in (index.astro,
 * sandbox-frame.ts).
 */
export const HANDSHAKE = {
  sandboxReady: 'adapter-lab-sandbox-ready',
  start: 'start',
  connect: 'connect',
  init: 'init',
  ready: 'ready',
  fatal: 'fatal',
} as const satisfies {
  readonly init: RuntimeInit['type'];
  readonly ready: Extract<RuntimeResponse, { type: 'ready' }>['type'];
  readonly fatal: Extract<RuntimeResponse, { type: 'fatal' }>['type'];
  readonly [name: string]: string;
};

export type HandshakeNames = typeof HANDSHAKE;

/** Sandbox → page (window message): the relay listens; the page may send `SandboxStart`. */
export interface SandboxReady {
  readonly type: HandshakeNames['sandboxReady'];
}

/** Page → sandbox (window message): the worker's script, and the port the worker is to talk on. */
export interface SandboxStart {
  readonly type: HandshakeNames['start'];
  readonly source: Blob;
  readonly port: MessagePort;
}

/** Sandbox (or, under `astro dev`, the page) → worker: the port to the page. */
export interface WorkerConnect {
  readonly type: HandshakeNames['connect'];
  readonly port: MessagePort;
}
