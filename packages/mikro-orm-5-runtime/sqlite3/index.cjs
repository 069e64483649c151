// Adapter Lab's stand-in for the native `sqlite3` package, put in its place by the root
// package.json's `overrides` so that no install downloads its prebuilt binary. knex's sqlite3
// client requires this module when it is constructed; the playground then hands MikroORM 5 the
// engine's imitation of sqlite3 (src/engine/sql-js/sqlite3-shim.ts) as the driver. Opening a
// database through this module itself is a mistake, said plainly.
'use strict';

class Database {
  constructor() {
    throw new Error(
      "The native sqlite3 package is not installed in Adapter Lab: MikroORM 5 runs on the engine's sqlite3 imitation (src/engine/sql-js/sqlite3-shim.ts), handed to knex as its driver.",
    );
  }
}

module.exports = {
  Database,
  OPEN_READONLY: 0x1,
  OPEN_READWRITE: 0x2,
  OPEN_CREATE: 0x4,
  OPEN_FULLMUTEX: 0x10000,
  OPEN_URI: 0x40,
  OPEN_SHAREDCACHE: 0x20000,
  OPEN_PRIVATECACHE: 0x40000,
  verbose() {
    return module.exports;
  },
};
