import type { SchemaInfo, TableSchema } from '../protocol.ts';
import { fenceFor } from '../share/markdown.ts';

const SVG = 'http://www.w3.org/2000/svg';
const BOX_WIDTH = 230;
const ROW_HEIGHT = 18;
const HEADER = 24;
const GAP_X = 90;
const GAP_Y = 24;
const PAD = 12;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Columns of tables: a table sits one column right of every table it references. */
function depths(tables: readonly TableSchema[]): Map<string, number> {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const depth = new Map<string, number>();
  const visit = (table: TableSchema, stack: Set<string>): number => {
    const known = depth.get(table.name);
    if (known !== undefined) return known;
    if (stack.has(table.name)) return 0; // a cycle: break it anywhere
    stack.add(table.name);
    let value = 0;
    for (const key of table.foreignKeys) {
      const parent = byName.get(key.table);
      if (parent && parent !== table) value = Math.max(value, visit(parent, stack) + 1);
    }
    stack.delete(table.name);
    depth.set(table.name, value);
    return value;
  };
  for (const table of tables) visit(table, new Set());
  return depth;
}

/** A one-sentence description of the relations, for screen readers (the cards below list everything). */
export function relationsText(schema: SchemaInfo): string {
  const relations = schema.tables.flatMap((table) =>
    table.foreignKeys.map(
      (key) =>
        `${table.name}.${key.columns.join(', ')} references ${key.table}.${key.references.join(', ')}${key.onDelete !== 'NO ACTION' ? ` (on delete ${key.onDelete.toLowerCase()})` : ''}`,
    ),
  );
  return `${schema.tables.length} tables. ${relations.length > 0 ? `${relations.join('; ')}.` : 'No foreign keys.'}`;
}

/**
 * The tables as an entity-relationship diagram: a box per table with its columns (keys
 * marked), a line from each foreign-key column to the column it references. Referenced tables
 * stand left of those that reference them.
 */
export function erDiagram(schema: SchemaInfo): SVGSVGElement {
  const depth = depths(schema.tables);
  const columns = new Map<number, TableSchema[]>();
  for (const table of schema.tables) {
    const d = depth.get(table.name) ?? 0;
    columns.set(d, [...(columns.get(d) ?? []), table]);
  }
  const position = new Map<string, { x: number; y: number }>();
  let height = 0;
  for (const [d, tables] of columns) {
    let y = PAD;
    for (const table of tables) {
      position.set(table.name, { x: PAD + d * (BOX_WIDTH + GAP_X), y });
      y += HEADER + table.columns.length * ROW_HEIGHT + GAP_Y;
    }
    height = Math.max(height, y);
  }
  const width = PAD * 2 + Math.max(1, columns.size) * BOX_WIDTH + Math.max(0, columns.size - 1) * GAP_X;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${Math.max(height, 60)}`,
    width,
    height: Math.max(height, 60),
    role: 'img',
    class: 'pg-er',
    'aria-label': `Entity-relationship diagram. ${relationsText(schema)}`,
  });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'pg-er-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'pg-er-arrowhead' }));
  defs.append(marker);
  root.append(defs);
  const rowY = (table: TableSchema, column: string): number => {
    const index = Math.max(
      0,
      table.columns.findIndex((candidate) => candidate.name === column),
    );
    return (position.get(table.name)?.y ?? 0) + HEADER + index * ROW_HEIGHT + ROW_HEIGHT / 2;
  };
  const lines = svg('g', { class: 'pg-er-lines' });
  const byName = new Map(schema.tables.map((table) => [table.name, table]));
  for (const table of schema.tables) {
    const from = position.get(table.name)!;
    for (const key of table.foreignKeys) {
      const parent = byName.get(key.table);
      const to = parent && position.get(parent.name);
      if (!parent || !to) continue;
      const y1 = rowY(table, key.columns[0] ?? '');
      const y2 = rowY(parent, key.references[0] ?? '');
      const x1 = from.x;
      const x2 = to.x + BOX_WIDTH;
      const bend = Math.max(30, Math.abs(x1 - x2) / 2);
      const title = svg(
        'title',
        {},
        `${table.name}.${key.columns.join(', ')} → ${parent.name}.${key.references.join(', ')} (on delete ${key.onDelete.toLowerCase()})`,
      );
      const path = svg('path', { d: `M ${x1} ${y1} C ${x1 - bend} ${y1}, ${x2 + bend} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#pg-er-arrow)' });
      path.append(title);
      lines.append(path);
    }
  }
  root.append(lines);
  for (const table of schema.tables) {
    const { x, y } = position.get(table.name)!;
    const group = svg('g', { class: 'pg-er-table' });
    group.append(svg('rect', { x, y, width: BOX_WIDTH, height: HEADER + table.columns.length * ROW_HEIGHT, rx: 4 }));
    group.append(svg('text', { x: x + 8, y: y + 16, class: 'pg-er-name' }, table.name));
    const foreign = new Set(table.foreignKeys.flatMap((key) => key.columns));
    const unique = new Set(table.indexes.filter((index) => index.unique && index.columns.length === 1).map((index) => index.columns[0]));
    table.columns.forEach((column, i) => {
      const cy = y + HEADER + i * ROW_HEIGHT + 13;
      const marks = [column.primaryKey ? 'PK' : '', foreign.has(column.name) ? 'FK' : '', unique.has(column.name) && !column.primaryKey ? 'UQ' : '']
        .filter(Boolean)
        .join(' ');
      group.append(svg('text', { x: x + 8, y: cy, class: column.primaryKey ? 'pg-er-column pg-er-key' : 'pg-er-column' }, column.name));
      group.append(
        svg('text', { x: x + BOX_WIDTH - 8, y: cy, 'text-anchor': 'end', class: 'pg-er-type' }, `${marks ? `${marks} ` : ''}${column.type.toLowerCase()}`),
      );
    });
    root.append(group);
  }
  return root;
}

/**
 * The schema as a Mermaid erDiagram (GitHub renders these in issues): one line per relationship,
 * one block per table, one line per column, whatever the names contain.
 *
 * Mermaid has no escape character; it decodes `#<code>;` entity codes in any diagram after
 * parsing. So names are quoted and every character that could end a quote, start a comment
 * (`%%`), a keyword line (`direction TB`, `style …:#…;`) or HTML is written as an entity code.
 * Entity names are quoted rather than aliased (`id["name"]`): quoted names parse in every Mermaid
 * since 9.2, aliases only in recent ones. Attribute names and types allow no quoting at all, so
 * they are reduced to a plain identifier and the real name goes in the attribute's comment.
 */
export function mermaidErDiagram(schema: SchemaInfo): string {
  const lines = ['erDiagram'];
  for (const table of schema.tables) {
    for (const key of table.foreignKeys) lines.push(`  ${quoted(key.table)} ||--o{ ${quoted(table.name)} : ${quoted(key.columns.join(', '), true)}`);
  }
  for (const table of schema.tables) {
    const foreign = new Set(table.foreignKeys.flatMap((key) => key.columns));
    const used = new Set<string>();
    lines.push(`  ${quoted(table.name)} {`);
    for (const column of table.columns) {
      const type = attributeWord((column.type || 'any').toLowerCase(), new Set());
      const name = attributeWord(column.name, used);
      const key = [column.primaryKey ? 'PK' : '', foreign.has(column.name) ? 'FK' : ''].filter(Boolean).join(', ');
      const comment = name === column.name ? '' : ` ${quoted(column.name, true)}`;
      lines.push(`    ${type} ${name}${key ? ` ${key}` : ''}${comment}`);
    }
    lines.push('  }');
  }
  return lines.join('\n');
}

/** The diagram as a Markdown code block for an issue: a fence no backtick run in it can close. */
export function mermaidMarkdown(schema: SchemaInfo): string {
  const diagram = mermaidErDiagram(schema);
  const fence = fenceFor(diagram);
  return `${fence}mermaid\n${diagram}\n${fence}\n`;
}

/** Characters written as themselves inside quotes; anything else ASCII becomes an entity code. */
const PLAIN = /[A-Za-z0-9 _.,()'+\-/=!?@$^*]/;
/** Line and paragraph separators outside ASCII, which some tools treat as line ends. */
const SEPARATORS = new Set([0x85, 0x2028, 0x2029]);

/**
 * `text` in double quotes, safe anywhere Mermaid reads a quoted name. Mermaid refuses an empty
 * quoted entity name, so an empty name becomes one entity-coded space (`allowEmpty` for labels).
 */
function quoted(text: string, allowEmpty = false): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += (code < 0x80 && !PLAIN.test(char)) || code < 0x20 || code === 0x7f || SEPARATORS.has(code) ? `#${code};` : char;
  }
  // `direction` followed by whitespace and TB/BT/LR/RL makes the whole line a direction statement.
  out = out.replace(/(direction)( +)/gi, (_all, word: string, spaces: string) => `${word}${'#32;'.repeat(spaces.length)}`);
  return `"${out === '' && !allowEmpty ? '#32;' : out}"`;
}

/**
 * A word Mermaid takes as an attribute's type or name: a letter, then letters, digits or `_`,
 * not a key word (PK, FK, UK), and not already used in the same table.
 */
function attributeWord(text: string, used: Set<string>): string {
  let word = text.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(word)) word = `c_${word}`;
  if (/^(pk|fk|uk)$/i.test(word)) word = `${word}_`;
  let unique = word;
  for (let n = 2; used.has(unique); n++) unique = `${word}_${n}`;
  used.add(unique);
  return unique;
}
