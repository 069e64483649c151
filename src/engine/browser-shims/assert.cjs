// Node's `assert` as Sequelize uses it in the browser: `assert(condition, message)`.
'use strict';

function assert(condition, message) {
  if (!condition) throw new Error(message || 'Assertion failed');
}
assert.ok = assert;
assert.strictEqual = (actual, expected, message) => assert(actual === expected, message || `${actual} !== ${expected}`);

module.exports = assert;
