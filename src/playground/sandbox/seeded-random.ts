/**
 * Reproducible randomness for the reader's runs: crypto.getRandomValues and crypto.randomUUID
 * draw from one seeded generator, reseeded before every run. So the random ids an
 * ORM gives rows (Sequelize's UUIDV4 defaults, our adapters' surrogate ids) come out the same
 * in every run and every browser, and a share link reproduces the very same tables. Nothing in
 * the playground needs real secrets; the docs say so. Math.random stays as it is: sql.js names
 * each new database file with it, and two runs' databases must not share a name.
 *
 * Installed once, before any library can keep a reference to the originals (the `uuid`
 * package caches `crypto.getRandomValues` on first use). The sandbox is no secure context, so
 * crypto.randomUUID may not exist there at all: it is always defined here.
 */
const SEED = 0x5eed_ad4b;

/** sfc32, a small fast generator with good statistical quality (not cryptographic). */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

let next = sfc32(SEED);

export function reseedRandom(): void {
  next = sfc32(SEED);
}

function fill<T extends ArrayBufferView | null>(array: T): T {
  if (!array) return array;
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < bytes.length; i += 4) {
    const word = next();
    for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (word >>> (j * 8)) & 0xff;
  }
  return array;
}

function randomUuid(): string {
  const bytes = fill(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // RFC 9562 version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function installSeededRandom(): void {
  const webCrypto = globalThis.crypto;
  Object.defineProperty(webCrypto, 'getRandomValues', { configurable: true, writable: true, value: fill });
  Object.defineProperty(webCrypto, 'randomUUID', { configurable: true, writable: true, value: randomUuid });
}
