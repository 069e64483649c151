/**
 * The text of a bug report: versions, the share link, and the code itself. The code is always
 * included, so the issue stays readable on GitHub and reproducible if the link ever breaks.
 */
import { DEFAULT_IMPLEMENTATION, type ImplementationId } from '../implementation-registry.ts';
import { ORM_LABELS, type OrmId, ormEntry } from '../orm-registry.ts';
import type { PlaygroundState } from '../store/state.ts';
import { GITHUB_URL_LIMIT, linkLength } from './codec.ts';
import { countText } from '../count-text.ts';

export interface ReportVersions {
  readonly orm: string;
  readonly adapter: string;
  /** The database and what runs it, as the page names them ("PostgreSQL 19.0 (PGlite 0.6.1)"). */
  readonly database?: string;
}

/**
 * "Sequelize 6.37.8, @adapter-lab/sequelize-adapter 0.1.0, PostgreSQL 19.0 (PGlite 0.6.1)"; with
 * the official package chosen, its name ("@auth/sequelize-adapter 2.11.3"), so a maintainer knows
 * which code ran.
 */
export function versionsLine(orm: OrmId, versions: ReportVersions, implementation: ImplementationId = DEFAULT_IMPLEMENTATION): string {
  // The runtime reports "Sequelize 6.37.8" and "@adapter-lab/sequelize-adapter 0.1.0": no name is said twice.
  const named = (name: string, version: string): string => (version.startsWith(`${name} `) ? version : `${name} ${version}`);
  const { adapter } = ormEntry(orm);
  const parts = [named(ORM_LABELS[orm], versions.orm), named(implementation === 'official' ? adapter.official : adapter.package, versions.adapter)];
  if (versions.database !== undefined) parts.push(versions.database);
  return parts.join(', ');
}

export function markdownForIssue({ state, url, versions }: { state: PlaygroundState; url: string; versions: ReportVersions }): string {
  const length = linkLength(url);
  const fits = length <= GITHUB_URL_LIMIT;
  // Too long a link would arrive cut (and a cut link opens nothing): link the bare page instead.
  const target = fits ? url : (url.split('#')[0] ?? url);
  const lines = [
    `Reproduction in the [Adapter Lab playground](${linkTarget(target)}) — ${inlineText(versionsLine(state.orm, versions, state.implementation))}`,
    '',
  ];
  if (!fits) {
    lines.push(
      `The share link is too long for GitHub (${countText(length)} characters, over ${countText(GITHUB_URL_LIMIT)}), so it is left out: the code below reproduces it.`,
      '',
    );
  }
  const n = state.files.length;
  // GitHub renders Markdown inside <details> only with blank lines around it.
  lines.push(`<details><summary>Code (${n} file${n === 1 ? '' : 's'})</summary>`, '');
  for (const file of state.files) {
    const fence = fenceFor(file.code);
    lines.push(`**${codeSpan(file.name)}**`, '', `${fence}ts`, file.code.endsWith('\n') ? file.code.slice(0, -1) : file.code, fence, '');
  }
  lines.push('</details>', '');
  return lines.join('\n');
}

/** A backtick fence longer than any backtick run in the code, so the code can't close it early. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Text for the middle of a Markdown line: no line breaks, and every character that can open
 * inline syntax (code, emphasis, links, HTML, entities, strikethrough) backslash-escaped. The
 * versions come from the runtime; escaping them means no value can add Markdown to the issue.
 */
export function inlineText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>&~]/g, (char) => `\\${char}`);
}

/** `text` as an inline code span: delimited by a backtick run longer than any inside it. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(longest + 1);
  // A span starting or ending with a backtick needs a space inside its delimiters (CommonMark strips one).
  const pad = /^`|`$/.test(oneLine) ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** Characters that would end a Markdown link destination early. */
function linkTarget(url: string): string {
  // encodeURIComponent leaves parentheses alone, so ASCII is escaped by hand.
  return url.replace(/[\s()<>]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(char);
  });
}
