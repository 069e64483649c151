// `fs-extra` for MikroORM 5 in the browser, where there are no files: its SQLite connection
// ensures the database file's directory (":memory:" has none to make), and its configuration
// asks whether folders and a package.json exist (none do), walking up from the current folder
// with `realpath` (no links: the path itself). Anything else is a file it would read or write,
// refused with a clear error.
'use strict';

const { resolve } = require('./posix-path.cjs');

const absent = (name) => () => {
  throw new Error(`fs-extra.${name} is not available in the browser: the playground keeps the database in memory and has no files.`);
};

module.exports = new Proxy(
  {
    ensureDir: () => Promise.resolve(),
    ensureDirSync: () => {},
    pathExists: () => Promise.resolve(false),
    pathExistsSync: () => false,
    existsSync: () => false,
    realpath: (path) => Promise.resolve(resolve(String(path))),
  },
  {
    get(target, key) {
      if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return undefined;
      return Object.hasOwn(target, key) ? target[key] : absent(key);
    },
  },
);
