import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { planDemoCommunities } from './demo-plan.ts';
import { servicesOf } from './testing.ts';
import { provinceUniverse } from './universe.ts';

describeDb('communities demo data', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('reproduces the published 2,578 smart communities and 34 标杆型 through the shared rating rule', async () => {
    const { registry, tiers } = servicesOf(t);
    const plan = planDemoCommunities((await provinceUniverse('370000')).units.values(), 2024);
    const started = Date.now();
    await registry.seedDemo(t.systemCtx(), plan);
    console.log(`registry seed took ${Date.now() - started} ms`);
    await tiers.seedDemo(t.systemCtx(), plan, 2024);
    console.log(`communities demo seed took ${Date.now() - started} ms`);
    const cov = await registry.coverage(t.systemCtx());
    expect(cov.totals).toMatchObject({ smart: 2578, benchmark: 34, registered: plan.length });
    expect(cov.demo).toBe(true);
    expect(cov.counties.length).toBe(136);
    // Coverage is against the real universe of residents' committees, not a made-up denominator.
    expect(cov.totals.residentsCommittees).toBe(6374);
  });
});
