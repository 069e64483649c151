// Node's `path` (POSIX) as Babel's core uses it in the playground's transpile worker: it turns
// the option `cwd: '/'` and file names such as `run.ts` into absolute paths and back
// (resolve, relative, dirname, basename, extname, isAbsolute, join, sep). Nothing touches a disk.
'use strict';

const sep = '/';

function normalize(path) {
  const absolute = path.startsWith('/');
  const parts = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else {
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

function resolve(...paths) {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !resolved.startsWith('/'); i--) {
    const path = paths[i];
    if (path) resolved = resolved ? `${path}/${resolved}` : path;
  }
  // The worker has no working directory: the root stands in for it.
  return normalize(resolved.startsWith('/') ? resolved : `/${resolved}`);
}

function relative(from, to) {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

function dirname(path) {
  const normal = normalize(path);
  const index = normal.lastIndexOf('/');
  if (index < 0) return '.';
  return index === 0 ? '/' : normal.slice(0, index);
}

function basename(path, extension) {
  const base = normalize(path).split('/').pop() || '';
  return extension && base.endsWith(extension) && base !== extension ? base.slice(0, -extension.length) : base;
}

function extname(path) {
  const base = basename(path);
  const index = base.lastIndexOf('.');
  return index > 0 ? base.slice(index) : '';
}

const isAbsolute = (path) => path.startsWith('/');
const join = (...paths) => normalize(paths.filter(Boolean).join('/'));

const posix = { sep, delimiter: ':', normalize, resolve, relative, dirname, basename, extname, isAbsolute, join };
module.exports = { ...posix, posix };
