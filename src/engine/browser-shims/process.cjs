// The slice of Node's `process` that `pg` and PGlite's node-postgres connection touch in the
// browser: `nextTick`, an empty environment, and no `versions.node` (so nothing takes Node's paths).
'use strict';

module.exports = {
  env: {},
  versions: {},
  platform: 'browser',
  argv: [],
  nextTick(callback, ...args) {
    queueMicrotask(() => callback(...args));
  },
  emitWarning() {},
  cwd: () => '/',
};
