import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/**
 * The PostgreSQL role the server runs as. It is not the owner of any table, so it can neither disable the audit
 * triggers nor be granted more by accident; on audit.event it may only INSERT and SELECT.
 */
export const APP_ROLE = 'zhicheng_app';

/**
 * Run on the owner's connection after every migration, so tables a new migration made get their grants too: the
 * app role may read and write every table the owner's schemas hold, except audit.event (insert and read only) and
 * the migration ledger (read only). Creates the role when it is missing (NOLOGIN: no password to keep; a login of
 * the operator's joins it, see README) and lets the owner take it. PGlite is single-user: nothing to do there.
 */
export async function grantAppRole(database: Database, role = APP_ROLE): Promise<void> {
  if (database.kind !== 'postgres') return;
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a plain role name: ${role}`);
  try {
    await database.db.transaction(async (tx) => {
      // The migration lock: instances starting together must not grant on the same rows at once.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(7337001)`);
      await tx.execute(
        sql.raw(`DO $$
DECLARE s text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's start made it just now
    END;
  END IF;
  IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    EXECUTE format('GRANT ${role} TO %I', current_user);
  END IF;
  FOR s IN SELECT nspname FROM pg_namespace
           WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
             AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${role}', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${role}', s);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO ${role}', s);
  END LOOP;
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit.event FROM ${role};
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON platform.schema_migration FROM ${role};
END $$`),
      );
    });
  } catch (err) {
    const why = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new Error(
      `could not prepare the database role ${role} (${why}); as a superuser run once: ` +
        `CREATE ROLE ${role} NOLOGIN; GRANT ${role} TO <the DATABASE_URL user>;`,
      { cause: err },
    );
  }
}
