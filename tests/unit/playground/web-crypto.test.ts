// The playground's WebCrypto subset (runtime/auth/web-crypto.ts) against Node's real WebCrypto:
// the same bytes from every operation Auth.js uses, the libraries themselves (jose, @auth/core's
// JWT, @panva/hkdf, oauth4webapi) running on it with tokens that cross between the two, and
// WebCrypto's rules kept: usages, extractable, errors, and a clear word for what it lacks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decode, encode } from '@auth/core/jwt';
import { hkdf as nodeHkdf } from '@panva/hkdf';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { createSubtleCrypto, installWebCrypto } from '../../../src/playground/runtime/auth/web-crypto.ts';

const real = globalThis.crypto.subtle;
const ours = createSubtleCrypto();
const HASHES = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** Deterministic bytes, different for each seed. */
function sample(length: number, seed: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (i * 167 + seed * 59 + ((i * seed) >> 3)) & 0xff);
}

const hex = (data: ArrayBuffer | Uint8Array): string => Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('hex');
const text = (value: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(value);

/** The same bytes as each kind of BufferSource, the views at an offset inside a larger buffer. */
function asSources(bytes: Uint8Array): BufferSource[] {
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 3);
  return [bytes.slice().buffer, padded.subarray(3, 3 + bytes.length), new DataView(padded.buffer, 3, bytes.length)];
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Both implementations refuse the call, with the same kind of error. */
async function expectSameRejection(call: (subtle: SubtleCrypto) => Promise<unknown>): Promise<Error> {
  const theirs = await rejection(call(real));
  const mine = await rejection(call(ours));
  expect(mine.name).toBe(theirs.name);
  return mine;
}

describe('the WebCrypto subset gives the same bytes as the real one', () => {
  it('digest: SHA-1, SHA-256, SHA-384 and SHA-512 of every kind of BufferSource, padding boundaries included', async () => {
    for (const hash of HASHES) {
      for (const length of [0, 1, 55, 56, 64, 111, 112, 128, 1000]) {
        const data = sample(length, length);
        const expected = hex(await real.digest(hash, data));
        for (const source of asSources(data)) {
          const result = await ours.digest(hash, source);
          expect(result).toBeInstanceOf(ArrayBuffer);
          expect(hex(result)).toBe(expected);
        }
        expect(hex(await ours.digest({ name: hash.toLowerCase() }, data))).toBe(expected);
      }
    }
  });

  it('HMAC: keys like the real ones, the same signatures, each verifying the other and refusing a wrong one', async () => {
    for (const hash of HASHES) {
      for (const keyLength of [1, 16, 32, 64, 65, 128, 200]) {
        const keyData = sample(keyLength, keyLength);
        const algorithm = { name: 'HMAC', hash };
        const theirKey = await real.importKey('raw', keyData, algorithm, false, ['sign', 'verify']);
        const myKey = await ours.importKey('raw', asSources(keyData)[1]!, algorithm, false, ['sign', 'verify']);
        expect(Object.prototype.toString.call(myKey)).toBe('[object CryptoKey]');
        expect({ ...myKey.algorithm }).toEqual({ ...theirKey.algorithm });
        expect([myKey.type, myKey.extractable, myKey.usages]).toEqual([theirKey.type, theirKey.extractable, theirKey.usages]);
        for (const data of [sample(0, 1), sample(3, 2), sample(100, 3)]) {
          const theirs = await real.sign('HMAC', theirKey, data);
          const mine = await ours.sign(myKey.algorithm, myKey, asSources(data)[2]!);
          expect(hex(mine)).toBe(hex(theirs));
          expect(await ours.verify('HMAC', myKey, theirs, data)).toBe(true);
          expect(await real.verify('HMAC', theirKey, mine, data)).toBe(true);
          const wrong = new Uint8Array(theirs);
          wrong[5]! ^= 1;
          expect(await ours.verify('HMAC', myKey, wrong, data)).toBe(false);
          expect(await ours.verify('HMAC', myKey, wrong.subarray(0, 16), data)).toBe(false);
        }
      }
    }
  });

  it('AES-CBC with PKCS#7 padding, 128/192/256-bit keys: ours encrypts what the real one decrypts, and back', async () => {
    for (const keyLength of [16, 24, 32]) {
      const keyData = sample(keyLength, keyLength);
      const theirKey = await real.importKey('raw', keyData, 'AES-CBC', false, ['encrypt', 'decrypt']);
      const myKey = await ours.importKey('raw', keyData, 'AES-CBC', false, ['encrypt', 'decrypt']);
      expect({ ...myKey.algorithm }).toEqual({ ...theirKey.algorithm });
      for (const length of [0, 1, 15, 16, 17, 100]) {
        const plaintext = sample(length, length + 1);
        const algorithm = { name: 'AES-CBC', iv: asSources(sample(16, length))[1]! };
        const mine = await ours.encrypt(algorithm, myKey, asSources(plaintext)[2]!);
        expect(hex(mine)).toBe(hex(await real.encrypt(algorithm, theirKey, plaintext)));
        expect(hex(await real.decrypt(algorithm, theirKey, mine))).toBe(hex(plaintext));
        expect(hex(await ours.decrypt(algorithm, myKey, await real.encrypt(algorithm, theirKey, plaintext)))).toBe(hex(plaintext));
      }
    }
  });

  it('AES-CBC refuses bad padding and wrong lengths with an OperationError, as the real one', async () => {
    const keyData = sample(32, 9);
    const iv = sample(16, 4);
    const encrypt = async (plaintext: Uint8Array<ArrayBuffer>) =>
      new Uint8Array(await real.encrypt({ name: 'AES-CBC', iv }, await real.importKey('raw', keyData, 'AES-CBC', false, ['encrypt']), plaintext));
    // Without its padding block, a ciphertext's last plaintext byte is read as the padding.
    const endsInZero = (await encrypt(new Uint8Array(32))).subarray(0, 32);
    const endsInFive = (await encrypt(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 5 : 9)))).subarray(0, 32);
    for (const ciphertext of [endsInZero, endsInFive, new Uint8Array(0), new Uint8Array(15), new Uint8Array(33)]) {
      const error = await expectSameRejection(async (subtle) =>
        subtle.decrypt({ name: 'AES-CBC', iv }, await subtle.importKey('raw', keyData, 'AES-CBC', false, ['decrypt']), ciphertext),
      );
      expect(error.name).toBe('OperationError');
    }
    await expectSameRejection(async (subtle) =>
      subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(12) }, await subtle.importKey('raw', keyData, 'AES-CBC', false, ['encrypt']), new Uint8Array(4)),
    );
  });

  it('AES-GCM with and without additional data, 96- and 128-bit ivs, a 128-bit tag (as jose): both ways, and a forged tag refused', async () => {
    for (const keyLength of [16, 24, 32]) {
      const keyData = sample(keyLength, keyLength + 3);
      const theirKey = await real.importKey('raw', keyData, 'AES-GCM', false, ['encrypt', 'decrypt']);
      const myKey = await ours.importKey('raw', keyData, 'AES-GCM', false, ['encrypt', 'decrypt']);
      expect({ ...myKey.algorithm }).toEqual({ ...theirKey.algorithm });
      for (const ivLength of [12, 16]) {
        for (const additionalData of [undefined, new Uint8Array(0), text('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0')]) {
          for (const length of [0, 1, 16, 100]) {
            const plaintext = sample(length, ivLength);
            const iv = sample(ivLength, length);
            const algorithm = { name: 'AES-GCM', iv, tagLength: 128, ...(additionalData && { additionalData }) };
            const mine = await ours.encrypt(algorithm, myKey, plaintext);
            const theirs = await real.encrypt(algorithm, theirKey, plaintext);
            expect(hex(mine)).toBe(hex(theirs));
            expect(hex(await real.decrypt(algorithm, theirKey, mine))).toBe(hex(plaintext));
            expect(hex(await ours.decrypt(algorithm, myKey, theirs))).toBe(hex(plaintext));
            const forged = new Uint8Array(theirs);
            forged[forged.length - 1]! ^= 1;
            expect((await rejection(ours.decrypt(algorithm, myKey, forged))).name).toBe('OperationError');
          }
        }
      }
    }
  });

  it('HKDF deriveBits, as Auth.js derives its key (SHA-256, its salt and info, 64 bytes) and more', async () => {
    const salts = [new Uint8Array(0), text('authjs.session-token'), sample(32, 8)];
    const infos = [text('Auth.js Generated Encryption Key (authjs.session-token)'), new Uint8Array(0)];
    for (const hash of HASHES) {
      for (const ikm of [sample(1, 1), text('a secret of the playground, at least 32 characters'), sample(47, 2)]) {
        const theirKey = await real.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
        const myKey = await ours.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
        expect({ ...myKey.algorithm }).toEqual({ ...theirKey.algorithm });
        for (const salt of salts) {
          for (const info of infos) {
            for (const bits of [0, 8, 256, 512, 1024]) {
              const algorithm = { name: 'HKDF', hash, salt, info };
              expect(hex(await ours.deriveBits(algorithm, myKey, bits))).toBe(hex(await real.deriveBits(algorithm, theirKey, bits)));
            }
          }
        }
      }
    }
  });
});

/** The names of the subtle calls a library makes, as `method [format] algorithm`. */
function recordCalls(subtle: SubtleCrypto, calls: Set<string>): void {
  const nameOf = (algorithm: unknown): string => (typeof algorithm === 'string' ? algorithm : String((algorithm as { name: unknown }).name));
  const methods = subtle as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, call] of Object.entries(methods)) {
    methods[method] = (...args: unknown[]) => {
      calls.add(
        method === 'importKey' || method === 'exportKey'
          ? `${method} ${String(args[0])} ${method === 'importKey' ? nameOf(args[2]) : ''}`.trim()
          : `${method} ${nameOf(args[0])}`,
      );
      return call(...args);
    };
  }
}

/**
 * Runs `run` as in the sandboxed worker: a crypto with random values but no subtle, given the
 * subset by installWebCrypto. Node's crypto is back afterwards. Returns the subtle calls made.
 */
async function onSubset(run: () => Promise<void>): Promise<string[]> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  const realCrypto = globalThis.crypto;
  const workerCrypto = {
    getRandomValues: <T extends ArrayBufferView>(array: T): T => realCrypto.getRandomValues(array),
    randomUUID: () => realCrypto.randomUUID(),
  } as Crypto;
  Object.defineProperty(globalThis, 'crypto', { configurable: true, writable: true, value: workerCrypto });
  const calls = new Set<string>();
  const undo = installWebCrypto(globalThis);
  try {
    expect(globalThis.crypto.subtle).not.toBe(real);
    recordCalls(globalThis.crypto.subtle, calls);
    await run();
  } finally {
    undo();
    Object.defineProperty(globalThis, 'crypto', descriptor);
  }
  expect(globalThis.crypto.subtle).toBe(real);
  return [...calls].sort();
}

describe("Auth.js's libraries on the WebCrypto subset", () => {
  const payload = { sub: 'user-1', name: 'Ada', email: 'ada@example.com' };

  it("jose: EncryptJWT / jwtDecrypt with 'dir' and A256CBC-HS512, tokens crossing between the subset and the real WebCrypto", async () => {
    const key = sample(64, 64);
    const encryptJwt = () =>
      new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).setIssuedAt().setExpirationTime('1h').encrypt(key);
    const decryptJwt = async (token: string) =>
      (await jwtDecrypt(token, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512'] })).payload;
    const byReal = await encryptJwt();
    let bySubset = '';
    const encryptCalls = await onSubset(async () => {
      bySubset = await encryptJwt();
    });
    const decryptCalls = await onSubset(async () => {
      expect(await decryptJwt(byReal)).toMatchObject(payload);
      expect(await decryptJwt(bySubset)).toMatchObject(payload);
    });
    expect(await decryptJwt(bySubset)).toMatchObject(payload);
    expect(encryptCalls).toEqual(['encrypt AES-CBC', 'importKey raw AES-CBC', 'importKey raw HMAC', 'sign HMAC']);
    // jose compares tags by signing both with a throwaway key: hence generateKey and verify.
    expect(decryptCalls).toEqual(['decrypt AES-CBC', 'generateKey HMAC', 'importKey raw AES-CBC', 'importKey raw HMAC', 'sign HMAC', 'verify HMAC']);
    // A token tampered with does not decrypt on the subset either.
    const [header, , iv, ciphertext, tag] = bySubset.split('.');
    const tampered = [header, '', iv, ciphertext, `${tag!.slice(0, -2)}${tag!.endsWith('AA') ? 'AB' : 'AA'}`].join('.');
    await onSubset(async () => {
      await expect(decryptJwt(tampered)).rejects.toThrow(/decryption operation failed/);
    });
  });

  it('jose: A256GCM, which Auth.js also accepts when decoding', async () => {
    const key = sample(32, 32);
    const options = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
    const byReal = await new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
    let bySubset = '';
    const calls = await onSubset(async () => {
      bySubset = await new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
      expect((await jwtDecrypt(byReal, key, options)).payload).toMatchObject(payload);
    });
    expect((await jwtDecrypt(bySubset, key, options)).payload).toMatchObject(payload);
    expect(calls).toEqual(['decrypt AES-GCM', 'encrypt AES-GCM', 'importKey raw AES-GCM']);
  });

  it('@auth/core/jwt: encode and decode session tokens, encoded on one side and decoded on the other', async () => {
    const params = { secret: 'a secret of the playground, at least 32 characters', salt: 'authjs.session-token' };
    const byReal = await encode({ ...params, token: payload });
    let bySubset = '';
    const calls = await onSubset(async () => {
      bySubset = await encode({ ...params, token: payload });
      expect(await decode({ ...params, token: byReal })).toMatchObject(payload);
      expect(await decode({ ...params, token: bySubset })).toMatchObject(payload);
      expect(await decode({ ...params, secret: 'another secret, also 32 characters long', token: bySubset }).catch(() => 'refused')).toBe('refused');
    });
    expect(await decode({ ...params, token: bySubset })).toMatchObject(payload);
    // Under Node @panva/hkdf uses node:crypto, so HKDF is not among these calls; the next test
    // runs its browser build, the one the sandbox bundles. SHA-512 is the key's thumbprint (kid).
    expect(calls).toEqual([
      'decrypt AES-CBC',
      'digest SHA-512',
      'encrypt AES-CBC',
      'generateKey HMAC',
      'importKey raw AES-CBC',
      'importKey raw HMAC',
      'sign HMAC',
      'verify HMAC',
    ]);
  });

  it("@panva/hkdf's browser build (the sandbox's) on the subset derives Auth.js's key as its Node build does", async () => {
    const packageJson = createRequire(import.meta.url).resolve('@panva/hkdf/package.json');
    const browserBuild = pathToFileURL(join(dirname(packageJson), 'dist/web/index.js')).href;
    const { hkdf: webHkdf } = (await import(browserBuild)) as typeof import('@panva/hkdf');
    for (const salt of ['authjs.session-token', '__Secure-authjs.session-token', 'authjs.pkce.code_verifier']) {
      for (const length of [64, 32]) {
        const secret = 'a secret of the playground, at least 32 characters';
        const info = `Auth.js Generated Encryption Key (${salt})`;
        const expected = hex(await nodeHkdf('sha256', secret, salt, info, length));
        let derived = '';
        const calls = await onSubset(async () => {
          derived = hex(await webHkdf('sha256', secret, salt, info, length));
        });
        expect(derived).toBe(expected);
        expect(calls).toEqual(['deriveBits HKDF', 'importKey raw HKDF']);
      }
    }
  });

  it('oauth4webapi: the PKCE code challenge, and a client_secret_jwt assertion the real WebCrypto verifies', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const expected = await oauth.calculatePKCECodeChallenge(verifier);
    const body = new URLSearchParams();
    const secret = 'client secret of the simulated provider';
    const calls = await onSubset(async () => {
      expect(await oauth.calculatePKCECodeChallenge(verifier)).toBe(expected);
      const authenticate = oauth.ClientSecretJwt(secret);
      await authenticate({ issuer: 'https://provider.example' }, { client_id: 'adapter-lab' }, body, new Headers());
    });
    const [header, claims, signature] = body.get('client_assertion')!.split('.');
    const key = await real.importKey('raw', text(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    expect(await real.verify('HMAC', key, Buffer.from(signature!, 'base64url'), text(`${header}.${claims}`))).toBe(true);
    expect(calls).toEqual(['digest SHA-256', 'importKey raw HMAC', 'sign HMAC']);
  });
});

describe("the subset keeps WebCrypto's rules", () => {
  it('refuses what it lacks with a NotSupportedError that names the operation and the algorithm', async () => {
    const aes = await ours.importKey('raw', sample(32, 1), 'AES-GCM', true, ['encrypt', 'wrapKey']);
    const hkdfKey = await ours.importKey('raw', sample(32, 1), 'HKDF', false, ['deriveKey']);
    const cases: [Promise<unknown>, RegExp][] = [
      [ours.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 64 }, aes, new Uint8Array(1)), /^encrypt with AES-CTR is not supported/],
      [ours.digest('MD5', new Uint8Array(1)), /^digest with MD5/],
      [ours.digest('HMAC', new Uint8Array(1)), /^digest with HMAC/],
      [ours.sign({ name: 'ECDSA', hash: 'SHA-256' }, aes, new Uint8Array(1)), /^sign with ECDSA/],
      [ours.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA' }, 'AES-GCM', true, ['encrypt']), /^importKey\('jwk'\) with AES-GCM/],
      [ours.importKey('raw', sample(16, 1), 'PBKDF2', false, ['deriveBits']), /^importKey with PBKDF2/],
      [ours.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']), /^generateKey with AES-GCM/],
      [ours.exportKey('jwk', aes), /^exportKey\('jwk'\) with AES-GCM/],
      [ours.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 96 }, aes, new Uint8Array(1)), /^encrypt \(a 96-bit tag\) with AES-GCM/],
      [
        ours.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: new Uint8Array() }, hkdfKey, { name: 'AES-GCM', length: 256 }, false, [
          'encrypt',
        ]),
        /^deriveKey with HKDF/,
      ],
      [ours.wrapKey('raw', aes, aes, { name: 'AES-GCM', iv: new Uint8Array(12) }), /^wrapKey with AES-GCM/],
      [ours.unwrapKey('raw', new Uint8Array(48), aes, 'AES-KW', 'AES-GCM', true, ['encrypt']), /^unwrapKey with AES-KW/],
    ];
    for (const [call, message] of cases) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(DOMException);
      expect(error.name).toBe('NotSupportedError');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/the playground's WebCrypto subset/);
    }
  });

  it('enforces usages and key algorithms with the errors the real one gives', async () => {
    const hmacKey = (subtle: SubtleCrypto, usages: KeyUsage[]) => subtle.importKey('raw', sample(32, 2), { name: 'HMAC', hash: 'SHA-256' }, false, usages);
    const aesKey = (subtle: SubtleCrypto, name: string, usages: KeyUsage[]) => subtle.importKey('raw', sample(32, 3), name, false, usages);
    const gcm = { name: 'AES-GCM', iv: new Uint8Array(12) };
    const refusals: ((subtle: SubtleCrypto) => Promise<unknown>)[] = [
      async (subtle) => subtle.sign('HMAC', await hmacKey(subtle, ['verify']), new Uint8Array(1)),
      async (subtle) => subtle.verify('HMAC', await hmacKey(subtle, ['sign']), new Uint8Array(32), new Uint8Array(1)),
      async (subtle) => subtle.decrypt(gcm, await aesKey(subtle, 'AES-GCM', ['encrypt']), new Uint8Array(32)),
      async (subtle) => subtle.encrypt(gcm, await aesKey(subtle, 'AES-CBC', ['encrypt']), new Uint8Array(1)),
      async (subtle) => subtle.sign('HMAC', await aesKey(subtle, 'AES-GCM', ['encrypt']), new Uint8Array(1)),
      async (subtle) =>
        subtle.deriveBits(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: new Uint8Array() },
          await subtle.importKey('raw', sample(8, 1), 'HKDF', false, ['deriveKey']),
          256,
        ),
    ];
    for (const refusal of refusals) expect((await expectSameRejection(refusal)).name).toBe('InvalidAccessError');
    // Nor can a key's usages be widened afterwards.
    const verifyOnly = await hmacKey(ours, ['verify']);
    expect(() => verifyOnly.usages.push('sign')).toThrow(TypeError);
    expect(() => Object.assign(verifyOnly, { usages: ['sign', 'verify'] })).toThrow(TypeError);
    expect((await rejection(ours.sign('HMAC', verifyOnly, new Uint8Array(1)))).name).toBe('InvalidAccessError');
  });

  it('checks keys as they are made: usages, key lengths, HKDF never extractable', async () => {
    const checks: [(subtle: SubtleCrypto) => Promise<unknown>, string][] = [
      [(subtle) => subtle.importKey('raw', sample(32, 1), { name: 'HMAC', hash: 'SHA-256' }, false, []), 'SyntaxError'],
      [(subtle) => subtle.importKey('raw', sample(32, 1), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt']), 'SyntaxError'],
      [(subtle) => subtle.importKey('raw', sample(32, 1), 'AES-CBC', false, ['sign']), 'SyntaxError'],
      [(subtle) => subtle.importKey('raw', sample(32, 1), 'HKDF', true, ['deriveBits']), 'SyntaxError'],
      [(subtle) => subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']), 'DataError'],
      [(subtle) => subtle.importKey('raw', sample(32, 1), { name: 'HMAC', hash: 'SHA-256', length: 128 }, false, ['sign']), 'DataError'],
      [(subtle) => subtle.importKey('raw', sample(20, 1), 'AES-GCM', false, ['encrypt']), 'DataError'],
      [(subtle) => subtle.importKey('raw', sample(64, 1), 'AES-CBC', false, ['encrypt']), 'DataError'],
      [(subtle) => subtle.importKey('raw', sample(32, 1), { name: 'HMAC' }, false, ['sign']), 'TypeError'],
      [(subtle) => subtle.digest('SHA-256', 'not bytes' as unknown as BufferSource), 'TypeError'],
      [(subtle) => subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, []), 'SyntaxError'],
    ];
    for (const [check, name] of checks) expect((await expectSameRejection(check)).name).toBe(name);
  });

  it('exports only extractable keys, and only its own', async () => {
    const keyData = sample(32, 5);
    const extractable = await ours.importKey('raw', keyData, 'AES-CBC', true, ['encrypt']);
    expect(hex(await ours.exportKey('raw', extractable))).toBe(hex(keyData));
    const generated = await ours.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
    const theirs = await real.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
    expect({ ...generated.algorithm }).toEqual({ ...theirs.algorithm });
    expect((await ours.exportKey('raw', generated)).byteLength).toBe((await real.exportKey('raw', theirs)).byteLength);
    // Node names this error InvalidAccessException, so it is checked by name rather than compared.
    const locked = await ours.importKey('raw', keyData, 'AES-CBC', false, ['encrypt']);
    expect((await rejection(ours.exportKey('raw', locked))).name).toBe('InvalidAccessError');
    const foreign = await real.importKey('raw', keyData, 'AES-CBC', true, ['encrypt']);
    expect(await rejection(ours.exportKey('raw', foreign))).toBeInstanceOf(TypeError);
    expect(await rejection(ours.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, foreign, new Uint8Array(1)))).toBeInstanceOf(TypeError);
  });
});

describe('installWebCrypto', () => {
  const randomValues = <T extends ArrayBufferView>(array: T): T => array;
  const uuid = () => '00000000-0000-4000-8000-000000000000' as const;

  it('leaves a scope that has crypto.subtle alone, Node itself included', () => {
    const subtle = {} as SubtleCrypto;
    const scope = { crypto: { subtle, getRandomValues: randomValues } } as unknown as typeof globalThis;
    installWebCrypto(scope)();
    expect(scope.crypto.subtle).toBe(subtle);
    expect('CryptoKey' in scope).toBe(false);
    const undo = installWebCrypto();
    expect(globalThis.crypto.subtle).toBe(real);
    undo();
    expect(globalThis.crypto.subtle).toBe(real);
  });

  it('gives a worker-like scope a subtle and a CryptoKey, keeps its random values, and undoes it all', async () => {
    const crypto = { getRandomValues: randomValues, randomUUID: uuid };
    const scope = { crypto } as unknown as typeof globalThis;
    const undo = installWebCrypto(scope);
    expect(scope.crypto).toBe(crypto);
    expect(scope.crypto.getRandomValues).toBe(randomValues);
    expect(hex(await scope.crypto.subtle.digest('SHA-256', text('abc')))).toBe(hex(await real.digest('SHA-256', text('abc'))));
    const key = await scope.crypto.subtle.importKey('raw', sample(16, 1), 'AES-GCM', false, ['encrypt']);
    expect(key).toBeInstanceOf(scope.CryptoKey);
    expect(() => new scope.CryptoKey()).toThrow(TypeError);
    undo();
    expect(Object.keys(crypto)).toEqual(['getRandomValues', 'randomUUID']);
    expect('CryptoKey' in scope).toBe(false);
  });

  it('replaces a crypto that takes no new property with one that calls through to its random values', async () => {
    let drawn = 0;
    const crypto = Object.freeze({
      getRandomValues: <T extends ArrayBufferView>(array: T): T => {
        drawn++;
        return array;
      },
      randomUUID: uuid,
    });
    const existingKeyClass = class CryptoKey {};
    const scope = { crypto, CryptoKey: existingKeyClass } as unknown as typeof globalThis;
    const undo = installWebCrypto(scope);
    expect(scope.crypto).not.toBe(crypto);
    scope.crypto.getRandomValues(new Uint8Array(4));
    expect(drawn).toBe(1);
    expect(scope.crypto.randomUUID()).toBe(uuid());
    expect(hex(await scope.crypto.subtle.digest('SHA-1', text('abc')))).toBe(hex(await real.digest('SHA-1', text('abc'))));
    expect(scope.CryptoKey).toBe(existingKeyClass);
    undo();
    expect(scope.crypto).toBe(crypto);
    expect(scope.CryptoKey).toBe(existingKeyClass);
  });
});
