/**
 * JSDoc text as the API reference shows it: paragraphs with `code`, [links](url) and **bold**,
 * and fenced code blocks apart (rendered by Expressive Code). Escapes everything else.
 */
export type DocBlock = { readonly kind: 'html'; readonly html: string } | { readonly kind: 'code'; readonly code: string; readonly lang: string };

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => (/^(https?:\/\/|\/|#)/.test(href) ? `<a href="${href}">${label}</a>` : label));
}

export function docBlocks(doc: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const parts = doc.split(/^```(\w*)\n([\s\S]*?)^```\s*$/m);
  for (let i = 0; i < parts.length; i += 3) {
    for (const paragraph of parts[i]!.split(/\n\s*\n/)) {
      const text = paragraph.trim().replace(/\s*\n\s*/g, ' ');
      if (text) blocks.push({ kind: 'html', html: inlineHtml(text) });
    }
    if (i + 2 < parts.length) blocks.push({ kind: 'code', lang: parts[i + 1] || 'ts', code: parts[i + 2]!.replace(/\n$/, '') });
  }
  return blocks;
}
