import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../browser/support/static-server.ts';

let parent: string;
let server: StaticServer;

beforeAll(async () => {
  // The served root is `site/`; `secret.txt` sits beside it, for the traversal tests.
  parent = await mkdtemp(join(tmpdir(), 'adapter-lab-static-'));
  const root = join(parent, 'site');
  await mkdir(join(root, 'docs', 'page'), { recursive: true });
  await mkdir(join(root, '_astro'));
  await mkdir(join(root, 'empty'));
  await writeFile(join(parent, 'secret.txt'), 'secret');
  await writeFile(join(root, 'index.html'), '<h1>home</h1>');
  await writeFile(join(root, '404.html'), '<h1>not found page</h1>');
  await writeFile(join(root, 'docs', 'page', 'index.html'), '<h1>page</h1>');
  await writeFile(join(root, 'with space.txt'), 'spaced');
  for (const name of ['app.js', 'chunk.mjs', 'style.css', 'sql.wasm', 'data.json', 'icon.svg', 'font.woff2', 'x.pf_meta']) {
    await writeFile(join(root, '_astro', name), name);
  }
  // The benches' own pages: answered by the caller, by pathname (query strings ignored).
  server = await startStaticServer(root, (pathname) =>
    pathname === '/__bench/page/' ? { contentType: 'text/html; charset=utf-8', body: '<p>bench</p>' } : undefined,
  );
});

afterAll(async () => {
  await server.close();
  await rm(parent, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch(): fetch normalises `..` and `%2e%2e` away before sending.
function get(path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('answers the paths its caller adds, beside the files', async () => {
    const reply = await get('/__bench/page/?x=1');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toBe('<p>bench</p>');
    expect((await get('/__bench/other/')).status).toBe(404);
    expect((await get('/')).body).toBe('<h1>home</h1>');
  });

  it('listens on 127.0.0.1 at an OS-chosen port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['/_astro/app.js', 'text/javascript; charset=utf-8'],
    ['/_astro/chunk.mjs', 'text/javascript; charset=utf-8'],
    ['/_astro/style.css', 'text/css; charset=utf-8'],
    ['/_astro/sql.wasm', 'application/wasm'],
    ['/_astro/data.json', 'application/json; charset=utf-8'],
    ['/_astro/icon.svg', 'image/svg+xml'],
    ['/_astro/font.woff2', 'font/woff2'],
    ['/_astro/x.pf_meta', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.body).toBe(path.slice('/_astro/'.length));
  });

  it('serves index.html for directory paths, with the cross-origin headers', async () => {
    for (const path of ['/', '/docs/page/', '/docs/page/?q=1']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(reply.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await get('/docs/page/')).body).toBe('<h1>page</h1>');
  });

  it('decodes percent-encoded names', async () => {
    expect((await get('/with%20space.txt')).body).toBe('spaced');
  });

  it('redirects a directory without a trailing slash, keeping the query', async () => {
    const reply = await get('/docs/page?q=1');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('/docs/page/?q=1');
  });

  it('answers unknown paths and index-less directories with 404.html and status 404', async () => {
    for (const path of ['/nope', '/nope/', '/_astro/missing.js', '/empty/']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toBe('<h1>not found page</h1>');
      expect(reply.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('never serves files outside its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/docs/%2e%2e/%2e%2e/secret.txt']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('secret');
    }
    expect((await get('/%00')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('answers HEAD without a body and rejects other methods', async () => {
    const head = await get('/_astro/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('app.js'.length));
    expect(head.body).toBe('');
    expect((await get('/', 'POST')).status).toBe(405);
  });
});
