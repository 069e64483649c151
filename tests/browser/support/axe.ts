// Runs axe-core (WCAG 2.0/2.1 A and AA rules) in a page and formats violations readably.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TARGETS = 3;

let axeSource: Promise<string> | undefined;
function loadAxeSource(): Promise<string> {
  const path = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  axeSource ??= readFile(path, 'utf8');
  return axeSource;
}

/** A violation we accept on specific elements only; the rule stays on for everything else. */
export interface KnownIssue {
  rule: string;
  /** CSS selector of the elements the exemption covers. */
  selector: string;
  /** Why it cannot be fixed here (shown nowhere, but required: every exemption needs a reason). */
  why: string;
}

// Starlight 0.42's own markup, on every page with its header.
export const STARLIGHT_KNOWN_ISSUES: KnownIssue[] = [
  {
    rule: 'label-content-name-mismatch', // WCAG 2.5.3 Label in Name
    selector: 'site-search button[data-open-modal]',
    why:
      'The search button has aria-label="Search" but its visible text is "Search" plus the ' +
      '"Ctrl K" <kbd> hint, so the visible text is not contained in the accessible name. It is ' +
      "Starlight's Search.astro; fixing it here means overriding that component in astro.config.mjs.",
  },
];

export interface AxeOptions {
  /** Defaults to STARLIGHT_KNOWN_ISSUES; pass [] for a page without Starlight's header. */
  knownIssues?: KnownIssue[];
  /** CSS selectors to leave out of the scan entirely. */
  exclude?: string[];
}

/** One line per violated rule: `id [impact] help (url) — N node(s): selectors… First: why`. Empty = clean. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: await loadAxeSource() });
  }
  const runOptions: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  const known = (options.knownIssues ?? STARLIGHT_KNOWN_ISSUES).map(({ rule, selector }) => ({ rule, selector }));
  const exclude = options.exclude ?? [];
  const violations = await page.evaluate(
    async ({ runOptions, known, exclude }) => {
      // `axe` is the global the script tag defined; the page has no types for it.
      const { axe } = window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } };
      const results = await axe.run(exclude.length > 0 ? { exclude } : document, runOptions);
      // Drop the nodes a known issue covers (matched in the page, where the selectors mean something).
      const isKnown = (rule: string, target: unknown[]) => {
        const selector = target.length === 1 && typeof target[0] === 'string' ? target[0] : null;
        const element = selector ? document.querySelector(selector) : null;
        return known.some((issue) => issue.rule === rule && element?.matches(issue.selector) === true);
      };
      return results.violations
        .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !isKnown(violation.id, node.target)) }))
        .filter((violation) => violation.nodes.length > 0);
    },
    { runOptions, known, exclude },
  );
  return violations.map(formatViolation);
}

function formatViolation(violation: Result): string {
  const targets = violation.nodes.slice(0, MAX_TARGETS).map((node) => JSON.stringify(node.target));
  const more = violation.nodes.length > MAX_TARGETS ? ` (+${violation.nodes.length - MAX_TARGETS} more)` : '';
  // The first node's summary says what exactly is wrong (e.g. the measured contrast ratio).
  const summary = violation.nodes[0]?.failureSummary?.replace(/\s*\n\s*/g, ' ') ?? '';
  return (
    `${violation.id} [${violation.impact ?? 'n/a'}] ${violation.help} (${violation.helpUrl})` +
    ` — ${violation.nodes.length} node(s): ${targets.join(', ')}${more}. First: ${summary}`
  );
}
