import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { and, eq } from 'drizzle-orm';
import { moduleApi } from '../../app.ts';
import { auditEvent } from '../../platform/audit/audit.tables.ts';
import { writeWorkbook } from '../../platform/excel.ts';
import { REPORT_COLUMNS } from './reports/reports.routes.ts';

function multipart(file: Buffer, name = 'reports.xlsx') {
  const boundary = '----zc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const centreBody = (orgId: string, countyCode: string, zoneId: string | null, over: Record<string, unknown> = {}) => ({
  name: `测试数据中心 ${countyCode}`,
  operatorOrganisationId: orgId,
  address: '测试路 1 号',
  lng: 117.1,
  lat: 36.6,
  countyCode,
  zoneId,
  status: 'operating',
  designRacks: 1000,
  powerCapacityKw: 3000,
  designPue: 1.25,
  storagePb: 5,
  inventory: [
    { kind: 'intelligent', modelId: 'nvidia-a100-sxm', count: 1024, clusterName: '千卡集群' },
    { kind: 'intelligent', modelId: 'huawei-ascend-910', count: 100 },
    { kind: 'general', modelId: 'intel-xeon-8380-2s', count: 1000 },
  ],
  ...over,
});

const report = (period: string, over: Record<string, unknown> = {}) => ({
  period,
  racksInUse: 600,
  utilisationPct: 55,
  energyMwh: 1500,
  measuredPue: 1.28,
  computeInUsePflops: 200,
  storageUsedPb: 3,
  ...over,
});

describeDb('compute-network api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let approver: TestUser;
  let jinan: TestUser;
  let qingdao: TestUser;
  let opA: TestUser;
  let opB: TestUser;
  let enterprise: TestUser;
  let zoneId: string;
  let centreA: string;
  let centreB: string;

  const as = (
    u: TestUser | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      payload: payload as never,
      headers: { ...headers, ...(u ? { cookie: u.cookie } : {}) },
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    approver = await t.user('province_approver', '370000');
    jinan = await t.user('city_operator', '370100');
    qingdao = await t.user('city_operator', '370200');
    opA = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    opB = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    enterprise = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
  });
  afterAll(() => t.close());

  it('lists the catalogue with vendor peaks', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/models',
      allowed: opA,
      wrongRole: enterprise,
    });
    const a100 = r.json().items.find((m: { id: string }) => m.id === 'nvidia-a100-sxm');
    expect(a100).toMatchObject({ fp16: 312, fp64: 9.7, domestic: false });
  });

  it('lets the province edit the zone layout, one zone per county', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/zones',
      payload: { code: 'core-jn', name: '济南核心区', type: 'core', countyCodes: ['370102', '370103'] },
      allowed: province,
      wrongRole: jinan,
      okStatus: 201,
    });
    zoneId = r.json().id;
    const clash = await as(province, 'POST', '/api/v1/compute/zones', {
      code: 'edge-x',
      name: 'x',
      type: 'edge',
      countyCodes: ['370102'],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].path).toBe('countyCodes');
    const bad = await as(province, 'POST', '/api/v1/compute/zones', {
      code: 'edge-y',
      name: 'y',
      type: 'far',
      countyCodes: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('type');
    const notCounty = await as(province, 'POST', '/api/v1/compute/zones', {
      code: 'edge-z',
      name: 'z',
      type: 'edge',
      countyCodes: ['370100'],
    });
    expect(notCounty.statusCode).toBe(400);
    expect(notCounty.json().errors[0].path).toBe('countyCodes.0');
    const edit = await as(province, 'PUT', `/api/v1/compute/zones/${zoneId}`, {
      code: 'core-jn',
      name: '济南核心区',
      type: 'core',
      countyCodes: ['370102', '370103', '370104'],
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().countyCodes).toHaveLength(3);
  });

  it('registers data centres with computed capacity and recognises a 千卡 cluster', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/compute/data-centres',
      payload: centreBody(opA.actor.organisationId, '370102', zoneId),
      allowed: province,
      wrongRole: jinan,
      okStatus: 201,
    });
    centreA = r.json().id;
    const b = await as(
      province,
      'POST',
      '/api/v1/compute/data-centres',
      centreBody(opB.actor.organisationId, '370202', null, { name: '青岛测试中心', lng: 120.3 }),
    );
    expect(b.statusCode).toBe(201);
    centreB = b.json().id;
    const got = await as(province, 'GET', `/api/v1/compute/data-centres/${centreA}`);
    expect(got.statusCode).toBe(200);
    const c = got.json();
    expect(c.capacity.intelligentPflops).toBeCloseTo(1024 * 0.312 + 100 * 0.256, 3);
    expect(c.capacity.generalPflops).toBeCloseTo(11.78, 3);
    expect(c.capacity.clusters1k).toBe(1);
    expect(c.capacity.domesticAccelerators).toBe(100);
    expect(c).toMatchObject({
      cityCode: '370100',
      cityName: '济南市',
      zoneType: 'core',
      operatorName: expect.any(String),
    });
  });

  it('refuses bad registry input with 400 naming the field and writes nothing', async () => {
    const org = opA.actor.organisationId;
    const cases: [Record<string, unknown>, string][] = [
      [{ inventory: [{ kind: 'general', modelId: 'nvidia-t4', count: 4 }] }, 'inventory.0.modelId'],
      [{ inventory: [{ kind: 'intelligent', modelId: 'no-such-card', count: 4 }] }, 'inventory.0.modelId'],
      [{ countyCode: '370100' }, 'countyCode'],
      [{ operatorOrganisationId: province.actor.organisationId }, 'operatorOrganisationId'],
      [{ designPue: 0.9 }, 'body.designPue'],
      [{ lat: 50 }, 'body.lat'],
    ];
    const before = (await as(province, 'GET', '/api/v1/compute/data-centres')).json().total;
    for (const [over, path] of cases) {
      const r = await as(province, 'POST', '/api/v1/compute/data-centres', centreBody(org, '370102', zoneId, over));
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json().errors[0].path).toBe(path);
    }
    expect((await as(province, 'GET', '/api/v1/compute/data-centres')).json().total).toBe(before);
    // A city operator cannot register in another city (and holds no manage permission at all).
    expect((await as(jinan, 'POST', '/api/v1/compute/data-centres', centreBody(org, '370202', null))).statusCode).toBe(
      403,
    );
  });

  it('shows an operator only its own centres; a city only its own city', async () => {
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/compute/data-centres/${centreA}`,
      allowed: opA,
      wrongRegion: opB,
      wrongRole: enterprise,
    });
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/compute/data-centres/${centreA}`,
      allowed: jinan,
      wrongRegion: qingdao,
    });
    const listA = (await as(opA, 'GET', '/api/v1/compute/data-centres')).json();
    expect(listA.items.map((c: { id: string }) => c.id)).toEqual([centreA]);
    const listQd = (await as(qingdao, 'GET', '/api/v1/compute/data-centres')).json();
    expect(listQd.items.map((c: { id: string }) => c.id)).toEqual([centreB]);
    const listP = (await as(province, 'GET', '/api/v1/compute/data-centres')).json();
    expect(listP.total).toBe(2);
    const mapA = (await as(opA, 'GET', '/api/v1/compute/map')).json();
    expect(mapA.points.map((p: { id: string }) => p.id)).toEqual([centreA]);
  });

  it('files a monthly report: only the own centre, validated, late flagged', async () => {
    // The test clock stands at 2024-07-01: June is due on 10 July, May was due on 10 June.
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/compute/data-centres/${centreA}/reports`,
      payload: report('2024-06'),
      allowed: opA,
      wrongRegion: opB,
      wrongRole: jinan,
      okStatus: 201,
    });
    expect(r.json()).toMatchObject({ status: 'submitted', late: false, source: 'web' });
    const late = await as(opA, 'POST', `/api/v1/compute/data-centres/${centreA}/reports`, report('2024-05'));
    expect(late.statusCode).toBe(201);
    expect(late.json().late).toBe(true);

    const cases: [Record<string, unknown>, string][] = [
      [{ racksInUse: 1001 }, 'racksInUse'],
      [{ measuredPue: 0.95 }, 'measuredPue'],
      [{ period: '2024-07' }, 'period'],
      [{ period: '2024-13' }, 'body.period'],
      [{ racksInUse: undefined }, 'body.racksInUse'],
    ];
    for (const [over, path] of cases) {
      const x = await as(opA, 'POST', `/api/v1/compute/data-centres/${centreA}/reports`, report('2024-04', over));
      expect(x.statusCode, JSON.stringify(over)).toBe(400);
      expect(x.json().errors[0].path).toBe(path);
    }
    const list = (await as(opA, 'GET', '/api/v1/compute/reports')).json();
    expect(list.items.map((x: { period: string }) => x.period).sort()).toEqual(['2024-05', '2024-06']);
    expect((await as(opB, 'GET', '/api/v1/compute/reports')).json().total).toBe(0);
  });

  it('the province approves; statistics are computed from approved reports only', async () => {
    const before = (await as(province, 'GET', '/api/v1/compute/statistics')).json();
    expect(before.headline.racksInUse).toBe(0);
    const pending = (
      await as(approver, 'GET', `/api/v1/compute/reports?dataCentreId=${centreA}&status=submitted`)
    ).json().items;
    const june = pending.find((x: { period: string }) => x.period === '2024-06');
    const bad = await as(approver, 'POST', `/api/v1/compute/reports/${june.id}/decision`, { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('decision');
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/compute/reports/${june.id}/decision`,
      payload: { decision: 'approve' },
      allowed: approver,
      wrongRole: opA,
    });
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: approver.username });
    expect(ok.json().totalPflops).toBeGreaterThan(300);
    const again = await as(approver, 'POST', `/api/v1/compute/reports/${june.id}/decision`, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
    const refile = await as(opA, 'POST', `/api/v1/compute/data-centres/${centreA}/reports`, report('2024-06'));
    expect(refile.statusCode).toBe(409);
    expect(refile.json().code).toBe('report_exists');

    const s = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/statistics',
      allowed: province,
      wrongRole: enterprise,
    });
    const st = s.json();
    expect(st.period).toBe('2024-06');
    expect(st.headline.racksInUse).toBe(600);
    expect(st.headline.clusters1k).toBe(1);
    expect(st.headline.coreClusterRackSharePct).toBe(100);
    expect(st.headline.averagePue).toBeCloseTo(1.28, 4);
    expect(st.byCity.map((c: { code: string }) => c.code)).toEqual(['370100', '370200']);
    // The registry follows the approved figure.
    expect((await as(province, 'GET', `/api/v1/compute/data-centres/${centreA}`)).json().racksInUse).toBe(600);
    // The public API other modules read: totals per city with source and time.
    const api = moduleApi(t, 'compute-network');
    const totals = await api.provinceTotals(t.systemCtx());
    expect(totals).toMatchObject({
      period: '2024-06',
      source: { kind: 'approved_monthly_reports', simulated: false },
      province: { racksInUse: 600, dataCentres: 2, reported: 1 },
    });
    expect(totals.province.aiEflops).toBeCloseTo(st.headline.aiEflops, 6);
    expect(new Date(totals.source.asOf!).getTime()).toBe(t.clock.now().getTime());
    expect(totals.byCity.map((c) => [c.code, c.racksInUse])).toEqual([
      ['370100', 600],
      ['370200', 0],
    ]);
    expect((await api.provinceTotals(qingdao.ctx)).province.racksInUse).toBe(0);
    await expect(api.provinceTotals(enterprise.ctx)).rejects.toMatchObject({ code: 'forbidden' });
    // One region's totals with the monthly trend (the one-screen view's drill-down).
    const jinanTotals = await api.regionTotals(t.systemCtx(), '370100');
    expect(jinanTotals).toMatchObject({ regionCode: '370100', period: '2024-06', province: { racksInUse: 600 } });
    expect(jinanTotals.trend.at(-1)).toMatchObject({ period: '2024-06', racksInUse: 600 });
    expect((await api.regionTotals(t.systemCtx(), '370200')).province.racksInUse).toBe(0);
    expect((await api.regionTotals(t.systemCtx(), '370000')).province.racksInUse).toBe(600);
    expect((await api.regionTotals(jinan.ctx, '370100')).province.racksInUse).toBe(600);
    await expect(api.regionTotals(qingdao.ctx, '370100')).rejects.toMatchObject({ code: 'out_of_region_scope' });
    // A city outside the city operator's scope: 403.
    expect((await as(jinan, 'GET', '/api/v1/compute/statistics?cityCode=370200')).json().code).toBe(
      'out_of_region_scope',
    );
  });

  it('never lets whoever filed a report decide on it; two opposite decisions at once leave one outcome', async () => {
    const both = await t.user('province_operator', '370000');
    await t.legacyRole(both, 'province_approver', '370000');
    const filed = await as(both, 'POST', `/api/v1/compute/data-centres/${centreB}/reports`, report('2023-11'));
    expect(filed.statusCode, filed.body).toBe(201);
    const own = await as(both, 'POST', `/api/v1/compute/reports/${filed.json().id}/decision`, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const [yes, no] = await Promise.all([
      as(approver, 'POST', `/api/v1/compute/reports/${filed.json().id}/decision`, { decision: 'approve' }),
      as(approver, 'POST', `/api/v1/compute/reports/${filed.json().id}/decision`, {
        decision: 'reject',
        note: '数据有误',
      }),
    ]);
    expect([yes.statusCode, no.statusCode].sort()).toEqual([200, 409]);
    const winner = yes.statusCode === 200 ? 'approved' : 'rejected';
    const list = (await as(approver, 'GET', `/api/v1/compute/reports?dataCentreId=${centreB}&period=2023-11`)).json();
    expect(list.items.map((r: { status: string }) => r.status)).toEqual([winner]);
  });

  it('asks for an explanation of an implausible jump', async () => {
    // Clock to August: July can be filed now. Sessions do not survive a month: sign everyone in again.
    t.clock.advance(31 * 86_400_000);
    for (const u of [province, approver, jinan, qingdao, opA, opB, enterprise]) {
      const { token } = await t.platform.sessions.startSession(t.systemCtx(), u.id);
      u.cookie = `zc_session=${token}`;
    }
    const jump = await as(
      opA,
      'POST',
      `/api/v1/compute/data-centres/${centreA}/reports`,
      report('2024-07', { racksInUse: 950 }),
    );
    expect(jump.statusCode).toBe(400);
    expect(jump.json()).toMatchObject({ code: 'implausible_jump', errors: [{ path: 'explanation' }] });
    const explained = await as(
      opA,
      'POST',
      `/api/v1/compute/data-centres/${centreA}/reports`,
      report('2024-07', { racksInUse: 950, explanation: '二期机房投产' }),
    );
    expect(explained.statusCode).toBe(201);
    const rej = await as(approver, 'POST', `/api/v1/compute/reports/${explained.json().id}/decision`, {
      decision: 'reject',
    });
    expect(rej.statusCode).toBe(400);
    expect(rej.json().errors[0].path).toBe('note');
    expect(
      (
        await as(approver, 'POST', `/api/v1/compute/reports/${explained.json().id}/decision`, {
          decision: 'reject',
          note: '请附投产证明',
        })
      ).json().status,
    ).toBe('rejected');
  });

  it('files by API with the centre’s own token', async () => {
    const tok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/compute/data-centres/${centreB}/token`,
      allowed: opB,
      wrongRegion: opA,
      wrongRole: jinan,
      okStatus: 201,
    });
    const token = tok.json().token as string;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/ingest',
      payload: report('2024-07'),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      dataCentreId: centreB,
      source: 'api',
      submittedBy: 'system:compute.ingest-token',
    });
    // A token is not a user: the filing is audited as the system, under the token's name.
    const [audited] = await t.database.db
      .select({ who: auditEvent.actorUsername, user: auditEvent.actorUserId })
      .from(auditEvent)
      .where(and(eq(auditEvent.objectId, r.json().id), eq(auditEvent.action, 'compute.report.submit')));
    expect(audited).toEqual({ who: 'system:compute.ingest-token', user: null });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/ingest',
      payload: report('2024-07'),
      headers: { authorization: 'Bearer not-a-real-token-123' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('invalid_token');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/ingest',
      payload: report('2024-07'),
    });
    expect(none.statusCode).toBe(401);
    const badBody = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/ingest',
      payload: report('2024-07', { measuredPue: 'high' }),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().errors[0].path).toBe('body.measuredPue');
  });

  it('imports reports from Excel, all rows or none', async () => {
    const tpl = await as(opA, 'GET', '/api/v1/compute/reports/import/template');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toMatch(/spreadsheetml/);
    const row = (over: Record<string, unknown>) => ({
      dataCentreId: centreA,
      period: '2024-03',
      racksInUse: 580,
      utilisationPct: 50,
      energyMwh: 1400,
      measuredPue: 1.3,
      computeInUsePflops: 190,
      storageUsedPb: 3,
      explanation: '',
      ...over,
    });
    const badBook = await writeWorkbook([
      {
        name: 's',
        columns: REPORT_COLUMNS,
        rows: [
          row({}),
          row({ period: '2024-02', measuredPue: 0.9 }),
          row({ dataCentreId: centreB, period: '2024-02' }),
        ],
      },
    ]);
    const badMp = multipart(badBook);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/import',
      payload: badMp.payload,
      headers: { ...badMp.headers, cookie: opA.cookie },
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().imported).toBe(0);
    expect(bad.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:实测PUE',
      '4:数据中心ID',
    ]);
    expect((await as(opA, 'GET', '/api/v1/compute/reports?period=2024-03')).json().total).toBe(0);

    // Ids that are not uuids (one only shaped like one) are those rows' errors, not a failed query.
    const uuidShaped = '0123456789abcdef0123456789abcdef0123';
    const oddRows = [row({ dataCentreId: 'not-a-uuid' }), row({ dataCentreId: uuidShaped })];
    const oddMp = multipart(await writeWorkbook([{ name: 's', columns: REPORT_COLUMNS, rows: oddRows }]));
    const url = '/api/v1/compute/reports/import';
    const headers = { ...oddMp.headers, cookie: opA.cookie };
    const odd = await t.app.inject({ method: 'POST', url, payload: oddMp.payload, headers });
    expect(odd.statusCode, odd.body).toBe(200);
    const where = odd.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(where).toEqual(['2:数据中心ID', '3:数据中心ID']);
    expect(odd.json().errors[0].message).toContain('not-a-uuid');
    // An unknown centre code or a row with figures but no centre is that row's error, naming the column; the good
    // rows beside them are not written either (all rows or none).
    const unknownRows = [row({}), row({ dataCentreId: crypto.randomUUID() }), row({ dataCentreId: '' })];
    const unknownMp = multipart(await writeWorkbook([{ name: 's', columns: REPORT_COLUMNS, rows: unknownRows }]));
    const unknown = await t.app.inject({
      method: 'POST',
      url,
      payload: unknownMp.payload,
      headers: { ...unknownMp.headers, cookie: opA.cookie },
    });
    expect(unknown.json()).toMatchObject({
      imported: 0,
      errors: [
        { row: 3, field: '数据中心ID', message: expect.stringContaining('不存在') },
        { row: 4, field: '数据中心ID', message: expect.stringContaining('为空') },
      ],
    });
    expect((await as(opA, 'GET', '/api/v1/compute/reports?period=2024-03')).json().total).toBe(0);

    const goodBook = await writeWorkbook([
      { name: 's', columns: REPORT_COLUMNS, rows: [row({}), row({ period: '2024-02' })] },
    ]);
    const mp = multipart(goodBook);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/import',
      payload: mp.payload,
      headers: { ...mp.headers, cookie: opA.cookie },
    });
    expect(ok.json()).toEqual({ imported: 2, errors: [] });
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/import',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(anon.statusCode).toBe(401);
    const city = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/reports/import',
      payload: mp.payload,
      headers: { ...mp.headers, cookie: jinan.cookie },
    });
    expect(city.statusCode).toBe(403);
  });

  it('raises alerts for stale reports and PUE above the limit', async () => {
    const put = await as(
      province,
      'PUT',
      `/api/v1/compute/data-centres/${centreB}`,
      centreBody(opB.actor.organisationId, '370202', null, {
        name: '青岛测试中心',
        inventory: [{ kind: 'intelligent', modelId: 'nvidia-a10', count: 10 }],
      }),
    );
    expect(put.statusCode).toBe(204);
    // 11 August: July's report is overdue.
    t.clock.advance(10 * 86_400_000);
    for (const u of [province, approver, jinan, qingdao, opA, opB, enterprise]) {
      const { token } = await t.platform.sessions.startSession(t.systemCtx(), u.id);
      u.cookie = `zc_session=${token}`;
    }
    const r = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/alerts',
      allowed: province,
      wrongRole: enterprise,
    });
    const items = r.json().items as { kind: string; dataCentreId: string }[];
    // Centre A's July report was rejected: overdue. Centre B filed July by API (awaiting approval): not overdue.
    expect(items.filter((a) => a.kind === 'report_stale').map((a) => a.dataCentreId)).toEqual([centreA]);
    expect(items.some((a) => a.kind === 'pue_above_limit')).toBe(false);
    // The header's region narrows the alerts; a region outside the caller's scope is refused, a malformed one named.
    const inJinan = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/alerts?cityCode=370100',
      allowed: jinan,
      wrongRole: enterprise,
      wrongRegion: qingdao,
    });
    const stale = (r: { json: () => { items: { kind: string; dataCentreId: string }[] } }) =>
      r
        .json()
        .items.filter((a) => a.kind === 'report_stale')
        .map((a) => a.dataCentreId);
    expect(stale(inJinan)).toEqual([centreA]);
    expect(stale(await as(province, 'GET', '/api/v1/compute/alerts?cityCode=370102'))).toEqual([centreA]);
    const inQingdao = (await as(province, 'GET', '/api/v1/compute/alerts?cityCode=370200')).json().items as {
      dataCentreId: string;
    }[];
    expect(inQingdao.every((a) => a.dataCentreId === centreB)).toBe(true);
    const bad = await as(province, 'GET', '/api/v1/compute/alerts?cityCode=jinan');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('cityCode');
    const jun = (await as(approver, 'GET', `/api/v1/compute/reports?dataCentreId=${centreB}&period=2024-07`)).json()
      .items[0];
    expect(jun).toBeTruthy();
  });

  it('answers the map with filters', async () => {
    const all = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/map',
      allowed: jinan,
      wrongRole: enterprise,
    });
    expect(all.json().points).toHaveLength(1);
    const p = (await as(province, 'GET', '/api/v1/compute/map?origin=domestic&minFreeRacks=100')).json();
    expect(p.points.map((x: { id: string }) => x.id)).toEqual([centreA]);
    expect((await as(province, 'GET', '/api/v1/compute/map?minFreeRacks=1001')).json().points).toHaveLength(0);
    expect((await as(province, 'GET', '/api/v1/compute/map?modelId=nvidia-t4')).json().points).toHaveLength(0);
    expect((await as(province, 'GET', `/api/v1/compute/map?zoneId=${zoneId}`)).json().points).toHaveLength(1);
    expect((await as(province, 'GET', '/api/v1/compute/map?minFreeRacks=-1')).statusCode).toBe(400);
  });

  it('covers the remaining routes: catalogue edits, zones, operators, registry edits, template', async () => {
    const put = await expectAuthMatrix(t, {
      method: 'PUT',
      url: '/api/v1/compute/models/test-card-x1',
      payload: {
        kind: 'accelerator',
        vendor: '测试',
        name: 'X1',
        domestic: true,
        fp64: null,
        fp32: 40,
        fp16: 160,
        int8: 320,
        source: 'vendor datasheet',
      },
      allowed: province,
      wrongRole: jinan,
      okStatus: 204,
    });
    expect(put.statusCode).toBe(204);
    const models = (await as(opA, 'GET', '/api/v1/compute/models')).json().items as { id: string; fp16: number }[];
    expect(models.find((m) => m.id === 'test-card-x1')?.fp16).toBe(160);
    const badModel = await as(province, 'PUT', '/api/v1/compute/models/test-card-x1', {
      kind: 'gpu',
      vendor: 'x',
      name: 'x',
      domestic: true,
      fp64: null,
      fp32: null,
      fp16: -1,
      int8: null,
      source: '',
    });
    expect(badModel.statusCode).toBe(400);
    expect(badModel.json().errors.map((e: { path: string }) => e.path)).toContain('body.kind');

    const zones = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/zones',
      allowed: jinan,
      wrongRole: enterprise,
    });
    expect(zones.json().items.length).toBeGreaterThan(0);
    const ops = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/operators',
      allowed: province,
      wrongRole: opA,
    });
    expect(ops.json().items.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([opA.actor.organisationId, opB.actor.organisationId]),
    );

    await expectAuthMatrix(t, {
      method: 'PUT',
      url: `/api/v1/compute/data-centres/${centreA}`,
      payload: centreBody(opA.actor.organisationId, '370102', zoneId, { name: '改名后的中心' }),
      allowed: province,
      wrongRole: opA,
      okStatus: 204,
    });
    expect((await as(opA, 'GET', `/api/v1/compute/data-centres/${centreA}`)).json().name).toBe('改名后的中心');
    const badPut = await as(
      province,
      'PUT',
      `/api/v1/compute/data-centres/${centreA}`,
      centreBody(opA.actor.organisationId, '370102', zoneId, { designRacks: -5 }),
    );
    expect(badPut.statusCode).toBe(400);
    expect(badPut.json().errors[0].path).toBe('body.designRacks');

    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/reports/import/template',
      allowed: opA,
      wrongRole: jinan,
    });
    await expectAuthMatrix(t, { method: 'GET', url: '/api/v1/compute/reports', allowed: opA, wrongRole: enterprise });
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/compute/data-centres',
      allowed: qingdao,
      wrongRole: enterprise,
    });
    const badQuery = await as(province, 'GET', '/api/v1/compute/data-centres?pageSize=9999');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].path).toContain('pageSize');
  });
});
