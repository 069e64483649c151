// Node's AsyncLocalStorage for MikroORM 5 in the browser, which has none: a store that never
// holds anything, so MikroORM falls back to the EntityManager it is called on (the official
// adapter always works on `em.fork()`). MikroORM 5 creates its storages when its modules load.
'use strict';

class AsyncLocalStorage {
  getStore() {
    return undefined;
  }
  run(_store, callback, ...args) {
    return callback(...args);
  }
  exit(callback, ...args) {
    return callback(...args);
  }
  enterWith() {}
  disable() {}
}

module.exports = { AsyncLocalStorage };
