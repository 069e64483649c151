/**
 * Share links: the whole playground state in the URL hash, so a link reproduces a bug with no
 * server behind it. `#<version>.<base64url of raw-deflated UTF-8 JSON>`. Links live forever in
 * issues and chats, so every version ever written stays decodable: old payloads are migrated to
 * the current shape before validation, and the decoder never trusts (nor throws on) its input.
 *
 * The database engine came later without a new format: a format-2 link names it (`e`, right
 * after the ORM, where the page's inline script reads both cheaply) only when it is not SQLite,
 * so links without it — every link written before, and every SQLite link since — open on SQLite.
 * The adapter implementation came the same way: `i`, right after the engine, only when it is not
 * ours (DEFAULT_IMPLEMENTATION).
 */
import { Inflate, deflateSync } from 'fflate';
import { DEFAULT_ENGINE, ENGINE_IDS, type EngineId, ORM_IDS, type OrmId, type SourceFile } from '../protocol.ts';
import { DEFAULT_IMPLEMENTATION, IMPLEMENTATION_IDS, isImplementationId } from '../implementation-registry.ts';
import { DEFAULT_OPTIONS, invalidFileName, type PlaygroundState } from '../store/state.ts';

export const CURRENT_VERSION = 2;

/**
 * Longest hash (with its `#`) looked at; beyond it a link is refused before any decoding work.
 * MAX_TOTAL_CODE of code that does not compress can make a longer one (wide code points take
 * three UTF-8 bytes each), so the encoder checks the link it makes against this too.
 */
export const MAX_HASH_LENGTH = 600_000;
/** Most bytes a payload may inflate to: stops deflate bombs while inflating, not after. */
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024;
export const MAX_FILES = 30;
export const MAX_TOTAL_CODE = 300_000;

/**
 * GitHub truncates or refuses URLs longer than about this in issue bodies and links, so a link
 * past it would arrive broken; the playground warns above it and the issue text carries the code.
 */
export const GITHUB_URL_LIMIT = 8000;

export type DecodeFailure = 'empty' | 'malformed' | 'truncated' | 'too-large' | 'unknown-version' | 'invalid';

export type DecodeResult = { ok: true; state: PlaygroundState; version: number } | { ok: false; reason: DecodeFailure; message: string };

/** Only these hashes are share links; others (Starlight heading anchors such as `#intro`) are not ours. */
const SHARE_LINK = /^#?(\d+)\.([\s\S]*)$/;

/** What the page does when a link can't be opened; said once so every message agrees. */
const FALLBACK = 'The default example is loaded instead.';

// ---------------------------------------------------------------------------------------------
// Encoding

/** The current format's JSON: short keys, because every character counts against URL limits. */
interface WireV2 {
  o: string;
  /** The engine, absent for SQLite (DEFAULT_ENGINE). Second, so that the ORM and the engine are the JSON's first characters. */
  e?: string;
  /** The adapter implementation, absent for ours (DEFAULT_IMPLEMENTATION). Right after the engine, for the inline script too. */
  i?: string;
  f: Array<[string, string]>;
  a: number;
  /** Options: a fresh database each run; compare mode (`c`, absent when off, as in every link before it). */
  x: { fresh: 0 | 1; c?: 1 };
}

/**
 * Why the encoder made no link: the decoder would refuse it. `size` and `limit` are in the unit
 * the message names (characters of the link, bytes of unpacked code), absent for an invalid state.
 */
export class ShareLinkRefusedError extends Error {
  override readonly name = 'ShareLinkRefusedError';
  readonly reason: 'too-large' | 'invalid';
  readonly size: number | undefined;
  readonly limit: number | undefined;

  constructor(reason: 'too-large' | 'invalid', message: string, size?: number, limit?: number) {
    super(message);
    this.reason = reason;
    this.size = size;
    this.limit = limit;
  }
}

/**
 * The state's share link (without `#`). Throws ShareLinkRefusedError rather than write a link
 * the decoder would refuse: the same checks, in the same order, on what it would read.
 */
export function encodeState(state: PlaygroundState): string {
  const parsed = parseState(state);
  if (!parsed.ok) throw new ShareLinkRefusedError('invalid', `This code can't be shared as a link: ${parsed.message}.`);
  const json = new TextEncoder().encode(JSON.stringify(toWireV2(parsed.state)));
  if (json.length > MAX_INFLATED_BYTES) {
    throw new ShareLinkRefusedError(
      'too-large',
      `This code is ${count(json.length)} bytes as link data; the playground opens links of up to ${count(MAX_INFLATED_BYTES)} bytes once unpacked.`,
      json.length,
      MAX_INFLATED_BYTES,
    );
  }
  const hash = `${CURRENT_VERSION}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
  const length = hash.length + 1; // the decoder counts the `#` of location.hash
  if (length > MAX_HASH_LENGTH) {
    throw new ShareLinkRefusedError(
      'too-large',
      `This code makes a link of ${count(length)} characters; the playground opens links of up to ${count(MAX_HASH_LENGTH)} characters.`,
      length,
      MAX_HASH_LENGTH,
    );
  }
  return hash;
}

function toWireV2(state: PlaygroundState): WireV2 {
  const active = Math.max(
    0,
    state.files.findIndex((file) => file.name === state.active),
  );
  return {
    o: state.orm,
    ...(state.engine === DEFAULT_ENGINE ? {} : { e: state.engine }),
    ...(state.implementation === DEFAULT_IMPLEMENTATION ? {} : { i: state.implementation }),
    f: state.files.map((file) => [file.name, file.code]),
    a: active,
    x: { fresh: state.options.freshDatabase ? 1 : 0, ...(state.options.compare ? { c: 1 } : {}) },
  };
}

/** `pageUrl` with its hash (if any) replaced by the state's share link; throws as encodeState does. */
export function shareUrl(pageUrl: string, state: PlaygroundState): string {
  const hash = pageUrl.indexOf('#');
  return `${hash === -1 ? pageUrl : pageUrl.slice(0, hash)}#${encodeState(state)}`;
}

/** The length a URL has once percent-encoded, which is what GitHub's limit counts. */
export function linkLength(url: string): number {
  let length = 0;
  for (const byte of new TextEncoder().encode(url)) length += byte < 0x80 ? 1 : 3;
  return length;
}

// ---------------------------------------------------------------------------------------------
// Decoding

export function decodeState(hash: string): DecodeResult {
  try {
    return decode(hash);
  } catch {
    // Every expected failure is handled below; this only keeps the "never throws" promise.
    return fail('malformed', 'This link could not be read: its code is damaged.');
  }
}

function decode(hash: string): DecodeResult {
  if (typeof hash !== 'string') return fail('empty', 'There is no shared code in this link.');
  const link = SHARE_LINK.exec(hash);
  if (!link) return fail('empty', 'There is no shared code in this link.');
  if (hash.length > MAX_HASH_LENGTH) {
    return fail('too-large', `This link is ${count(hash.length)} characters long; the playground opens links of up to ${count(MAX_HASH_LENGTH)} characters.`);
  }
  const [, digits = '', payload = ''] = link;
  const version = digits === '1' ? 1 : digits === '2' ? 2 : null;
  if (version === null) {
    const shown = digits.length > 12 ? `${digits.slice(0, 12)}…` : digits;
    return fail(
      'unknown-version',
      `This link uses share-link format ${shown}, but this playground reads formats 1–${CURRENT_VERSION}. It may come from a newer Adapter Lab: reloading the page may fix it.`,
    );
  }
  const bytes = fromBase64Url(payload);
  if (typeof bytes === 'number') {
    const char = payload.codePointAt(bytes) ?? 0;
    return fail(
      'malformed',
      `This link is damaged: it contains ${JSON.stringify(String.fromCodePoint(char))} (at character ${count(bytes + 1)} of its code), which never appears in a share link.`,
    );
  }
  // No whole base64 text is 1 mod 4 long: only a cut one.
  if (payload.length === 0 || payload.length % 4 === 1) return truncated();
  const inflated = inflateWithLimit(bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) {
    if (inflated.reason === 'too-large') {
      return fail(
        'too-large',
        `This link's code is larger than ${megabytes(MAX_INFLATED_BYTES)} once unpacked; the playground opens up to ${megabytes(MAX_INFLATED_BYTES)}.`,
      );
    }
    return truncated();
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return fail('malformed', 'This link is damaged: its code unpacks to something that is not playground data.');
  }
  const wire = version === 1 ? migrateV1(json) : json;
  const normalised = fromWireV2(wire);
  const parsed = typeof normalised === 'string' ? { ok: false as const, message: normalised } : parseState(normalised);
  if (!parsed.ok) return fail('invalid', `This link's code can't be opened: ${parsed.message}.`);
  return { ok: true, state: parsed.state, version };
}

function fail(reason: DecodeFailure, message: string): DecodeResult {
  // Not-a-link is silent on the page, so it gets no fallback sentence.
  return { ok: false, reason, message: reason === 'empty' ? message : `${message} ${FALLBACK}` };
}

function truncated(): DecodeResult {
  return fail('truncated', "This link's code is incomplete — it was probably cut off when it was copied.");
}

/** v1 → v2: v1 had no active file (the first was open) and no options (defaults). */
function migrateV1(json: unknown): unknown {
  if (!isRecord(json)) return json;
  return { ...json, a: 0, x: { fresh: DEFAULT_OPTIONS.freshDatabase ? 1 : 0 } };
}

/**
 * The v2 wire object as a PlaygroundState-shaped value for `parseState`, or the first problem
 * with the wire structure itself. Contents (names, code, orm) are left for `parseState` to judge.
 */
function fromWireV2(wire: unknown): unknown {
  if (!isRecord(wire)) return 'its data is not a playground';
  const files = wire['f'];
  if (!Array.isArray(files)) return 'it has no file list';
  const entries: unknown[] = [];
  for (const [i, entry] of files.entries()) {
    if (!Array.isArray(entry)) return `file ${i + 1} is not a [name, code] pair`;
    entries.push({ name: entry[0], code: entry[1] });
  }
  const active = wire['a'];
  if (typeof active !== 'number' || !Number.isInteger(active)) return 'the open file is not given by its number';
  if (files.length > 0 && (active < 0 || active >= files.length)) {
    return `the open file is number ${active + 1}, but the link has ${files.length} file${files.length === 1 ? '' : 's'}`;
  }
  const options = wire['x'];
  const fresh = isRecord(options) ? options['fresh'] : undefined;
  if (fresh !== 0 && fresh !== 1) return 'its options are not valid (fresh must be 0 or 1)';
  const compare = isRecord(options) ? options['c'] : undefined;
  if (compare !== undefined && compare !== 1) return 'its options are not valid (c must be 1 or absent)';
  const activeEntry: unknown = files[active];
  const engine = wire['e'];
  if (engine !== undefined && !(ENGINE_IDS as readonly unknown[]).includes(engine)) return `its database must be ${ENGINE_IDS.join(' or ')}`;
  const implementation = wire['i'];
  if (implementation !== undefined && !isImplementationId(implementation)) return `its adapter must be ${IMPLEMENTATION_IDS.join(' or ')}`;
  return {
    orm: wire['o'],
    engine: engine ?? DEFAULT_ENGINE,
    implementation: implementation ?? DEFAULT_IMPLEMENTATION,
    files: entries,
    active: Array.isArray(activeEntry) ? activeEntry[0] : undefined,
    options: { freshDatabase: fresh === 1, ...(compare === 1 ? { compare: true } : {}) },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation (shared with autosave)

/**
 * Checks a value of PlaygroundState's in-memory shape and returns a fresh copy without extra
 * properties. `message` names the first problem as a phrase ("file 2 has no name") for the
 * caller to put in its own sentence.
 */
export function parseState(value: unknown): { ok: true; state: PlaygroundState } | { ok: false; message: string } {
  const problem = (message: string) => ({ ok: false as const, message });
  if (!isRecord(value)) return problem('the data is not a playground');
  const orm = value['orm'];
  if (typeof orm !== 'string' || !(ORM_IDS as readonly string[]).includes(orm)) return problem(`orm must be ${ORM_IDS.join(' or ')}`);
  // Absent in autosaves from before the engine choice: they were SQLite.
  const engine = value['engine'] ?? DEFAULT_ENGINE;
  if (typeof engine !== 'string' || !(ENGINE_IDS as readonly string[]).includes(engine)) return problem(`engine must be ${ENGINE_IDS.join(' or ')}`);
  // Absent in autosaves from before the adapter choice: they ran ours.
  const implementation = value['implementation'] ?? DEFAULT_IMPLEMENTATION;
  if (!isImplementationId(implementation)) return problem(`implementation must be ${IMPLEMENTATION_IDS.join(' or ')}`);

  const files = value['files'];
  if (!Array.isArray(files)) return problem('there is no file list');
  if (files.length === 0) return problem('there are no files');
  if (files.length > MAX_FILES) return problem(`there are ${count(files.length)} files; the playground holds up to ${MAX_FILES}`);
  const parsed: SourceFile[] = [];
  let total = 0;
  for (const [i, file] of (files as unknown[]).entries()) {
    const n = i + 1;
    if (!isRecord(file)) return problem(`file ${n} is not a file`);
    const name = file['name'];
    if (typeof name !== 'string' || name === '') return problem(`file ${n} has no name`);
    const bad = invalidFileName(name, []);
    if (bad !== null) return problem(`file ${n} is named ${quote(name)}, but ${lowerFirst(bad).replace(/\.$/, '')}`);
    const first = parsed.findIndex((other) => other.name === name);
    if (first !== -1) return problem(`files ${first + 1} and ${n} are both named ${name}`);
    const code = file['code'];
    if (typeof code !== 'string') return problem(`the code of file ${n} (${name}) is not text`);
    total += code.length;
    parsed.push({ name, code });
  }
  if (total > MAX_TOTAL_CODE) return problem(`the code is ${count(total)} characters in total; the playground holds up to ${count(MAX_TOTAL_CODE)}`);

  const active = value['active'];
  if (typeof active !== 'string' || !parsed.some((file) => file.name === active)) {
    return problem(typeof active === 'string' ? `the open file ${quote(active)} is not one of the files` : 'the open file is not named');
  }
  const options = value['options'];
  const fresh = isRecord(options) ? options['freshDatabase'] : undefined;
  if (typeof fresh !== 'boolean') return problem('options.freshDatabase must be true or false');
  const compare = isRecord(options) ? options['compare'] : undefined;
  if (compare !== undefined && typeof compare !== 'boolean') return problem('options.compare must be true or false');
  return {
    ok: true,
    state: {
      orm: orm as OrmId,
      engine: engine as EngineId,
      implementation,
      files: parsed,
      active,
      options: { freshDatabase: fresh, ...(compare ? { compare } : {}) },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bytes

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALPHABET_CODES = new TextEncoder().encode(ALPHABET);
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;

/** Unpadded base64url (written by hand: `btoa` needs a binary string, and Buffer is Node-only). */
export function toBase64Url(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  let i = 0;
  const code = (sextet: number) => ALPHABET_CODES[sextet & 63] ?? 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = code(n >> 18);
    out[o++] = code(n >> 12);
    out[o++] = code(n >> 6);
    out[o++] = code(n);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out[o++] = code(n >> 18);
    out[o++] = code(n >> 12);
    if (rest === 2) out[o++] = code(n >> 6);
  }
  return new TextDecoder().decode(out.subarray(0, o));
}

/** The bytes, or the index of the first character outside the alphabet (a dangling last character is dropped). */
export function fromBase64Url(text: string): Uint8Array | number {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let n = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const sextet = c < 128 ? (SEXTETS[c] ?? -1) : -1;
    if (sextet < 0) return i;
    n = (n << 6) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (n >> bits) & 0xff;
      n &= (1 << bits) - 1;
    }
  }
  return out.subarray(0, o);
}

/** Input is fed in slices this big so that one slice can inflate to about a megabyte at most. */
const INFLATE_SLICE = 1024;

/**
 * Raw-inflates `bytes`, giving up as soon as the output passes `limit`. fflate inflates all it is
 * given at once, so the input goes in small slices: a bomb is caught after at most one slice's
 * worth of output past the limit, never at its full size. `produced` is how much was inflated.
 */
export function inflateWithLimit(
  bytes: Uint8Array,
  limit: number,
): { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'truncated'; produced: number } {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) over = true;
    else chunks.push(chunk);
  });
  try {
    // The last push must carry data and `final`: fflate skips an empty final push without
    // checking that the stream ended, which would let a cut link through.
    for (let at = 0; at < bytes.length && !over; at += INFLATE_SLICE) {
      inflate.push(bytes.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= bytes.length);
    }
  } catch {
    // A cut stream ends early ("unexpected EOF"); rarely it first reads the missing bits as an
    // impossible code. Both are what a truncated link looks like.
    return over ? { ok: false, reason: 'too-large', produced } : { ok: false, reason: 'truncated', produced };
  }
  if (over) return { ok: false, reason: 'too-large', produced };
  if (bytes.length === 0) return { ok: false, reason: 'truncated', produced };
  const out = new Uint8Array(produced);
  let o = 0;
  for (const chunk of chunks) {
    out.set(chunk, o);
    o += chunk.length;
  }
  return { ok: true, bytes: out };
}

// ---------------------------------------------------------------------------------------------
// Wording

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 1234567 → "1,234,567", the same in every locale (messages are English). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** A name from untrusted input, shortened and escaped so a message stays one readable line. */
function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
