import type { SchemaInfo, TableSchema } from '../protocol.ts';

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
  const relations = schema.tables.flatMap((table) => table.foreignKeys.map((key) => `${table.name}.${key.columns.join(', ')} references ${key.table}.${key.references.join(', ')}${key.onDelete !== 'NO ACTION' ? ` (on delete ${key.onDelete.toLowerCase()})` : ''}`));
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
  const root = svg('svg', { viewBox: `0 0 ${width} ${Math.max(height, 60)}`, width, height: Math.max(height, 60), role: 'img', class: 'pg-er', 'aria-label': `Entity-relationship diagram. ${relationsText(schema)}` });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'pg-er-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'pg-er-arrowhead' }));
  defs.append(marker);
  root.append(defs);
  const rowY = (table: TableSchema, column: string): number => {
    const index = Math.max(0, table.columns.findIndex((candidate) => candidate.name === column));
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
      const title = svg('title', {}, `${table.name}.${key.columns.join(', ')} → ${parent.name}.${key.references.join(', ')} (on delete ${key.onDelete.toLowerCase()})`);
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
      const marks = [column.primaryKey ? 'PK' : '', foreign.has(column.name) ? 'FK' : '', unique.has(column.name) && !column.primaryKey ? 'UQ' : ''].filter(Boolean).join(' ');
      group.append(svg('text', { x: x + 8, y: cy, class: column.primaryKey ? 'pg-er-column pg-er-key' : 'pg-er-column' }, column.name));
      group.append(svg('text', { x: x + BOX_WIDTH - 8, y: cy, 'text-anchor': 'end', class: 'pg-er-type' }, `${marks ? `${marks} ` : ''}${column.type.toLowerCase()}`));
    });
    root.append(group);
  }
  return root;
}

/** The schema as a Mermaid erDiagram (GitHub renders these in issues). */
export function mermaidErDiagram(schema: SchemaInfo): string {
  const id = (name: string): string => name.replace(/\W/g, '_');
  const lines = ['erDiagram'];
  for (const table of schema.tables) {
    for (const key of table.foreignKeys) lines.push(`  ${id(key.table)} ||--o{ ${id(table.name)} : "${key.columns.join(', ')}"`);
  }
  for (const table of schema.tables) {
    const foreign = new Set(table.foreignKeys.flatMap((key) => key.columns));
    lines.push(`  ${id(table.name)} {`);
    for (const column of table.columns) {
      const type = (column.type || 'any').toLowerCase().replace(/[^\w]/g, '_');
      const key = [column.primaryKey ? 'PK' : '', foreign.has(column.name) ? 'FK' : ''].filter(Boolean).join(', ');
      lines.push(`    ${type} ${id(column.name)}${key ? ` ${key}` : ''}`);
    }
    lines.push('  }');
  }
  return lines.join('\n');
}
