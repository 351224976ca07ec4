import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../../test/app.ts';

describeDb('compute scheduling api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let enterprise: TestUser;
  const as = (u: TestUser, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, payload: payload as never, headers: { cookie: u.cookie } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    enterprise = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
  });
  afterAll(() => t.close());

  it('allocates with max-min fairness as Gavel defines it', async () => {
    const body = {
      policy: 'max_min_fairness',
      cluster: { 'v100@jinan': 1, 'ascend-910@qingdao': 1 },
      jobs: [
        { id: 'a', throughputs: { 'v100@jinan': 2, 'ascend-910@qingdao': 1 }, scaleFactor: 1, remainingSteps: 100 },
        { id: 'b', throughputs: { 'v100@jinan': 1, 'ascend-910@qingdao': 2 }, scaleFactor: 1, remainingSteps: 100 },
      ],
    };
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/scheduling/allocate',
      payload: body,
      allowed: province,
      wrongRole: enterprise,
    });
    expect(r.json().objective).toBeCloseTo(4 / 3, 6);
    expect(r.json().allocation.a['v100@jinan']).toBeCloseTo(1, 6);
    expect(r.json().allocation.b['ascend-910@qingdao']).toBeCloseTo(1, 6);
  });

  it('refuses bad problems naming the field, and an infeasible deadline by its code', async () => {
    const job = { id: 'a', throughputs: { x: 1 }, scaleFactor: 1, remainingSteps: 3600 };
    const unknownType = await as(province, '/api/v1/compute/scheduling/allocate', {
      policy: 'max_total_throughput',
      cluster: { y: 1 },
      jobs: [job],
    });
    expect([unknownType.statusCode, unknownType.json().errors[0].path]).toEqual([400, 'body.jobs.0.throughputs.x']);
    const noPrices = await as(province, '/api/v1/compute/scheduling/allocate', {
      policy: 'min_cost',
      cluster: { x: 1 },
      jobs: [job],
    });
    expect(noPrices.json().errors[0].path).toBe('body.prices');
    const late = await as(province, '/api/v1/compute/scheduling/allocate', {
      policy: 'min_cost',
      cluster: { x: 1 },
      prices: { x: 100 },
      jobs: [{ ...job, deadlineSeconds: 1800 }],
    });
    expect([late.statusCode, late.json().code]).toEqual([422, 'allocation_infeasible']);
  });

  it('simulates a Gavel trace: the heterogeneity-aware policy beats the agnostic one', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/scheduling/simulate',
      payload: { trace: 'small_test', policy: 'max_min_fairness' },
      allowed: province,
      wrongRole: enterprise,
    });
    const s = r.json();
    expect(s.jobs).toBe(20);
    expect(s.cluster).toEqual({ v100: 36, p100: 36, k80: 36 });
    expect(s.aware.jctHours).toHaveLength(20);
    expect(s.aware.averageJctHours).toBeLessThan(s.agnostic.averageJctHours);
    expect(s.jctSpeedup).toBeGreaterThan(1);
    const bad = await as(province, '/api/v1/compute/scheduling/simulate', {
      trace: 'nope',
      policy: 'max_min_fairness',
    });
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'body.trace']);
  });
});
