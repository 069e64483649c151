export async function emptyDatabase(db: { exec(sql: string): Promise<unknown> }): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
}
