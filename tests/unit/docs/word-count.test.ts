// What counts as a word of a docs page (src/docs/build/word-count.ts), on a made-up page.
import { expect, it } from 'vitest';
import { countPageWords } from '../../../src/docs/build/word-count.ts';

const page = `---
title: Not counted
description: Front matter is not read on the page
---

import { Aside, LinkCard } from '@astrojs/starlight/components';

## Two words

A [linked word](/somewhere/long/) and \`code\` count.

| Column | Type |
| ------ | ---- |
| \`id\` | UUID |

<Aside type="tip" title="Aside title">
\tInside text.
</Aside>

<LinkCard title="Card" description="says this" href="/x/" />

\`\`\`ts title="auth.ts"
const a = 1 // five words here
\`\`\`
`;

it('counts the text a reader reads, and fenced code apart', () => {
  // "Two words" 2, "A linked word and code count." 6, table 4, aside title 2 + text 2, card 3.
  expect(countPageWords(page)).toEqual({ words: 19, codeWords: 6 });
});
