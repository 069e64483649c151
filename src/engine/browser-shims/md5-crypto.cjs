// The slice of Node's `crypto` MikroORM 5 uses: `createHash('md5')` keys each decorated entity's
// metadata by its file's path (Utils.hash), and names indexes. MD5 as Node computes it, so keys
// and names are the same as in Node.
'use strict';

const { md5 } = require('@noble/hashes/legacy.js');

function createHash(algorithm) {
  if (String(algorithm).toLowerCase() !== 'md5')
    throw new Error(`crypto.createHash('${algorithm}') is not available in the browser build of MikroORM 5: only md5.`);
  const chunks = [];
  const hash = {
    update(data) {
      chunks.push(typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data));
      return hash;
    },
    digest(encoding) {
      const total = chunks.reduce((length, chunk) => length + chunk.length, 0);
      const all = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      const bytes = md5(all);
      if (encoding === 'hex') return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
      throw new Error(`digest('${encoding}') is not available in the browser build of MikroORM 5: only hex.`);
    },
  };
  return hash;
}

module.exports = { createHash };
