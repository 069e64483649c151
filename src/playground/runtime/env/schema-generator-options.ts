/** The schema generator's options as MikroORM 5 and 7 both spell them (the part the engine adds to). */
interface SchemaGeneratorOptions {
  readonly ignoreSchema?: readonly string[];
  readonly [option: string]: unknown;
}

/**
 * The reader's schema generator options with the engine connection's added (tables the engine
 * keeps to itself, e.g. PGlite's row log): both lists of ignored schemas kept. Nothing when the
 * connection adds none, so the reader's options stay exactly theirs.
 */
export function withEngineSchemaOptions(
  reader: SchemaGeneratorOptions | undefined,
  engine: SchemaGeneratorOptions | undefined,
): { schemaGenerator?: SchemaGeneratorOptions } {
  if (!engine) return {};
  return { schemaGenerator: { ...reader, ...engine, ignoreSchema: [...(reader?.ignoreSchema ?? []), ...(engine.ignoreSchema ?? [])] } };
}
