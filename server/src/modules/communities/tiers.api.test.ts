import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

const JIEFANGQIAO = '370102001002';
const WEIYILU = '370103002001';
const YEAR = 2024;
const figures = {
  households: 2100,
  population: 5400,
  elderlyPct: 22.5,
  grids: 7,
  contactName: '张三丰',
  contactPhone: '13812345678',
};

interface IndicatorRow {
  code: string;
  thresholds: number[];
  weight: number;
}

describeDb('communities tiers api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let approver: TestUser;
  let otherApprover: TestUser;
  let provinceApprover: TestUser;
  let expert: TestUser;
  let indicators: IndicatorRow[];
  const url = (code = JIEFANGQIAO) => `/api/v1/communities/registry/${code}/tiers/${YEAR}`;
  /** Every indicator at its `stars` threshold. */
  const valuesAt = (stars: number) => Object.fromEntries(indicators.map((i) => [i.code, i.thresholds[stars - 1]!]));

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    expert = await t.user('expert', '370000');
    for (const [u, code] of [
      [lixia, JIEFANGQIAO],
      [shizhong, WEIYILU],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/communities/registry',
        payload: { code, ...figures },
        headers: { cookie: u.cookie },
      });
      expect(r.statusCode).toBe(201);
    }
    worker = await t.user('community_worker', JIEFANGQIAO);
    otherWorker = await t.user('community_worker', WEIYILU);
    approver = await t.user('county_approver', '370102');
    otherApprover = await t.user('county_approver', '370103');
    provinceApprover = await t.user('province_approver', '370000');
  });
  afterAll(() => t.close());

  it('shows an unreported community the catalogue and the cheapest path to 基础型', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: url(),
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    const v = ok.json();
    indicators = v.indicators;
    expect(v.catalogue.key).toBe('DB37-3890.3-community');
    expect(v.assessment).toBeNull();
    expect(v.nextTier).toBe('basic');
    expect(v.path.feasible).toBe(true);
    expect(v.path.improvements.length).toBeGreaterThan(0);
    // The published 基础型 requirements are the catalogue's 3★ column.
    const fibre = v.indicators.find((i: { code: string }) => i.code === 'S-JC-01');
    expect(fibre.published).toBe(70);
    expect(fibre.thresholds[2]).toBe(70);
  });

  it('rates a self-report with the shared rule and names the cheapest step to 成长型', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: url(),
      payload: { values: { 'NOT-AN-INDICATOR': 1 } },
      headers: { cookie: worker.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('NOT-AN-INDICATOR');
    const badYear = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}/tiers/1999`,
      payload: { values: {} },
      headers: { cookie: worker.cookie },
    });
    expect(badYear.statusCode).toBe(400);
    const ok = await expectAuthMatrix(t, {
      method: 'PUT',
      url: url(),
      payload: { values: valuesAt(3) },
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    expect(ok.json()).toMatchObject({ level: 3, ratedTier: 'basic', status: 'reported' });
    const view = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: worker.cookie } });
    expect(view.json()).toMatchObject({ nextTier: 'growth', path: { feasible: true } });
    // Every improvement lifts an indicator to its 4★ threshold, no further: the cheapest cover of the missing weight.
    for (const m of view.json().path.improvements) expect(m.toStars).toBe(4);
  });

  it('the county checks (four eyes): 标杆型 goes on to the province, which confirms it', async () => {
    await t.app.inject({
      method: 'PUT',
      url: url(),
      payload: { values: valuesAt(5) },
      headers: { cookie: worker.cookie },
    });
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url()}/check`,
      payload: { decision: 'confirm' },
      allowed: approver,
      wrongRole: worker,
      wrongRegion: otherApprover,
    });
    expect(ok.json()).toMatchObject({ ratedTier: 'benchmark', status: 'awaiting_province' });
    const mid = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      headers: { cookie: worker.cookie },
    });
    expect(mid.json()).toMatchObject({ tier: 'growth', tierSource: 'rated' });
    const again = await t.app.inject({
      method: 'POST',
      url: `${url()}/check`,
      payload: { decision: 'confirm' },
      headers: { cookie: approver.cookie },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('tier_province_confirms');
    const bad = await t.app.inject({
      method: 'POST',
      url: `${url()}/benchmark`,
      payload: { decision: 'maybe' },
      headers: { cookie: provinceApprover.cookie },
    });
    expect(bad.statusCode).toBe(400);
    const done = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url()}/benchmark`,
      payload: { decision: 'confirm', note: '实地核验通过' },
      allowed: provinceApprover,
      wrongRole: approver,
      // Province approvers are bound to the province: there is no wrong region for them.
    });
    expect(done.json()).toMatchObject({ status: 'confirmed', note: '实地核验通过' });
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      headers: { cookie: worker.cookie },
    });
    expect(after.json()).toMatchObject({ tier: 'benchmark', tierYear: YEAR });
    const cov = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/coverage?region=370102',
      headers: { cookie: lixia.cookie },
    });
    expect(cov.json().counties[0]).toMatchObject({ benchmark: 1, smart: 1 });
  });

  it('refuses a check by whoever reported the values', async () => {
    await t.app.inject({
      method: 'PUT',
      url: url(WEIYILU),
      payload: { values: valuesAt(3) },
      headers: { cookie: shizhong.cookie },
    });
    // A binding made around the role-conflict rule (as legacy data might hold): the four-eyes check still stops it.
    await t.legacyRole(shizhong, 'county_approver', '370103');
    const own = await t.app.inject({
      method: 'POST',
      url: `${url(WEIYILU)}/check`,
      payload: { decision: 'confirm' },
      headers: { cookie: shizhong.cookie },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const other = await t.app.inject({
      method: 'POST',
      url: `${url(WEIYILU)}/check`,
      payload: { decision: 'return', note: '补充佐证' },
      headers: { cookie: otherApprover.cookie },
    });
    expect(other.json()).toMatchObject({ status: 'returned', note: '补充佐证' });
  });
});
