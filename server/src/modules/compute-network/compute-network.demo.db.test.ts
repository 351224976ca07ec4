import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { seedDemo } from '../../demo.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import { queryRows } from '../../platform/database/index.ts';
import { DEMO_OPERATORS } from './demo-calibration.ts';

describeDb('compute demo data relative to the clock', (kind) => {
  let t: TestApp;
  let province: TestUser;
  const alerts = async () =>
    (
      (await t.app.inject({ url: '/api/v1/compute/alerts', headers: { cookie: province.cookie } })).json() as {
        items: { kind: string; dataCentreId: string }[];
      }
    ).items;
  beforeAll(async () => {
    t = await createTestApp(kind, { config: { demo: true } });
    t.clock.set(new Date('2026-11-30T14:05:00+08:00'));
    // Only this module's demo (and the regions it needs), as `--demo` seeds it.
    const only = new Map([...t.modules].filter(([name]) => name === 'regions' || name === 'compute-network'));
    await seedDemo({ ...t, modules: only }, () => {});
    province = await t.user('province_operator', '370000');
  }, 120_000);
  afterAll(() => t?.close());

  it('files reports up to last month, leaves each operator one report to file and one to approve', async () => {
    const stale = (await alerts()).filter((a) => a.kind === 'report_stale');
    expect(stale).toHaveLength(DEMO_OPERATORS.length);
    const rows = await queryRows<{ status: string; n: number }>(
      t.database.db,
      sql`SELECT status, count(*)::int AS n FROM compute.monthly_report WHERE period = '2026-10' GROUP BY status`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toMatchObject({ submitted: DEMO_OPERATORS.length });
    const owners = await queryRows<{ operator_name: string; n: number }>(
      t.database.db,
      sql`SELECT operator_name, count(*)::int AS n FROM compute.data_centre GROUP BY operator_name`,
    );
    // Every demo operator account owns centres.
    expect(owners.map((o) => o.operator_name).sort()).toEqual(DEMO_OPERATORS.map((o) => o.org).sort());
    for (const o of owners) expect(o.n).toBeGreaterThanOrEqual(10);
  });

  it('shows the calibrated July 2024 figures, also as today’s', async () => {
    for (const q of ['?period=2024-07', '']) {
      const s = (
        await t.app.inject({ url: `/api/v1/compute/statistics${q}`, headers: { cookie: province.cookie } })
      ).json();
      expect(s.period).toBe(q ? '2024-07' : '2026-10');
      expect(s.headline.racksInUse).toBe(345_400);
      expect(s.headline.totalEflops.toFixed(2)).toBe('9.66');
      expect(s.headline.coreClusterRackSharePct).toBe(85.46);
    }
  });

  it('narrows centres, reports and statistics to the header’s region, a city or a county', async () => {
    const get = async (url: string) => (await t.app.inject({ url, headers: { cookie: province.cookie } })).json();
    const city = await get('/api/v1/compute/data-centres?cityCode=370200&pageSize=500');
    expect(city.items.length).toBeGreaterThan(1);
    for (const c of city.items) expect(c.cityCode).toBe('370200');
    const county = city.items[0].countyCode as string;
    const inCounty = await get(`/api/v1/compute/data-centres?cityCode=${county}&pageSize=500`);
    expect(inCounty.items.length).toBeGreaterThan(0);
    expect(inCounty.items.length).toBeLessThan(city.items.length);
    for (const c of inCounty.items) expect(c.countyCode).toBe(county);
    const ids = new Set(city.items.map((c: { id: string }) => c.id));
    const reports = await get('/api/v1/compute/reports?cityCode=370200&pageSize=100');
    expect(reports.items.length).toBe(100);
    for (const r of reports.items) expect(ids.has(r.dataCentreId)).toBe(true);
    const stats = await get(`/api/v1/compute/statistics?cityCode=${county}`);
    expect(stats.headline.racksInUse).toBe(
      inCounty.items.reduce((n: number, c: { racksInUse: number }) => n + c.racksInUse, 0),
    );
  });

  it('keeps the live demo streams flowing with the demo feeder', async () => {
    expect((await alerts()).filter((a) => a.kind === 'metrics_stale')).toEqual([]);
    const job = t.modules.get('compute-network')!.parts.jobs!.find((j) => j.name === 'demo-live-feed')!;
    for (let m = 0; m < 30; m++) {
      t.clock.advance(60_000);
      expect(await job.run(systemContext('job:compute-network.demo-live-feed'))).toBe(3);
    }
    province = await t.user('province_operator', '370000'); // the first session has timed out meanwhile
    expect((await alerts()).filter((a) => a.kind === 'metrics_stale')).toEqual([]);
    t.clock.advance(20 * 60_000);
    province = await t.user('province_operator', '370000');
    expect((await alerts()).filter((a) => a.kind === 'metrics_stale')).toHaveLength(3);
  });
});
