/**
 * What the browser downloads to run each ORM in the playground's Web Worker, from the production
 * build in dist/: the worker and every file it reaches (static and dynamic imports, the wasm),
 * split into the ORM's own chunk, the sql.js wasm, and the rest. Files are recognised by their
 * content (library markers) and followed by the names other files mention, never by guessing
 * the bundler's naming scheme. (The page-code build has its own copies, for "run in this page".)
 *
 *   npm run bench   (builds first)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { formatTable } from './measure.ts';

const ASSETS = new URL('../dist/_astro/', import.meta.url);
if (!existsSync(ASSETS)) {
  console.error('No production build in dist/: run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}

interface Asset { name: string; text: string; raw: number; gzip: number }
const assets = new Map<string, Asset>(readdirSync(ASSETS).filter((name) => /\.(js|wasm)$/.test(name)).map((name) => {
  const bytes = readFileSync(new URL(name, ASSETS));
  return [name, { name, text: bytes.toString('latin1'), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }];
}));

const MARKERS = { Sequelize: 'SequelizeUniqueConstraintError', MikroORM: 'Reusing Kysely dialect provided via' } as const;
type Orm = keyof typeof MARKERS;

/** Every file reachable from `entry` through the file names its text mentions, except `skip`. */
function reachable(entry: string, skip: (asset: Asset) => boolean): Asset[] {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const { text } = assets.get(queue.pop()!)!;
    for (const [name, asset] of assets) {
      if (!seen.has(name) && text.includes(name) && !skip(asset)) {
        seen.add(name);
        queue.push(name);
      }
    }
  }
  return [...seen].map((name) => assets.get(name)!);
}

const workers = [...assets.keys()].filter((name) => /^worker[-.]/.test(name));
if (workers.length !== 1) {
  console.error(`Expected one worker entry in dist/_astro, found: ${workers.join(', ') || 'none'}`);
  process.exit(1);
}
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(0)} kB`;
const sum = (files: Asset[], key: 'raw' | 'gzip'): number => files.reduce((total, file) => total + file[key], 0);

const rows = (Object.keys(MARKERS) as Orm[]).flatMap((orm) => {
  const other = (Object.keys(MARKERS) as Orm[]).filter((name) => name !== orm).map((name) => MARKERS[name]);
  // Another ORM's chunk (and what only it imports) is never downloaded for this one.
  const files = reachable(workers[0]!, (file) => other.some((marker) => file.text.includes(marker)));
  const ormChunk = files.filter((file) => file.text.includes(MARKERS[orm]));
  const wasm = files.filter((file) => file.name.endsWith('.wasm'));
  const rest = files.filter((file) => !ormChunk.includes(file) && !wasm.includes(file));
  return [
    [orm, `${orm} chunk (ORM, its bridge, our adapter, engine check)`, ormChunk.map((file) => file.name).join(', '), kB(sum(ormChunk, 'raw')), kB(sum(ormChunk, 'gzip'))],
    [orm, 'sql.js wasm', wasm.map((file) => file.name).join(', '), kB(sum(wasm, 'raw')), kB(sum(wasm, 'gzip'))],
    [orm, 'worker, sql.js loader, engine, buffer', rest.map((file) => file.name).join(', '), kB(sum(rest, 'raw')), kB(sum(rest, 'gzip'))],
    [orm, 'total for a first run', `${files.length} files`, kB(sum(files, 'raw')), kB(sum(files, 'gzip'))],
  ];
});
console.log('Downloaded for a first run in the Web Worker, production build (dist/_astro), gzip -9:\n');
console.log(formatTable(['ORM', 'part', 'files', 'raw', 'gzip'], rows));
