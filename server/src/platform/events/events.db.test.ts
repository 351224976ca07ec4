import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import { ManualClock } from '../clock/index.ts';
import { queryRows, type Database } from '../database/index.ts';
import { EventBus } from './index.ts';

describeDb('event outbox', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('delivers only committed events, in order, and marks them delivered', async () => {
    const bus = new EventBus(database.db, new ManualClock());
    const seen: unknown[] = [];
    bus.subscribe('test.thing-happened', async (p) => {
      seen.push(p);
    });
    await database.db.transaction(async (tx) => {
      await bus.publish(tx, 'test.thing-happened', { n: 1 });
      await bus.publish(tx, 'test.thing-happened', { n: 2 });
    });
    await database.db
      .transaction(async (tx) => {
        await bus.publish(tx, 'test.thing-happened', { n: 3 });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await bus.deliverPending()).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await bus.deliverPending()).toBe(0);
  });

  it('retries a failing handler and keeps the handler’s writes atomic with delivery', async () => {
    const bus = new EventBus(database.db, new ManualClock());
    await database.db.execute(sql`CREATE TABLE IF NOT EXISTS public.evt_effect (n int)`);
    let fail = true;
    bus.subscribe('test.flaky', async (_p, _m, tx) => {
      await tx.execute(sql`INSERT INTO public.evt_effect VALUES (1)`);
      if (fail) throw new Error('downstream unavailable');
    });
    await database.db.transaction((tx) => bus.publish(tx, 'test.flaky', {}));
    await bus.deliverPending();
    expect(
      (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM public.evt_effect`))[0]!.n,
    ).toBe(0);
    fail = false;
    await bus.deliverPending();
    expect(
      (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM public.evt_effect`))[0]!.n,
    ).toBe(1);
    const [row] = await queryRows<{ attempts: number; delivered: boolean }>(
      database.db,
      sql`SELECT attempts, delivered_at IS NOT NULL AS delivered FROM platform.outbox WHERE topic = 'test.flaky'`,
    );
    expect(row).toMatchObject({ attempts: 1, delivered: true });
  });
});
