import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { seedDemo } from '../../demo.ts';
import { servicesOf } from './testing.ts';

describeDb('assessment demo data', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const started = Date.now();
    await seedDemo(t, () => {});
    // Printed, not asserted: speed belongs in bench/.
    console.log(`demo seed (all modules) took ${Date.now() - started} ms`);
  });
  afterAll(() => t.close());

  it('publishes 2024 results that reproduce the reply’s shares', async () => {
    const s = await servicesOf(t).results.statistics(2024);
    const city = s.levels.find((l) => l.level === 'city')!;
    const county = s.levels.find((l) => l.level === 'county')!;
    expect(city.total).toBe(16);
    expect(county.total).toBe(136);
    expect(county.atLeast['3']).toBe(133);
    expect(county.atLeast['4']).toBe(52);
    expect(city.atLeast['4']).toBe(14);
    expect(s.sample).toBe(true);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/assessment/statistics/overview?year=2022' });
    expect(r.json().targets.find((x: { key: string }) => x.key === '2022-city-3')).toMatchObject({
      met: true,
      actual: 1,
    });
  });

  it('leaves a 2025 campaign open with a few counties submitted, and is idempotent', async () => {
    const svc = servicesOf(t);
    const camps = await svc.campaigns.list();
    expect(camps.map((c) => c.year)).toEqual([2025, 2024, 2023, 2022]);
    expect(camps[0]!.counts.submitted).toBe(4);
    await seedDemo(t, () => {});
    expect((await svc.campaigns.list()).length).toBe(4);
    const report = await svc.results.regionReport('370102');
    expect(report.history.map((h) => h.year)).toEqual([2022, 2023, 2024]);
  });
});
