import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { queryRows } from '../../platform/database/index.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import type { AssessmentServices } from './services.ts';
import { fillAndSubmit, openSmallCampaign, PDF, servicesOf, valuesAt, enrolExperts } from './testing.ts';

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const boundary = '----zc' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeDb('assessment api', (kind) => {
  let t: TestApp;
  let svc: AssessmentServices;
  let province: TestUser,
    provApprover: TestUser,
    lixia: TestUser,
    shizhong: TestUser,
    jinanApprover: TestUser,
    qingdaoApprover: TestUser,
    expertJn: TestUser,
    expertQd: TestUser;
  let campaignId: string;
  let lixiaSub: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    svc = servicesOf(t);
    province = await t.user('province_operator', '370000');
    provApprover = await t.user('province_approver', '370000');
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
    expertJn = await t.user('expert', '370100');
    expertQd = await t.user('expert', '370200');
    await enrolExperts(t, expertJn, expertQd);
    const c = await openSmallCampaign(t, svc, province, 2040);
    campaignId = c.id;
    lixiaSub = (await svc.submissions.ofRegion(lixia.ctx, campaignId, '370102')).id;
  });
  afterAll(() => t.close());

  const inject = (
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

  it('simulates inline: level, shares and the HiGHS path; 400 names the bad field', async () => {
    const body = {
      catalogue: {
        indicators: [
          { code: 'a', weight: 30, thresholds: [10, 20, 30, 40, 50] },
          { code: 'b', weight: 35, thresholds: [10, 20, 30, 40, 50] },
          { code: 'c', weight: 35, thresholds: [10, 20, 30, 40, 50] },
        ],
      },
      values: { a: 20, b: 29, c: 29.5 },
    };
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/assessment/simulate',
      payload: body,
      allowed: lixia,
    });
    expect(ok.json()).toMatchObject({ level: 2, gapToNext: { target: { level: 3 }, feasible: true, solver: 'highs' } });
    expect(
      ok
        .json()
        .gapToNext.improvements.map((i: { code: string }) => i.code)
        .sort(),
    ).toEqual(['b', 'c']);
    const bad = await inject(lixia, 'POST', '/api/v1/assessment/simulate', {
      ...body,
      catalogue: { indicators: [{ code: 'a', weight: 1, thresholds: [1, 2] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('thresholds');
    const both = await inject(lixia, 'POST', '/api/v1/assessment/simulate', { values: {} });
    expect(both.statusCode).toBe(400);
    const wrongOrder = await inject(lixia, 'POST', '/api/v1/assessment/simulate', {
      catalogue: { indicators: [{ code: 'a', weight: 1, thresholds: [5, 4, 3, 2, 1] }] },
      values: {},
    });
    expect(wrongOrder.statusCode).toBe(400);
    expect(wrongOrder.json().errors[0].path).toContain('catalogue.indicators.0.thresholds');
    const cats = await svc.catalogues.list();
    const byId = await inject(lixia, 'POST', '/api/v1/assessment/simulate', {
      catalogueId: cats.find((c) => c.key === 'GBT-33356-2022')!.id,
      values: {},
    });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().explanation.missing).toHaveLength(29);
  });

  it('opens campaigns for the province only', async () => {
    const cats = await svc.catalogues.list();
    const payload = {
      year: 2041,
      name: 'x',
      cityCatalogueId: cats.find((c) => c.key === 'DB37-3890.1-city')!.id,
      countyCatalogueId: null,
      regionCodes: ['370100'],
    };
    await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/assessment/campaigns',
      payload,
      allowed: province,
      wrongRole: lixia,
      okStatus: 201,
    });
    const bad = await inject(province, 'POST', '/api/v1/assessment/campaigns', { ...payload, year: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('year');
    const act = await inject(lixia, 'POST', `/api/v1/assessment/campaigns/${campaignId}/actions/publish`, {});
    expect(act.statusCode).toBe(403);
  });

  it('lets a county fill in its own submission only', async () => {
    await expectAuthMatrix(t, {
      method: 'PUT',
      url: `/api/v1/assessment/submissions/${lixiaSub}/values`,
      payload: { values: { 'X-HM-01': { value: 88 } }, version: 0 },
      allowed: lixia,
      wrongRegion: shizhong,
      wrongRole: expertQd,
    });
    const bad = await inject(lixia, 'PUT', `/api/v1/assessment/submissions/${lixiaSub}/values`, {
      values: { 'X-HM-01': { value: 'many' } },
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('X-HM-01');
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/submissions/${lixiaSub}`,
      allowed: lixia,
      wrongRegion: shizhong,
      wrongRole: expertQd,
    });
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/campaigns/${campaignId}/regions/370102`,
      allowed: jinanApprover,
      wrongRegion: qingdaoApprover,
      wrongRole: expertQd,
    });
  });

  it('imports values from Excel with a row-level report, and evidence by content type', async () => {
    const cat = await svc.catalogues.get((await svc.submissions.get(lixia.ctx, lixiaSub)).catalogueId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报');
    ws.addRow(['指标代码', '指标名称', '数值', '说明']);
    ws.addRow(['X-HM-03', cat.indicators[2]!.name, 81, '']);
    ws.addRow(['X-NOPE', '?', 1, '']);
    const bad = multipart(
      {},
      { name: 'v.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/octet-stream' },
    );
    const r1 = await inject(
      lixia,
      'POST',
      `/api/v1/assessment/submissions/${lixiaSub}/import`,
      bad.payload,
      bad.headers,
    );
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ imported: 0, errors: [{ row: 3, field: 'code' }] });
    ws.spliceRows(3, 1);
    const good = multipart(
      {},
      { name: 'v.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/octet-stream' },
    );
    const r2 = await inject(
      lixia,
      'POST',
      `/api/v1/assessment/submissions/${lixiaSub}/import`,
      good.payload,
      good.headers,
    );
    expect(r2.json()).toEqual({ imported: 1, errors: [] });
    expect((await svc.submissions.get(lixia.ctx, lixiaSub)).values['X-HM-03']).toEqual({ value: 81 });
    const forbidden = await inject(
      shizhong,
      'POST',
      `/api/v1/assessment/submissions/${lixiaSub}/import`,
      good.payload,
      good.headers,
    );
    expect(forbidden.statusCode).toBe(403);

    const ev = multipart({ indicatorCode: 'X-HM-01' }, { name: 'a.pdf', data: PDF, type: 'application/pdf' });
    const up = await inject(
      lixia,
      'POST',
      `/api/v1/assessment/submissions/${lixiaSub}/evidence`,
      ev.payload,
      ev.headers,
    );
    expect(up.statusCode).toBe(201);
    const exe = multipart(
      { indicatorCode: 'X-HM-01' },
      { name: 'a.pdf', data: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' },
    );
    expect(
      (await inject(lixia, 'POST', `/api/v1/assessment/submissions/${lixiaSub}/evidence`, exe.payload, exe.headers))
        .statusCode,
    ).toBe(415);
    const noCode = multipart({}, { name: 'a.pdf', data: PDF, type: 'application/pdf' });
    const r3 = await inject(
      lixia,
      'POST',
      `/api/v1/assessment/submissions/${lixiaSub}/evidence`,
      noCode.payload,
      noCode.headers,
    );
    expect(r3.statusCode).toBe(400);
    expect(r3.json().errors[0].path).toContain('indicatorCode');
    const dl = await inject(shizhong, 'GET', `/api/v1/assessment/submissions/${lixiaSub}/evidence/${up.json().id}`);
    expect(dl.statusCode).toBe(403);
    const file = await inject(lixia, 'GET', `/api/v1/assessment/submissions/${lixiaSub}/evidence/${up.json().id}`);
    expect(file.body).toContain('%PDF');
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.headers['x-frame-options']).toBe('DENY');
    // A reviewer previews it in the page: inline, frameable by this site only.
    const preview = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/submissions/${lixiaSub}/evidence/${up.json().id}?inline=1`,
      allowed: lixia,
      wrongRegion: shizhong,
    });
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toMatch(/^inline/);
    expect(preview.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    const badInline = await inject(
      lixia,
      'GET',
      `/api/v1/assessment/submissions/${lixiaSub}/evidence/${up.json().id}?inline=yes`,
    );
    expect(badInline.statusCode).toBe(400);
  });

  it('approves in order with the right approver; send-back needs a reason; experts never see their own region', async () => {
    await svc.submissions.saveValues(
      lixia.ctx,
      lixiaSub,
      await valuesAt(svc, (await svc.submissions.get(lixia.ctx, lixiaSub)).catalogueId, 3),
      null,
    );
    await fillAndSubmit(svc, lixia, lixiaSub, 3);
    // Each caller is offered only its own step: the city approves a submitted county, the province waits for it.
    const actionsOf = async (u: TestUser) =>
      (await inject(u, 'GET', `/api/v1/assessment/submissions/${lixiaSub}`)).json().actions;
    expect(await actionsOf(jinanApprover)).toEqual(['approve', 'send_back']);
    expect(await actionsOf(provApprover)).toEqual(['send_back']);
    expect(await actionsOf(lixia)).toEqual([]);
    const listed = await inject(provApprover, 'GET', `/api/v1/assessment/campaigns/${campaignId}/submissions?q=历下`);
    expect(listed.json().items[0].actions).toEqual(['send_back']);
    const noReason = await inject(jinanApprover, 'POST', `/api/v1/assessment/submissions/${lixiaSub}/send-back`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toContain('reason');
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/assessment/submissions/${lixiaSub}/approve`,
      allowed: jinanApprover,
      wrongRegion: qingdaoApprover,
      wrongRole: lixia,
    });
    expect(await actionsOf(jinanApprover)).toEqual(['send_back']);
    expect(await actionsOf(provApprover)).toEqual(['approve', 'send_back']);
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/assessment/submissions/${lixiaSub}/approve`,
      allowed: provApprover,
      wrongRole: shizhong,
    });
    const bulk = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/assessment/campaigns/${campaignId}/approve-bulk`,
      payload: { regionCodes: ['370103'] },
      allowed: jinanApprover,
      wrongRole: lixia,
    });
    expect(bulk.json().refused[0]).toMatchObject({ regionCode: '370103', code: 'assessment_illegal_transition' });
    // Before the draw the province sees what it would do: one region ready, four behind, by city.
    const preview = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/campaigns/${campaignId}/actions/draw_experts`,
      allowed: province,
      // No wrong region: the role binds to the province only (the identity service refuses anything else).
      wrongRole: provApprover,
    });
    expect(preview.json()).toMatchObject({ allowed: true, total: 5, ready: 1, behind: 4, ahead: 0, complete: false });
    expect(preview.json().byCity).toEqual([
      { code: '370100', name: '济南市', total: 3, ready: 1, behind: 2 },
      { code: '370200', name: '青岛市', total: 2, ready: 0, behind: 2 },
    ]);
    expect(preview.json().behindRegions.map((r: { regionCode: string }) => r.regionCode)).toEqual([
      '370100',
      '370103',
      '370200',
      '370202',
    ]);
    const badAction = await inject(province, 'GET', `/api/v1/assessment/campaigns/${campaignId}/actions/everything`);
    expect(badAction.statusCode).toBe(400);
    // Closing the stage over regions that are behind needs a reason, and refuses a blank one naming the field.
    const refused = await inject(province, 'POST', `/api/v1/assessment/campaigns/${campaignId}/actions/draw_experts`, {
      seed: 7,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'assessment_stage_incomplete', errors: [{ path: 'reason' }] });
    expect(refused.json().message.zh).toContain('4 个区划未到此环节');
    const blank = await inject(province, 'POST', `/api/v1/assessment/campaigns/${campaignId}/actions/draw_experts`, {
      seed: 7,
      reason: '  ',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].path).toContain('reason');
    const draw = await inject(province, 'POST', `/api/v1/assessment/campaigns/${campaignId}/actions/draw_experts`, {
      seed: 7,
      reason: '其余区划按期未报,先行评审已完成的区划',
    });
    expect(draw.statusCode).toBe(200);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit.event WHERE action = 'assessment.campaign.draw_experts' AND object_id = ${campaignId}`,
    );
    expect(audit[0]!.n).toBe(1);
    const own = await inject(expertJn, 'GET', `/api/v1/assessment/reviews/${lixiaSub}`);
    expect(own.statusCode).toBe(403);
    expect((await inject(expertJn, 'GET', '/api/v1/assessment/reviews')).json().items).toEqual([]);
    const other = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/reviews/${lixiaSub}`,
      allowed: expertQd,
      wrongRole: lixia,
    });
    expect(other.json().alias).toMatch(/^S-2040-\d{6}$/);
    expect(other.body).not.toContain('370102');
    const score = await inject(expertQd, 'POST', `/api/v1/assessment/reviews/${lixiaSub}/score`, { score: 101 });
    expect(score.statusCode).toBe(400);
    expect(score.json().errors[0].path).toContain('score');
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/assessment/campaigns/${campaignId}/radar`,
      allowed: jinanApprover,
      wrongRole: expertQd,
    });
  });

  it('never lets whoever filled in a submission approve it (four eyes)', async () => {
    // An account from before the separation rules: operator of 市中区 and approver of 济南.
    const both = await t.user('county_operator', '370103');
    await t.legacyRole(both, 'city_approver', '370100');
    const sub = (await svc.submissions.ofRegion(both.ctx, campaignId, '370103')).id;
    await fillAndSubmit(svc, both, sub, 3);
    const own = await inject(both, 'POST', `/api/v1/assessment/submissions/${sub}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    expect((await inject(jinanApprover, 'POST', `/api/v1/assessment/submissions/${sub}/approve`)).statusCode).toBe(200);
    await inject(provApprover, 'POST', `/api/v1/assessment/submissions/${sub}/send-back`, {
      reason: '恢复原状以便后续用例',
    });
  });

  it('serves statistics publicly in the agreed shape; 400 names a bad year', async () => {
    const r = await inject(null, 'GET', '/api/v1/assessment/statistics?year=2040');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([
      { level: 'city', total: 0, atLeast: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      { level: 'county', total: 0, atLeast: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
    ]);
    const overview = await inject(null, 'GET', '/api/v1/assessment/statistics/overview?year=2040');
    expect(overview.json()).toMatchObject({ year: 2040, levels: r.json(), targets: expect.any(Array) });
    const bad = await inject(null, 'GET', '/api/v1/assessment/statistics?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('year');
    const x = await inject(null, 'GET', '/api/v1/assessment/results/export?year=2040');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect((await inject(null, 'GET', '/api/v1/assessment/regions/370102/report')).statusCode).toBe(200);
    expect((await inject(null, 'GET', '/api/v1/assessment/heatmap?year=2040&level=county')).statusCode).toBe(200);
  });

  it('round-trips a catalogue through Excel into a new version, with a row-level error report', async () => {
    const county = (await svc.catalogues.list()).find((c) => c.key === 'DB37-3890.2-county')!;
    const exported = await inject(lixia, 'GET', `/api/v1/assessment/catalogues/${county.id}/export`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (k: string) => header.indexOf(k) + 1;
    ws.getRow(2).getCell(col('weight')).value = 9;
    const upload = async () =>
      multipart(
        {},
        { name: 'c.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/octet-stream' },
      );
    const asCounty = await upload();
    expect(
      (
        await inject(
          lixia,
          'POST',
          `/api/v1/assessment/catalogues/${county.id}/import`,
          asCounty.payload,
          asCounty.headers,
        )
      ).statusCode,
    ).toBe(403);
    ws.getRow(3).getCell(col('t2')).value = 1; // 2★ below 1★: not monotone
    const bad = await upload();
    const r1 = await inject(
      province,
      'POST',
      `/api/v1/assessment/catalogues/${county.id}/import`,
      bad.payload,
      bad.headers,
    );
    expect(r1.json()).toMatchObject({ catalogue: null, errors: [{ row: 3, field: 'thresholds' }] });
    ws.getRow(3).getCell(col('t2')).value = 55;
    const good = await upload();
    const r2 = await inject(
      province,
      'POST',
      `/api/v1/assessment/catalogues/${county.id}/import`,
      good.payload,
      good.headers,
    );
    expect(r2.json().errors).toEqual([]);
    const v2 = await svc.catalogues.get(r2.json().catalogue.id);
    expect(v2.version).toBe(county.version + 1);
    expect(v2.indicators).toHaveLength(44);
    expect(v2.indicators[0]!.weight).toBe(9);
    expect((await svc.catalogues.get(county.id)).indicators[0]!.weight).not.toBe(9);
  });
});
