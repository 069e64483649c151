// One PGlite per test file (creating one takes seconds), with the engine's row log installed.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { installRowLog } from '../../../../src/engine/pglite/hidden-schema.ts';
import { emptyDatabase } from '../../../../src/engine/pglite/reset.ts';

export async function createDatabase(): Promise<PGlite> {
  const db = await PGlite.create();
  await installRowLog(db);
  return db;
}

/** This file's PGlite, handed to `use` once started, closed after the file, and emptied before each test. */
export function useFreshDatabase(use: (db: PGlite) => void): void {
  let db: PGlite | undefined;
  beforeAll(async () => {
    db = await createDatabase();
    use(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await emptyDatabase(db!);
  });
}

/** The adapter's tables as the Sequelize/MikroORM PostgreSQL schemas make them (trimmed to what the panels read). */
export const ADAPTER_TABLES = `
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text,
  email varchar(255) UNIQUE,
  "emailVerified" timestamptz,
  image text,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE accounts (
  id serial PRIMARY KEY,
  "userId" uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type varchar(255) NOT NULL,
  provider varchar(255) NOT NULL,
  "providerAccountId" varchar(255) NOT NULL,
  id_token text,
  expires_at integer,
  CONSTRAINT accounts_provider_unique UNIQUE (provider, "providerAccountId")
);
CREATE INDEX accounts_user_id ON accounts ("userId");
CREATE TABLE sessions (
  id serial PRIMARY KEY,
  "sessionToken" varchar(255) NOT NULL UNIQUE,
  "userId" uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE RESTRICT,
  expires timestamptz NOT NULL
);
CREATE TABLE verification_tokens (
  identifier text NOT NULL,
  token text NOT NULL,
  expires timestamptz NOT NULL,
  PRIMARY KEY (identifier, token)
);
`;
