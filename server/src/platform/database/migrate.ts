import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

/**
 * Forward-only migrations: server/migrations/NNNN_name.sql applied in file-name order, each once, each in its own
 * transaction. A landed migration must never change: its checksum is checked on every start.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await database.execScript(`
    CREATE SCHEMA IF NOT EXISTS platform;
    CREATE TABLE IF NOT EXISTS platform.schema_migration (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  // Serialise concurrent starts of several instances on one PostgreSQL.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7337001)`);
    const rows = await queryRows<{ name: string; checksum: string }>(
      tx,
      sql`SELECT name, checksum FROM platform.schema_migration`,
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const checksum = crypto.createHash('sha256').update(text).digest('hex');
      const had = done.get(file);
      if (had !== undefined) {
        if (had !== checksum) throw new Error(`migration ${file} was changed after it was applied`);
        continue;
      }
      for (const statement of splitStatements(text)) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO platform.schema_migration (name, checksum) VALUES (${file}, ${checksum})`);
      applied.push(file);
    }
  });
  return applied;
}

/**
 * Splits a migration on the `--> statement-breakpoint` markers drizzle-kit writes, or on lines holding only `;;`
 * when a file is hand-written; a file without markers is one statement block. Dollar-quoted bodies stay whole.
 */
export function splitStatements(text: string): string[] {
  const parts = text.split(/^\s*--> statement-breakpoint\s*$/m);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0 && !/^(--[^\n]*\n?\s*)*$/.test(p));
}
