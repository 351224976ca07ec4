import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { seedDemo } from '../../demo.ts';
import { queryRows } from '../../platform/database/index.ts';

describeDb('participation demo data relative to the clock', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { config: { demo: true } });
    t.clock.set(new Date('2026-11-30T14:05:00+08:00'));
    const only = new Map([...t.modules].filter(([name]) => name === 'regions' || name === 'participation'));
    await seedDemo({ ...t, modules: only }, () => {});
  }, 120_000);
  afterAll(() => t?.close());

  it('opens this year’s campaign, closes last year’s, and gives the demo supervisor a task of this year', async () => {
    const campaigns = await queryRows<{ year: number; status: string; first: string; last: string }>(
      t.database.db,
      sql`SELECT c.year, c.status, min(r.submitted_at)::text AS first, max(r.submitted_at)::text AS last
          FROM participation.campaign c JOIN participation.response r ON r.campaign_id = c.id
          GROUP BY c.year, c.status ORDER BY c.year`,
    );
    expect(campaigns.map((c) => [c.year, c.status])).toEqual([
      [2025, 'closed'],
      [2026, 'open'],
    ]);
    // This year's answers arrived over the months before the clock, none after it.
    expect(new Date(campaigns[1]!.last).getTime()).toBeLessThan(t.clock.now().getTime());
    expect(new Date(campaigns[1]!.first).getTime()).toBeGreaterThan(new Date('2026-08-01T00:00:00Z').getTime());
    const tasks = await queryRows<{ year: number; status: string }>(
      t.database.db,
      sql`SELECT year, status FROM participation.task ORDER BY status`,
    );
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    for (const tk of tasks) expect(tk.year).toBe(2026);
  });
});
