// Stands in for a module the browser build never uses (e.g. pg-hstore, Postgres-only).
'use strict';
module.exports = {};
