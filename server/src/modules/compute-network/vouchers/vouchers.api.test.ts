import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/audit.tables.ts';
import { marketOrder } from '../market/market.tables.ts';
import { partyProfile } from './vouchers.tables.ts';

/** The signed contract every test claim is made with, and its SHA-256 as the client computes it. */
const CONTRACT = Buffer.from('%PDF-1.4\n% signed compute contract (test)\n%%EOF\n', 'latin1');
const SHA = crypto.createHash('sha256').update(CONTRACT).digest('hex');

function multipart(file: { name: string; data: Buffer; type: string }) {
  const boundary = '----zc' + crypto.randomBytes(8).toString('hex');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const centreBody = (orgId: string) => ({
  name: '券测试中心',
  operatorOrganisationId: orgId,
  address: '测试路 1 号',
  lng: 117.1,
  lat: 36.6,
  countyCode: '370102',
  zoneId: null,
  status: 'operating',
  designRacks: 1000,
  powerCapacityKw: 3000,
  designPue: 1.25,
  storagePb: 5,
  inventory: [{ kind: 'intelligent', modelId: 'nvidia-v100-sxm2', count: 200 }],
});

describeDb('compute vouchers api', (kind) => {
  let t: TestApp;
  let operator: TestUser;
  let approver: TestUser;
  let finance: TestUser;
  let auditor: TestUser;
  let supplier: TestUser;
  let buyer: TestUser;
  let buyer2: TestUser;
  let buyer3: TestUser;
  let offerId: string;
  let paidOrder: string;
  let claimA: string;
  let n = 0;

  const as = (u: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: u ? { cookie: u.cookie } : {} });
  /** Uploads the signed contract of a claim (multipart, as the page sends it). */
  const upload = (u: TestUser, id: string, data = CONTRACT, name = 'contract.pdf', type = 'application/pdf') => {
    const m = multipart({ name, data, type });
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/compute/vouchers/claims/${id}/contract`,
      payload: m.payload,
      headers: { ...m.headers, cookie: u.cookie },
    });
  };

  /** A confirmed order of `cards` V100 for 24 h (estimate cards × 24 × 1,500 fen). */
  async function order(u: TestUser, cards: number): Promise<string> {
    const o = await as(u, 'POST', '/api/v1/compute/market/orders', {
      offerId,
      cards,
      hours: 24,
      startAt: '2024-07-02T00:00:00+08:00',
    });
    expect(o.statusCode, o.body).toBe(201);
    await as(supplier, 'POST', `/api/v1/compute/market/orders/${o.json().id}/actions`, { action: 'confirm' });
    return o.json().id;
  }
  const claim = (orderId: string, amount: number, over: Record<string, unknown> = {}) => ({
    orderId,
    contractNumber: `HT-2024-${++n}`,
    contractAmountFen: amount,
    contractSignedOn: '2024-07-01',
    contractSha256: SHA,
    ...over,
  });
  const profile = (code: string, rep: string, shareholders: string[] = []) => ({
    creditCode: code,
    legalRepresentative: rep,
    shareholders,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const province = await t.user('province_operator', '370000');
    operator = await t.user('province_operator', '370000');
    approver = await t.user('province_approver', '370000');
    finance = await t.user('finance_officer', '370000');
    // The third party: an accounting firm's staff, outside the bureau.
    auditor = await t.user('voucher_auditor', '370000', { orgKind: 'expert_unit' });
    supplier = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    buyer = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    buyer2 = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    buyer3 = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    const c = (
      await as(province, 'POST', '/api/v1/compute/data-centres', centreBody(supplier.actor.organisationId))
    ).json().id;
    const rep = await as(supplier, 'POST', `/api/v1/compute/data-centres/${c}/reports`, {
      period: '2024-06',
      racksInUse: 500,
      utilisationPct: 50,
      energyMwh: 1000,
      measuredPue: 1.3,
      computeInUsePflops: 10,
      storageUsedPb: 2,
    });
    await as(approver, 'POST', `/api/v1/compute/reports/${rep.json().id}/decision`, { decision: 'approve' });
    const offer = await as(supplier, 'POST', '/api/v1/compute/market/offers', {
      dataCentreId: c,
      modelId: 'nvidia-v100-sxm2',
      cards: 100,
      memoryGb: 32,
      interconnect: 'NVLink',
      priceFenPerCardHour: 1500,
      billing: 'on_demand',
      availableFrom: '2024-07-01T00:00:00+08:00',
      availableUntil: '2024-12-31T00:00:00+08:00',
      minLeaseHours: 4,
    });
    offerId = offer.json().id;
    // The order the main journey redeems: 8 cards × 24 h, metered 175.5 card-hours, billed and paid.
    paidOrder = await order(buyer, 8);
    const u = `/api/v1/compute/market/orders/${paidOrder}`;
    await as(supplier, 'POST', `${u}/actions`, { action: 'start' });
    await as(supplier, 'POST', `${u}/usage`, {
      from: '2024-07-02T00:00:00+08:00',
      to: '2024-07-03T00:00:00+08:00',
      cardHours: 175.5,
    });
    await as(supplier, 'POST', `${u}/actions`, { action: 'bill' });
    await as(buyer, 'POST', `${u}/actions`, { action: 'pay', paymentReference: 'BANK-0001' });
  });
  afterAll(() => t.close());

  it('refuses every claim before the year has a policy, naming the rule', async () => {
    await as(buyer, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370100MA3C00001X', '张三'));
    const r = await as(buyer, 'POST', '/api/v1/compute/vouchers/check', claim(paidOrder, 288_000));
    expect(r.statusCode).toBe(200);
    expect(r.json().eligible).toBe(false);
    expect(r.json().checks.find((c: { rule: string }) => c.rule === 'policy_open').ok).toBe(false);
  });

  it('lets the province configure the policy; the ledger starts full', async () => {
    const body = {
      year: 2024,
      name: '2024 年山东省算力券(测试)',
      poolFen: 40_000,
      ratioBasisPoints: 500,
      perEnterpriseCapFen: 20_000,
    };
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/vouchers/policies',
      payload: body,
      allowed: operator,
      wrongRole: approver,
      okStatus: 201,
    });
    expect(r.json().ledger).toEqual({
      poolFen: 40_000,
      committedFen: 0,
      redeemedFen: 0,
      paidFen: 0,
      remainingFen: 40_000,
    });
    const again = await as(operator, 'POST', '/api/v1/compute/vouchers/policies', body);
    expect([again.statusCode, again.json().code]).toEqual([409, 'policy_exists']);
    const bad = await as(operator, 'POST', '/api/v1/compute/vouchers/policies', { ...body, poolFen: 1.5 });
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'body.poolFen']);
  });

  it('keeps profiles per organisation, the legal representative sealed and masked', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'PUT',
      url: '/api/v1/compute/vouchers/profile',
      payload: profile('91370200MA3C00002Y', '李四', ['王五']),
      allowed: supplier,
      wrongRole: operator,
    });
    expect(r.json()).toMatchObject({ legalRepresentative: '李*', shareholderCount: 1 });
    const [row] = await t.platform.db
      .select()
      .from(partyProfile)
      .where(eq(partyProfile.organisationId, supplier.actor.organisationId));
    expect(JSON.stringify(row)).not.toContain('李四');
    const bad = await as(buyer2, 'PUT', '/api/v1/compute/vouchers/profile', profile('123', '赵六'));
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'body.creditCode']);
  });

  it('refuses each anti-fraud rule by name', async () => {
    const refused = async (u: TestUser, body: unknown, rule: string) => {
      const r = await as(u, 'POST', '/api/v1/compute/vouchers/claims', body);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().code).toBe('voucher_ineligible');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(rule);
    };
    // No profile yet: the applicant must register first.
    const noProfile = await as(buyer2, 'POST', '/api/v1/compute/vouchers/claims', claim(paidOrder, 1000));
    expect([noProfile.statusCode, noProfile.json().code]).toEqual([409, 'profile_missing']);
    await as(buyer2, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370300MA3C00003Q', '孙七'));
    await as(buyer3, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370400MA3C00004R', '周八'));
    // Someone else's order.
    await refused(buyer2, claim(paidOrder, 288_000), 'applicant_is_buyer');
    // More than the order is worth; an order not yet confirmed.
    await refused(buyer, claim(paidOrder, 288_001), 'order_matches');
    const unconfirmed = await as(buyer, 'POST', '/api/v1/compute/market/orders', {
      offerId,
      cards: 1,
      hours: 4,
      startAt: '2024-07-02T00:00:00+08:00',
    });
    await refused(buyer, claim(unconfirmed.json().id, 6000), 'order_matches');
    // Affiliated: the same legal representative, then a shareholder in common (names compared without spaces).
    await as(supplier, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370200MA3C00002Y', '张 三'));
    await refused(buyer, claim(paidOrder, 288_000), 'not_affiliated');
    await as(buyer, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370100MA3C00001X', '张三', ['王五']));
    await as(supplier, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370200MA3C00002Y', '李四', ['王五']));
    await refused(buyer, claim(paidOrder, 288_000), 'not_affiliated');
    await as(
      buyer,
      'PUT',
      '/api/v1/compute/vouchers/profile',
      profile('91370100MA3C00001X', '张三', ['91370100MA3C00001X']),
    );
    // The same credit code on both sides.
    await as(supplier, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370100MA3C00001X', '李四'));
    await refused(buyer, claim(paidOrder, 288_000), 'not_affiliated');
    await as(supplier, 'PUT', '/api/v1/compute/vouchers/profile', profile('91370200MA3C00002Y', '李四', ['王五']));
    // Compute outside the province (or not AI compute).
    const outside = await order(buyer3, 2);
    await t.database.db.update(marketOrder).set({ voucherEligible: false }).where(eq(marketOrder.id, outside));
    await refused(buyer3, claim(outside, 72_000), 'in_province_ai');
    // Nothing was written by any refusal.
    const list = await as(operator, 'GET', '/api/v1/compute/vouchers/claims');
    expect(list.json().total).toBe(0);
  });

  it('takes a claim from application to settlement, each side seeing only its part', async () => {
    const body = claim(paidOrder, 288_000, { contractNumber: 'HT-MAIN-1' });
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/vouchers/claims',
      payload: body,
      allowed: buyer,
      wrongRole: supplier,
      okStatus: 201,
    });
    claimA = r.json().id;
    expect(r.json()).toMatchObject({ status: 'submitted', voucherFen: 14_400, flagged: false });
    // One claim per contract, and no second subsidy of the same order.
    const sameContract = await as(buyer, 'POST', '/api/v1/compute/vouchers/claims', {
      ...body,
      orderId: await order(buyer, 1),
    });
    expect(sameContract.json().errors.map((e: { path: string }) => e.path)).toContain('one_claim_per_contract');
    const sameOrder = await as(buyer, 'POST', '/api/v1/compute/vouchers/claims', claim(paidOrder, 100_000));
    expect(sameOrder.json().errors.map((e: { path: string }) => e.path)).toContain('no_double_subsidy');

    const url = `/api/v1/compute/vouchers/claims/${claimA}`;
    // No voucher on a fingerprint alone: the signed contract must be in first, and must hash to the claimed SHA-256.
    const early = await as(approver, 'POST', `${url}/decision`, { decision: 'approve' });
    expect([early.statusCode, early.json().code]).toEqual([409, 'contract_missing']);
    const other = await upload(buyer, claimA, Buffer.from('%PDF-1.4\n% another contract\n', 'latin1'));
    expect([other.statusCode, other.json().code, other.json().errors[0].path]).toEqual([
      422,
      'contract_mismatch',
      'file',
    ]);
    const notPdf = await upload(buyer, claimA, Buffer.from('just text, named .pdf'));
    expect([notPdf.statusCode, notPdf.json().errors[0].path]).toEqual([415, 'file']);
    expect((await upload(buyer2, claimA)).statusCode).toBe(404);
    const m = multipart({ name: 'contract.pdf', data: CONTRACT, type: 'application/pdf' });
    const up = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/contract`,
      payload: m.payload,
      headers: m.headers,
      allowed: buyer,
      wrongRole: operator,
      okStatus: 201,
    });
    expect(up.json().contractFile).toMatchObject({ filename: 'contract.pdf', type: 'pdf', size: CONTRACT.length });
    const dl = await as(approver, 'GET', `${url}/contract`);
    expect([dl.statusCode, dl.headers['content-type'], dl.rawPayload.equals(CONTRACT)]).toEqual([
      200,
      'application/pdf',
      true,
    ]);
    expect((await as(buyer2, 'GET', `${url}/contract`)).statusCode).toBe(404);
    expect((await as(buyer2, 'GET', url)).statusCode).toBe(404);
    expect((await as(finance, 'GET', url)).statusCode).toBe(404);
    expect((await as(finance, 'GET', '/api/v1/compute/vouchers/claims')).json().total).toBe(0);

    const approved = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/decision`,
      payload: { decision: 'approve' },
      allowed: approver,
      wrongRole: operator,
    });
    expect(approved.json().status).toBe('issued');
    const ledger = async () => (await as(operator, 'GET', '/api/v1/compute/vouchers/policies')).json()[0].ledger;
    expect(await ledger()).toMatchObject({ committedFen: 14_400, remainingFen: 25_600 });

    // Redemption is cross-checked against the order's bill, payment and metering.
    const wrong = await as(buyer, 'POST', `${url}/redemption`, {
      invoiceNumber: 'FP-001',
      invoiceAmountFen: 288_000,
      paymentReference: 'BANK-9999',
      usageCardHours: 192,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'invoiceAmountFen',
      'paymentReference',
      'usageCardHours',
    ]);
    const redeemed = await as(buyer, 'POST', `${url}/redemption`, {
      invoiceNumber: 'FP-001',
      invoiceAmountFen: 263_250,
      paymentReference: 'BANK-0001',
      usageCardHours: 175.5,
    });
    expect(redeemed.json()).toMatchObject({ status: 'redemption_submitted', redeemFen: 13_162 });

    // The third party checks first, from outside the bureau; the bureau's operator verifies after it.
    const tooSoon = await as(operator, 'POST', `${url}/verification`, { note: '材料齐全' });
    expect([tooSoon.statusCode, tooSoon.json().code]).toEqual([409, 'bad_transition']);
    const bureauAuditor = await t.user('voucher_auditor', '370000');
    const inside = await as(bureauAuditor, 'POST', `${url}/third-party-check`, { passed: true, finding: '一致' });
    expect([inside.statusCode, inside.json().code]).toEqual([403, 'not_third_party']);
    expect((await as(auditor, 'GET', url)).json().status).toBe('redemption_submitted');
    const checked = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/third-party-check`,
      payload: { passed: true, finding: '第三方核查:发票真实,计量与平台记录一致' },
      allowed: auditor,
      wrongRole: operator,
    });
    expect(checked.json()).toMatchObject({
      status: 'third_party_checked',
      thirdPartyPassed: true,
      thirdPartyBy: auditor.username,
    });
    const verified = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/verification`,
      payload: { note: '材料齐全,采信第三方核查结论' },
      allowed: operator,
      wrongRole: auditor,
    });
    expect(verified.json().status).toBe('verified');
    // Whoever verified cannot also audit (an account from before the separation rules, holding both roles).
    await t.legacyRole(operator, 'province_approver', '370000');
    const own = await as(operator, 'POST', `${url}/audit`, { decision: 'approve' });
    expect([own.statusCode, own.json().code]).toEqual([403, 'own_work']);
    const audited = await as(approver, 'POST', `${url}/audit`, { decision: 'approve' });
    expect(audited.json().status).toBe('audited');
    expect(await ledger()).toMatchObject({ committedFen: 0, redeemedFen: 13_162, paidFen: 0, remainingFen: 26_838 });

    // Finance sees it now, pays it, exports it.
    expect((await as(finance, 'GET', '/api/v1/compute/vouchers/claims')).json().total).toBe(1);
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/payment`,
      payload: { financeReference: 'CZ-2024-0001' },
      allowed: finance,
      wrongRole: approver,
    });
    expect(await ledger()).toMatchObject({ redeemedFen: 0, paidFen: 13_162, remainingFen: 26_838 });
    const xlsx = await as(finance, 'GET', '/api/v1/compute/vouchers/finance/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await as(buyer, 'GET', '/api/v1/compute/vouchers/finance/export')).statusCode).toBe(403);

    const settled = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url}/review`,
      payload: { score: 88, note: '算力使用充分,模型按期上线' },
      allowed: operator,
      wrongRole: finance,
    });
    expect(settled.json().status).toBe('settled');
    expect(settled.json().history.map((h: { status: string }) => h.status)).toEqual([
      'submitted',
      'submitted',
      'issued',
      'redemption_submitted',
      'third_party_checked',
      'verified',
      'audited',
      'paid',
      'settled',
    ]);
    const trail = await t.platform.db.select().from(auditEvent).where(eq(auditEvent.objectId, claimA));
    expect(trail.map((a) => a.action)).toEqual([
      'compute.voucher.apply',
      'compute.voucher.contract',
      'compute.voucher.approve',
      'compute.voucher.redeem',
      'compute.voucher.third-party',
      'compute.voucher.verify',
      'compute.voucher.audit-approve',
      'compute.voucher.pay',
      'compute.voucher.review',
    ]);
  });

  it('caps each enterprise across its claims and flags a split contract', async () => {
    // The buyer holds 13,162 of its 20,000 cap: 7,200 asked, 6,838 given.
    const b = await as(buyer, 'POST', '/api/v1/compute/vouchers/claims', claim(await order(buyer, 4), 144_000));
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().voucherFen).toBe(6_838);
    expect(b.json().checks.find((c: { rule: string }) => c.rule === 'enterprise_cap').detail).toContain('reduced');
    const c = await as(buyer, 'POST', '/api/v1/compute/vouchers/check', claim(await order(buyer, 4), 144_000));
    const checks = c.json().checks as { rule: string; ok: boolean; flag?: boolean }[];
    expect(checks.find((x) => x.rule === 'enterprise_cap')!.ok).toBe(false);
    // A third contract between the same parties within 90 days.
    expect(checks.find((x) => x.rule === 'split_contract')!.flag).toBe(true);
    const refused = await as(buyer, 'POST', '/api/v1/compute/vouchers/claims', claim(await order(buyer, 4), 144_000));
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['enterprise_cap']);
  });

  it('never overspends the pool under concurrent approvals', async () => {
    // 26,838 left; four vouchers of 7,200 (28,800) are approved at once: three fit, the fourth is refused.
    const ids: string[] = [];
    for (const u of [buyer2, buyer2, buyer3, buyer3]) {
      const r = await as(u, 'POST', '/api/v1/compute/vouchers/claims', claim(await order(u, 4), 144_000));
      expect(r.statusCode, r.body).toBe(201);
      ids.push(r.json().id);
      expect((await upload(u, r.json().id)).statusCode).toBe(201);
    }
    const results = await Promise.all(
      ids.map((id) => as(approver, 'POST', `/api/v1/compute/vouchers/claims/${id}/decision`, { decision: 'approve' })),
    );
    const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code)).sort();
    expect(codes).toEqual(['ok', 'ok', 'ok', 'pool_exhausted']);
    const [p] = (await as(operator, 'GET', '/api/v1/compute/vouchers/policies')).json();
    expect(p.ledger).toMatchObject({ committedFen: 21_600, paidFen: 13_162, remainingFen: 40_000 - 21_600 - 13_162 });
    expect(p.ledger.remainingFen).toBeGreaterThanOrEqual(0);
    // The refused one stays submitted, to be rejected or approved when money returns.
    const left = results.findIndex((r) => r.statusCode !== 200);
    expect((await as(approver, 'GET', `/api/v1/compute/vouchers/claims/${ids[left]}`)).json().status).toBe('submitted');
  });

  it('lets no redemption through that the third party found wrong', async () => {
    // buyer3 uses 2 cards for a day, pays 72,000 fen and claims 5% (3,600 fen, within the 5,238 left).
    const id = await order(buyer3, 2);
    const u = `/api/v1/compute/market/orders/${id}`;
    await as(supplier, 'POST', `${u}/actions`, { action: 'start' });
    await as(supplier, 'POST', `${u}/usage`, {
      from: '2024-07-02T00:00:00+08:00',
      to: '2024-07-03T00:00:00+08:00',
      cardHours: 48,
    });
    await as(supplier, 'POST', `${u}/actions`, { action: 'bill' });
    await as(buyer3, 'POST', `${u}/actions`, { action: 'pay', paymentReference: 'BANK-0003' });
    const c = await as(buyer3, 'POST', '/api/v1/compute/vouchers/claims', claim(id, 72_000));
    expect(c.statusCode, c.body).toBe(201);
    const url = `/api/v1/compute/vouchers/claims/${c.json().id}`;
    expect((await upload(buyer3, c.json().id)).statusCode).toBe(201);
    expect((await as(approver, 'POST', `${url}/decision`, { decision: 'approve' })).json().status).toBe('issued');
    const r = await as(buyer3, 'POST', `${url}/redemption`, {
      invoiceNumber: 'FP-003',
      invoiceAmountFen: 72_000,
      paymentReference: 'BANK-0003',
      usageCardHours: 48,
    });
    expect(r.json().status, r.body).toBe('redemption_submitted');
    await as(auditor, 'POST', `${url}/third-party-check`, { passed: false, finding: '发票查验不通过' });
    await as(operator, 'POST', `${url}/verification`, { note: '第三方核查未通过,提请审核' });
    const ledgerBefore = (await as(operator, 'GET', '/api/v1/compute/vouchers/policies')).json()[0].ledger;
    const approve = await as(approver, 'POST', `${url}/audit`, { decision: 'approve' });
    expect([approve.statusCode, approve.json().code]).toEqual([422, 'third_party_failed']);
    const reject = await as(approver, 'POST', `${url}/audit`, { decision: 'reject', note: '第三方核查未通过' });
    expect(reject.json().status).toBe('redemption_rejected');
    const ledger = (await as(operator, 'GET', '/api/v1/compute/vouchers/policies')).json()[0].ledger;
    expect(ledger.committedFen).toBe(ledgerBefore.committedFen - 3_600);
    expect(ledger.redeemedFen).toBe(ledgerBefore.redeemedFen);
  });
});
