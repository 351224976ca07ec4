import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/audit.tables.ts';
import { marketOrder } from './market.tables.ts';
import { encodeWriteRequest, type RwSeries } from '../metrics/remote-write.ts';
import { GAVEL_THROUGHPUTS } from '../scheduling/gavel.ts';

const centreBody = (orgId: string, countyCode: string, name: string) => ({
  name,
  operatorOrganisationId: orgId,
  address: '测试路 1 号',
  lng: 117.1,
  lat: 36.6,
  countyCode,
  zoneId: null,
  status: 'operating',
  designRacks: 1000,
  powerCapacityKw: 3000,
  designPue: 1.25,
  storagePb: 5,
  inventory: [
    { kind: 'intelligent', modelId: 'nvidia-v100-sxm2', count: 64 },
    { kind: 'intelligent', modelId: 'nvidia-k80', count: 200 },
    { kind: 'intelligent', modelId: 'huawei-ascend-910', count: 40 },
    { kind: 'general', modelId: 'intel-xeon-8380-2s', count: 100 },
  ],
});

const offerBody = (centre: string, over: Record<string, unknown> = {}) => ({
  dataCentreId: centre,
  modelId: 'nvidia-v100-sxm2',
  cards: 16,
  memoryGb: 32,
  interconnect: 'NVLink + 100G RoCE',
  priceFenPerCardHour: 1500,
  billing: 'on_demand',
  availableFrom: '2024-07-01T00:00:00+08:00',
  availableUntil: '2024-12-31T00:00:00+08:00',
  minLeaseHours: 4,
  ...over,
});

const rn50 = GAVEL_THROUGHPUTS.find((r) => r.family === 'ResNet-50 (batch size 64)' && r.scale === 1)!;

describeDb('compute supermarket api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let approver: TestUser;
  let opA: TestUser;
  let opB: TestUser;
  let buyer: TestUser;
  let buyer2: TestUser;
  let jinan: TestUser;
  let centreA: string;
  let centreB: string;
  let v100Offer: string;
  let k80Offer: string;
  let orderId: string;

  const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: u ? { cookie: u.cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    approver = await t.user('province_approver', '370000');
    jinan = await t.user('city_operator', '370100');
    opA = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    opB = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    buyer = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    buyer2 = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    const a = await as(
      province,
      'POST',
      '/api/v1/compute/data-centres',
      centreBody(opA.actor.organisationId, '370102', '甲中心'),
    );
    centreA = a.json().id;
    const b = await as(
      province,
      'POST',
      '/api/v1/compute/data-centres',
      centreBody(opB.actor.organisationId, '370202', '乙中心'),
    );
    centreB = b.json().id;
    // Centre A reported 50% utilisation for June, approved: 32 V100 and 100 K80 are free.
    const rep = await as(opA, 'POST', `/api/v1/compute/data-centres/${centreA}/reports`, {
      period: '2024-06',
      racksInUse: 500,
      utilisationPct: 50,
      energyMwh: 1000,
      measuredPue: 1.3,
      computeInUsePflops: 10,
      storageUsedPb: 2,
    });
    expect(rep.statusCode).toBe(201);
    const dec = await as(approver, 'POST', `/api/v1/compute/reports/${rep.json().id}/decision`, {
      decision: 'approve',
    });
    expect(dec.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('publishes an offer only on the own centre', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/market/offers',
      payload: offerBody(centreA),
      allowed: opA,
      wrongRegion: opB,
      wrongRole: buyer,
      okStatus: 201,
    });
    v100Offer = r.json().id;
    expect(r.json()).toMatchObject({ cards: 16, cardsAvailable: 16, voucherEligible: true, status: 'published' });
    const k = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, {
        modelId: 'nvidia-k80',
        cards: 100,
        priceFenPerCardHour: 300,
        memoryGb: 12,
        minLeaseHours: 1,
      }),
    );
    expect(k.statusCode).toBe(201);
    k80Offer = k.json().id;
    const audit = await t.platform.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.objectId, v100Offer), eq(auditEvent.action, 'compute.offer.publish')));
    expect(audit).toHaveLength(1);
  });

  it('never offers more cards than the registry and the latest report say are free', async () => {
    // 32 V100 free, 16 already offered: 17 more is one too many, 16 fits.
    const over = await as(opA, 'POST', '/api/v1/compute/market/offers', offerBody(centreA, { cards: 17 }));
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('cards_not_free');
    expect(over.json().errors[0]).toEqual({ path: 'cards', message: 'at most 16' });
    // K80: 100 free, 100 offered.
    const k = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, { modelId: 'nvidia-k80', cards: 1 }),
    );
    expect(k.json().code).toBe('cards_not_free');
    // A model the centre does not hold, a CPU server, and a centre without an approved report.
    const h = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, { modelId: 'nvidia-h800-sxm' }),
    );
    expect([h.statusCode, h.json().code]).toEqual([400, 'not_accelerator']);
    const cpu = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, { modelId: 'intel-xeon-8380-2s' }),
    );
    expect(cpu.json().code).toBe('not_accelerator');
    const noRep = await as(opB, 'POST', '/api/v1/compute/market/offers', offerBody(centreB));
    expect([noRep.statusCode, noRep.json().code]).toEqual([409, 'no_usage_report']);
    // Growing the existing offer past what is free is refused too; the count stays.
    const grow = await as(opA, 'PUT', `/api/v1/compute/market/offers/${v100Offer}`, offerBody(centreA, { cards: 33 }));
    expect(grow.json().code).toBe('cards_not_free');
    expect((await as(opA, 'GET', `/api/v1/compute/market/offers/${v100Offer}`)).json().cards).toBe(16);
  });

  it('refuses bad offer input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ priceFenPerCardHour: 12.5 }, 'body.priceFenPerCardHour'],
      [{ billing: 'weekly' }, 'body.billing'],
      [{ availableUntil: '2024-06-01T00:00:00+08:00' }, 'body.availableUntil'],
      [{ cards: 0 }, 'body.cards'],
    ];
    for (const [over, path] of cases) {
      const r = await as(opA, 'POST', '/api/v1/compute/market/offers', offerBody(centreA, over));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json().errors[0].path).toBe(path);
    }
  });

  it('lets enterprises and bureau staff search and filter offers', async () => {
    await expectAuthMatrix(t, { method: 'GET', url: '/api/v1/compute/market/offers', allowed: buyer });
    const all = (await as(buyer, 'GET', '/api/v1/compute/market/offers')).json();
    expect(all.items.map((o: { modelId: string }) => o.modelId)).toEqual(['nvidia-k80', 'nvidia-v100-sxm2']);
    const v = (await as(jinan, 'GET', '/api/v1/compute/market/offers?modelId=nvidia-v100-sxm2&minCards=10')).json();
    expect(v.total).toBe(1);
    expect((await as(buyer, 'GET', '/api/v1/compute/market/offers?maxPriceFen=1000')).json().total).toBe(1);
    expect((await as(buyer, 'GET', '/api/v1/compute/market/offers?cityCode=370200')).json().total).toBe(0);
    expect((await as(buyer, 'GET', '/api/v1/compute/market/offers?minCards=abc')).statusCode).toBe(400);
  });

  it('ranks offers by effective cost for a workload, from the throughput table', async () => {
    const w = { family: 'ResNet-50 (batch size 64)', cards: 1, steps: 100_000 };
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/market/rank',
      payload: w,
      allowed: buyer,
    });
    const items = r.json().items as { offer: { id: string }; costFen: number; hours: number; stepsPerSecond: number }[];
    // Hand-computed: hours = steps ÷ (steps/s × 3600); cost = hours × price (at least the minimum lease).
    const hV = 100_000 / rn50.v100 / 3600;
    const hK = 100_000 / rn50.k80 / 3600;
    const costV = Math.round(Math.max(hV, 4) * 1500);
    const costK = Math.round(Math.max(hK, 1) * 300);
    expect(items.map((i) => i.offer.id)).toEqual(costV < costK ? [v100Offer, k80Offer] : [k80Offer, v100Offer]);
    const v = items.find((i) => i.offer.id === v100Offer)!;
    expect(v.costFen).toBe(costV);
    expect(v.stepsPerSecond).toBeCloseTo(rn50.v100, 9);
    // A deadline only the V100 meets puts it first whatever the price.
    const tight = (
      await as(buyer, 'POST', '/api/v1/compute/market/rank', { ...w, deadlineHours: (hV + hK) / 2 })
    ).json();
    expect(tight.items[0].offer.id).toBe(v100Offer);
    expect(tight.items[1].meetsDeadline).toBe(false);
    expect(tight.unrated).toEqual([]);
    const unknown = await as(buyer, 'POST', '/api/v1/compute/market/rank', { ...w, family: 'GPT-9' });
    expect([unknown.statusCode, unknown.json().errors[0].path]).toEqual([400, 'family']);
    const tooMany = (await as(buyer, 'POST', '/api/v1/compute/market/rank', { ...w, cards: 101 })).json();
    expect(tooMany.items).toEqual([]);
  });

  it('schedules jobs on the offers on sale, at their prices and the table’s throughputs (hand-solved)', async () => {
    const url = '/api/v1/compute/scheduling/plan';
    // Min cost: one 1-card ResNet-50 job of 10 V100-hours, due in 20 hours. Per step a V100 costs 1500 ÷ 4.39 fen,
    // a K80 300 ÷ 0.62: the V100 is cheaper, so the job gets half of one V100's time — 750 fen an hour for 20 hours,
    // the price of its 10 hours on a V100.
    const steps = Math.round(rn50.v100 * 3600 * 10);
    const job = { id: 'a', family: 'ResNet-50 (batch size 64)', cards: 1, steps, deadlineHours: 20 };
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url,
      payload: { policy: 'min_cost', jobs: [job] },
      allowed: province,
      wrongRole: buyer,
    });
    const plan = r.json();
    expect(plan.offersOnSale).toBe(2);
    expect(plan.workerTypes.map((w: { offerId: string }) => w.offerId)).toEqual([k80Offer, v100Offer]);
    const a = plan.jobs[0];
    expect(a.placements).toHaveLength(1);
    expect(a.placements[0].workerType).toBe(v100Offer);
    expect(a.placements[0].share).toBeCloseTo(0.5, 6);
    expect(a.hours).toBeCloseTo(20, 4);
    expect(a.costFenPerHour).toBeCloseTo(750, 2);
    expect(a.costFen).toBe(15_000);
    expect(a.meetsDeadline).toBe(true);
    expect(plan.simulated).toBe(false);
    // Max-min fairness, one job: it runs on a whole V100; Gavel's objective is its throughput over the equal share
    // of the cluster (16 V100 and 100 K80 free).
    const fair = (await as(province, 'POST', url, { policy: 'max_min_fairness', jobs: [job] })).json();
    expect(fair.jobs[0].placements).toEqual([{ workerType: v100Offer, share: expect.closeTo(1, 6) }]);
    expect(fair.objective).toBeCloseTo((rn50.v100 * 116) / (16 * rn50.v100 + 100 * rn50.k80), 5);
    // Bad input names the field; a deadline nothing meets and a city without offers are 422 by their codes.
    const noDeadline = await as(province, 'POST', url, {
      policy: 'min_cost',
      jobs: [{ ...job, deadlineHours: undefined }],
    });
    expect([noDeadline.statusCode, noDeadline.json().errors[0].path]).toEqual([400, 'body.jobs.0.deadlineHours']);
    const unknown = await as(province, 'POST', url, { policy: 'min_cost', jobs: [{ ...job, family: 'GPT-9' }] });
    expect([unknown.statusCode, unknown.json().errors[0].path]).toEqual([400, 'jobs.0.family']);
    const late = await as(province, 'POST', url, { policy: 'min_cost', jobs: [{ ...job, deadlineHours: 1 }] });
    expect([late.statusCode, late.json().code]).toEqual([422, 'allocation_infeasible']);
    const none = await as(province, 'POST', url, { policy: 'min_cost', jobs: [job], cityCode: '370200' });
    expect([none.statusCode, none.json().code]).toEqual([422, 'no_offers_on_sale']);
  });

  it('lets the province maintain the throughput table', async () => {
    const row = {
      family: 'ResNet-50 (batch size 64)',
      scale: 1,
      modelId: 'huawei-ascend-910',
      stepsPerSecond: 5.1,
      source: '测试实测',
    };
    await expectAuthMatrix(t, {
      method: 'PUT',
      url: '/api/v1/compute/market/throughputs',
      payload: row,
      allowed: province,
      wrongRole: jinan,
      okStatus: 204,
    });
    const bad = await as(province, 'PUT', '/api/v1/compute/market/throughputs', {
      ...row,
      modelId: 'intel-xeon-8380-2s',
    });
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'modelId']);
    const got = (
      await as(buyer, 'GET', '/api/v1/compute/market/throughputs?family=ResNet-50%20(batch%20size%2064)')
    ).json();
    expect(
      got.items
        .filter((x: { scale: number }) => x.scale === 1)
        .map((x: { modelId: string }) => x.modelId)
        .sort(),
    ).toEqual(['huawei-ascend-910', 'nvidia-k80', 'nvidia-p100-sxm2', 'nvidia-v100-sxm2']);
  });

  it('takes an order through request, confirmation, lease, metering, bill and payment', async () => {
    const body = { offerId: v100Offer, cards: 8, hours: 24, startAt: '2024-07-02T00:00:00+08:00' };
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/market/orders',
      payload: body,
      allowed: buyer,
      wrongRole: opA,
      okStatus: 201,
    });
    orderId = r.json().id;
    expect(r.json()).toMatchObject({ status: 'requested', estimateFen: 8 * 24 * 1500, voucherEligible: true });
    // The offer has 8 cards left; 9 more is refused, as are too short a lease and a start outside the window.
    const more = await as(buyer2, 'POST', '/api/v1/compute/market/orders', { ...body, cards: 9 });
    expect([more.statusCode, more.json().code]).toEqual([409, 'cards_exceed_offer']);
    const short = await as(buyer2, 'POST', '/api/v1/compute/market/orders', { ...body, cards: 1, hours: 2 });
    expect([short.statusCode, short.json().code]).toEqual([400, 'below_min_lease']);
    const late = await as(buyer2, 'POST', '/api/v1/compute/market/orders', {
      ...body,
      cards: 1,
      startAt: '2025-02-01T00:00:00+08:00',
    });
    expect(late.json().code).toBe('offer_unavailable');

    // Each side sees only its own: the other buyer and the other centre learn nothing of it.
    const url = `/api/v1/compute/market/orders/${orderId}`;
    await expectAuthMatrix(t, { method: 'GET', url, allowed: opA, wrongRegion: opB, wrongRegionStatus: 404 });
    expect((await as(buyer2, 'GET', url)).statusCode).toBe(404);
    expect((await as(buyer2, 'GET', '/api/v1/compute/market/orders')).json().total).toBe(0);
    expect((await as(opB, 'GET', '/api/v1/compute/market/orders')).json().total).toBe(0);
    expect((await as(province, 'GET', '/api/v1/compute/market/orders')).json().total).toBe(1);

    // The buyer cannot confirm its own order; the other centre cannot either.
    expect((await as(buyer, 'POST', `${url}/actions`, { action: 'confirm' })).statusCode).toBe(403);
    expect((await as(opB, 'POST', `${url}/actions`, { action: 'confirm' })).statusCode).toBe(404);
    const conf = await as(opA, 'POST', `${url}/actions`, { action: 'confirm' });
    expect(conf.json().status).toBe('confirmed');
    expect((await as(opA, 'POST', `${url}/actions`, { action: 'bill' })).json().code).toBe('bad_transition');
    expect((await as(opA, 'POST', `${url}/actions`, { action: 'start' })).json().status).toBe('active');
    // A started lease cannot be cancelled.
    expect((await as(buyer, 'POST', `${url}/actions`, { action: 'cancel' })).json().code).toBe('bad_transition');

    const usage = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/usage`,
      payload: { from: '2024-07-02T00:00:00+08:00', to: '2024-07-02T10:00:00+08:00', cardHours: 75.5 },
      allowed: opA,
      wrongRole: buyer,
      wrongRegion: opB,
      wrongRegionStatus: 404,
      okStatus: 201,
    });
    expect(usage.json().meteredCardHours).toBe(75.5);
    const overlap = await as(opA, 'POST', `${url}/usage`, {
      from: '2024-07-02T09:00:00+08:00',
      to: '2024-07-02T12:00:00+08:00',
      cardHours: 1,
    });
    expect([overlap.statusCode, overlap.json().errors[0].path]).toEqual([400, 'from']);
    const tooMuch = await as(opA, 'POST', `${url}/usage`, {
      from: '2024-07-02T10:00:00+08:00',
      to: '2024-07-02T12:00:00+08:00',
      cardHours: 17,
    });
    expect(tooMuch.json().errors[0].path).toBe('cardHours');
    await as(opA, 'POST', `${url}/usage`, {
      from: '2024-07-02T10:00:00+08:00',
      to: '2024-07-03T00:00:00+08:00',
      cardHours: 100,
    });

    const bill = await as(opA, 'POST', `${url}/actions`, { action: 'bill' });
    expect(bill.json()).toMatchObject({
      status: 'billed',
      billedFen: Math.round(175.5 * 1500),
      meteredCardHours: 175.5,
    });
    const badPay = await as(buyer, 'POST', `${url}/actions`, { action: 'pay', paymentReference: 'x' });
    expect([badPay.statusCode, badPay.json().errors[0].path]).toEqual([400, 'body.paymentReference']);
    const paid = await as(buyer, 'POST', `${url}/actions`, { action: 'pay', paymentReference: 'BANK-20240703-001' });
    expect(paid.json()).toMatchObject({ status: 'paid', paymentReference: 'BANK-20240703-001' });
    expect(paid.json().events.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'confirmed',
      'active',
      'billed',
      'paid',
    ]);
    const trail = await t.platform.db.select().from(auditEvent).where(eq(auditEvent.objectId, orderId));
    expect(trail.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'compute.order.request',
        'compute.order.confirm',
        'compute.order.usage',
        'compute.order.pay',
      ]),
    );
  });

  it('bills at least the minimum lease and frees cards of a cancelled order', async () => {
    // The paid lease has ended and holds nothing: all 16 cards are back on the offer.
    const o = await as(buyer2, 'POST', '/api/v1/compute/market/orders', {
      offerId: v100Offer,
      cards: 16,
      hours: 8,
      startAt: '2024-07-05T00:00:00+08:00',
    });
    expect(o.statusCode).toBe(201);
    const id = o.json().id;
    const full = await as(buyer, 'POST', '/api/v1/compute/market/orders', {
      offerId: v100Offer,
      cards: 1,
      hours: 8,
      startAt: '2024-07-05T00:00:00+08:00',
    });
    expect(full.json().code).toBe('cards_exceed_offer');
    expect((await as(buyer, 'PUT', `/api/v1/compute/market/offers/${v100Offer}`, offerBody(centreA))).statusCode).toBe(
      403,
    );
    const shrink = await as(
      opA,
      'PUT',
      `/api/v1/compute/market/offers/${v100Offer}`,
      offerBody(centreA, { cards: 15 }),
    );
    expect([shrink.statusCode, shrink.json().errors[0].path]).toEqual([409, 'cards']);
    expect(
      (await as(buyer2, 'POST', `/api/v1/compute/market/orders/${id}/actions`, { action: 'cancel' })).json().status,
    ).toBe('cancelled');
    const again = await as(buyer, 'POST', '/api/v1/compute/market/orders', {
      offerId: v100Offer,
      cards: 2,
      hours: 8,
      startAt: '2024-07-05T00:00:00+08:00',
    });
    expect(again.statusCode).toBe(201);
    const url = `/api/v1/compute/market/orders/${again.json().id}/actions`;
    await as(opA, 'POST', url, { action: 'confirm' });
    await as(opA, 'POST', url, { action: 'start' });
    // Nothing metered: the bill is the minimum lease, 2 cards × 4 h.
    expect((await as(opA, 'POST', url, { action: 'bill' })).json().billedFen).toBe(2 * 4 * 1500);
  });

  it('holds cards per time slice: staggered leases share an offer, overlapping ones do not', async () => {
    // 20 Ascend 910 are free at centre A; an offer of 10.
    const o = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, {
        modelId: 'huawei-ascend-910',
        cards: 10,
        memoryGb: 32,
      }),
    );
    expect(o.statusCode, o.body).toBe(201);
    const offerId = o.json().id;
    const place = (u: TestUser, cards: number, startAt: string, hours = 8) =>
      as(u, 'POST', '/api/v1/compute/market/orders', { offerId, cards, hours, startAt });
    // Two full leases back to back: the second starts as the first ends.
    const a = await place(buyer, 10, '2024-07-10T00:00:00+08:00');
    const b = await place(buyer2, 10, '2024-07-10T08:00:00+08:00');
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    // Anything inside either slice finds no card left; the day after is free.
    const inside = await place(buyer2, 1, '2024-07-10T04:00:00+08:00');
    expect([inside.statusCode, inside.json().code, inside.json().errors[0].message]).toEqual([
      409,
      'cards_exceed_offer',
      'at most 0',
    ]);
    const across = await place(buyer2, 1, '2024-07-10T06:00:00+08:00', 4);
    expect(across.json().code).toBe('cards_exceed_offer');
    expect((await place(buyer2, 10, '2024-07-11T00:00:00+08:00')).statusCode).toBe(201);
    // The offer cannot shrink below its busiest moment (10).
    const shrink = await as(
      opA,
      'PUT',
      `/api/v1/compute/market/offers/${offerId}`,
      offerBody(centreA, {
        modelId: 'huawei-ascend-910',
        cards: 9,
        memoryGb: 32,
      }),
    );
    expect([shrink.statusCode, shrink.json().errors[0].message]).toEqual([409, 'at least 10']);
    // A cancelled lease frees its slice.
    await as(buyer, 'POST', `/api/v1/compute/market/orders/${a.json().id}/actions`, { action: 'cancel' });
    expect((await place(buyer2, 6, '2024-07-10T02:00:00+08:00', 4)).statusCode).toBe(201);
  });

  it('never oversells an offer under parallel orders, per time slice', async () => {
    const o = await as(
      opA,
      'POST',
      '/api/v1/compute/market/offers',
      offerBody(centreA, {
        modelId: 'huawei-ascend-910',
        cards: 10,
        memoryGb: 32,
        note: 'parallel',
      }),
    );
    expect(o.statusCode, o.body).toBe(201);
    const offerId = o.json().id;
    const place = (u: TestUser, cards: number, startAt: string) =>
      as(u, 'POST', '/api/v1/compute/market/orders', { offerId, cards, hours: 8, startAt });
    // Six orders of 3 cards for the same slice at once: three fit (9 of 10), three are refused.
    const same = await Promise.all(
      Array.from({ length: 6 }, (_, i) => place(i % 2 ? buyer : buyer2, 3, '2024-08-01T00:00:00+08:00')),
    );
    expect(same.map((r) => (r.statusCode === 201 ? 'ok' : r.json().code)).sort()).toEqual([
      'cards_exceed_offer',
      'cards_exceed_offer',
      'cards_exceed_offer',
      'ok',
      'ok',
      'ok',
    ]);
    // Four orders of all 10 cards on four disjoint slices at once: every one fits.
    const staggered = await Promise.all(
      [2, 3, 4, 5].map((d, i) => place(i % 2 ? buyer : buyer2, 10, `2024-08-0${d}T00:00:00+08:00`)),
    );
    expect(staggered.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const held = await t.platform.db
      .select()
      .from(marketOrder)
      .where(and(eq(marketOrder.offerId, offerId), eq(marketOrder.status, 'requested')));
    expect(
      held.filter((r) => r.startAt.toISOString() === '2024-07-31T16:00:00.000Z').reduce((n, r) => n + r.cards, 0),
    ).toBe(9);
  });

  it("meters card-hours from the centre's remote-write metrics, never typed", async () => {
    const placed = await as(buyer, 'POST', '/api/v1/compute/market/orders', {
      offerId: v100Offer,
      cards: 4,
      hours: 4,
      startAt: '2024-07-01T00:00:00+08:00',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    const url = `/api/v1/compute/market/orders/${order.id}`;
    await as(opA, 'POST', `${url}/actions`, { action: 'confirm' });
    await as(opA, 'POST', `${url}/actions`, { action: 'start' });
    // A typed figure cannot claim to come from metrics.
    const typed = await as(opA, 'POST', `${url}/usage`, {
      from: '2024-07-01T00:00:00+08:00',
      to: '2024-07-01T01:00:00+08:00',
      cardHours: 4,
      source: 'metrics',
    });
    expect([typed.statusCode, typed.json().errors[0].path]).toEqual([400, 'body.source']);

    // The centre's Prometheus sends DCGM utilisation per GPU, the leased GPUs labelled with the order's number,
    // every 15 s: GPUs 0–2 for the first two hours, GPU 3 for the first 30 minutes, and a fifth GPU wrongly labelled
    // with the order for 10 minutes (never more than the 4 leased cards count). Another lease's GPU is not counted.
    const token = (await as(opA, 'POST', `/api/v1/compute/data-centres/${centreA}/token`)).json().token;
    const t0 = Date.parse('2024-07-01T00:00:00+08:00');
    const gpu = (i: number, minutes: number, order: string): RwSeries => ({
      labels: { __name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: String(i), UUID: `GPU-m${i}`, Hostname: 'n1', zc_order: order },
      samples: Array.from({ length: minutes * 4 }, (_, k) => ({ value: 50 + (k % 40), timestamp: t0 + k * 15_000 })),
    });
    const series = [
      gpu(0, 120, order.number),
      gpu(1, 120, order.number),
      gpu(2, 120, order.number),
      gpu(3, 30, order.number),
      gpu(4, 10, order.number),
      gpu(5, 120, 'SC-SOMEONE-ELSE'),
    ];
    // Sent in two requests (as Prometheus batches), the first hour then the second.
    for (const half of [0, 1]) {
      const part = series.map((s) => ({
        ...s,
        samples: s.samples.filter((x) => Math.floor((x.timestamp - t0) / 3_600_000) === half),
      }));
      const rw = await t.app.inject({
        method: 'POST',
        url: '/api/v1/compute/remote-write',
        payload: encodeWriteRequest(part.filter((p) => p.samples.length)),
        headers: {
          'content-type': 'application/x-protobuf',
          'content-encoding': 'snappy',
          'x-prometheus-remote-write-version': '0.1.0',
          authorization: `Bearer ${token}`,
        },
      });
      expect(rw.statusCode, rw.body).toBe(200);
    }

    // Metering runs in whole minutes (the aggregates' buckets).
    const early = await as(opA, 'POST', `${url}/usage/metered`, {
      from: '2024-07-01T00:00:00+08:00',
      to: '2024-07-01T00:00:30+08:00',
    });
    expect([early.statusCode, early.json().errors[0].path]).toEqual([400, 'body.to']);
    const m = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/usage/metered`,
      payload: { from: '2024-07-01T00:00:00+08:00', to: '2024-07-01T01:00:00+08:00' },
      allowed: opA,
      wrongRole: buyer,
      wrongRegion: opB,
      wrongRegionStatus: 404,
      okStatus: 201,
    });
    // First hour: 30 min × 4 cards (5 labelled, capped at 4) + 30 min × 3 cards = 210 card-minutes = 3.5 card-hours.
    expect(m.json().meteredCardHours).toBe(3.5);
    // The rest, by default from the last record to the lease's end (the clock, 08:00, is past it): 60 min × 3.
    const rest = await as(opA, 'POST', `${url}/usage/metered`, {});
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().meteredCardHours).toBe(6.5);
    // Everything is metered: no interval left, and the same hour cannot be metered twice.
    const none = await as(opA, 'POST', `${url}/usage/metered`, {});
    expect([none.statusCode, none.json().errors[0].path]).toEqual([400, 'to']);
    const twice = await as(opA, 'POST', `${url}/usage/metered`, {
      from: '2024-07-01T00:00:00+08:00',
      to: '2024-07-01T01:00:00+08:00',
    });
    expect([twice.statusCode, twice.json().errors[0].path]).toEqual([400, 'from']);
    const usage = (await as(buyer, 'GET', `${url}/usage`)).json();
    expect(usage).toEqual([
      { from: '2024-06-30T16:00:00.000Z', to: '2024-06-30T17:00:00.000Z', cardHours: 3.5, source: 'metrics' },
      { from: '2024-06-30T17:00:00.000Z', to: '2024-06-30T20:00:00.000Z', cardHours: 3, source: 'metrics' },
    ]);
    // A lease nobody labelled: 422, naming the label the centre must add.
    const other = await as(buyer2, 'POST', '/api/v1/compute/market/orders', {
      offerId: v100Offer,
      cards: 1,
      hours: 4,
      startAt: '2024-07-01T00:00:00+08:00',
    });
    const ou = `/api/v1/compute/market/orders/${other.json().id}`;
    await as(opA, 'POST', `${ou}/actions`, { action: 'confirm' });
    await as(opA, 'POST', `${ou}/actions`, { action: 'start' });
    const unlabelled = await as(opA, 'POST', `${ou}/usage/metered`, {
      from: '2024-07-01T00:00:00+08:00',
      to: '2024-07-01T04:00:00+08:00',
    });
    expect([unlabelled.statusCode, unlabelled.json().code]).toEqual([422, 'no_metered_usage']);
    expect(unlabelled.json().errors[0].message).toContain('zc_order');
  });
});
