import * as postgresql from '@mikro-orm/postgresql';
import { HIDDEN_SCHEMA } from '../../../engine/pglite/hidden-schema.ts';
import type { OrmEnvironment } from './environment.ts';
import { createMikroOrmEnvironment } from './mikro-orm-env.ts';

/**
 * MikroORM on PostgreSQL (PGlite): its real PostgreSqlDriver, which builds its own `pg` Pool, type
 * parsers and Kysely dialect as against a server; only the Client the pool makes connects to PGlite.
 */
export const mikroOrmPostgresEnvironment: OrmEnvironment = createMikroOrmEnvironment({
  dialect: 'postgres',
  label: 'PostgreSQL (PGlite)',
  Driver: postgresql.PostgreSqlDriver as never,
  driverPackage: '@mikro-orm/postgresql',
  packageExports: { ...postgresql },
  connect(connectors) {
    if (connectors.dialect !== 'postgres') throw new Error('The PostgreSQL MikroORM environment needs the PGlite engine.');
    return {
      dbName: 'postgres',
      driverOptions: { Client: connectors.pgClient() },
      // The engine watches rows with a trigger of its own on every table, logged in a schema of
      // its own: a schema update must neither drop the trigger nor see that schema.
      schemaGenerator: { ignoreTriggers: true, ignoreSchema: [HIDDEN_SCHEMA] },
    } as never;
  },
});
