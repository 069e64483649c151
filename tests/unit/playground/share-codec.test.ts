// Share links: what a link carries, that old links keep opening, and that no input can break the page.
import { Deflate, deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  GITHUB_URL_LIMIT,
  MAX_INFLATED_BYTES,
  decodeState,
  MAX_HASH_LENGTH,
  ShareLinkRefusedError,
  encodeState,
  fromBase64Url,
  inflateWithLimit,
  linkLength,
  parseState,
  shareUrl,
  toBase64Url,
  type DecodeResult,
} from '../../../src/playground/share/codec.ts';
import { DEFAULT_OPTIONS, type PlaygroundState } from '../../../src/playground/store/state.ts';
import { prng } from '../../support/prng.ts';
import { encodeStateV1, shareLink as link } from '../../support/share-links.ts';

const REASONS = ['empty', 'malformed', 'truncated', 'too-large', 'unknown-version', 'invalid'];

function failure(result: DecodeResult): { reason: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got a state with ${result.state.files.length} files`);
  return result;
}

/**
 * Code that does not compress: every character drawn (mulberry32, which does not repeat within
 * 2^32 values) from every BMP code point but the surrogates, about 15.7 bits of entropy
 * each, which no deflate can store in fewer bits.
 */
function incompressibleCode(length: number, seed: number): string {
  const random = prng(seed);
  const lowRange = 0xd800 - 0x20; // U+0020–U+D7FF
  const range = lowRange + (0xfffe - 0xe000); // and U+E000–U+FFFD
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    const n = Math.floor(random() * range);
    chars.push(String.fromCharCode(n < lowRange ? 0x20 + n : 0xe000 + n - lowRange));
  }
  return chars.join('');
}
const INCOMPRESSIBLE_BITS_PER_CHAR = Math.log2(0xd800 - 0x20 + (0xfffe - 0xe000));

const oneFile = (code: string): PlaygroundState => ({
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  files: [{ name: 'run.ts', code }],
  active: 'run.ts',
  options: { freshDatabase: true },
});

const refusal = (state: PlaygroundState): ShareLinkRefusedError => {
  try {
    encodeState(state);
  } catch (error) {
    if (error instanceof ShareLinkRefusedError) return error;
    throw error;
  }
  throw new Error('expected encodeState to refuse');
};

const accepts = (state: PlaygroundState): boolean => {
  try {
    encodeState(state);
    return true;
  } catch (error) {
    if (error instanceof ShareLinkRefusedError) return false;
    throw error;
  }
};

let boundary: { accepted: PlaygroundState; refused: PlaygroundState } | undefined;

/**
 * The longest prefix of MAX_TOTAL_CODE incompressible characters the encoder writes a link for,
 * and that prefix with one character more (refused), found by bisection once for every test.
 */
function largestIncompressible(): { accepted: PlaygroundState; refused: PlaygroundState } {
  if (boundary) return boundary;
  const code = incompressibleCode(300_000, 11);
  let [accepted, refused] = [0, code.length]; // invariant: accepted's prefix encodes, refused's does not
  expect(accepts(oneFile(code))).toBe(false);
  while (refused - accepted > 1) {
    const middle = Math.floor((accepted + refused) / 2);
    if (accepts(oneFile(code.slice(0, middle)))) accepted = middle;
    else refused = middle;
  }
  boundary = { accepted: oneFile(code.slice(0, accepted)), refused: oneFile(code.slice(0, refused)) };
  return boundary;
}

const typical: PlaygroundState = {
  orm: 'sequelize',
  engine: 'sqlite',
  implementation: 'ours',
  active: 'run.ts',
  options: { freshDatabase: true },
  files: [
    {
      name: 'run.ts',
      code: [
        "import { Sequelize } from 'sequelize';",
        "import { SequelizeAdapter } from '@adapter-lab/sequelize-adapter';",
        "import { models } from './models.ts';",
        "import { signIn } from './auth.ts';",
        '',
        "const sequelize = new Sequelize('sqlite::memory:', { logging: false });",
        'const adapter = SequelizeAdapter(sequelize, { models: models(sequelize) });',
        'await sequelize.sync();',
        '',
        "const user = await adapter.createUser({ id: crypto.randomUUID(), email: 'ada@example.com', emailVerified: null, name: 'Ada' });",
        "await adapter.linkAccount({ userId: user.id, type: 'oauth', provider: 'github', providerAccountId: '42' });",
        "const found = await adapter.getUserByAccount({ provider: 'github', providerAccountId: '42' });",
        'console.log(found);',
        'const session = await signIn(adapter, user.id);',
        'console.log(await adapter.getSessionAndUser(session.sessionToken));',
        'await adapter.deleteUser(user.id);',
        "console.log('after delete', await adapter.getUser(user.id));",
      ].join('\n'),
    },
    {
      name: 'models.ts',
      code: [
        "import { DataTypes, type Sequelize } from 'sequelize';",
        "import { models as defaults } from '@adapter-lab/sequelize-adapter';",
        '',
        '// Users get a display name and a role on top of what Auth.js needs.',
        'export function models(sequelize: Sequelize) {',
        '  const base = defaults(sequelize);',
        "  base.User.rawAttributes['role'] = { type: DataTypes.STRING, allowNull: false, defaultValue: 'member' };",
        "  base.User.rawAttributes['displayName'] = { type: DataTypes.STRING };",
        '  base.User.refreshAttributes();',
        '  return base;',
        '}',
      ].join('\n'),
    },
    {
      name: 'auth.ts',
      code: [
        "import type { Adapter } from '@auth/core/adapters';",
        '',
        'export async function signIn(adapter: Adapter, userId: string) {',
        '  const expires = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);',
        '  const sessionToken = crypto.randomUUID();',
        '  return adapter.createSession!({ sessionToken, userId, expires });',
        '}',
      ].join('\n'),
    },
  ],
};

describe('encodeState / decodeState', () => {
  it('round-trips every character and the whole state', () => {
    const state: PlaygroundState = {
      orm: 'mikro-orm',
      engine: 'sqlite',
      implementation: 'ours',
      active: 'b_2-x.y.ts',
      options: { freshDatabase: false },
      files: [
        { name: 'run.ts', code: "console.log('😀 漢字 한국어 \u2028 \u2029 \u0000 \uFFFF \\u2028 tab\there')\r\n" },
        { name: 'b_2-x.y.ts', code: 'const md = "```ts\\n```";\nconst tpl = `a ${"`"} b` + ``;\n// ```` four\n' },
        { name: 'empty.ts', code: '' },
        { name: 'big.ts', code: Array.from({ length: 9_000 }, (_, i) => `export const v${i} = ${(i * 7919) % 1000};`).join('\n') },
        { name: 'lone.ts', code: 'const broken = "\uD800 \uDFFF";' },
      ],
    };
    const hash = encodeState(state);
    expect(hash).toMatch(/^2\.[A-Za-z0-9_-]+$/);
    const result = decodeState(`#${hash}`);
    expect(result).toEqual({ ok: true, state, version: 2 });
    expect(decodeState(hash)).toEqual(result);
  });

  it('keeps the open file and the options', () => {
    const state: PlaygroundState = { ...typical, active: 'auth.ts', options: { freshDatabase: false } };
    const result = decodeState(encodeState(state));
    expect(result.ok && result.state.active).toBe('auth.ts');
    expect(result.ok && result.state.options).toEqual({ freshDatabase: false });
  });

  it('keeps a typical three-file reproduction well under the GitHub URL limit', () => {
    const url = shareUrl('https://adapter-lab.dev/playground/', typical);
    expect(linkLength(url)).toBeLessThan(GITHUB_URL_LIMIT / 4);
    expect(decodeState(new URL(url).hash)).toEqual({ ok: true, state: typical, version: 2 });
  });

  it('opens version 1 links: files in order, the first one open, default options', () => {
    const v1 = encodeStateV1({ ...typical, orm: 'mikro-orm', active: 'auth.ts', options: { freshDatabase: false } });
    expect(v1).toMatch(/^1\./);
    const result = decodeState(`#${v1}`);
    expect(result).toEqual({
      ok: true,
      version: 1,
      state: { orm: 'mikro-orm', engine: 'sqlite', implementation: 'ours', files: typical.files, active: 'run.ts', options: DEFAULT_OPTIONS },
    });
  });

  it('opens a version 1 link written by hand to the v1 spec', () => {
    const result = decodeState(
      `#${link(1, {
        o: 'sequelize',
        f: [
          ['b.ts', 'export const b = 1;'],
          ['a.ts', "import { b } from './b.ts';"],
        ],
      })}`,
    );
    expect(result.ok && result.state).toEqual({
      orm: 'sequelize',
      engine: 'sqlite',
      implementation: 'ours',
      files: [
        { name: 'b.ts', code: 'export const b = 1;' },
        { name: 'a.ts', code: "import { b } from './b.ts';" },
      ],
      active: 'b.ts',
      options: DEFAULT_OPTIONS,
    });
  });
});

describe('shareUrl and linkLength', () => {
  it('replaces the page hash and keeps the rest of the URL', () => {
    const hash = encodeState(typical);
    expect(shareUrl('https://x.dev/playground/?orm=1#intro', typical)).toBe(`https://x.dev/playground/?orm=1#${hash}`);
    expect(shareUrl('https://x.dev/playground/', typical)).toBe(`https://x.dev/playground/#${hash}`);
    expect(shareUrl('/playground#', typical)).toBe(`/playground#${hash}`);
  });

  it('counts characters as percent-encoded', () => {
    expect(linkLength('https://x.dev/#2.abc')).toBe(20);
    expect(linkLength('https://x.dev/é')).toBe(14 + 6);
    expect(linkLength('https://x.dev/😀')).toBe(14 + 12);
  });
});

describe('links that are not share links', () => {
  it('ignores empty hashes and page anchors', () => {
    for (const hash of ['', '#', '#intro', 'intro', '#2', '#v2.abc', '#.abc', '# 2.abc', '#getting-started']) {
      expect(decodeState(hash), hash).toMatchObject({ ok: false, reason: 'empty' });
    }
  });
});

describe('broken links', () => {
  const hash = encodeState(typical);

  it('reports a link cut anywhere as truncated', () => {
    const keeps = [2, 3, 4, 5, 6, 7, 13];
    for (let i = 1; i < 10; i++) keeps.push(Math.floor((hash.length * i) / 10));
    for (const keep of keeps) {
      expect(failure(decodeState(`#${hash.slice(0, keep)}`)).reason, `kept ${keep} of ${hash.length}`).toBe('truncated');
    }
    for (const drop of [1, 2, 3, 4, 5, 9]) {
      expect(failure(decodeState(`#${hash.slice(0, -drop)}`)).reason, `${drop} characters cut`).toBe('truncated');
    }
    const half = failure(decodeState(`#${hash.slice(0, hash.length >> 1)}`));
    expect(half.message).toBe("This link's code is incomplete — it was probably cut off when it was copied. The default example is loaded instead.");
    expect(failure(decodeState('#2.')).reason).toBe('truncated');
  });

  it('reports characters no share link has as malformed, naming them', () => {
    const result = failure(decodeState(`#${hash})`));
    expect(result.reason).toBe('malformed');
    expect(result.message).toContain('")"');
    expect(failure(decodeState(`#${hash.slice(0, 10)}=${hash.slice(10)}`)).reason).toBe('malformed');
    expect(failure(decodeState(`#${hash.slice(0, 10)}é${hash.slice(10)}`)).reason).toBe('malformed');
  });

  it('reports a payload that is not JSON, or not UTF-8, as malformed', () => {
    const packed = (bytes: Uint8Array) => `#2.${toBase64Url(deflateSync(bytes))}`;
    expect(failure(decodeState(packed(new TextEncoder().encode('{"o": "sequelize", ')))).reason).toBe('malformed');
    expect(failure(decodeState(packed(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).reason).toBe('malformed');
  });

  it('names the version it cannot read', () => {
    const result = failure(decodeState('#9.q1bKV7JSKk4tLE3N'));
    expect(result.reason).toBe('unknown-version');
    expect(result.message).toContain('format 9');
    expect(result.message).toContain('1–2');
    expect(failure(decodeState('#0.abc')).reason).toBe('unknown-version');
    expect(failure(decodeState(`#02.${hash.slice(2)}`)).reason).toBe('unknown-version');
    expect(failure(decodeState(`#${'9'.repeat(500)}.abc`)).message.length).toBeLessThan(300);
  });

  it('refuses an over-long hash without decoding it, giving its size and the limit', () => {
    const result = failure(decodeState(`#2.${'A'.repeat(2_000_000)}`));
    expect(result.reason).toBe('too-large');
    expect(result.message).toContain('2,000,003 characters');
    expect(result.message).toContain('600,000');
  });

  it('survives a 1 MB hash of random characters', () => {
    const random = prng(7);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const chars = Array.from({ length: 1_000_000 }, () => alphabet[Math.floor(random() * 64)]).join('');
    // Random bits can even form a short valid deflate stream (then it is not JSON).
    const result = failure(decodeState(`#2.${chars}`));
    expect(['malformed', 'truncated', 'too-large']).toContain(result.reason);
    const mixed = failure(decodeState(`#2.${chars.slice(0, 250_000)}%${chars.slice(250_000, 500_000)}`));
    expect(mixed.reason).toBe('malformed');
  });

  it('stops a deflate bomb while inflating it', () => {
    // 50 MB of zeros, deflated without ever holding the 50 MB.
    const parts: Uint8Array[] = [];
    const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 50; i++) deflate.push(zeros, i === 49);
    const bomb = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      bomb.set(part, offset);
      offset += part.length;
    }
    expect(bomb.length).toBeLessThan(100_000);

    const inflated = inflateWithLimit(bomb, MAX_INFLATED_BYTES);
    expect(inflated.ok).toBe(false);
    if (inflated.ok) return;
    expect(inflated.reason).toBe('too-large');
    // One input slice past the limit at most, nowhere near the bomb's 50 MB.
    expect(inflated.produced).toBeGreaterThan(MAX_INFLATED_BYTES);
    expect(inflated.produced).toBeLessThan(MAX_INFLATED_BYTES + 1.1 * 1024 * 1024);

    const result = failure(decodeState(`#2.${toBase64Url(bomb)}`));
    expect(result.reason).toBe('too-large');
    expect(result.message).toContain('2 MB');
  });

  it('inflates a payload just under the limit', () => {
    const bytes = new Uint8Array(MAX_INFLATED_BYTES).fill(65);
    const inflated = inflateWithLimit(deflateSync(bytes), MAX_INFLATED_BYTES);
    expect(inflated.ok && inflated.bytes.length).toBe(MAX_INFLATED_BYTES);
    expect(inflateWithLimit(deflateSync(new Uint8Array(MAX_INFLATED_BYTES + 1)), MAX_INFLATED_BYTES).ok).toBe(false);
  });
});

describe('invalid contents', () => {
  const file = (name: unknown, code: unknown = '') => [name, code];
  const v2 = (overrides: Record<string, unknown>) => link(2, { o: 'sequelize', f: [file('run.ts')], a: 0, x: { fresh: 1 }, ...overrides });
  const cases: Array<[string, string, string]> = [
    ['unknown orm', v2({ o: 'prisma' }), 'orm must be sequelize or mikro-orm'],
    ['no orm', v2({ o: undefined }), 'orm must be sequelize or mikro-orm'],
    ['no file list', v2({ f: 'run.ts' }), 'it has no file list'],
    ['no files', v2({ f: [] }), 'there are no files'],
    ['31 files', v2({ f: Array.from({ length: 31 }, (_, i) => file(`f${i}.ts`)) }), 'there are 31 files; the playground holds up to 30'],
    ['file not a pair', v2({ f: [file('run.ts'), 'b.ts'] }), 'file 2 is not a [name, code] pair'],
    ['file without a name', v2({ f: [file('run.ts'), file('')] }), 'file 2 has no name'],
    ['file name not a string', v2({ f: [file('run.ts'), file(7)] }), 'file 2 has no name'],
    ['file name with a folder', v2({ f: [file('src/run.ts')] }), 'file 1 is named "src/run.ts", but file names are letters'],
    ['JavaScript file', v2({ f: [file('run.js')] }), 'file 1 is named "run.js"'],
    ['declaration file', v2({ f: [file('types.d.ts')] }), 'declaration files (.d.ts) are not supported'],
    ['duplicate names', v2({ f: [file('a.ts'), file('b.ts'), file('a.ts')] }), 'files 1 and 3 are both named a.ts'],
    ['code not a string', v2({ f: [file('run.ts', 42)] }), 'the code of file 1 (run.ts) is not text'],
    ['code missing', v2({ f: [['run.ts']] }), 'the code of file 1 (run.ts) is not text'],
    [
      'too much code',
      v2({ f: [file('a.ts', 'x'.repeat(200_000)), file('b.ts', 'y'.repeat(100_001))] }),
      'the code is 300,001 characters in total; the playground holds up to 300,000',
    ],
    ['open file out of range', v2({ a: 1 }), 'the open file is number 2, but the link has 1 file'],
    ['open file negative', v2({ a: -1 }), 'the open file is number 0'],
    ['open file not a number', v2({ a: '0' }), 'the open file is not given by its number'],
    ['open file fractional', v2({ a: 0.5 }), 'the open file is not given by its number'],
    ['bad options', v2({ x: { fresh: true } }), 'its options are not valid'],
    ['no options', v2({ x: undefined }), 'its options are not valid'],
    ['not an object', link(2, [1, 2, 3]), 'its data is not a playground'],
    ['null', link(2, null), 'its data is not a playground'],
    ['v1 with a bad file', link(1, { o: 'sequelize', f: [file('run.ts'), file(null)] }), 'file 2 has no name'],
  ];
  for (const [title, hash, problem] of cases) {
    it(`names the first problem: ${title}`, () => {
      const result = failure(decodeState(hash));
      expect(result.reason).toBe('invalid');
      expect(result.message).toContain(problem);
      expect(result.message).toMatch(/^This link's code can't be opened: .+\. The default example is loaded instead\.$/);
    });
  }

  it('shortens a huge bad file name in its message', () => {
    const result = failure(decodeState(v2({ f: [file(`${'a'.repeat(100_000)}.js`)] })));
    expect(result.message.length).toBeLessThan(400);
  });

  it('opens the largest state it accepts even when its code does not compress', () => {
    const { accepted } = largestIncompressible();
    const hash = encodeState(accepted);
    expect(decodeState(hash).ok).toBe(true);
  });

  it('accepts exactly the limits', () => {
    const many = v2({ f: Array.from({ length: 30 }, (_, i) => file(`f${i}.ts`, i === 0 ? 'x'.repeat(300_000) : '')), a: 29 });
    const result = decodeState(many);
    expect(result.ok && result.state.files.length).toBe(30);
    expect(result.ok && result.state.active).toBe('f29.ts');
  });
});

describe('encodeState refuses what decodeState would refuse', () => {
  it('has code that really does not compress to test with', () => {
    const code = incompressibleCode(50_000, 5);
    const deflated = deflateSync(new TextEncoder().encode(code), { level: 9 });
    expect(deflated.length * 8).toBeGreaterThanOrEqual(code.length * INCOMPRESSIBLE_BITS_PER_CHAR);
  });

  it('refuses incompressible code over the link limit, naming the size and the limit', () => {
    const error = refusal(oneFile(incompressibleCode(300_000, 11)));
    expect(error.reason).toBe('too-large');
    expect(error.limit).toBe(MAX_HASH_LENGTH);
    expect(error.size).toBeGreaterThan(MAX_HASH_LENGTH);
    const size = error.size!.toLocaleString('en-US');
    expect(error.message).toBe(`This code makes a link of ${size} characters; the playground opens links of up to 600,000 characters.`);
    expect(() => shareUrl('https://adapter-lab.dev/playground/', oneFile(incompressibleCode(300_000, 11)))).toThrow(ShareLinkRefusedError);
  });

  it('writes incompressible code just under the limit, and it decodes back', () => {
    const { accepted, refused } = largestIncompressible();
    const hash = encodeState(accepted);
    expect(`#${hash}`.length).toBeLessThanOrEqual(MAX_HASH_LENGTH);
    expect(`#${hash}`.length).toBeGreaterThan(MAX_HASH_LENGTH - 10);
    expect(decodeState(`#${hash}`)).toEqual({ ok: true, state: accepted, version: 2 });
    expect(refusal(refused).size).toBeGreaterThan(MAX_HASH_LENGTH);
  });

  it('refuses a state the decoder would find invalid', () => {
    const error = refusal({ ...typical, active: 'missing.ts' });
    expect(error.reason).toBe('invalid');
    expect(error.message).toBe('This code can\'t be shared as a link: the open file "missing.ts" is not one of the files.');
    expect(refusal({ ...typical, files: Array.from({ length: 31 }, (_, i) => ({ name: `f${i}.ts`, code: '' })), active: 'f0.ts' }).message).toContain(
      'there are 31 files; the playground holds up to 30',
    );
  });
});

describe('parseState', () => {
  it('accepts a state and copies only its own data', () => {
    const result = parseState({ ...typical, extra: 1, files: typical.files.map((f) => ({ ...f, cursor: 3 })) });
    expect(result).toEqual({ ok: true, state: typical });
  });

  it('names the first problem', () => {
    expect(parseState(null)).toEqual({ ok: false, message: 'the data is not a playground' });
    expect(parseState({ ...typical, active: 'nope.ts' })).toEqual({ ok: false, message: 'the open file "nope.ts" is not one of the files' });
    expect(parseState({ ...typical, active: undefined })).toEqual({ ok: false, message: 'the open file is not named' });
    expect(parseState({ ...typical, options: {} })).toEqual({ ok: false, message: 'options.freshDatabase must be true or false' });
    expect(parseState({ ...typical, files: [typical.files[0], { code: '' }] })).toEqual({ ok: false, message: 'file 2 has no name' });
    expect(parseState({ ...typical, files: [null] })).toEqual({ ok: false, message: 'file 1 is not a file' });
  });
});

describe('base64url', () => {
  it('round-trips every length and byte', () => {
    const random = prng(3);
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((length * 4) / 3));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });
});

describe('decodeState never throws', () => {
  const check = (hash: string) => {
    let result: DecodeResult;
    try {
      result = decodeState(hash);
    } catch (error) {
      throw new Error(`decodeState threw on ${JSON.stringify(hash.slice(0, 80))}: ${String(error)}`);
    }
    if (result.ok) {
      expect(parseState(result.state).ok).toBe(true);
    } else {
      expect(REASONS).toContain(result.reason);
      expect(result.message.length).toBeGreaterThan(10);
    }
    return result;
  };

  it('on random strings', () => {
    const random = prng(1);
    const pieces = ['#', '1.', '2.', '3.', '.', 'A', 'z', '_', '-', '=', '%', ' ', '\n', '😀', '\uD800', '\u0000', 'é'];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 3000; i++) {
      const prefix = random() < 0.8 ? (random() < 0.5 ? '#2.' : '1.') : '';
      let body = '';
      const length = Math.floor(random() * 200);
      for (let j = 0; j < length; j++) {
        body += random() < 0.9 ? alphabet[Math.floor(random() * 64)] : pieces[Math.floor(random() * pieces.length)];
      }
      check(prefix + body);
    }
  });

  it('on random bytes and damaged real links', () => {
    const random = prng(2);
    const results = new Set<string>();
    const valid = deflateSync(new TextEncoder().encode(JSON.stringify({ o: 'sequelize', f: [['run.ts', typical.files[0]?.code]], a: 0, x: { fresh: 1 } })), {
      level: 9,
    });
    for (let i = 0; i < 3000; i++) {
      let bytes: Uint8Array;
      if (i % 3 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256));
      } else {
        // A real payload with a few bytes flipped: reaches the JSON and schema checks too.
        bytes = valid.slice();
        for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
          const at = Math.floor(random() * bytes.length);
          bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
        }
      }
      const result = check(`#${i % 2 === 0 ? 2 : 1}.${toBase64Url(bytes)}`);
      results.add(result.ok ? 'ok' : result.reason);
    }
    // The fuzz reaches more than the inflater.
    expect(results.size).toBeGreaterThanOrEqual(3);
  });

  it('on random JSON values', () => {
    const random = prng(4);
    const values: unknown[] = [null, 0, -1, 1.5, '', 'run.ts', 'sequelize', true, [], {}, [['run.ts', '']], { fresh: 1 }, '__proto__'];
    const pick = () => values[Math.floor(random() * values.length)];
    for (let i = 0; i < 1000; i++) {
      const value: Record<string, unknown> = {};
      for (const key of ['o', 'f', 'a', 'x', '__proto__', 'constructor']) if (random() < 0.7) value[key] = pick();
      check(link(random() < 0.5 ? 1 : 2, value));
    }
    check(link(2, JSON.parse('{"__proto__": {"o": "sequelize"}, "f": [["run.ts", ""]], "a": 0, "x": {"fresh": 1}}')));
  });
});
