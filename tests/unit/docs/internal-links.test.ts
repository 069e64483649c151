// The build's link check (src/docs/build/internal-links.ts) on a made-up site: it must catch a
// missing page and a missing anchor, and let through what exists, external links and the
// playground's share-link hashes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findBrokenLinks } from '../../../src/docs/build/internal-links.ts';

const dist = mkdtempSync(join(tmpdir(), 'adapter-lab-links-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function page(path: string, html: string): void {
  mkdirSync(join(dist, path), { recursive: true });
  writeFileSync(join(dist, path, 'index.html'), `<!doctype html><html><body>${html}</body></html>`);
}

it('reports missing pages and anchors, and nothing else', () => {
  page('', '<a href="/guide/">ok</a> <a href="/guide/#setup">ok</a> <a href="https://example.com/x">external</a> <a href="/playground/#2.abc">share link</a>');
  page(
    'guide',
    '<h2 id="setup">Setup</h2> <a href="../">up</a> <a href="#setup">self</a> <a href="/missing/">missing</a> <a href="/guide/#nowhere">bad anchor</a>',
  );
  page('playground', '<p>the playground</p>');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  page('other', '<a href="/favicon.svg">a file</a>');
  expect(findBrokenLinks(dist)).toEqual([
    { page: '/guide/', href: '/missing/', problem: 'no page /missing/' },
    { page: '/guide/', href: '/guide/#nowhere', problem: 'no element with id "nowhere" on /guide/' },
  ]);
});
