// Node's `url` for MikroORM 5 in the browser: its PostgreSQL connection parses the connection URL
// (its default one when the app names none) with `URL`, which the browser has. File URLs only
// matter where MikroORM would import files, which the playground never lets it do.
'use strict';

module.exports = {
  URL: globalThis.URL,
  URLSearchParams: globalThis.URLSearchParams,
  fileURLToPath: (url) => decodeURIComponent(new URL(String(url)).pathname),
  pathToFileURL: (path) => new URL(`file://${encodeURI(String(path))}`),
};
