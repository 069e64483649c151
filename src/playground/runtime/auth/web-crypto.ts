/**
 * A pure-JS subset of WebCrypto's SubtleCrypto, so Auth.js runs in the sandboxed worker: its
 * opaque origin is no secure context, and there the browser defines no crypto.subtle.
 *
 * The subset is what Auth.js's flows call, through @auth/core, jose (JWT session tokens and
 * the encrypted check cookies: "dir" + A256CBC-HS512, A256GCM accepted), @panva/hkdf (the key
 * from AUTH_SECRET) and oauth4webapi (PKCE, client_secret_jwt): digest, HMAC import/generate/
 * sign/verify, AES-CBC and AES-GCM import/encrypt/decrypt, HKDF import/deriveBits, and raw
 * export. Anything else rejects with a NotSupportedError that names it. Nothing here is meant
 * for real secrets: the sandbox's getRandomValues is seeded (sandbox/seeded-random.ts).
 */
import { cbc, gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import {
  HASHES,
  SubsetCryptoKey,
  algorithmName,
  arrayBufferOf,
  bytesOf,
  cryptoError,
  exportKey,
  generateKey,
  hashName,
  importKey,
  keyBytesFor,
  keyHash,
  paramsOf,
  unsupported,
} from './web-crypto-keys.ts';

/** Tag lengths WebCrypto accepts for AES-GCM; noble (and jose) use the full 128 bits. */
const GCM_TAG_LENGTHS = [32, 64, 96, 104, 112, 120, 128];

function hmacOf(key: CryptoKey, usage: 'sign' | 'verify', data: BufferSource): Uint8Array {
  const secret = keyBytesFor(key, 'HMAC', usage);
  return hmac(keyHash(key), secret, bytesOf(data, `${usage}: the data`));
}

/** Equal bytes, in time that does not depend on where they differ (as WebCrypto's verify). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** The AES cipher an encrypt/decrypt call asks for, its parameters checked as WebCrypto does. */
function aesCipher(algorithm: AlgorithmIdentifier, key: CryptoKey, usage: 'encrypt' | 'decrypt') {
  const name = algorithmName(algorithm, usage, ['AES-CBC', 'AES-GCM']);
  const params = paramsOf(algorithm);
  const iv = bytesOf(params['iv'], `${usage}: ${name}'s iv`);
  const secret = keyBytesFor(key, name, usage);
  if (name === 'AES-CBC') {
    if (iv.length !== 16) throw cryptoError('OperationError', `${usage}: AES-CBC's iv must have 16 bytes, not ${iv.length}`);
    return cbc(secret, iv); // PKCS#7 padding, as WebCrypto's AES-CBC
  }
  const { tagLength = 128, additionalData } = params;
  if (!GCM_TAG_LENGTHS.includes(tagLength as number)) throw cryptoError('OperationError', `${usage}: ${String(tagLength)} is no AES-GCM tag length`);
  if (tagLength !== 128) throw unsupported(`${usage} (a ${String(tagLength)}-bit tag)`, 'AES-GCM');
  if (iv.length === 0) throw cryptoError('OperationError', `${usage}: AES-GCM's iv cannot be empty`);
  const aad = additionalData === undefined ? undefined : bytesOf(additionalData, `${usage}: AES-GCM's additionalData`);
  return gcm(secret, iv, aad);
}

function deriveHkdfBits(algorithm: AlgorithmIdentifier, key: CryptoKey, length: number | null | undefined): ArrayBuffer {
  const name = algorithmName(algorithm, 'deriveBits', ['HKDF']);
  const params = paramsOf(algorithm);
  const hash = HASHES[hashName(params['hash'], 'deriveBits')];
  const salt = bytesOf(params['salt'], "deriveBits: HKDF's salt");
  const info = bytesOf(params['info'], "deriveBits: HKDF's info");
  const secret = keyBytesFor(key, name, 'deriveBits');
  if (length === null || length === undefined) throw cryptoError('OperationError', 'deriveBits: HKDF needs a length');
  if (length % 8 !== 0) throw cryptoError('OperationError', 'deriveBits: the length must be a multiple of 8');
  if (length > 255 * hash.outputLen * 8) throw cryptoError('OperationError', 'deriveBits: the length is too large for HKDF with this hash');
  if (length === 0) return new ArrayBuffer(0);
  return arrayBufferOf(hkdf(hash, secret, salt, info, length / 8));
}

/** Rejects, naming the operation and its algorithm (the argument at `algorithmAt`). */
function lacking(operation: string, algorithmAt: number) {
  return async (...args: unknown[]): Promise<never> => {
    const algorithm = args[algorithmAt] as { name?: unknown } | string | undefined;
    throw unsupported(operation, typeof algorithm === 'string' ? algorithm : String(algorithm?.name ?? 'any algorithm'));
  };
}

export function createSubtleCrypto(): SubtleCrypto {
  // Async methods: like WebCrypto, every failure is a rejected promise, never a throw.
  const subtle = {
    async digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
      const hash = HASHES[algorithmName(algorithm, 'digest', Object.keys(HASHES) as (keyof typeof HASHES)[])];
      return arrayBufferOf(hash(bytesOf(data, 'digest: the data')));
    },
    async importKey(
      format: KeyFormat,
      keyData: BufferSource | JsonWebKey,
      algorithm: AlgorithmIdentifier,
      extractable: boolean,
      usages: KeyUsage[],
    ): Promise<CryptoKey> {
      return importKey(format, keyData, algorithm, extractable, usages);
    },
    async generateKey(algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]): Promise<CryptoKey> {
      return generateKey(algorithm, extractable, usages);
    },
    async exportKey(format: KeyFormat, key: CryptoKey): Promise<ArrayBuffer> {
      return exportKey(format, key);
    },
    async sign(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
      algorithmName(algorithm, 'sign', ['HMAC']);
      return arrayBufferOf(hmacOf(key, 'sign', data));
    },
    async verify(algorithm: AlgorithmIdentifier, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean> {
      algorithmName(algorithm, 'verify', ['HMAC']);
      const expected = hmacOf(key, 'verify', data);
      return sameBytes(expected, bytesOf(signature, 'verify: the signature'));
    },
    async encrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
      const cipher = aesCipher(algorithm, key, 'encrypt');
      return arrayBufferOf(cipher.encrypt(bytesOf(data, 'encrypt: the data')));
    },
    async decrypt(algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> {
      const cipher = aesCipher(algorithm, key, 'decrypt');
      const ciphertext = bytesOf(data, 'decrypt: the data');
      try {
        return arrayBufferOf(cipher.decrypt(ciphertext));
      } catch {
        // Bad padding, a wrong length or a failed tag: WebCrypto says no more than this.
        throw cryptoError('OperationError', 'decrypt: the data could not be decrypted with this key');
      }
    },
    async deriveBits(algorithm: AlgorithmIdentifier, baseKey: CryptoKey, length?: number | null): Promise<ArrayBuffer> {
      return deriveHkdfBits(algorithm, baseKey, length);
    },
    // The rest of WebCrypto's methods reject. Newer ones (getPublicKey, encapsulateKey, …) stay
    // undefined: libraries test for them with `typeof` and fall back, as in an older browser.
    deriveKey: lacking('deriveKey', 0),
    wrapKey: lacking('wrapKey', 3),
    unwrapKey: lacking('unwrapKey', 3),
  };
  // The DOM's SubtleCrypto type lists overloads for every format and algorithm; this object
  // takes the same arguments and answers the ones outside the subset with a rejection.
  return subtle as unknown as SubtleCrypto;
}

/** An own data property, and the step that puts back what was there before. */
function defineOwn(target: object, key: PropertyKey, value: unknown): (() => void) | null {
  const previous = Object.getOwnPropertyDescriptor(target, key);
  try {
    Object.defineProperty(target, key, { configurable: true, writable: true, enumerable: previous?.enumerable ?? true, value });
  } catch {
    return null; // a frozen object, or a property that is not configurable
  }
  return () => {
    if (previous) Object.defineProperty(target, key, previous);
    else delete (target as Record<PropertyKey, unknown>)[key];
  };
}

/**
 * Gives the scope a crypto.subtle (and a CryptoKey) when it has none, as in the sandboxed worker;
 * leaves a real one alone (Node, or the page in a secure context). Returns the undo.
 */
export function installWebCrypto(scope: typeof globalThis = globalThis): () => void {
  const original = scope.crypto;
  if (original?.subtle) return () => {};
  const subtle = createSubtleCrypto();
  const undo: (() => void)[] = [];
  const onCrypto = original ? defineOwn(original, 'subtle', subtle) : null;
  if (onCrypto) undo.push(onCrypto);
  else {
    // The crypto object takes no new property: a new one, which keeps whatever getRandomValues and
    // randomUUID the scope's crypto has when called (the worker's are seeded and reseeded).
    const replacement = {
      subtle,
      getRandomValues: <T extends ArrayBufferView>(array: T): T => original.getRandomValues(array),
      randomUUID: (): `${string}-${string}-${string}-${string}-${string}` => original.randomUUID(),
    };
    const onScope = defineOwn(scope, 'crypto', replacement);
    if (!onScope) throw new Error("installWebCrypto: the scope's crypto can be neither extended nor replaced");
    undo.push(onScope);
  }
  // jose and oauth4webapi test keys with `instanceof CryptoKey`, which throws where CryptoKey is undefined.
  if (typeof scope.CryptoKey === 'undefined') {
    const onKey = defineOwn(scope, 'CryptoKey', SubsetCryptoKey);
    if (onKey) undo.push(onKey);
  }
  return () => {
    for (const step of undo.reverse()) step();
  };
}
