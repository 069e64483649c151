/**
 * Libraries whose declarations the bundle needs only a few of, cut down in the overlay by
 * prune-declarations.ts: every reader downloads the bundle.
 */
import type TS from 'typescript';
import { inNodeModules, packageRootOf } from './bundle-paths.ts';
import type { Overlay } from './compiler-host.ts';
import { namesImportedFrom, pruneDeclarations } from './prune-declarations.ts';

type Ts = typeof TS;

/** @auth/core's types name oauth4webapi's `TokenEndpointResponse` and `Client` (and what they mention), not its API. */
const PRUNED_LIBRARIES = ['oauth4webapi'] as const;

/** Cuts each pruned library's declaration file down to what the program's other files import of it; true when one was cut. */
export function pruneLibraries(ts: Ts, program: TS.Program, overlay: Overlay): boolean {
  let pruned = false;
  for (const library of PRUNED_LIBRARIES) {
    const names = namesImportedFrom(ts, program, library);
    const files = program.getSourceFiles().filter((source) => packageRootOf(source.fileName) === inNodeModules(library));
    if (!names || files.length !== 1)
      throw new Error(
        `Type bundle: expected one declaration file of ${library}, imported by name (found ${files.length}${names ? '' : ', imported whole'}); update PRUNED_LIBRARIES`,
      );
    const [file] = files;
    overlay.files.set(
      file!.fileName,
      pruneDeclarations(
        ts,
        file!.fileName,
        file!.text,
        names,
        `${library}, cut down to what the other declarations use of it (${[...names].sort().join(', ')}).`,
      ),
    );
    pruned = true;
  }
  return pruned;
}
