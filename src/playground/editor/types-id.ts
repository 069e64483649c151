/** Which type declarations the editor shows, named without loading any (the page's own chunk reads this). */
import type { ImplementationId } from '../implementation-registry.ts';
import { type OrmId, ormEntry } from '../orm-registry.ts';

/** An ORM's declarations, or its bundle with the official adapter package. */
export type TypesId = OrmId | `${OrmId}/official`;

/** The declarations for code run by `implementation` of `orm`'s adapter (ours' where the official one is not typed yet). */
export function typesId(orm: OrmId, implementation: ImplementationId): TypesId {
  return implementation === 'official' && ormEntry(orm).officialRuntime.typed ? `${orm}/official` : orm;
}
