import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import { queryRows, type Database } from './index.ts';
import { inTransaction } from './ambient.ts';

describeDb('ambient transactions', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.execute(sql`CREATE TABLE ambient_probe (n int)`);
  });
  afterAll(() => database.close());
  const count = async () =>
    Number((await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ambient_probe`))[0]!.n);

  it('runs a query on the root handle inside the caller’s transaction (no deadlock on PGlite)', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO ambient_probe VALUES (1)`);
      expect(inTransaction()).toBe(true);
      return count(); // through database.db, not tx
    });
    expect(seen).toBe(1);
    expect(inTransaction()).toBe(false);
  });

  it('rolls back writes made through the root handle when the transaction fails', async () => {
    const before = await count();
    await expect(
      database.db.transaction(async () => {
        await database.db.execute(sql`INSERT INTO ambient_probe VALUES (2)`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await count()).toBe(before);
  });

  it('makes a nested transaction a savepoint', async () => {
    const before = await count();
    await database.db.transaction(async () => {
      await database.db.execute(sql`INSERT INTO ambient_probe VALUES (3)`);
      await database.db
        .transaction(async () => {
          await database.db.execute(sql`INSERT INTO ambient_probe VALUES (4)`);
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    expect(await count()).toBe(before + 1);
  });

  it('keeps concurrent transactions apart', async () => {
    const before = await count();
    const results = await Promise.allSettled([
      database.db.transaction(async () => {
        await database.db.execute(sql`INSERT INTO ambient_probe VALUES (5)`);
      }),
      database.db.transaction(async () => {
        await database.db.execute(sql`INSERT INTO ambient_probe VALUES (6)`);
        throw new Error('second fails');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await count()).toBe(before + 1);
  });

  it('lets work that outlives its transaction fall back to the root handle', async () => {
    let later: Promise<number> | undefined;
    await database.db.transaction(async () => {
      later = new Promise((resolve) => setTimeout(() => resolve(count()), 20));
    });
    await expect(later).resolves.toBeGreaterThan(0);
  });
});
