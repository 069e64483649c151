/**
 * Starlight lets a wide Markdown table scroll sideways (`display: block; overflow: auto`): a
 * keyboard user can only scroll it if it can take focus (WCAG 2.1.1; axe's
 * scrollable-region-focusable). A Sätteri hast plugin (Astro 7's Markdown processor) gives every
 * table of the docs' content `tabindex="0"`.
 */
import type { HastPluginDefinition } from 'satteri';

export const focusableTables: HastPluginDefinition = {
  name: 'adapter-lab:focusable-tables',
  element: {
    filter: ['table'],
    visit(node, context) {
      context.setProperty(node, 'tabIndex', 0);
    },
  },
};
