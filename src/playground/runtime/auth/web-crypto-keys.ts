/**
 * The keys of the playground's WebCrypto subset (web-crypto.ts), and what its operations share:
 * algorithm names, hashes, byte inputs and WebCrypto's errors. The sandboxed worker runs on an
 * opaque origin, no secure context, so the browser gives it no crypto.subtle and no CryptoKey.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

/** The algorithms the subset knows, spelled as WebCrypto reports them (names match case-insensitively). */
const KNOWN_NAMES = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'HMAC', 'AES-CBC', 'AES-GCM', 'HKDF'] as const;
export type KnownName = (typeof KNOWN_NAMES)[number];

export const HASHES = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
export type HashName = keyof typeof HASHES;
export type Hash = (typeof HASHES)[HashName];

/** The usages WebCrypto allows on a key of each kind. */
const ALLOWED_USAGES: Record<'HMAC' | 'AES-CBC' | 'AES-GCM' | 'HKDF', readonly KeyUsage[]> = {
  HMAC: ['sign', 'verify'],
  'AES-CBC': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  'AES-GCM': ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  HKDF: ['deriveKey', 'deriveBits'],
};

/** WebCrypto reports its failures as DOMExceptions; libraries (jose) tell them apart by name. */
export function cryptoError(name: 'NotSupportedError' | 'InvalidAccessError' | 'OperationError' | 'DataError' | 'SyntaxError', message: string): DOMException {
  return new DOMException(message, name);
}

/** What the subset lacks says so, so a reader who reaches past Auth.js's needs knows why it failed. */
export function unsupported(operation: string, algorithm: string): DOMException {
  return cryptoError(
    'NotSupportedError',
    `${operation} with ${algorithm} is not supported by the playground's WebCrypto subset ` +
      `(the sandbox is no secure context, so the playground brings only what Auth.js uses).`,
  );
}

type AlgorithmInput = AlgorithmIdentifier | { name?: unknown } | null | undefined;

/** The parameters object of an algorithm (a bare name has none). */
export function paramsOf(algorithm: AlgorithmInput): Record<string, unknown> {
  return typeof algorithm === 'object' && algorithm !== null ? (algorithm as Record<string, unknown>) : {};
}

/** The algorithm's name as given, for messages. */
function nameOf(algorithm: AlgorithmInput): string {
  return String(typeof algorithm === 'string' ? algorithm : algorithm?.name);
}

/** The algorithm's canonical name if the subset supports it for this operation, else NotSupportedError. */
export function algorithmName<N extends KnownName>(algorithm: AlgorithmInput, operation: string, supported: readonly N[]): N {
  const given = nameOf(algorithm);
  const known = supported.find((name) => name.toUpperCase() === given.toUpperCase());
  if (!known) throw unsupported(operation, given);
  return known;
}

export function hashName(hash: unknown, operation: string): HashName {
  if (hash === undefined) throw new TypeError(`${operation}: the algorithm needs a 'hash'`);
  return algorithmName(hash as AlgorithmInput, operation, Object.keys(HASHES) as HashName[]);
}

/** A private copy of a BufferSource's bytes: WebCrypto copies its inputs when called, and so do we. */
export function bytesOf(data: unknown, what: string): Uint8Array<ArrayBuffer> {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (data instanceof ArrayBuffer) return new Uint8Array(data).slice();
  throw new TypeError(`${what} must be an ArrayBuffer, a typed array or a DataView`);
}

/** WebCrypto's results are fresh ArrayBuffers of exactly their length. */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/** Each key's bytes, out of reach of the code that holds the key. */
const secrets = new WeakMap<object, Uint8Array<ArrayBuffer>>();
const CONSTRUCTING = Symbol('CryptoKey');

/** A secret key like WebCrypto's CryptoKey: jose's checks read its tag, type, algorithm and usages. */
export class SubsetCryptoKey {
  readonly type: KeyType = 'secret';
  readonly extractable: boolean;
  readonly algorithm: KeyAlgorithm;
  readonly usages: KeyUsage[];

  constructor(token: symbol, bytes: Uint8Array<ArrayBuffer>, algorithm: KeyAlgorithm, extractable: boolean, usages: KeyUsage[]) {
    // Like the real one, only the subset makes keys: `new CryptoKey()` is an illegal constructor.
    if (token !== CONSTRUCTING) throw new TypeError('Illegal constructor');
    this.algorithm = Object.freeze(algorithm);
    this.extractable = extractable;
    this.usages = Object.freeze(usages) as KeyUsage[];
    secrets.set(this, bytes);
    // The real key's properties are read-only getters: no code widens a key's usages afterwards.
    Object.freeze(this);
  }

  get [Symbol.toStringTag](): string {
    return 'CryptoKey';
  }
}

function checkedUsages(name: keyof typeof ALLOWED_USAGES, usages: Iterable<KeyUsage>, operation: string): KeyUsage[] {
  const list = [...new Set(usages)];
  const wrong = list.find((usage) => !ALLOWED_USAGES[name].includes(usage));
  if (wrong) throw cryptoError('SyntaxError', `${operation}: '${wrong}' is no usage of an ${name} key`);
  if (list.length === 0) throw cryptoError('SyntaxError', `${operation}: a secret key needs at least one usage`);
  return list;
}

function keyAlgorithm(name: keyof typeof ALLOWED_USAGES, bytes: Uint8Array, params: Record<string, unknown>, operation: string): KeyAlgorithm {
  switch (name) {
    case 'HMAC': {
      const hash = hashName(params['hash'], operation);
      const bits = bytes.length * 8;
      const { length = bits } = params;
      if (bits === 0) throw cryptoError('DataError', `${operation}: an HMAC key cannot be empty`);
      if (typeof length !== 'number' || length > bits || length <= bits - 8)
        throw cryptoError('DataError', `${operation}: the HMAC length does not fit the key`);
      if (length !== bits) throw unsupported(`${operation} (HMAC key of ${length} bits, not whole bytes)`, 'HMAC');
      return { name, hash: { name: hash }, length: bits } as KeyAlgorithm;
    }
    case 'AES-CBC':
    case 'AES-GCM':
      if (![16, 24, 32].includes(bytes.length)) throw cryptoError('DataError', `${operation}: an AES key has 128, 192 or 256 bits, not ${bytes.length * 8}`);
      return { name, length: bytes.length * 8 } as KeyAlgorithm;
    case 'HKDF':
      return { name };
  }
}

export function importKey(format: KeyFormat, keyData: unknown, algorithm: AlgorithmInput, extractable: boolean, usages: Iterable<KeyUsage>): SubsetCryptoKey {
  const name = algorithmName(algorithm, 'importKey', ['HMAC', 'AES-CBC', 'AES-GCM', 'HKDF']);
  if (format !== 'raw') throw unsupported(`importKey('${format}')`, name);
  const bytes = bytesOf(keyData, 'importKey: the key data');
  const keyAlg = keyAlgorithm(name, bytes, paramsOf(algorithm), 'importKey');
  if (name === 'HKDF' && extractable) throw cryptoError('SyntaxError', 'importKey: HKDF keys are not extractable');
  return new SubsetCryptoKey(CONSTRUCTING, bytes, keyAlg, Boolean(extractable), checkedUsages(name, usages, 'importKey'));
}

/** Only HMAC: jose compares authentication tags by signing both with a throwaway HMAC key. */
export function generateKey(algorithm: AlgorithmInput, extractable: boolean, usages: Iterable<KeyUsage>): SubsetCryptoKey {
  const name = algorithmName(algorithm, 'generateKey', ['HMAC']);
  const params = paramsOf(algorithm);
  const hash = HASHES[hashName(params['hash'], 'generateKey')];
  // WebCrypto's default length is the hash's block size. The bytes come from the scope's
  // getRandomValues, which in the sandbox is the seeded one (sandbox/seeded-random.ts).
  const bits = typeof params['length'] === 'number' ? params['length'] : hash.blockLen * 8;
  if (bits <= 0 || bits % 8 !== 0) throw unsupported(`generateKey (HMAC key of ${bits} bits, not whole bytes)`, name);
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(bits / 8));
  const keyAlg = keyAlgorithm(name, bytes, params, 'generateKey');
  return new SubsetCryptoKey(CONSTRUCTING, bytes, keyAlg, Boolean(extractable), checkedUsages(name, usages, 'generateKey'));
}

export function exportKey(format: KeyFormat, key: CryptoKey): ArrayBuffer {
  const bytes = secretOf(key);
  if (format !== 'raw') throw unsupported(`exportKey('${format}')`, key.algorithm.name);
  if (!key.extractable) throw cryptoError('InvalidAccessError', 'exportKey: the key is not extractable');
  return arrayBufferOf(bytes);
}

function secretOf(key: unknown): Uint8Array<ArrayBuffer> {
  const bytes = typeof key === 'object' && key !== null ? secrets.get(key) : undefined;
  if (!bytes) throw new TypeError("the key is no CryptoKey of the playground's WebCrypto subset");
  return bytes;
}

/** The key's bytes for an operation, checked like WebCrypto: the key's algorithm and usages must fit. */
export function keyBytesFor(key: CryptoKey, name: KnownName, usage: KeyUsage): Uint8Array<ArrayBuffer> {
  const bytes = secretOf(key);
  if (key.algorithm.name !== name) throw cryptoError('InvalidAccessError', `${usage}: the key is an ${key.algorithm.name} key, not ${name}`);
  if (!key.usages.includes(usage)) throw cryptoError('InvalidAccessError', `${usage}: the key's usages do not include '${usage}'`);
  return bytes;
}

export function keyHash(key: CryptoKey): Hash {
  return HASHES[(key.algorithm as HmacKeyAlgorithm).hash.name as HashName];
}
