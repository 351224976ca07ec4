import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import { queryRows, queryRowsPrepared, type Database } from './index.ts';

describeDb('named prepared statements', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.execute(sql`CREATE TABLE prepared_probe (n int, at timestamptz, doc jsonb)`);
  });
  afterAll(() => database.close());

  const insert = (n: number) =>
    queryRowsPrepared<{ n: number; at: string; doc: { n: number } }>(
      database.db,
      'test.prepared_probe',
      sql`INSERT INTO prepared_probe SELECT x.n, '2026-12-01T00:00:00Z', jsonb_build_object('n', x.n)
          FROM jsonb_to_recordset(${JSON.stringify([{ n }, { n: n + 1 }])}::jsonb) AS x(n int)
          RETURNING n, at, doc`,
    );

  it('answers as queryRows does, call after call with new parameters', async () => {
    for (const n of [1, 10, 100, 1000, 5, 7, 9]) {
      const rows = await insert(n);
      expect(rows.map((r) => r.n)).toEqual([n, n + 1]);
      expect(rows[0]!.doc).toEqual({ n });
    }
    // Times as PostgreSQL's text, like every Drizzle query of the platform.
    const [prepared] = await insert(2);
    const [plain] = await queryRows<{ at: unknown }>(database.db, sql`SELECT at FROM prepared_probe LIMIT 1`);
    expect(typeof prepared!.at).toBe('string');
    expect(prepared!.at).toBe(plain!.at);
  });

  it('joins the caller’s transaction (and its rollback)', async () => {
    const count = async () =>
      Number((await queryRows<{ c: number }>(database.db, sql`SELECT count(*)::int AS c FROM prepared_probe`))[0]!.c);
    const before = await count();
    await expect(
      database.db.transaction(async () => {
        await insert(50);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(before);
  });
});
