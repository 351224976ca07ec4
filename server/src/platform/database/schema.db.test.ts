/// <reference types="vite/client" />
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import { queryRows, type Database } from './index.ts';
import { migrate } from './migrate.ts';

// Every Drizzle table in the code base, platform and modules alike.
const tableModules = import.meta.glob<Record<string, unknown>>(['../**/*.tables.ts', '../../modules/**/*.tables.ts'], {
  eager: true,
});

describeDb('schema', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('matches the Drizzle table definitions column for column', async () => {
    const tables = Object.values(tableModules).flatMap((m) =>
      Object.values(m).filter((v): v is PgTable => v instanceof PgTable),
    );
    expect(tables.length).toBeGreaterThan(5);
    const cols = await queryRows<{
      table_schema: string;
      table_name: string;
      column_name: string;
      is_nullable: string;
    }>(
      database.db,
      sql`SELECT table_schema, table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog','information_schema','public')`,
    );
    const inDb = new Map<string, Map<string, boolean>>();
    for (const c of cols) {
      const k = `${c.table_schema}.${c.table_name}`;
      if (!inDb.has(k)) inDb.set(k, new Map());
      inDb.get(k)!.set(c.column_name, c.is_nullable === 'YES');
    }
    for (const t of tables) {
      const cfg = getTableConfig(t);
      const key = `${cfg.schema ?? 'public'}.${cfg.name}`;
      const dbCols = inDb.get(key);
      expect(dbCols, `table ${key} exists`).toBeDefined();
      for (const c of cfg.columns) {
        expect(dbCols!.has(c.name), `column ${key}.${c.name} exists`).toBe(true);
        expect(dbCols!.get(c.name), `${key}.${c.name} nullability`).toBe(!c.notNull);
      }
      expect([...dbCols!.keys()].sort(), `${key} has no columns Drizzle does not know`).toEqual(
        cfg.columns.map((c) => c.name).sort(),
      );
    }
  });

  it('applies each migration once and refuses one that changed after it was applied', async () => {
    expect(await migrate(database)).toEqual([]);
    await database.db.execute(
      sql`UPDATE platform.schema_migration SET checksum = 'x' WHERE name = '0001_platform.sql'`,
    );
    await expect(migrate(database)).rejects.toThrow(/changed after it was applied/);
  });
});
