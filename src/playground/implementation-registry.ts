/**
 * Which adapter package the reader's `@auth/*-adapter` import runs: ours, or the published
 * official one, unmodified, on the ORM major it supports. Read like orm-registry.ts and
 * engine-registry.ts by the page, its inline early-boot script, the share codec and the build.
 * Plain data with no imports.
 */
export interface ImplementationEntry {
  readonly id: string;
  /** Its name on the page's choice. */
  readonly label: string;
  /** What the choice means, for its description on the page. */
  readonly description: string;
}

export const IMPLEMENTATIONS = [
  { id: 'ours', label: '@adapter-lab', description: "This site's adapter: imports of @auth/…-adapter run it." },
  { id: 'official', label: '@auth (official)', description: 'The published @auth/…-adapter package, unmodified, on the ORM version it supports.' },
] as const satisfies readonly ImplementationEntry[];

export type ImplementationId = (typeof IMPLEMENTATIONS)[number]['id'];

export const IMPLEMENTATION_IDS: readonly ImplementationId[] = IMPLEMENTATIONS.map((implementation) => implementation.id);

/** What a page runs when nothing says otherwise, and what every link from before the choice meant. */
export const DEFAULT_IMPLEMENTATION: ImplementationId = 'ours';

export function implementationEntry(id: ImplementationId): (typeof IMPLEMENTATIONS)[number] {
  return IMPLEMENTATIONS.find((implementation) => implementation.id === id)!;
}

export function isImplementationId(value: unknown): value is ImplementationId {
  return typeof value === 'string' && IMPLEMENTATIONS.some((implementation) => implementation.id === value);
}

/** A value for each implementation, by its id. */
export function byImplementation<T>(value: (implementation: (typeof IMPLEMENTATIONS)[number]) => T): Record<ImplementationId, T> {
  return Object.fromEntries(IMPLEMENTATIONS.map((implementation) => [implementation.id, value(implementation)])) as Record<ImplementationId, T>;
}
