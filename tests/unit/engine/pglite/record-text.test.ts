// PostgreSQL's record text (`t::text`, `NEW::text`): parsed by hand-written cases, then against
// what a real PGlite prints for awkward values.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteaBytes, cellValue, parseRecordText, recordValues, valueKind } from '../../../../src/engine/pglite/record-text.ts';
import { createDatabase } from './support.ts';

describe('parseRecordText', () => {
  it('splits plain fields, with NULL as nothing and "" as the empty string', () => {
    expect(parseRecordText('(1,abc,t)')).toEqual(['1', 'abc', 't']);
    expect(parseRecordText('(1,,"")')).toEqual(['1', null, '']);
    expect(parseRecordText('(,)')).toEqual([null, null]);
    expect(parseRecordText('("")')).toEqual(['']);
    expect(parseRecordText('()')).toEqual([null]);
  });

  it('reads quotes doubled and backslashes escaped inside quotes', () => {
    expect(parseRecordText('("he said ""hi""","a\\\\b","x,y","(p)")')).toEqual(['he said "hi"', 'a\\b', 'x,y', '(p)']);
    expect(parseRecordText('(" leading"," ","tab\there")')).toEqual([' leading', ' ', 'tab\there']);
    expect(parseRecordText('("line one\nline two",2)')).toEqual(['line one\nline two', '2']);
  });

  it('takes what record_in takes: backslashes outside quotes and quoted pieces in one field', () => {
    expect(parseRecordText('(a\\,b,x"y,z"w)')).toEqual(['a,b', 'xy,zw']);
    expect(parseRecordText('("a\\"b")')).toEqual(['a"b']);
  });

  it('keeps arrays and JSON as printed, nested quotes undone once', () => {
    expect(parseRecordText('("{1,2}",{x},"{""a b"",c}","{""k"": [1, ""x,y""]}")')).toEqual(['{1,2}', '{x}', '{"a b",c}', '{"k": [1, "x,y"]}']);
  });

  it('refuses what is not a record', () => {
    expect(() => parseRecordText('1,2')).toThrow(/Not a record/);
    expect(() => parseRecordText('("open)')).toThrow(/inside quotes/);
  });
});

describe('cellValue', () => {
  it('converts by the column type', () => {
    expect(cellValue('42', valueKind(23))).toBe(42);
    expect(cellValue('-7', valueKind(21))).toBe(-7);
    expect(cellValue('1.5', valueKind(701))).toBe(1.5);
    expect(cellValue('Infinity', valueKind(700))).toBe(Number.POSITIVE_INFINITY);
    expect(cellValue('NaN', valueKind(701))).toBe('NaN');
    expect(cellValue('9007199254740991', valueKind(20))).toBe(9007199254740991);
    expect(cellValue('9007199254740993', valueKind(20))).toBe('9007199254740993');
    expect(cellValue('1.25', valueKind(1700))).toBe(1.25);
    expect(cellValue('1.50', valueKind(1700))).toBe('1.50');
    expect(cellValue('NaN', valueKind(1700))).toBe('NaN');
    expect(cellValue('t', valueKind(16))).toBe('true');
    expect(cellValue('f', valueKind(16))).toBe('false');
    expect(cellValue('\\x00ff10', valueKind(17))).toEqual(new Uint8Array([0, 255, 16]));
    expect(cellValue('2026-01-01 00:00:00+00', valueKind(1184))).toBe('2026-01-01 00:00:00+00');
    expect(cellValue(null, valueKind(23))).toBeNull();
    expect(byteaBytes('\\x')).toEqual(new Uint8Array([]));
  });
});

describe('record text as PGlite prints it', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await createDatabase();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('parses back every awkward text value exactly', async () => {
    const awkward = [
      '',
      ' ',
      'plain',
      'a,b',
      '(x)',
      '"quoted"',
      'back\\slash',
      '\\"',
      'new\nline',
      'tab\t',
      '{1,2}',
      '{"a": "b,c"}',
      'NULL',
      "it's",
      'ünïcødé ✓',
    ];
    await db.exec('CREATE TABLE awkward (n int, v text, w text)');
    for (const [n, value] of awkward.entries()) await db.query('INSERT INTO awkward VALUES ($1, $2, NULL)', [n, value]);
    const rows = await db.query<{ row: string }>('SELECT ROW(a.*)::text AS row FROM awkward a ORDER BY n');
    expect(rows.rows.map((row) => parseRecordText(row.row))).toEqual(awkward.map((value, n) => [String(n), value, null]));
  });

  it('parses typed rows into the panels values', async () => {
    await db.exec(`CREATE TABLE typed (i int4, b int8, big int8, r float8, m numeric, ok bool, bytes bytea, j jsonb, a text[], ts timestamptz, u uuid);
      INSERT INTO typed VALUES (1, 2, 9223372036854775807, 0.1, 1.50, false, '\\x0102', '{"k": [1, "x,y"]}', ARRAY['a b', 'c"d', NULL], '2026-12-07 07:07:48.613+00', '00000000-0000-4000-8000-000000000001');`);
    const types = await db.query<{ oid: number }>(
      "SELECT atttypid::int4 AS oid FROM pg_attribute WHERE attrelid = 'typed'::regclass AND attnum > 0 ORDER BY attnum",
    );
    const row = await db.query<{ row: string }>('SELECT ROW(t.*)::text AS row FROM typed t');
    expect(
      recordValues(
        row.rows[0]?.row ?? '',
        types.rows.map((type) => valueKind(type.oid)),
      ),
    ).toEqual([
      1,
      2,
      '9223372036854775807',
      0.1,
      '1.50',
      'false',
      new Uint8Array([1, 2]),
      '{"k": [1, "x,y"]}',
      '{"a b","c\\"d",NULL}',
      '2026-12-07 07:07:48.613+00',
      '00000000-0000-4000-8000-000000000001',
    ]);
  });
});
