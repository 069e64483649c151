import { pgClient, postgresql } from '@adapter-lab/mikro-orm-5-runtime/postgresql';
import { HIDDEN_SCHEMA } from '../../../engine/pglite/hidden-schema.ts';
import type { OrmEnvironment } from './environment.ts';
import { createMikroOrm5Environment } from './mikro-orm-5.ts';

/**
 * The published @auth/mikro-orm-adapter 2.10.0 on MikroORM 5's own PostgreSqlDriver over
 * PostgreSQL (PGlite): knex's pg client, with its type parsers, is MikroORM's as against a
 * server; only the `pg` Client it creates is the engine's, connected to PGlite.
 */
export const mikroOrmOfficialPostgresEnvironment: OrmEnvironment = createMikroOrm5Environment({
  dialect: 'postgres',
  label: 'PostgreSQL (PGlite)',
  Driver: postgresql.PostgreSqlDriver,
  driverPackage: '@mikro-orm/postgresql',
  packageExports: { ...postgresql },
  connect(connectors) {
    if (connectors.dialect !== 'postgres') throw new Error('The PostgreSQL MikroORM 5 environment needs the PGlite engine.');
    return {
      dbName: 'postgres',
      driverOptions: { client: pgClient(connectors.pgClient()) },
      // The engine watches rows with a trigger of its own on every table, logged in a schema of
      // its own: a schema update must not see that schema (MikroORM 5 leaves triggers alone).
      schemaGenerator: { ignoreSchema: [HIDDEN_SCHEMA] },
    };
  },
});
