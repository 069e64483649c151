// packAndInstall / runNode / typeCheck (tests/support/npm-pack.ts) on a tiny throwaway package:
// one ESM file, its .d.ts, "exports" with types, a peer dependency on is-number installed from
// the registry next to it.
import { lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, runNode, typeCheck, type InstalledProject } from '../support/npm-pack.ts';

const PACKAGE_NAME = '@adapter-lab-test/tiny';

let packageDir: string;
let project: InstalledProject;

beforeAll(async () => {
  packageDir = await mkdtemp(join(tmpdir(), 'adapter-lab-tiny-'));
  const manifest = {
    name: PACKAGE_NAME,
    version: '1.2.3',
    type: 'module',
    exports: { '.': { types: './index.d.ts', default: './index.js' } },
    files: ['index.js', 'index.d.ts'],
    peerDependencies: { 'is-number': '^7.0.0' },
  };
  await writeFile(join(packageDir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(
    join(packageDir, 'index.js'),
    "import isNumber from 'is-number';\n" +
      'export function double(value) {\n\tif (!isNumber(value)) throw new TypeError(`not a number: ${value}`);\n\treturn Number(value) * 2;\n}\n',
  );
  await writeFile(join(packageDir, 'index.d.ts'), 'export declare function double(value: number | string): number;\n');
  // Not in "files": must not reach the tarball.
  await writeFile(join(packageDir, 'secret.txt'), 'not packed');
  project = await packAndInstall(packageDir, { 'is-number': '7.0.0' });
}, 180_000);

afterAll(async () => {
  await project?.cleanup();
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

describe('packAndInstall', () => {
  it('installs the packed tarball (a real copy, only its "files") and the dependencies', async () => {
    expect(project.packageName).toBe(PACKAGE_NAME);
    const installed = join(project.projectDir, 'node_modules', PACKAGE_NAME);
    expect((await lstat(installed)).isSymbolicLink()).toBe(false);
    await expect(lstat(join(installed, 'secret.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    const isNumber = JSON.parse(await readFile(join(project.projectDir, 'node_modules', 'is-number', 'package.json'), 'utf8'));
    expect(isNumber.version).toBe('7.0.0');
    const manifest = JSON.parse(await readFile(join(project.projectDir, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.dependencies).sort()).toEqual([PACKAGE_NAME, 'is-number']);
  });

  it('runs a consumer with plain node, in a clean environment', async () => {
    await writeFile(
      join(project.projectDir, 'consumer.mjs'),
      `import { double } from '${PACKAGE_NAME}';\n` +
        'console.log(double(21), double("4"));\n' +
        "console.log(JSON.stringify(Object.keys(process.env).filter((k) => /^(npm_|vitest)/i.test(k) || k === 'NODE_OPTIONS')));\n" +
        'console.log(process.env.EXTRA, process.version);\n' +
        'double("x");\n',
    );
    const result = await runNode(project.projectDir, 'consumer.mjs', { EXTRA: 'passed' });
    const [doubled, leaked, extra] = result.stdout.trim().split('\n');
    expect(doubled).toBe('42 8');
    expect(leaked).toBe('[]');
    expect(extra).toBe(`passed ${process.version}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TypeError: not a number: x');
  });

  it('type-checks a consumer against the package\'s "exports" types', { timeout: 60_000 }, async () => {
    await writeFile(
      join(project.projectDir, 'good.ts'),
      `import { double } from '${PACKAGE_NAME}';\nconst n: number = double('2') + double(3);\nexport { n };\n`,
    );
    await writeFile(join(project.projectDir, 'bad.ts'), `import { double } from '${PACKAGE_NAME}';\nconst s: string = double(true);\nexport { s };\n`);
    const [good, bad] = await Promise.all([typeCheck(project.projectDir, 'good.ts'), typeCheck(project.projectDir, 'bad.ts')]);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toContain("bad.ts(2,7): error TS2322: Type 'number' is not assignable to type 'string'.");
    expect(bad.stdout).toContain("bad.ts(2,26): error TS2345: Argument of type 'boolean'");
  });
});
