// Node's `global` (pg reads `global.Promise`): the worker's own global object.
'use strict';

module.exports = globalThis;
