import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import type { AssessmentServices } from './services.ts';
import { enrolExperts, fillAndSubmit, servicesOf } from './testing.ts';

/**
 * The later stages' deadlines (issue 15): city review, province review and expert scoring close after their day;
 * only the province reopens one stage of one submission; an action after the deadline is marked late; reminders go
 * out before each.
 */
describeDb('assessment review-stage deadlines', (kind) => {
  let t: TestApp;
  let svc: AssessmentServices;
  let campaignId: string;
  let subId: string;
  let province: TestUser, provApprover: TestUser, jinan: TestUser, lixia: TestUser, expertQd: TestUser;
  const at = (iso: string) => t.clock.set(new Date(iso));
  /** Sessions end as the test clock moves days on: each request signs the user in again. */
  const cookie = async (u: TestUser) => {
    const { token } = await t.platform.sessions.startSession(t.systemCtx(), u.id);
    return `${u.cookie.split('=')[0]}=${token}`;
  };
  const post = async (u: TestUser, url: string, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, payload: payload as never, headers: { cookie: await cookie(u) } });
  const get = async (u: TestUser, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: await cookie(u) } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    svc = servicesOf(t);
    at('2024-07-01T09:00:00+08:00');
    province = await t.user('province_operator', '370000');
    provApprover = await t.user('province_approver', '370000');
    jinan = await t.user('city_approver', '370100');
    lixia = await t.user('county_operator', '370102');
    expertQd = await t.user('expert', '370200');
    await enrolExperts(t, expertQd);
    const cats = await svc.catalogues.list();
    const c = await svc.campaigns.open(province.ctx, {
      year: 2043,
      name: '2043 审核截止日测试',
      cityCatalogueId: cats.find((x) => x.key === 'DB37-3890.1-city')!.id,
      countyCatalogueId: cats.find((x) => x.key === 'DB37-3890.2-county')!.id,
      deadlines: {
        selfAssessment: '2024-07-10',
        cityApproval: '2024-07-15',
        provinceApproval: '2024-07-20',
        expertReview: '2024-07-25',
      },
      expertsPerSubmission: 1,
      noticeDays: 0,
      regionCodes: ['370100', '370102'],
    });
    campaignId = c.id;
    subId = (await svc.submissions.ofRegion(lixia.ctx, campaignId, '370102')).id;
    at('2024-07-08T09:00:00+08:00');
    await fillAndSubmit(svc, lixia, subId, 3);
  });
  afterAll(() => t.close());

  it('reminds the city before its review deadline, once', async () => {
    const sub = await svc.submissions.get(jinan.ctx, subId);
    expect(sub.stageWindow).toEqual({
      stage: 'cityApproval',
      deadline: '2024-07-15',
      closed: false,
      reopenedUntil: null,
    });
    expect(sub.actions).toContain('approve');
    at('2024-07-13T09:00:00+08:00');
    expect(await svc.submissions.remind(t.systemCtx())).toBe(1);
    expect(await svc.submissions.remind(t.systemCtx())).toBe(0);
    expect((await svc.submissions.get(jinan.ctx, subId)).lastReminder).toMatch(/^2024-07-13/);
  });

  it('closes the city review after its day: no approving or sending back by the city', async () => {
    at('2024-07-16T09:00:00+08:00');
    const sub = await svc.submissions.get(jinan.ctx, subId);
    expect(sub.stageWindow).toMatchObject({ stage: 'cityApproval', closed: true });
    expect(sub.actions).not.toContain('approve');
    expect(sub.actions).not.toContain('send_back');
    const approve = await post(jinan, `/api/v1/assessment/submissions/${subId}/approve`);
    expect(approve.statusCode, approve.body).toBe(409);
    expect(approve.json().code).toBe('assessment_stage_deadline_passed');
    const back = await post(jinan, `/api/v1/assessment/submissions/${subId}/send-back`, { reason: '材料不全,请补充' });
    expect(back.statusCode, back.body).toBe(409);
    expect(back.json().code).toBe('assessment_stage_deadline_passed');
    // The province sees it closed and may reopen it.
    expect((await svc.submissions.get(province.ctx, subId)).stageWindow?.closed).toBe(true);
  });

  it('lets only the province reopen the stage the submission waits in; the late approval is marked', async () => {
    const url = `/api/v1/assessment/submissions/${subId}/reopen`;
    const wrongStage = await post(province, url, {
      stage: 'expertReview',
      until: '2024-07-18',
      reason: '专家评审延期',
    });
    expect(wrongStage.statusCode).toBe(409);
    const badStage = await post(province, url, { stage: 'everything', until: '2024-07-18', reason: '专家评审延期' });
    expect(badStage.statusCode).toBe(400);
    expect(badStage.json().errors[0].path).toContain('stage');
    const past = await post(province, url, { stage: 'cityApproval', until: '2024-07-15', reason: '市级审核延期' });
    expect(past.statusCode).toBe(400);
    expect(
      (await post(jinan, url, { stage: 'cityApproval', until: '2024-07-18', reason: '市级自己延期' })).statusCode,
    ).toBe(403);
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url,
      payload: { stage: 'cityApproval', until: '2024-07-18', reason: '市级审核人员出差,延期审核(示例)' },
      allowed: { ...province, cookie: await cookie(province) },
      wrongRole: { ...provApprover, cookie: await cookie(provApprover) },
    });
    expect(ok.json().stageWindow).toEqual({
      stage: 'cityApproval',
      deadline: '2024-07-18',
      closed: false,
      reopenedUntil: '2024-07-18',
    });
    expect(ok.json().history.at(-1)).toMatchObject({ action: 'reopen_cityApproval', late: false });
    const approved = await post(jinan, `/api/v1/assessment/submissions/${subId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'city_approved', lateSteps: ['approve'] });
    expect(approved.json().history.at(-1)).toMatchObject({ action: 'approve', late: true });
    // The next stage (province review) has its own window, not reopened.
    expect(approved.json().stageWindow).toEqual({
      stage: 'provinceApproval',
      deadline: '2024-07-20',
      closed: false,
      reopenedUntil: null,
    });
    const list = await get(jinan, `/api/v1/assessment/campaigns/${campaignId}/submissions?level=county`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toMatchObject({ regionCode: '370102', lateSteps: ['approve'] });
  });

  it('approves on time at the province (not late), then closes expert scoring after its day until reopened', async () => {
    at('2024-07-19T09:00:00+08:00');
    const approved = await post(provApprover, `/api/v1/assessment/submissions/${subId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().history.at(-1)).toMatchObject({ action: 'approve', late: false });
    await svc.campaigns.advance(province.ctx, campaignId, 'draw_experts', {
      seed: 3,
      reason: '济南市本级未报,先评审历下区',
    });
    at('2024-07-23T09:00:00+08:00');
    expect(await svc.submissions.remind(t.systemCtx())).toBe(1);
    at('2024-07-26T09:00:00+08:00');
    const task = await get(expertQd, `/api/v1/assessment/reviews/${subId}`);
    expect(task.json()).toMatchObject({ scorable: true, stageWindow: { stage: 'expertReview', closed: true } });
    const score = await post(expertQd, `/api/v1/assessment/reviews/${subId}/score`, { score: 80, comment: '' });
    expect(score.statusCode, score.body).toBe(409);
    expect(score.json().code).toBe('assessment_stage_deadline_passed');
    const reopened = await post(province, `/api/v1/assessment/submissions/${subId}/reopen`, {
      stage: 'expertReview',
      until: '2024-07-28',
      reason: '专家因病延期评分(示例)',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const late = await post(expertQd, `/api/v1/assessment/reviews/${subId}/score`, { score: 80, comment: '' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ myScore: 80, myScoreLate: true });
    const sub = await svc.submissions.get(province.ctx, subId);
    expect(sub).toMatchObject({ status: 'expert_reviewed', stageWindow: null });
    expect(sub.experts[0]).toMatchObject({ score: 80, late: true });
    expect(sub.lateSteps).toEqual(['approve', 'review_complete']);
  });
});
