/**
 * Every internal link of the built site — Markdown links, components' links (LinkCard, the
 * examples' "Open in playground"), the sidebar, pagination — must reach a built page, and its
 * #fragment an element id on that page. Runs after the build; a broken link fails it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export interface BrokenLink {
  readonly page: string;
  readonly href: string;
  readonly problem: string;
}

const HREF = /<a\b[^>]*?\shref="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => join(dir, file));
}

const decode = (text: string): string =>
  text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

/** The built file a site path is served from, or null. */
function targetFile(dist: string, pathname: string): string | null {
  const path = join(dist, decodeURIComponent(pathname));
  if (relative(dist, path).startsWith('..')) return null;
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : null;
}

export function findBrokenLinks(dist: string, site = 'https://adapter-lab.dev'): BrokenLink[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let found = ids.get(file);
    if (!found) ids.set(file, (found = new Set([...readFileSync(file, 'utf8').matchAll(ID)].map((match) => decode(match[1]!)))));
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles(dist)) {
    const page = `/${relative(dist, file).split(sep).join('/')}`.replace(/index\.html$/, '');
    for (const [, raw] of readFileSync(file, 'utf8').matchAll(HREF)) {
      const href = decode(raw!);
      if (!href || /^(mailto:|tel:|javascript:|data:)/.test(href)) continue;
      const url = new URL(href, `${site}${page}`);
      if (url.origin !== new URL(site).origin) continue;
      // The playground's own state lives in its hash (a share link), not in an element id.
      const isPlaygroundState = url.pathname === '/playground/' && url.hash.length > 1;
      const target = targetFile(dist, url.pathname);
      if (!target) {
        broken.push({ page, href, problem: `no page ${url.pathname}` });
        continue;
      }
      if (url.hash.length > 1 && !isPlaygroundState && target.endsWith('.html')) {
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (!idsOf(target).has(fragment)) broken.push({ page, href, problem: `no element with id "${fragment}" on ${url.pathname}` });
      }
    }
  }
  return broken;
}

export function internalLinksIntegration(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'adapter-lab:internal-links',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': ({ dir, logger }) => {
        const broken = findBrokenLinks(fileURLToPath(dir), site);
        if (broken.length > 0) {
          throw new Error(`Broken internal links (${broken.length}):\n${broken.map((link) => `  ${link.page}: ${link.href} — ${link.problem}`).join('\n')}`);
        }
        logger.info('Every internal link reaches its page and anchor.');
      },
    },
  };
}
