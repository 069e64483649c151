/**
 * Compare mode's second run: the same compiled project, run with the other adapter package in a
 * runtime of its own (its own worker: the official MikroORM adapter even brings its own ORM), on
 * a fresh database, and compared with the page's own run. Ours is always the left column.
 */
import { type Comparison, compareOutcomes } from '../compare/compare-outcomes.ts';
import { implementationEntry } from '../implementation-registry.ts';
import type { ComparePanel } from '../panels/compare-panel.ts';
import type { CompiledFile, Outcome, RuntimeVersions } from '../protocol.ts';
import type { PlaygroundState } from '../store/state.ts';
import { Runner } from './runner.ts';

/** How a comparison ended: shown, not possible (why), or given up because other code is on screen. */
export type CompareResult =
  | { readonly kind: 'compared'; readonly comparison: Comparison }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'superseded' };

/** "@auth/mikro-orm-adapter 2.10.0 on MikroORM 5.9.8" where the ORMs differ, else the package alone. */
function sideLabel(versions: RuntimeVersions, other: RuntimeVersions): string {
  return versions.orm === other.orm ? versions.adapter : `${versions.adapter} on ${versions.orm}`;
}

export class CompareRuns {
  readonly #panel: ComparePanel;
  readonly #runner: Runner;

  constructor(panel: ComparePanel) {
    this.#panel = panel;
    this.#runner = new Runner({
      onState: (state, _target, detail) => {
        if (state === 'downloading' || state === 'starting') panel.progress(detail);
      },
      onProgress: () => {},
    });
  }

  /** Starts the other implementation's runtime for `state`'s ORM and engine (once; a no-op when it runs already). */
  prepare(state: PlaygroundState): void {
    void this.#runner.use(this.#target(state)).catch(() => {});
  }

  #target(state: PlaygroundState) {
    return { orm: state.orm, engine: state.engine, implementation: state.implementation === 'ours' ? 'official' : 'ours' } as const;
  }

  /**
   * Runs `files` with the implementation `state` does not use and compares the outcome with
   * `primary` (the page's run of the same files, by `versions`).
   */
  async compare(
    state: PlaygroundState,
    files: readonly CompiledFile[],
    entry: string,
    primary: Outcome,
    versions: RuntimeVersions,
    signal: AbortSignal,
  ): Promise<CompareResult> {
    const target = this.#target(state);
    const { implementation } = target;
    this.#panel.progress(`Running the same code with ${implementationEntry(implementation).label}…`);
    const result = await this.#runner.run(target, files, entry, true, signal);
    if (result.kind === 'superseded') return result;
    if (result.kind !== 'outcome') {
      const message = `The comparison could not run: ${result.kind === 'refused' ? result.message : result.error.message}`;
      this.#panel.failed(message);
      return { kind: 'failed', message };
    }
    const otherVersions = (await this.#runner.versions()) ?? { orm: '?', adapter: implementationEntry(implementation).label, database: '' };
    const [ours, official] = implementation === 'official' ? [primary, result.outcome] : [result.outcome, primary];
    const [oursVersions, officialVersions] = implementation === 'official' ? [versions, otherVersions] : [otherVersions, versions];
    const comparison = compareOutcomes(ours, official, [sideLabel(oursVersions, officialVersions), sideLabel(officialVersions, oursVersions)]);
    this.#panel.show(comparison);
    return { kind: 'compared', comparison };
  }

  stop(): void {
    this.#runner.stop();
  }
}
