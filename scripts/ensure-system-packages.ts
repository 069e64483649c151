// Makes sure the Debian packages the tests need are installed.
//   node scripts/ensure-system-packages.ts      (Node 24 via npm scripts; no dependencies)
// Present → one line, exit 0, no apt calls. Missing and root with apt-get → install them.
// Missing otherwise → one line naming the fix on stderr, exit 1.
// ADAPTER_LAB_SKIP_SYSTEM_PACKAGES=1 skips everything (e.g. a machine that provides them another way).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface SystemPackage {
  /** Debian package name, passed to apt-get. */
  name: string;
  /** True when the package is usable. Cheap: runs on every `npm test`. */
  present: () => boolean;
}

// One line per package.
const PACKAGES: SystemPackage[] = [
  { name: 'chromium', present: () => runs('/usr/bin/chromium', ['--version']) },
  // Debian puts the server binaries in /usr/lib/postgresql/<version>/bin, off PATH.
  { name: 'postgresql', present: () => anyVersionHas('/usr/lib/postgresql', 'bin/initdb') },
  // The tests start their own mariadbd (tests/support/mariadb-server.ts), never the system service.
  { name: 'mariadb-server', present: () => existsSync('/usr/sbin/mariadbd') && existsSync('/usr/bin/mariadb-install-db') },
];

function runs(command: string, args: string[]): boolean {
  if (!existsSync(command)) return false;
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

function anyVersionHas(root: string, file: string): boolean {
  if (!existsSync(root)) return false;
  return readdirSync(root).some((version) => existsSync(join(root, version, file)));
}

function missingPackages(): string[] {
  return PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
}

function hasAptGet(): boolean {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function apt(args: string[]): void {
  console.log(`$ apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function main(): void {
  if (process.env['ADAPTER_LAB_SKIP_SYSTEM_PACKAGES'] === '1') {
    console.log('System packages: check skipped (ADAPTER_LAB_SKIP_SYSTEM_PACKAGES=1)');
    return;
  }
  const missing = missingPackages();
  if (missing.length === 0) {
    console.log(`System packages present: ${PACKAGES.map((pkg) => pkg.name).join(' ')}`);
    return;
  }
  const list = missing.join(' ');
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasAptGet()) {
    console.error(`Missing system packages: ${list} — install them with: sudo apt-get install ${list}`);
    process.exit(1);
  }
  console.log(`Installing missing system packages: ${list}`);
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
  const stillMissing = missingPackages();
  if (stillMissing.length > 0) {
    console.error(`Still missing after apt-get install: ${stillMissing.join(' ')}`);
    process.exit(1);
  }
  console.log(`System packages installed: ${list}`);
}

main();
