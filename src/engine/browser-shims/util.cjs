// The slice of Node's `util` that Sequelize and its dependencies call in the browser.
// CommonJS on purpose: the callers `require()` it and use it as a plain object.
'use strict';

function inspect(value) {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Error) return value.stack || String(value);
  try {
    const seen = new WeakSet();
    return (
      JSON.stringify(value, (_key, v) => {
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[Circular]';
          seen.add(v);
        }
        return v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

function format(template, ...args) {
  if (typeof template !== 'string') return [template, ...args].map(inspect).join(' ');
  let index = 0;
  const text = template.replace(/%[sdifjoO%]/g, (token) => {
    if (token === '%%') return '%';
    if (index >= args.length) return token;
    const arg = args[index++];
    switch (token) {
      case '%s':
        return typeof arg === 'string' ? arg : inspect(arg);
      case '%d':
      case '%i':
        return String(Number.parseInt(arg, 10));
      case '%f':
        return String(Number.parseFloat(arg));
      default:
        return inspect(arg);
    }
  });
  return [text, ...args.slice(index).map((arg) => (typeof arg === 'string' ? arg : inspect(arg)))].join(' ');
}

function deprecate(fn, message) {
  let warned = false;
  return function deprecated(...args) {
    if (!warned) {
      warned = true;
      console.warn(`DeprecationWarning: ${message}`);
    }
    return fn.apply(this, args);
  };
}

function promisify(fn) {
  return function promisified(...args) {
    return new Promise((resolve, reject) => {
      fn.call(this, ...args, (error, value) => (error ? reject(error) : resolve(value)));
    });
  };
}

function inherits(ctor, superCtor) {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  Object.setPrototypeOf(ctor, superCtor);
}

module.exports = { format, inspect, deprecate, promisify, inherits, types: require('./util-types.cjs') };
