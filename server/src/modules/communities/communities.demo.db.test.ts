import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { planDemoCommunities } from './demo-plan.ts';
import { demoFigures } from './figures.service.ts';
import { servicesOf } from './testing.ts';
import { provinceUniverse } from './universe.ts';

describeDb('communities demo data', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('reproduces the published 2,578 smart communities and 34 标杆型 through the shared rating rule', async () => {
    const { registry, tiers, figures } = servicesOf(t);
    const plan = planDemoCommunities((await provinceUniverse('370000')).units.values(), 2024);
    const started = Date.now();
    await registry.seedDemo(t.systemCtx(), plan);
    console.log(`registry seed took ${Date.now() - started} ms`);
    const byTier = await tiers.seedDemo(t.systemCtx(), plan, 2024);
    console.log(`registry and tiers took ${Date.now() - started} ms`);
    const smartCodes = new Set([...byTier.values()].flat());
    const rows = demoFigures(
      plan
        .filter((p) => smartCodes.has(p.code))
        .map((p) => ({
          code: p.code,
          households: p.figures.households,
          connected: (p.figures.systems ?? []).length > 0,
        })),
      t.clock.now(),
    );
    await figures.seedDemo(t.systemCtx(), rows);
    console.log(`communities demo seed took ${Date.now() - started} ms`);
    const cov = await registry.coverage(t.systemCtx());
    expect(cov.totals).toMatchObject({ smart: 2578, benchmark: 34, registered: plan.length });
    expect(cov.demo).toBe(true);
    expect(cov.counties.length).toBe(136);
    // Coverage is against the real universe of residents' committees, not a made-up denominator.
    expect(cov.totals.residentsCommittees).toBe(6374);
    const rollupStarted = Date.now();
    const up = await figures.rollup(t.systemCtx(), {});
    console.log(`roll-up of a year (${rows.length} rows) to the province took ${Date.now() - rollupStarted} ms`);
    expect(up.children).toHaveLength(16);
    expect(up.total.reporting).toBe(2578);
    expect(up.formsSaved.api + up.formsSaved.form).toBeGreaterThan(2578 * 11);
    expect(up.formsSaved.api).toBeGreaterThan(0);
  }, 240_000);
});
