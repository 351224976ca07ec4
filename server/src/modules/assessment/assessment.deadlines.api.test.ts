import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp } from '../../../test/app.ts';
import type { AssessmentServices } from './services.ts';
import { fillAndSubmit, servicesOf } from './testing.ts';

/** Stage deadlines (issue 15): closed after the day, reopened by the province only, late marked, reminders before. */
describeDb('assessment deadlines', (kind) => {
  let t: TestApp;
  let svc: AssessmentServices;
  let campaignId: string;
  const at = (iso: string) => t.clock.set(new Date(iso));

  beforeAll(async () => {
    t = await createTestApp(kind);
    svc = servicesOf(t);
    at('2024-07-01T09:00:00+08:00');
    const province = await t.user('province_operator', '370000');
    const cats = await svc.catalogues.list();
    const c = await svc.campaigns.open(province.ctx, {
      year: 2042,
      name: '2042 截止日测试',
      cityCatalogueId: cats.find((x) => x.key === 'DB37-3890.1-city')!.id,
      countyCatalogueId: cats.find((x) => x.key === 'DB37-3890.2-county')!.id,
      deadlines: { selfAssessment: '2024-07-10' },
      expertsPerSubmission: 1,
      noticeDays: 0,
      regionCodes: ['370100', '370102', '370103'],
    });
    campaignId = c.id;
  });
  afterAll(() => t.close());

  it('reminds each open region once in the three days before the deadline', async () => {
    at('2024-07-06T09:00:00+08:00');
    expect(await svc.submissions.remind(t.systemCtx())).toBe(0);
    at('2024-07-08T09:00:00+08:00');
    expect(await svc.submissions.remind(t.systemCtx())).toBe(3);
    expect(await svc.submissions.remind(t.systemCtx())).toBe(0);
    const lixia = await t.user('county_operator', '370102');
    const sub = await svc.submissions.ofRegion(lixia.ctx, campaignId, '370102');
    expect(sub).toMatchObject({ deadline: '2024-07-10', fillingClosed: false, late: false, reopenedUntil: null });
    expect(sub.lastReminder).toMatch(/^2024-07-08/);
  });

  it('closes a draft after the deadline: no saving, no submitting, no edit buttons', async () => {
    at('2024-07-11T09:00:00+08:00');
    const lixia = await t.user('county_operator', '370102');
    const sub = await svc.submissions.ofRegion(lixia.ctx, campaignId, '370102');
    expect(sub.fillingClosed).toBe(true);
    expect(sub.actions).not.toContain('edit');
    expect(sub.actions).not.toContain('submit');
    const save = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/assessment/submissions/${sub.id}/values`,
      payload: { values: { 'X-HM-01': { value: 88 } }, version: sub.version },
      headers: { cookie: lixia.cookie },
    });
    expect(save.statusCode, save.body).toBe(409);
    expect(save.json().code).toBe('assessment_deadline_passed');
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assessment/submissions/${sub.id}/submit`,
      headers: { cookie: lixia.cookie },
    });
    expect(submit.statusCode).toBe(409);
  });

  it('lets only the province reopen, until a day not in the past, with a reason; a submission then is late', async () => {
    at('2024-07-12T09:00:00+08:00');
    const province = await t.user('province_operator', '370000');
    const lixia = await t.user('county_operator', '370102');
    const jinan = await t.user('city_approver', '370100');
    const id = (await svc.submissions.ofRegion(lixia.ctx, campaignId, '370102')).id;
    const url = `/api/v1/assessment/submissions/${id}/reopen`;
    const bad = await t.app.inject({
      method: 'POST',
      url,
      payload: { until: '2024-07-11', reason: '补报材料延期' },
      headers: { cookie: province.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('until');
    const noReason = await t.app.inject({
      method: 'POST',
      url,
      payload: { until: '2024-07-20', reason: '' },
      headers: { cookie: province.cookie },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toContain('reason');
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url,
      payload: { until: '2024-07-20', reason: '系统故障,延期补报(示例)' },
      allowed: province,
      wrongRole: lixia,
    });
    expect(ok.json()).toMatchObject({ deadline: '2024-07-20', fillingClosed: false, reopenedUntil: '2024-07-20' });
    expect(ok.json().history.at(-1)).toMatchObject({ action: 'reopen' });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          payload: { until: '2024-07-20', reason: '市级想重开' },
          headers: { cookie: jinan.cookie },
        })
      ).statusCode,
    ).toBe(403);

    const done = await fillAndSubmit(svc, lixia, id, 3);
    expect(done).toMatchObject({ status: 'submitted', late: true });
    // The other county, not reopened, stays closed; an on-time submission is not late.
    const shizhong = await t.user('county_operator', '370103');
    const other = await svc.submissions.ofRegion(shizhong.ctx, campaignId, '370103');
    expect(other.fillingClosed).toBe(true);
    // Reopening a submitted one is refused.
    const again = await t.app.inject({
      method: 'POST',
      url,
      payload: { until: '2024-07-25', reason: '再次重开测试' },
      headers: { cookie: province.cookie },
    });
    expect(again.statusCode).toBe(409);
  });
});
