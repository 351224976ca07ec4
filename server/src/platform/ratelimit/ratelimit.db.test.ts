import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import { ManualClock } from '../clock/index.ts';
import { queryRows, type Database } from '../database/index.ts';
import { RateLimiter } from './index.ts';

describeDb('rate limiter', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('counts concurrent hits exactly: the first `max` pass, the rest get 429', async () => {
    const limiter = new RateLimiter(database.db, new ManualClock(new Date('2024-07-01T00:00:10Z')));
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => limiter.consume('k:a', 20, 60)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(30);
    expect(refused[0]!.reason).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('keeps keys and windows apart, and shares counts between limiters on one database', async () => {
    const clock = new ManualClock(new Date('2024-07-01T00:00:10Z'));
    const one = new RateLimiter(database.db, clock);
    const two = new RateLimiter(database.db, clock);
    await Promise.all([one.consume('k:b', 2, 60), two.consume('k:c', 2, 60)]);
    await one.consume('k:b', 2, 60);
    await expect(two.consume('k:b', 2, 60)).rejects.toMatchObject({ code: 'rate_limited' });
    clock.advance(60_000);
    await expect(two.consume('k:b', 2, 60)).resolves.toBeUndefined();
  });

  it('deletes windows older than a day, at most every ten minutes (a sweep reads the whole table)', async () => {
    const clock = new ManualClock(new Date('2024-08-01T00:00:10Z'));
    const limiter = new RateLimiter(database.db, clock);
    const windows = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM platform.rate_limit WHERE key = 'k:old'`,
        )
      )[0]!.n;
    // Another instance's window from two days ago.
    await database.db.execute(
      sql`INSERT INTO platform.rate_limit (key, window_start, count) VALUES ('k:old', '2024-07-30T00:00:00Z', 3)`,
    );
    await limiter.consume('k:new', 5, 60); // the limiter's first batch sweeps, after answering its hits
    await vi.waitFor(async () => expect(await windows()).toBe(0));
    await database.db.execute(
      sql`INSERT INTO platform.rate_limit (key, window_start, count) VALUES ('k:old', '2024-07-30T00:00:00Z', 3)`,
    );
    clock.advance(9 * 60_000);
    await limiter.consume('k:new', 5, 60); // nine minutes after the sweep: no sweep
    expect(await windows()).toBe(1);
    clock.advance(60_000);
    await limiter.consume('k:new', 5, 60); // ten: swept
    await vi.waitFor(async () => expect(await windows()).toBe(0));
  });
});
