import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { sql } from 'drizzle-orm';
import { PARTICIPATION_EVENTS } from '@zhicheng/contracts/participation';
import { queryRows } from '../../platform/database/index.ts';

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
  let lixia2: TestUser;
  let shizhong: TestUser;
  let approver: TestUser;
  let otherApprover: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let enterprise: TestUser;
  let rival: TestUser;
  let expert: TestUser;
  let roundId: string;
  let pairId: string;
  const CREDIT = '91370102MA3C0000A1';
  const RIVAL_CREDIT = '91370102MA3C0000B2';

  const send = (u: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: u ? { cookie: u.cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    lixia2 = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    approver = await t.user('county_approver', '370102');
    otherApprover = await t.user('county_approver', '370103');
    expert = await t.user('expert', '370000');
    enterprise = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    rival = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    // The providers are in the directory's 服务商库 under the names their accounts' organisations were given.
    const keeper = await t.user('directory_keeper', '370000');
    for (const [u, creditCode] of [
      [enterprise, CREDIT],
      [rival, RIVAL_CREDIT],
    ] as const) {
      const r = await send(keeper, 'POST', '/api/v1/directory/orgs', {
        kind: 'provider',
        name: `${u.username} org`,
        creditCode,
        regionCode: '370102',
        contactName: '王经理',
        phone: '13600000001',
        services: ['AED急救设备'],
      });
      expect(r.statusCode, r.body).toBe(201);
    }
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

  it('links an enterprise account to its own provider entry only', async () => {
    const early = await send(enterprise, 'POST', '/api/v1/communities/exchange/offers', {
      facility: 'aed',
      counties: ['370102'],
      capacity: 1,
      terms: '免费投放',
      model: '公益捐赠',
    });
    expect(early.json().code).toBe('provider_not_linked');
    const unknown = await send(enterprise, 'PUT', '/api/v1/communities/exchange/provider', {
      creditCode: '91370102MA3C0000C3',
    });
    expect(unknown.json()).toMatchObject({ code: 'provider_unknown', errors: [{ path: 'creditCode' }] });
    const notMine = await send(enterprise, 'PUT', '/api/v1/communities/exchange/provider', {
      creditCode: RIVAL_CREDIT,
    });
    expect(notMine.json().code).toBe('provider_name_mismatch');
    const ok = await expectAuthMatrix(t, {
      method: 'PUT',
      url: '/api/v1/communities/exchange/provider',
      payload: { creditCode: CREDIT },
      allowed: enterprise,
      wrongRole: worker,
    });
    expect(ok.json()).toMatchObject({ creditCode: CREDIT, eligible: true, name: `${enterprise.username} org` });
    expect(
      (await send(rival, 'PUT', '/api/v1/communities/exchange/provider', { creditCode: RIVAL_CREDIT })).statusCode,
    ).toBe(200);
  });

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

  it('is adjusted by the county before confirmation: drop and reassign with reasons, constraints named', async () => {
    const url = `/api/v1/communities/exchange/rounds/${roundId}/adjustments`;
    const before = (await send(lixia, 'GET', `/api/v1/communities/exchange/rounds/${roundId}`)).json();
    const aedPair = before.pairs[0];
    const aedOffer = aedPair.offerId;
    const lishanAed = before.unmatched.find((u: { reason: string }) => u.reason === 'capacity').needId;
    const laundry = before.unmatched.find((u: { reason: string }) => u.reason === 'no_offer').needId;
    expect(before).toMatchObject({ adjustments: [], providerMax: 3, offers: [{ id: aedOffer, capacity: 1, left: 0 }] });
    // The one AED is taken: moving the second AED need onto it breaks capacity, named on offerId.
    const full = await send(lixia2, 'POST', url, {
      action: 'reassign',
      needId: lishanAed,
      offerId: aedOffer,
      reason: '试',
    });
    expect(full.statusCode).toBe(422);
    expect(full.json()).toMatchObject({ code: 'adjust_refused', errors: [{ path: 'offerId' }] });
    expect(full.json().message.zh).toContain('剩余容量');
    const wrongFacility = await send(lixia2, 'POST', url, {
      action: 'reassign',
      needId: laundry,
      offerId: aedOffer,
      reason: '试',
    });
    expect(wrongFacility.json()).toMatchObject({ code: 'adjust_refused', errors: [{ path: 'offerId' }] });
    expect(wrongFacility.json().message.en).toContain('another facility');
    // An offer that serves another county only.
    const away = await send(rival, 'POST', '/api/v1/communities/exchange/offers', {
      facility: 'aed',
      counties: ['370103'],
      capacity: 5,
      terms: '免费投放',
      model: '公益捐赠',
    });
    expect(away.statusCode).toBe(201);
    const outside = await send(lixia2, 'POST', url, {
      action: 'reassign',
      needId: lishanAed,
      offerId: away.json().id,
      reason: '试',
    });
    expect(outside.json()).toMatchObject({ code: 'adjust_refused', errors: [{ path: 'offerId' }] });
    expect(outside.json().message.en).toContain('does not serve this county');
    const notOurs = await send(lixia2, 'POST', url, { action: 'drop', pairId: lishanAed, reason: '试' });
    expect(notOurs.json()).toMatchObject({ code: 'adjust_refused', errors: [{ path: 'pairId' }] });
    const noReason = await send(lixia2, 'POST', url, { action: 'drop', pairId: aedPair.id, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toContain('reason');
    // Drop the solver's pair (the county knows the building has an AED already) ...
    const dropped = await expectAuthMatrix(t, {
      method: 'POST',
      url,
      payload: { action: 'drop', pairId: aedPair.id, reason: '该社区已自购AED' },
      allowed: lixia2,
      wrongRole: approver,
      wrongRegion: shizhong,
    });
    expect(dropped.json()).toMatchObject({
      status: 'proposed',
      served: 0,
      pairs: [],
      offers: [{ id: aedOffer, left: 1 }],
      adjustments: [{ action: 'drop', communityName: '解放桥社区', fromProvider: `${enterprise.username} org` }],
    });
    expect(dropped.json().unmatched).toContainEqual(
      expect.objectContaining({ needId: aedPair.needId, reason: 'dropped' }),
    );
    // ... and give the freed AED to the other community's need, then put it back as the solver had it.
    const moved = await send(lixia2, 'POST', url, {
      action: 'reassign',
      needId: lishanAed,
      offerId: aedOffer,
      reason: '历山路社区老人更多',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      served: 1,
      pairs: [{ communityName: '历山路社区', providerName: `${enterprise.username} org` }],
    });
    expect(moved.json().pairs[0].explanation.zh).toContain('县级调整:历山路社区老人更多');
    const back1 = await send(lixia2, 'POST', url, {
      action: 'drop',
      pairId: moved.json().pairs[0].id,
      reason: '复核后恢复原方案',
    });
    expect(back1.statusCode).toBe(200);
    const back2 = await send(lixia2, 'POST', url, {
      action: 'reassign',
      needId: aedPair.needId,
      offerId: aedOffer,
      reason: '复核后恢复原方案',
    });
    expect(back2.json()).toMatchObject({ served: 1, pairs: [{ communityName: '解放桥社区' }] });
    expect(back2.json().adjustments.map((a: { action: string }) => a.action)).toEqual([
      'drop',
      'reassign',
      'drop',
      'reassign',
    ]);
    expect(back2.json().adjustments[3]).toMatchObject({ fromProvider: null, toProvider: `${enterprise.username} org` });
    // Whoever adjusted the round cannot confirm it (four eyes), even holding an approver's role.
    await t.legacyRole(lixia2, 'county_approver', '370102');
    const own = await send(lixia2, 'POST', `/api/v1/communities/exchange/rounds/${roundId}/confirm`);
    expect(own.json().code).toBe('own_work');
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
    const late = await send(lixia, 'POST', `/api/v1/communities/exchange/rounds/${roundId}/adjustments`, {
      action: 'drop',
      pairId: ok.json().pairs[0].id,
      reason: '太晚了',
    });
    expect(late.json().code).toBe('round_not_proposed');
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
    pairId = ok.json().pairs[0].id;
  });

  it('shows a provider only its own offers and pairs', async () => {
    const rivalOffer = await send(rival, 'POST', '/api/v1/communities/exchange/offers', {
      facility: 'laundry',
      counties: ['370102'],
      capacity: 3,
      terms: '企业投建,按次收费',
      model: '企业投建运营、服务收费',
    });
    expect(rivalOffer.statusCode).toBe(201);
    const board = (await send(rival, 'GET', '/api/v1/communities/exchange/board?county=370102')).json();
    expect(board.offers.map((o: { facility: string }) => o.facility)).toEqual(['laundry']);
    expect(board.needs).toHaveLength(3);
    const round = (await send(rival, 'GET', `/api/v1/communities/exchange/rounds/${roundId}`)).json();
    expect(round).toMatchObject({ served: 1, pairs: [], unmatched: [] });
    const portal = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/exchange/portal',
      allowed: enterprise,
      wrongRole: lixia,
    });
    expect(portal.json()).toMatchObject({
      provider: { creditCode: CREDIT },
      offers: [{ facility: 'aed' }],
      agreements: [{ id: pairId, status: 'confirmed', communityCode: JIEFANGQIAO }],
    });
    const rivals = (await send(rival, 'GET', '/api/v1/communities/exchange/portal')).json();
    expect(rivals.agreements).toEqual([]);
    // Another provider's pair is not found, not forbidden.
    const steal = await send(rival, 'POST', `/api/v1/communities/exchange/pairs/${pairId}/agree`, { accept: true });
    expect(steal.statusCode).toBe(404);
  });

  it('agreement → installed → residents asked → satisfaction counted in the public outcomes', async () => {
    const today = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const early = await send(worker, 'POST', `/api/v1/communities/exchange/pairs/${pairId}/install`, {
      installedOn: today,
    });
    expect(early.json().code).toBe('match_wrong_status');
    const before = await send(worker, 'POST', `/api/v1/communities/exchange/pairs/${pairId}/install`, {
      installedOn: '2001-03-01',
    });
    expect(before.json().errors[0].path).toContain('installedOn');
    const agreed = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/communities/exchange/pairs/${pairId}/agree`,
      payload: { accept: true },
      allowed: enterprise,
      wrongRole: worker,
    });
    expect(agreed.json()).toMatchObject({ status: 'agreed' });
    expect(
      (await send(enterprise, 'POST', `/api/v1/communities/exchange/pairs/${pairId}/agree`, { accept: false }))
        .statusCode,
    ).toBe(409);
    const future = await send(worker, 'POST', `/api/v1/communities/exchange/pairs/${pairId}/install`, {
      installedOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toContain('installedOn');
    const installed = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/communities/exchange/pairs/${pairId}/install`,
      payload: { installedOn: today, phones: ['13912345678', '13987654321'], askRespondents: false },
      allowed: worker,
      wrongRole: enterprise,
      wrongRegion: otherWorker,
    });
    const body = installed.json();
    expect(body.pair).toMatchObject({ status: 'installed', installedOn: today });
    expect(body.followups.created).toBe(2);
    expect(body.followups.links[0].phoneMasked).toMatch(/^139\*+\d{4}$/);
    // A resident answers through participation's public follow-up; its event reaches this module.
    const answer = await send(null, 'POST', `/api/v1/participation/public/followups/${body.followups.links[0].token}`, {
      satisfaction: 4,
    });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    // What the platform's relay does with the outbox row: hand the payload to this module's handler, twice (a
    // redelivery must not count the answer again).
    const [event] = await queryRows<{ id: number; payload: unknown; created_at: Date }>(
      t.database.db,
      sql`SELECT id, payload, created_at FROM platform.outbox WHERE topic = ${PARTICIPATION_EVENTS.satisfactionAnswered}`,
    );
    const handler = t.modules.get('communities')!.parts.on![PARTICIPATION_EVENTS.satisfactionAnswered]!;
    for (let i = 0; i < 2; i++)
      await handler(event!.payload, t.systemCtx(), {
        id: event!.id,
        createdAt: event!.created_at,
        module: 'participation',
      });
    const pairs = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/communities/exchange/pairs?community=${JIEFANGQIAO}`,
      allowed: worker,
      wrongRole: enterprise,
      wrongRegion: otherWorker,
    });
    expect(pairs.json()).toMatchObject([{ id: pairId, status: 'installed', satisfaction: { answers: 1, mean: 4 } }]);
    const out = await send(null, 'GET', '/api/v1/communities/exchange/outcomes?region=370100');
    expect(out.statusCode).toBe(200);
    const o = out.json();
    expect(o.total).toMatchObject({ needs: 3, matched: 1, installed: 1, medianDaysToInstall: 0, satisfactionMean: 4 });
    expect(o.total.fillRate).toBeCloseTo(1 / 3, 3);
    expect(o.byProvider).toMatchObject([{ name: `${enterprise.username} org`, installed: 1, fillRate: 1 }]);
    expect(o.byDomain.find((d: { key: string }) => d.key === '医疗康养')).toMatchObject({ installed: 1 });
    expect((await send(null, 'GET', '/api/v1/communities/exchange/outcomes?region=379999')).statusCode).toBe(400);
  });
});
