import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { moduleApi } from '../../app.ts';
import type { DemoContext } from '../../platform/module.ts';
import { planDemoCommunities } from './demo-plan.ts';
import { AgreementsService } from './agreements.service.ts';
import { DEMO_PROVIDER_USER, seedExchangeDemo } from './exchange-demo.ts';
import { ExchangeService } from './exchange.service.ts';
import { servicesOf } from './testing.ts';
import { provinceUniverse } from './universe.ts';

describeDb('communities exchange demo', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('finishes one matching round per city with the directory’s providers, fast, and leaves a barred one out', async () => {
    const { registry } = servicesOf(t);
    const universe = await provinceUniverse('370000');
    const plan = planDemoCommunities(universe.units.values(), 2024, { smart: 600, benchmark: 5, unrated: 0 });
    await registry.seedDemo(t.systemCtx(), plan);
    // The directory's demo providers as its demo makes them (credit codes 91<city>MA3C0000<2n>); 青岛's is 失信.
    const keeper = await t.user('directory_keeper', '370000');
    const cities = ['370100', '370200', '370300'];
    for (const [i, city] of cities.entries()) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/directory/orgs',
        headers: { cookie: keeper.cookie },
        payload: {
          kind: 'provider',
          name: `${city}便民服务有限公司(示例)`,
          creditCode: `91${city}MA3C${String(2 * (i + 1)).padStart(6, '0')}`,
          regionCode: city,
          contactName: '王经理',
          phone: '13600000001',
          services: ['智能快递柜'],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      if (i === 1) {
        const d = await t.app.inject({
          method: 'POST',
          url: `/api/v1/directory/orgs/${r.json().id}/dishonesty`,
          headers: { cookie: keeper.cookie },
          payload: { reason: '拒不履行合同约定的运维义务', source: '信用中国(山东)', listedOn: '2024-01-02' },
        });
        expect(d.statusCode, d.body).toBeLessThan(300);
      }
    }
    const lines: string[] = [];
    const users = new Map<string, string>();
    const ctx: DemoContext = {
      platform: t.platform,
      once: async (_k, fn) => fn(),
      print: (l) => void lines.push(l),
      demoUser: async (u) => {
        const orgId = await t.platform.identity.createOrganisation(t.systemCtx(), {
          name: u.organisation.name,
          kind: u.organisation.kind,
          regionCode: u.regionCode,
        });
        const id = await t.platform.identity.createUser(t.systemCtx(), {
          username: u.username,
          displayName: u.displayName,
          organisationId: orgId,
          password: 'Zhicheng#Test2024',
          roles: [{ role: u.role, regionCode: u.regionCode }],
        });
        users.set(u.username, id);
        return id;
      },
    };
    const exchange = new ExchangeService(t.platform, moduleApi(t, 'regions'), registry, moduleApi(t, 'directory'));
    const started = performance.now();
    await seedExchangeDemo(
      ctx,
      exchange.repo,
      moduleApi(t, 'directory'),
      plan.map((p) => ({ code: p.code, name: universe.units.get(p.code)?.name ?? p.code })),
    );
    console.log(`exchange demo took ${Math.round(performance.now() - started)} ms: ${lines.join(' ')}`);
    expect(users.has(DEMO_PROVIDER_USER)).toBe(true);
    const agreements = new AgreementsService(
      t.platform,
      moduleApi(t, 'regions'),
      exchange,
      moduleApi(t, 'participation'),
    );
    const o = await agreements.outcomes('370000');
    expect(o.demo).toBe(true);
    // One finished round per city that has registered communities: all 16 here.
    expect(new Set(o.byCounty.map((c) => c.key.slice(0, 4))).size).toBe(16);
    expect(o.byCounty).toHaveLength(16);
    expect(o.total.installed).toBeGreaterThan(0);
    expect(o.total.satisfactionAnswers).toBeGreaterThan(0);
    expect(o.total.yearOld).toBeGreaterThan(0);
    expect(o.byProvider.map((p) => p.name)).not.toContain('370200便民服务有限公司(示例)');
    expect(o.byModel.length).toBeGreaterThan(1);
  }, 240_000);
});
