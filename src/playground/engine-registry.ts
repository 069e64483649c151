/**
 * The databases the playground runs the ORMs on: one entry each, read like orm-registry.ts by the
 * page, its inline early-boot script, the share codec and the build. Plain data with no imports.
 *
 * Each ORM has one worker per engine (orm-registry.ts `workers`), so a page on SQLite downloads
 * nothing of PostgreSQL and the other way round.
 */
export interface EngineEntry {
  readonly id: string;
  /** The database's name on the page and in Markdown for issues ("PostgreSQL"). */
  readonly label: string;
  /** What runs it in the browser ("PGlite"): shown beside the label. */
  readonly runtime: string;
  /** The dialect name each ORM's configuration uses for it (Sequelize's `dialect`, MikroORM's driver package). */
  readonly sequelizeDialect: string;
  readonly mikroOrmDriver: string;
  /** The extension of an exported database file. */
  readonly fileExtension: string;
}

export const ENGINES = [
  { id: 'sqlite', label: 'SQLite', runtime: 'sql.js', sequelizeDialect: 'sqlite', mikroOrmDriver: '@mikro-orm/sqlite', fileExtension: '.sqlite' },
  { id: 'postgres', label: 'PostgreSQL', runtime: 'PGlite', sequelizeDialect: 'postgres', mikroOrmDriver: '@mikro-orm/postgresql', fileExtension: '.tar.gz' },
] as const satisfies readonly EngineEntry[];

export type EngineId = (typeof ENGINES)[number]['id'];

export const ENGINE_IDS: readonly EngineId[] = ENGINES.map((engine) => engine.id);

/** The engine a page opens when nothing (no link, no autosave, no docs example) says otherwise, and what older links meant. */
export const DEFAULT_ENGINE: EngineId = 'sqlite';

export function engineEntry(id: EngineId): (typeof ENGINES)[number] {
  return ENGINES.find((engine) => engine.id === id)!;
}

export function isEngineId(value: unknown): value is EngineId {
  return typeof value === 'string' && ENGINES.some((engine) => engine.id === value);
}

/** A value for each engine, by its id. */
export function byEngine<T>(value: (engine: (typeof ENGINES)[number]) => T): Record<EngineId, T> {
  return Object.fromEntries(ENGINES.map((engine) => [engine.id, value(engine)])) as Record<EngineId, T>;
}
