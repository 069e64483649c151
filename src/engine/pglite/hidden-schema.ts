import type { PGliteInterface } from '@electric-sql/pglite';

/**
 * The engine's own schema: the row log, its trigger function and the event trigger that puts it
 * on new tables. The panels never show it (catalog.ts userSchemaCondition), emptyDatabase keeps
 * it, and the reader's code never needs to know of it.
 */
export const HIDDEN_SCHEMA = 'adapter_lab';

/** Rows inserted, updated and deleted, in order, until the row observer reads them (row-changes.ts). */
export const ROW_LOG = `${HIDDEN_SCHEMA}.row_log`;

/**
 * The name of the one row trigger the engine puts on every user table. One fixed name, so that
 * whoever reads a table's triggers can leave it alone: MikroORM's schema diff reads
 * information_schema.triggers and is told to ignore triggers (schemaGenerator.ignoreTriggers),
 * and readSchema never shows triggers.
 */
export const ROW_TRIGGER = 'adapter_lab_rows';

/** The user's tables: every schema but PostgreSQL's own, information_schema and ours. */
const USER_TABLES = `
  SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND n.nspname <> '${HIDDEN_SCHEMA}'
    AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = '${ROW_TRIGGER}')`;

/**
 * Everything run once on each database (at open, and after a data directory is loaded), and
 * again at will: every statement may run on a database that has it all already.
 *
 * The trigger function is as short as can be: it runs inside every statement the reader's code
 * makes, and the SQL panel shows those statements' durations. The old and new rows are kept as
 * their record text (`OLD::text`), which is what inspection.ts reads rows as, so the values match.
 * Being rows of a table, log entries roll back with the reader's transaction: a rolled-back
 * insert never appears. Partitions get the trigger from their partitioned table (PostgreSQL
 * clones it), and TRUNCATE fires no row trigger (the before/after comparison shows it).
 */
const INSTALL = `
CREATE SCHEMA IF NOT EXISTS ${HIDDEN_SCHEMA};

-- No index: the log is only ever read whole, and every logged row would pay for one.
CREATE TABLE IF NOT EXISTS ${ROW_LOG} (
  seq bigserial NOT NULL,
  op "char" NOT NULL,
  rel oid NOT NULL,
  table_schema name NOT NULL,
  table_name name NOT NULL,
  old_row text,
  new_row text
);

CREATE OR REPLACE FUNCTION ${HIDDEN_SCHEMA}.log_row() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ${ROW_LOG} (op, rel, table_schema, table_name, new_row) VALUES ('i', TG_RELID, TG_TABLE_SCHEMA, TG_TABLE_NAME, NEW::text);
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO ${ROW_LOG} (op, rel, table_schema, table_name, old_row, new_row) VALUES ('u', TG_RELID, TG_TABLE_SCHEMA, TG_TABLE_NAME, OLD::text, NEW::text);
  ELSE
    INSERT INTO ${ROW_LOG} (op, rel, table_schema, table_name, old_row) VALUES ('d', TG_RELID, TG_TABLE_SCHEMA, TG_TABLE_NAME, OLD::text);
  END IF;
  RETURN NULL;
END
$body$;

-- Puts the row trigger on every user table that lacks it (all of them: cheap, and it also
-- catches tables made by CREATE SCHEMA … CREATE TABLE or loaded from a dump).
CREATE OR REPLACE FUNCTION ${HIDDEN_SCHEMA}.attach_row_triggers() RETURNS void LANGUAGE plpgsql AS $body$
DECLARE
  target record;
BEGIN
  FOR target IN ${USER_TABLES} LOOP
    EXECUTE format('CREATE TRIGGER ${ROW_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON %I.%I FOR EACH ROW EXECUTE FUNCTION ${HIDDEN_SCHEMA}.log_row()',
      target.nspname, target.relname);
    -- Fires under session_replication_role = replica too, which MikroORM sets to load rows
    -- without foreign key checks (disableForeignKeys).
    EXECUTE format('ALTER TABLE %I.%I ENABLE ALWAYS TRIGGER ${ROW_TRIGGER}', target.nspname, target.relname);
  END LOOP;
END
$body$;

CREATE OR REPLACE FUNCTION ${HIDDEN_SCHEMA}.on_ddl_command_end() RETURNS event_trigger LANGUAGE plpgsql AS $body$
BEGIN
  PERFORM ${HIDDEN_SCHEMA}.attach_row_triggers();
END
$body$;

DO $body$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = '${HIDDEN_SCHEMA}_new_tables') THEN
    CREATE EVENT TRIGGER ${HIDDEN_SCHEMA}_new_tables ON ddl_command_end
      WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'CREATE SCHEMA', 'ALTER TABLE')
      EXECUTE FUNCTION ${HIDDEN_SCHEMA}.on_ddl_command_end();
  END IF;
END
$body$;

SELECT ${HIDDEN_SCHEMA}.attach_row_triggers();
`;

/**
 * Sets up the row log on `db` (idempotent): the hidden schema, the log, the row trigger on every
 * user table and the event trigger that puts it on tables made later.
 */
export async function installRowLog(db: PGliteInterface): Promise<void> {
  await db.exec(INSTALL);
}
