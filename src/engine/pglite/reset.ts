import type { PGliteInterface } from '@electric-sql/pglite';
import { quoteIdentifier, userSchemaCondition } from './catalog.ts';
import { ROW_LOG } from './hidden-schema.ts';

/**
 * Empties the database in a few milliseconds (starting another PostgreSQL takes seconds): drops
 * every user schema with all it holds (tables, views, sequences, types, functions) and makes
 * `public` again as a fresh cluster has it (owned by pg_database_owner, usable by everyone,
 * with its comment). The engine's schema, its event trigger and the row log's setup stay; the
 * log is emptied, and temporary tables go too.
 */
export async function emptyDatabase(db: PGliteInterface): Promise<void> {
  const schemas = await db.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE ${userSchemaCondition('nspname')} ORDER BY oid`);
  const drop = schemas.rows.length > 0 ? `DROP SCHEMA ${schemas.rows.map((row) => quoteIdentifier(row.name)).join(', ')} CASCADE;` : '';
  // One simple query: PostgreSQL runs it as one transaction, all or nothing.
  await db.exec(`${drop}
DISCARD TEMP;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
DELETE FROM ${ROW_LOG};`);
}
