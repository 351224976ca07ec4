import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

const JIEFANGQIAO = '370102001002'; // street 370102001
const LISHANLU = '370102001003'; // street 370102001
const WEIYILU = '370103002001';
const figures = {
  households: 2100,
  population: 5400,
  elderlyPct: 22.5,
  grids: 7,
  contactName: '张三',
  contactPhone: '13812345678',
};

describeDb('communities facility exchange api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let approver: TestUser;
  let otherApprover: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let enterprise: TestUser;
  let expert: TestUser;
  let roundId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    approver = await t.user('county_approver', '370102');
    otherApprover = await t.user('county_approver', '370103');
    expert = await t.user('expert', '370000');
    enterprise = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    for (const [u, code] of [
      [lixia, JIEFANGQIAO],
      [lixia, LISHANLU],
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
  });
  afterAll(() => t.close());

  it('takes an enterprise’s offer and a worker’s need, refusing bad input by field', async () => {
    const offer = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/communities/exchange/offers',
      payload: {
        facility: 'aed',
        counties: ['370102'],
        capacity: 1,
        terms: '设备免费投放,维保由企业承担',
        model: '公益捐赠',
      },
      allowed: enterprise,
      wrongRole: worker,
      okStatus: 201,
    });
    expect(offer.json()).toMatchObject({ facility: 'aed', capacity: 1, demo: false });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/offers',
      payload: { facility: 'rocket', counties: ['370100'], capacity: 0, terms: '', model: '公益捐赠' },
      headers: { cookie: enterprise.cookie },
    });
    expect(bad.statusCode).toBe(400);
    const need = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/communities/exchange/needs',
      payload: { communityCode: JIEFANGQIAO, facility: 'aed', priority: 5, note: '老年人多' },
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
      okStatus: 201,
    });
    expect(need.json()).toMatchObject({ status: 'open', countyCode: '370102', communityName: '解放桥社区' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/needs',
      payload: { communityCode: LISHANLU, facility: 'aed', priority: 2 },
      headers: { cookie: lixia.cookie },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/needs',
      payload: { communityCode: LISHANLU, facility: 'laundry', priority: 3 },
      headers: { cookie: lixia.cookie },
    });
    const badNeed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/needs',
      payload: { communityCode: JIEFANGQIAO, facility: 'aed', priority: 9 },
      headers: { cookie: worker.cookie },
    });
    expect(badNeed.statusCode).toBe(400);
    expect(badNeed.json().errors[0].path).toContain('priority');
  });

  it('runs the county’s round: the urgent need gets the one AED, the rest explained', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/communities/exchange/rounds',
      payload: { county: '370102', streetFloor: 1, providerCap: 1 },
      allowed: lixia,
      wrongRole: worker,
      wrongRegion: shizhong,
      okStatus: 201,
    });
    const r = ok.json();
    roundId = r.id;
    expect(r).toMatchObject({ status: 'proposed', needs: 3, served: 1 });
    expect(r.solver).toContain('highs');
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]).toMatchObject({ communityName: '解放桥社区', facility: 'aed', priority: 5 });
    expect(r.pairs[0].explanation.zh).toContain('优先级5');
    expect(r.unmatched.map((u: { reason: string }) => u.reason).sort()).toEqual(['capacity', 'no_offer']);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/rounds',
      payload: { county: '370100' },
      headers: { cookie: lixia.cookie },
    });
    expect(bad.statusCode).toBe(400);
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/communities/exchange/rounds/${roundId}`,
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    const board = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/exchange/board?county=370102',
      allowed: enterprise,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    expect(board.json()).toMatchObject({ needs: { length: 3 }, offers: { length: 1 }, rounds: { length: 1 } });
  });

  it('is confirmed by an approver who did not run it; the need is then matched', async () => {
    await t.legacyRole(lixia, 'county_approver', '370102');
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/exchange/rounds/${roundId}/confirm`,
      headers: { cookie: lixia.cookie },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/communities/exchange/rounds/${roundId}/confirm`,
      allowed: approver,
      wrongRole: worker,
      wrongRegion: otherApprover,
    });
    expect(ok.json()).toMatchObject({ status: 'confirmed', pairs: [{ status: 'confirmed' }] });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/exchange/rounds/${roundId}/confirm`,
      headers: { cookie: approver.cookie },
    });
    expect(again.statusCode).toBe(409);
    const board = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/exchange/board?county=370102',
      headers: { cookie: lixia.cookie },
    });
    const statuses = board.json().needs.map((n: { priority: number; status: string }) => `${n.priority}:${n.status}`);
    expect(statuses).toEqual(['5:matched', '3:open', '2:open']);
    // The offer's one unit is spoken for: a second round has nothing left to give the AED need.
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/exchange/rounds',
      payload: { county: '370102' },
      headers: { cookie: lixia.cookie },
    });
    expect(second.json()).toMatchObject({ served: 0, needs: 2 });
  });
});
