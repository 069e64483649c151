// MikroORM 5's PostgreSQL driver package: apart so that a SQLite bundle carries no `pg`.
export * as postgresql from '@mikro-orm/postgresql';
