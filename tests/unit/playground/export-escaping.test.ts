// Copy formats embed names from the reader's schema and code; nothing in them may change the
// structure of what is pasted (a diagram line per thing, one code block, one block per file).
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { mermaidErDiagram, mermaidMarkdown } from '../../../src/playground/panels/er-diagram.ts';
import type { ColumnInfo, SchemaInfo, TableSchema } from '../../../src/playground/protocol.ts';
import { shareUrl } from '../../../src/playground/share/codec.ts';
import { markdownForIssue } from '../../../src/playground/share/markdown.ts';
import type { PlaygroundState } from '../../../src/playground/store/state.ts';

/** Names a hostile (or just unusual) schema can hold: quotes, line breaks, fences, Mermaid syntax. */
const HOSTILE = [
  'we"ird',
  'line\nbreak\r\nand\u2028more',
  '```\n# heading\n```',
  '}',
  '%% comment',
  '%%{init: {"theme": "dark"}}%%',
  'a -- b ||--o{ c : "d"',
  'direction TB',
  'DIRECTION\tlr',
  'style x fill:#f00;',
  '<img src=x onerror=alert(1)>',
  '#quot; &amp; #35;',
  'back\\slash ~tilde~',
  'pk',
  '',
  '1',
  'ünïcödé 名前',
];

function column(name: string, type = 'TEXT', primaryKey = 0): ColumnInfo {
  return { name, type, notNull: false, primaryKey, defaultValue: null };
}

function table(name: string, columns: ColumnInfo[], foreignKeys: TableSchema['foreignKeys'] = []): TableSchema {
  return { name, sql: '', columns, indexes: [], foreignKeys, withoutRowid: false };
}

const parent = table('pa"rent\n```', [column('id', 'INTEGER', 1), ...HOSTILE.map((name, i) => column(name, i % 2 ? 'VARCHAR(255) "x"\n```' : ''))]);
const children = HOSTILE.map((name, i) =>
  table(
    name,
    [column('id', 'INTEGER', 1), column(`parent${i}"\n%%`)],
    [{ columns: [`parent${i}"\n%%`], table: parent.name, references: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }],
  ),
);
const schema: SchemaInfo = { tables: [parent, ...children] };

/** What Mermaid shows for a quoted string once it has decoded the entity codes. */
function decoded(quotedText: string): string {
  return quotedText.slice(1, -1).replace(/#(\d+);/g, (_all, code: string) => String.fromCodePoint(Number(code)));
}

describe('the Mermaid ER diagram', () => {
  const diagram = mermaidErDiagram(schema);
  const lines = diagram.split('\n');
  const QUOTED = '"[^"%\\\\\\r\\n\\v\\b]+"';
  const relationship = new RegExp(`^  (${QUOTED}) \\|\\|--o\\{ (${QUOTED}) : ("[^"]*")$`);
  const blockStart = new RegExp(`^  (${QUOTED}) \\{$`);
  const attribute = /^ {4}([A-Za-z][A-Za-z0-9_]*) ([A-Za-z][A-Za-z0-9_]*)( PK| FK| PK, FK)?( "[^"]*")?$/;

  it('has one line per relationship, table start and end, and column', () => {
    const relationships = schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0);
    const columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
    expect(lines).toHaveLength(1 + relationships + 2 * schema.tables.length + columns);
    expect(lines[0]).toBe('erDiagram');
    const kinds = lines
      .slice(1)
      .map((line) =>
        relationship.test(line)
          ? 'relationship'
          : blockStart.test(line)
            ? 'start'
            : attribute.test(line)
              ? 'attribute'
              : line === '  }'
                ? 'end'
                : `unexpected: ${line}`,
      );
    expect(kinds).toEqual([
      ...Array<string>(relationships).fill('relationship'),
      ...schema.tables.flatMap((t) => ['start', ...Array<string>(t.columns.length).fill('attribute'), 'end']),
    ]);
  });

  it('contains nothing Mermaid reads as a comment, a directive, a keyword line, HTML or a Markdown fence', () => {
    expect(diagram).not.toMatch(/%|`|<|>|\\/);
    expect(diagram).not.toMatch(/direction\s/i);
    expect(diagram).not.toMatch(/style.*:\S*#.*;/);
    for (const line of lines.slice(1)) {
      const words = attribute.exec(line);
      if (words) for (const word of [words[1], words[2]]) expect(word).not.toMatch(/^(pk|fk|uk)$/i);
    }
  });

  it('shows every name as it is, once Mermaid decodes its entity codes', () => {
    const entities = lines.flatMap((line) => [blockStart.exec(line)?.[1]].filter((name) => name !== undefined)).map(decoded);
    expect(entities).toEqual(schema.tables.map((t) => (t.name === '' ? ' ' : t.name)));
    const labels = lines.flatMap((line) => {
      const match = relationship.exec(line);
      return match ? [[decoded(match[1]!), decoded(match[2]!), decoded(match[3]!)]] : [];
    });
    expect(labels).toEqual(children.map((child) => [parent.name, child.name || ' ', child.foreignKeys[0]!.columns[0]]));
    // A column shows under its own name when that is a plain word, else in its comment.
    const shown = lines.flatMap((line) => {
      const match = attribute.exec(line);
      return match ? [match[4] ? decoded(match[4].trim()) : match[2]] : [];
    });
    expect(shown).toEqual(schema.tables.flatMap((t) => t.columns.map((c) => c.name)));
  });

  it('keeps attribute names unique within a table', () => {
    const duplicate = table('t', [column('a b'), column('a_b'), column('a-b')]);
    const names = mermaidErDiagram({ tables: [duplicate] })
      .split('\n')
      .slice(2, -1)
      .map((line) => line.trim().split(' ')[1]);
    expect(new Set(names).size).toBe(3);
  });

  it('copies as exactly one mermaid code block, even with backticks in it', () => {
    const markdown = mermaidMarkdown(schema);
    const tree = fromMarkdown(markdown);
    expect(tree.children.map((node) => node.type)).toEqual(['code']);
    const [block] = tree.children;
    expect(block?.type === 'code' && block.lang).toBe('mermaid');
    expect(block?.type === 'code' && block.value).toBe(diagram);
  });
});

describe('the Markdown for an issue', () => {
  const files = [
    { name: 'run.ts', code: 'const md = `\n```ts\n</details>\n```\n`;\n' },
    { name: 'b.ts', code: '~~~\n<details><summary>x</summary>\n\n# not a heading\n````````' },
    { name: 'c.ts', code: '' },
  ];
  const state: PlaygroundState = { orm: 'sequelize', engine: 'sqlite', implementation: 'ours', active: 'run.ts', options: { freshDatabase: true }, files };
  const versions = { orm: '6.37.8\n\n# Heading `x` <b>bold</b> [a](b) *em* _u_ ~s~ &amp;', adapter: '0.1.0', database: 'SQLite 3.49.1' };
  const markdown = markdownForIssue({ state, url: shareUrl('https://adapter-lab.dev/playground/', state), versions });
  const tree = fromMarkdown(markdown);

  it('is one paragraph, the details block, a title and a code block per file', () => {
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'html', ...files.flatMap(() => ['paragraph', 'code']), 'html']);
    const blocks = tree.children.filter((node) => node.type === 'code');
    expect(blocks.map((block) => block.lang)).toEqual(['ts', 'ts', 'ts']);
    expect(blocks.map((block) => block.value)).toEqual(files.map((file) => file.code.replace(/\n$/, '')));
    const titles = tree.children.filter((node) => node.type === 'paragraph').slice(1);
    expect(titles.map((title) => title.children[0]?.type === 'strong' && title.children[0].children[0])).toEqual(
      files.map((file) => ({ type: 'inlineCode', value: file.name, position: expect.anything() })),
    );
  });

  it('shows the versions as text, adding no Markdown of their own', () => {
    const [first] = tree.children;
    expect(first?.type).toBe('paragraph');
    const kinds = first?.type === 'paragraph' ? first.children.map((node) => node.type) : [];
    expect(kinds).toEqual(['text', 'link', 'text']);
    const text = first?.type === 'paragraph' ? first.children.map((node) => (node.type === 'text' ? node.value : '')).join('') : '';
    expect(text).toContain(versions.orm.replace(/\n+/g, ' '));
  });
});
