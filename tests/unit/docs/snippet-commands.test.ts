// Which lines of the docs' shell blocks are table commands the docs-script runs execute
// (docs-scripts.test.ts), which are install lines, and which blocks are files.
import { describe, expect, it } from 'vitest';
import { parseSnippets } from '../../../src/docs/snippets/extract.ts';
import { installedPackages, isDevInstall, isFileBlock, isShellBlock, isTableCommand, shellCommands } from '../../../src/docs/snippets/shell-commands.ts';

describe('isTableCommand', () => {
  it.each([
    'npx mikro-orm migration:create',
    'npx --yes mikro-orm schema:update --run',
    'DATABASE_URL=postgres://x npx mikro-orm migration:up',
    'npm exec -- sequelize-cli db:migrate',
    'npx sequelize-cli db:migrate --url "$DATABASE_URL"',
    'node --env-file=.env.local scripts/migrate.ts create   # like migration:create',
    'npx tsx --env-file=.env migrate.ts up',
    'tsx migrate.mjs',
  ])('runs %s', (line) => expect(isTableCommand(line)).toBe(true));

  it.each(['npm install @mikro-orm/cli', 'npm run dev', 'node --version', 'npx auth secret', 'openssl rand -base64 33', 'createdb myapp'])(
    'leaves %s alone',
    (line) => expect(isTableCommand(line)).toBe(false),
  );
});

describe('install lines', () => {
  it('name their packages without versions, and say where they are saved', () => {
    expect(installedPackages('npm install @mikro-orm/migrations@7.2.1 next-auth@beta pg')).toEqual(['@mikro-orm/migrations', 'next-auth', 'pg']);
    expect(installedPackages('npm i -D tsx')).toEqual(['tsx']);
    expect(installedPackages('npx mikro-orm migration:up')).toBeUndefined();
    expect([isDevInstall('npm install --save-dev umzug'), isDevInstall('npm i -D tsx'), isDevInstall('npm install pg')]).toEqual([true, true, false]);
  });
});

describe('shell blocks', () => {
  const [env, terminal, script, plain] = parseSnippets(
    [
      '```sh title=".env"',
      'A=1',
      '```',
      '```sh title="Terminal"',
      '$ npx mikro-orm \\',
      '    migration:up',
      '',
      '# a comment',
      'npm run dev',
      '```',
      '```sh title="scripts/setup.sh"',
      'echo',
      '```',
      '```',
      'ls',
      '```',
    ].join('\n'),
    'p',
  );

  it('are commands unless the title names a file', () => {
    expect([env, terminal, script, plain].map((snippet) => [isShellBlock(snippet!), isFileBlock(snippet!)])).toEqual([
      [false, true],
      [true, false],
      [false, true],
      [true, false],
    ]);
  });

  it('give one command per line, continuations joined, without prompts and comment lines, at their page line', () => {
    expect(shellCommands(terminal!).map(({ line, text }) => [line, text])).toEqual([
      [5, 'npx mikro-orm migration:up'],
      [9, 'npm run dev'],
    ]);
  });
});
