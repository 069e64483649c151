// Reading the repo's tsc run on a consumer of an installed adapter package (npm-pack.ts typeCheck).

/**
 * tsc's error lines, except those in third-party declarations that do not check on their own,
 * whatever the adapter: @auth/core 0.41.3's (stripped internal types, optional peers such as
 * nodemailer and @simplewebauthn/server), and the lines matching `alsoTolerated` (an ORM's own).
 */
export function errorsOutsideLibraries(stdout: string, alsoTolerated: readonly RegExp[] = []): string[] {
  return stdout
    .split('\n')
    .filter((line) => /error TS\d+/.test(line) && !line.startsWith('node_modules/@auth/core/') && !alsoTolerated.some((pattern) => pattern.test(line)));
}

/** The installed package's files tsc read (its `--listFiles` output), relative to the package, sorted. */
export function packageFilesRead(listFilesStdout: string, packageName: string): string[] {
  const prefix = `/node_modules/${packageName}/`;
  return listFilesStdout
    .split('\n')
    .filter((line) => line.includes(prefix))
    .map((line) => line.slice(line.indexOf(prefix) + prefix.length))
    .sort();
}
