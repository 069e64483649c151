// The slice of Node's `util/types` that `pg` calls in the browser (prepareValue's Date check).
'use strict';

const tag = (value) => Object.prototype.toString.call(value);

module.exports = {
  isDate: (value) => value instanceof Date || tag(value) === '[object Date]',
  isRegExp: (value) => value instanceof RegExp || tag(value) === '[object RegExp]',
  isUint8Array: (value) => value instanceof Uint8Array,
};
