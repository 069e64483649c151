// Node's `timers` module as the browser's globals (knex's connection pool, tarn, imports it).
'use strict';

module.exports = {
  setTimeout: (...args) => globalThis.setTimeout(...args),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  setInterval: (...args) => globalThis.setInterval(...args),
  clearInterval: (id) => globalThis.clearInterval(id),
  setImmediate: (callback, ...args) => globalThis.setTimeout(callback, 0, ...args),
  clearImmediate: (id) => globalThis.clearTimeout(id),
};
