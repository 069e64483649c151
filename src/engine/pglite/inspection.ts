export async function isEmpty(_db: unknown): Promise<boolean> {
  return true;
}
export async function readDatabaseState(_db: unknown): Promise<never> {
  return new Map() as never;
}
export async function readSchema(_db: unknown): Promise<never> {
  return { tables: [] } as never;
}
