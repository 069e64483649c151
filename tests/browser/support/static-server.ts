// A small static file server for the built site (dist/), used by the browser tests.
// Behaves like a plain static host: index.html for directories, `/foo` → `/foo/` redirects,
// dist/404.html with status 404, and never serves a file outside its root.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface StaticServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  // Pagefind's index files (pagefind-entry.json is covered above) are gzipped binary blobs:
  // wasm.en.pagefind, *.pf_meta, *.pf_index, *.pf_fragment → application/octet-stream.
};

/**
 * A response the caller adds beside the files (the playground bench's floor page): looked up by
 * pathname before the file system, so it only ever answers paths that are not in the build.
 */
export interface ExtraFile {
  readonly contentType: string;
  readonly body: string | Uint8Array;
}
export type ExtraFiles = (pathname: string) => ExtraFile | undefined;

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

// On every response. CORP + ACAO let the playground's sandboxed (opaque-origin) worker load
// /_astro/* files, as a real static host will have to (from an opaque origin, every module import is a cross-origin request).
const COMMON_HEADERS = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'no-cache',
} as const;

type Resolved = { kind: 'file'; path: string; size: number } | { kind: 'redirect'; location: string } | { kind: 'not-found' } | { kind: 'bad-request' };

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function resolveRequest(root: string, rawUrl: string): Promise<Resolved> {
  const url = new URL(rawUrl, 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'bad-request' };
  }
  if (pathname.includes('\0')) return { kind: 'bad-request' };
  const target = resolve(root, `.${pathname}`);
  // resolve() collapses `..`: anything not under root (encoded or not) is simply not found.
  const rel = relative(root, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { kind: 'not-found' };
  }
  const info = await statOrNull(target);
  if (info?.isFile()) return { kind: 'file', path: target, size: info.size };
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${url.pathname}/${url.search}` };
    const index = join(target, 'index.html');
    const indexInfo = await statOrNull(index);
    if (indexInfo?.isFile()) return { kind: 'file', path: index, size: indexInfo.size };
  }
  return { kind: 'not-found' };
}

function sendFile(req: IncomingMessage, res: ServerResponse, status: number, path: string, size: number) {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': contentTypeFor(path), 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse, extra?: ExtraFiles): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const added = extra?.(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (added) {
    const body = typeof added.body === 'string' ? Buffer.from(added.body) : added.body;
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': added.contentType, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const resolved = await resolveRequest(root, req.url ?? '/');
  switch (resolved.kind) {
    case 'file':
      sendFile(req, res, 200, resolved.path, resolved.size);
      return;
    case 'redirect':
      sendText(res, 301, `Moved to ${resolved.location}`, { Location: resolved.location });
      return;
    case 'bad-request':
      sendText(res, 400, 'Bad Request');
      return;
    case 'not-found': {
      const page = join(root, '404.html');
      const info = await statOrNull(page);
      if (info?.isFile()) sendFile(req, res, 404, page, info.size);
      else sendText(res, 404, 'Not Found');
    }
  }
}

/**
 * Serves `rootDir` on 127.0.0.1 at a port the OS picks (never assume a fixed port is free);
 * `extra` may answer some paths itself.
 */
export async function startStaticServer(rootDir: string, extra?: ExtraFiles): Promise<StaticServer> {
  const root = resolve(rootDir);
  const server = createServer((req, res) => {
    handle(root, req, res, extra).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((error) => (error ? fail(error) : ok()));
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
