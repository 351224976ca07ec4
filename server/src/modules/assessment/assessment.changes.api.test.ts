import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import type { AssessmentServices } from './services.ts';
import { enrolExperts, fillAndSubmit, PDF, servicesOf } from './testing.ts';

/** Each indicator's history (issue 15): who changed which value, explanation or evidence, when — for every reviewer. */
describeDb('assessment indicator history', (kind) => {
  let t: TestApp;
  let svc: AssessmentServices;
  let subId: string;
  let province: TestUser, provApprover: TestUser, jinan: TestUser, qingdao: TestUser, lixia: TestUser;
  let expertQd: TestUser, expertJn: TestUser;

  beforeAll(async () => {
    t = await createTestApp(kind);
    svc = servicesOf(t);
    province = await t.user('province_operator', '370000');
    provApprover = await t.user('province_approver', '370000');
    jinan = await t.user('city_approver', '370100');
    qingdao = await t.user('city_approver', '370200');
    lixia = await t.user('county_operator', '370102');
    expertQd = await t.user('expert', '370200');
    expertJn = await t.user('expert', '370100');
    await enrolExperts(t, expertQd, expertJn);
    const cats = await svc.catalogues.list();
    const c = await svc.campaigns.open(province.ctx, {
      year: 2044,
      name: '2044 指标历史测试',
      cityCatalogueId: cats.find((x) => x.key === 'DB37-3890.1-city')!.id,
      countyCatalogueId: cats.find((x) => x.key === 'DB37-3890.2-county')!.id,
      deadlines: {},
      expertsPerSubmission: 1,
      noticeDays: 0,
      regionCodes: ['370100', '370102'],
    });
    subId = (await svc.submissions.ofRegion(lixia.ctx, c.id, '370102')).id;
    await svc.submissions.saveValues(lixia.ctx, subId, { 'X-HM-01': { value: 10 } }, null);
    await svc.submissions.saveValues(lixia.ctx, subId, { 'X-HM-01': { value: 12, explanation: '统计口径调整' } }, null);
    await svc.submissions.uploadEvidence(lixia.ctx, subId, 'X-HM-01', {
      filename: '口径说明.pdf',
      type: 'pdf',
      data: PDF,
    });
    await fillAndSubmit(svc, lixia, subId, 3);
    await svc.review.approve(jinan.ctx, subId);
    await svc.review.approve(provApprover.ctx, subId);
    await svc.campaigns.advance(province.ctx, c.id, 'draw_experts', { seed: 1, reason: '济南市本级未报,先评审历下区' });
  });
  afterAll(() => t.close());

  it('shows the city reviewer who changed what, when; another city and unassigned experts are refused', async () => {
    const url = `/api/v1/assessment/submissions/${subId}/changes?indicator=X-HM-01`;
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url,
      allowed: jinan,
      wrongRegion: qingdao,
      wrongRole: expertJn,
    });
    const items = ok.json().items as { kind: string; before: string | null; after: string | null; actor: string }[];
    expect(items.slice(0, 4).map(({ kind, before, after }) => ({ kind, before, after }))).toEqual([
      { kind: 'value', before: null, after: '10' },
      { kind: 'value', before: '10', after: '12' },
      { kind: 'explanation', before: null, after: '统计口径调整' },
      { kind: 'evidence', before: null, after: '口径说明.pdf' },
    ]);
    expect(items.every((i) => i.actor === lixia.username)).toBe(true);
    // The whole submission's history, every indicator.
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assessment/submissions/${subId}/changes`,
      headers: { cookie: provApprover.cookie },
    });
    expect(new Set(all.json().items.map((i: { indicatorCode: string }) => i.indicatorCode)).size).toBeGreaterThan(5);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assessment/submissions/${subId}/changes?indicator=`,
      headers: { cookie: jinan.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('indicator');
  });

  it('shows the drawn expert the history blind: the filer named only as the filing unit', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/assessment/submissions/${subId}/changes?indicator=X-HM-01`,
      headers: { cookie: expertQd.cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(r.json())).not.toContain(lixia.username);
    expect(r.json().items[0].actor).toBe('填报单位 / filing unit');
  });
});
