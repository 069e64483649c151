import type { CellValue } from '../database-state.ts';

/**
 * PostgreSQL's text form of a composite value (a row: `SELECT t::text`, `NEW::text` in a
 * trigger), split into its fields: each field's text as the column's type prints it, or null.
 *
 * record_out writes `(f1,f2,…)`: a NULL field is nothing at all, an empty string is `""`; a
 * field with a quote, backslash, comma, parenthesis or white space, or an empty one, is quoted,
 * with `"` and `\` doubled inside. record_in also takes a backslash before any character,
 * quoted or not, and several quoted pieces in one field: both are read here too.
 */
export function parseRecordText(text: string): Array<string | null> {
  if (text.length < 2 || text[0] !== '(' || text[text.length - 1] !== ')') throw new Error(`Not a record's text: ${text.slice(0, 80)}`);
  const fields: Array<string | null> = [];
  const end = text.length - 1;
  let i = 1;
  for (;;) {
    let value = '';
    // A field with nothing in it, not even "", is NULL.
    let present = false;
    let quoted = false;
    while (i < end) {
      const char = text[i] as string;
      if (quoted) {
        if (char === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else if (char === '\\' && i + 1 < end) {
          value += text[i + 1];
          i += 2;
        } else {
          value += char;
          i++;
        }
        continue;
      }
      if (char === ',') break;
      present = true;
      if (char === '"') {
        quoted = true;
        i++;
      } else if (char === '\\' && i + 1 < end) {
        value += text[i + 1];
        i += 2;
      } else {
        value += char;
        i++;
      }
    }
    if (quoted) throw new Error(`A record's text ends inside quotes: ${text.slice(0, 80)}`);
    fields.push(present ? value : null);
    if (i >= end) return fields;
    i++; // the comma
  }
}

/** How a column's value becomes a panel's CellValue, by its type (domains by their base type). */
export type ValueKind = 'number' | 'integer' | 'boolean' | 'bytea' | 'text';

const KIND_BY_TYPE = new Map<number, ValueKind>([
  [21, 'number'], // int2
  [23, 'number'], // int4
  [26, 'number'], // oid
  [700, 'number'], // float4
  [701, 'number'], // float8
  [20, 'integer'], // int8: a number only where it is exact
  [1700, 'integer'], // numeric: likewise
  [16, 'boolean'],
  [17, 'bytea'],
]);

/** The ValueKind of a type by its OID (the base type's, for a domain); `text` for every other type. */
export function valueKind(typeOid: number): ValueKind {
  return KIND_BY_TYPE.get(typeOid) ?? 'text';
}

/** `\x0102…` (bytea_output hex) as bytes; the text as UTF-8 bytes if it is not hex (bytea_output escape is not used here). */
export function byteaBytes(text: string): Uint8Array {
  if (!/^\\x(?:[0-9a-fA-F]{2})*$/.test(text)) return new TextEncoder().encode(text);
  const bytes = new Uint8Array((text.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 + i * 2, 4 + i * 2), 16);
  return bytes;
}

/**
 * One field's text as the panels show it: numbers as numbers (int8 and numeric only when the
 * number prints back as the same text, e.g. not 9007199254740993 or 1.50; NaN stays text, since
 * NaN never equals itself and every diff would mark it changed), booleans as `true`/`false`,
 * bytea as bytes, everything else as PostgreSQL prints it.
 */
export function cellValue(text: string | null, kind: ValueKind): CellValue {
  if (text === null) return null;
  switch (kind) {
    case 'number': {
      const number = Number(text);
      return Number.isNaN(number) ? text : number;
    }
    case 'integer': {
      const number = Number(text);
      return !Number.isNaN(number) && String(number) === text ? number : text;
    }
    case 'boolean':
      return text === 't' ? 'true' : text === 'f' ? 'false' : text;
    case 'bytea':
      return byteaBytes(text);
    default:
      return text;
  }
}

/** A record's text as the CellValues of its first `kinds.length` fields (fields past the text's are NULL). */
export function recordValues(text: string, kinds: readonly ValueKind[]): CellValue[] {
  const fields = parseRecordText(text);
  return kinds.map((kind, i) => cellValue(fields[i] ?? null, kind));
}
