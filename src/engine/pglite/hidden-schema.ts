export async function installRowLog(_db: unknown): Promise<void> {}
