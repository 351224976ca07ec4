import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { EVENT_TOPICS } from '@zhicheng/contracts';
import { CoevalScoreRequest } from '@zhicheng/contracts/assessment';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { moduleApi } from '../../app.ts';
import type { AssessmentServices } from './services.ts';
import { SubmissionsRepository } from './submissions.repository.ts';
import { fillAndSubmit, openSmallCampaign, PDF, servicesOf, valuesAt, enrolExperts } from './testing.ts';

/** The province's recorded reason for moving on while the other test regions stay in draft. */
const WHY = '其余区划为测试占位,不参与本流程';

describeDb('assessment workflow', (kind) => {
  let t: TestApp;
  let svc: AssessmentServices;
  let province: TestUser,
    provApprover: TestUser,
    lixia: TestUser,
    shizhong: TestUser,
    jinan: TestUser,
    jinanApprover: TestUser,
    qingdaoApprover: TestUser;
  let expertQd: TestUser, expertYt: TestUser, expertJn: TestUser, supervisor: TestUser;

  beforeAll(async () => {
    t = await createTestApp(kind);
    svc = servicesOf(t);
    province = await t.user('province_operator', '370000');
    provApprover = await t.user('province_approver', '370000');
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinan = await t.user('city_operator', '370100');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
    expertQd = await t.user('expert', '370200');
    expertYt = await t.user('expert', '370600');
    expertJn = await t.user('expert', '370102');
    await enrolExperts(t, expertQd, expertYt, expertJn);
    supervisor = await t.user('citizen_supervisor', '370102');
  });
  afterAll(() => t.close());

  it('runs a county from draft to published, refusing every illegal step on the way', async () => {
    const camp = await openSmallCampaign(t, svc, province, 2030);
    expect(camp.counts.draft).toBe(5);
    const sub = await svc.submissions.ofRegion(lixia.ctx, camp.id, '370102');
    expect(sub.status).toBe('draft');

    // Draft is kept; nothing to approve yet.
    await svc.submissions.saveValues(lixia.ctx, sub.id, { 'X-HM-01': { value: 50 } }, sub.version);
    await expect(svc.review.approve(jinanApprover.ctx, sub.id)).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    // Stale version.
    await expect(
      svc.submissions.saveValues(lixia.ctx, sub.id, { 'X-HM-01': { value: 60 } }, sub.version),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    // Out of range, unknown code: 400 naming the field, and nothing written.
    await expect(
      svc.submissions.saveValues(lixia.ctx, sub.id, { 'X-HM-01': { value: 140 } }, null),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fieldErrors: [{ path: 'values.X-HM-01.value' }],
    });
    await expect(svc.submissions.saveValues(lixia.ctx, sub.id, { NOPE: { value: 1 } }, null)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await svc.submissions.get(lixia.ctx, sub.id)).values['X-HM-01']).toEqual({ value: 50 });

    // Submit without the required evidence is refused with the field named.
    await svc.submissions.saveValues(lixia.ctx, sub.id, await valuesAt(svc, sub.catalogueId, 4), null);
    await expect(svc.submissions.submit(lixia.ctx, sub.id)).rejects.toMatchObject({
      code: 'assessment_invalid_submission',
      fieldErrors: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^evidence\./) })]),
    });

    const submitted = await fillAndSubmit(svc, lixia, sub.id, 4);
    expect(submitted.status).toBe('submitted');
    expect(submitted.rating!.level).toBe(4);
    // Locked once submitted.
    await expect(
      svc.submissions.saveValues(lixia.ctx, sub.id, { 'X-HM-01': { value: 1 } }, null),
    ).rejects.toMatchObject({
      code: 'assessment_locked',
    });
    await expect(svc.submissions.submit(lixia.ctx, sub.id)).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    // The province cannot skip the city; another city's approver is out of scope.
    await expect(svc.review.approve(provApprover.ctx, sub.id)).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    await expect(svc.review.approve(qingdaoApprover.ctx, sub.id)).rejects.toMatchObject({
      code: 'out_of_region_scope',
    });

    expect((await svc.review.approve(jinanApprover.ctx, sub.id)).status).toBe('city_approved');
    await expect(svc.review.approve(jinanApprover.ctx, sub.id)).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    expect((await svc.review.approve(provApprover.ctx, sub.id)).status).toBe('province_approved');

    // Experts: drawn with a recorded seed, never from Jinan (the region's city).
    // Four of the five regions are still in draft: the draw needs the province's reason, and the preview says so.
    expect(await svc.campaigns.preview(province.ctx, camp.id, 'draw_experts')).toMatchObject({ ready: 1, behind: 4 });
    await expect(svc.campaigns.advance(province.ctx, camp.id, 'draw_experts', { seed: 42 })).rejects.toMatchObject({
      code: 'assessment_stage_incomplete',
      status: 409,
    });
    const drawn = await svc.campaigns.advance(province.ctx, camp.id, 'draw_experts', { seed: 42, reason: WHY });
    expect(drawn.expertSeed).toBe(42);
    expect(drawn.stage).toBe('expert_review');
    await expect(svc.review.task(expertJn.ctx, sub.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(svc.review.score(expertJn.ctx, sub.id, 90, '')).rejects.toMatchObject({
      code: 'assessment_conflict_of_interest',
    });
    const task = await svc.review.task(expertQd.ctx, sub.id);
    expect(JSON.stringify(task)).not.toContain('历下');
    await svc.review.score(expertQd.ctx, sub.id, 90, '好');
    expect((await svc.submissions.get(lixia.ctx, sub.id)).status).toBe('expert_review');
    await svc.review.score(expertYt.ctx, sub.id, 60, '存疑');
    const reviewed = await svc.submissions.get(lixia.ctx, sub.id);
    expect(reviewed.status).toBe('expert_reviewed');
    expect(reviewed.disagreement).toBe(true);
    await expect(svc.review.score(expertQd.ctx, sub.id, 80, '')).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });

    // Co-evaluation: supervisor score and the participation event (idempotent).
    await expect(
      svc.coevaluation.score(supervisor.ctx, sub.id, { indicatorCode: null, score: 80, confirmed: null }),
    ).rejects.toMatchObject({ code: 'assessment_illegal_transition' });
    await svc.campaigns.advance(province.ctx, camp.id, 'start_co_evaluation', { reason: WHY });
    // Only the indicators assigned to co-evaluation (by default 数字惠民) may be scored, directly or by event.
    expect(camp.coEvaluationIndicators).toContain('X-HM-01');
    expect(camp.coEvaluationIndicators).not.toContain('X-ZF-01');
    expect(camp.coEvaluationIndicators.every((c) => /-HM-/.test(c))).toBe(true);
    await svc.coevaluation.score(supervisor.ctx, sub.id, { indicatorCode: 'X-HM-01', score: 80, confirmed: true });
    await expect(
      svc.coevaluation.score(supervisor.ctx, sub.id, { indicatorCode: 'X-ZF-01', score: 10, confirmed: false }),
    ).rejects.toMatchObject({ code: 'validation_failed', status: 400, fieldErrors: [{ path: 'indicatorCode' }] });
    const unassigned = {
      scoreId: crypto.randomUUID(),
      year: 2030,
      regionCode: '370102',
      indicatorCode: 'X-ZF-01',
      kind: 'indicator_verification' as const,
      score: 5,
      confirmed: false,
      supervisorRef: 'p-2',
      media: false,
      submittedAt: new Date().toISOString(),
    };
    const api = moduleApi(t, 'assessment');
    expect(await api.recordCoEvaluation(t.systemCtx(), unassigned)).toBe('ignored');
    expect(
      await api.recordCoEvaluation(t.systemCtx(), {
        ...unassigned,
        scoreId: crypto.randomUUID(),
        indicatorCode: 'X-HM-02',
        score: 75,
      }),
    ).toBe('recorded');
    await t.platform.db.transaction((tx) =>
      t.platform.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, {
        ...unassigned,
        scoreId: crypto.randomUUID(),
      }),
    );
    const scoreId = crypto.randomUUID();
    const event = {
      scoreId,
      year: 2030,
      regionCode: '370102',
      indicatorCode: null,
      kind: 'service',
      score: 70,
      confirmed: null,
      supervisorRef: 'p-1',
      media: true,
      submittedAt: new Date().toISOString(),
    };
    await t.platform.db.transaction(async (tx) => {
      await t.platform.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, event);
      await t.platform.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, event);
      await t.platform.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, {
        ...event,
        scoreId: crypto.randomUUID(),
        regionCode: '370103',
      });
      await t.platform.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, { bad: true });
    });
    await t.platform.events.deliverPending();
    expect((await svc.submissions.get(lixia.ctx, sub.id)).coEvaluation).toMatchObject({
      count: 3,
      average: 75,
      replaced: 0,
    });
    // One supervisor scoring the same indicator twice is counted once: the newer score replaces the older, which
    // stays as history (issue 15: a supervisor's two submissions were both counted).
    t.clock.advance(1000);
    const again = await svc.coevaluation.score(supervisor.ctx, sub.id, {
      indicatorCode: 'X-HM-01',
      score: 89,
      confirmed: false,
    });
    expect(again).toMatchObject({ count: 3, average: 78, unconfirmed: 2, replaced: 1 });
    t.clock.advance(1000);
    expect(
      await svc.coevaluation.score(supervisor.ctx, sub.id, { indicatorCode: 'X-HM-01', score: 50, confirmed: true }),
    ).toMatchObject({ count: 3, average: 65, unconfirmed: 1, replaced: 2 });
    // An out-of-range score never reaches the service through the route; the contract refuses it, not clips it.
    expect(CoevalScoreRequest.safeParse({ indicatorCode: null, score: 150 }).success).toBe(false);

    // Notice with an objection: publishing waits for its resolution.
    await svc.campaigns.advance(province.ctx, camp.id, 'open_notice', { reason: WHY });
    const { id: objectionId } = await svc.coevaluation.fileObjection(shizhong.ctx, sub.id, '数据与实际不符,请核实');
    await expect(svc.campaigns.advance(province.ctx, camp.id, 'publish', { reason: WHY })).rejects.toMatchObject({
      code: 'assessment_notice_open',
    });
    await svc.coevaluation.resolveObjection(province.ctx, objectionId, '已核实,数据无误');
    const before = await svc.results.statistics(2030);
    expect(before.levels.find((l) => l.level === 'county')!.total).toBe(0);
    const published = await svc.campaigns.advance(province.ctx, camp.id, 'publish', { reason: WHY });
    expect(published.stage).toBe('published');
    await expect(svc.campaigns.advance(province.ctx, camp.id, 'publish', { reason: WHY })).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    const stats = await svc.results.statistics(2030);
    expect(stats.levels.find((l) => l.level === 'county')).toEqual({
      level: 'county',
      total: 1,
      atLeast: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 0 },
    });
    const history = (await svc.submissions.get(lixia.ctx, sub.id)).history.map((h) => h.to);
    expect(history).toEqual([
      'submitted',
      'city_approved',
      'province_approved',
      'expert_review',
      'expert_reviewed',
      'co_evaluation',
      'public_notice',
      'published',
    ]);
    const report = await svc.results.regionReport('370102');
    expect(report.history.at(-1)!.stars).toBe(4);
    expect(report.history.at(-1)!.explanation.text.zh).toContain('70.0%');
  });

  it('sends back with a reason at any stage, and the region can fix and resubmit', async () => {
    const camp = await openSmallCampaign(t, svc, province, 2031);
    const sub = await svc.submissions.ofRegion(shizhong.ctx, camp.id, '370103');
    await fillAndSubmit(svc, shizhong, sub.id, 3);
    await expect(svc.review.sendBack(jinanApprover.ctx, sub.id, '')).rejects.toBeDefined();
    const back = await svc.review.sendBack(jinanApprover.ctx, sub.id, '佐证材料不清晰');
    expect(back).toMatchObject({ status: 'returned', returnedReason: '佐证材料不清晰' });
    await expect(svc.review.sendBack(jinanApprover.ctx, sub.id, '再次退回')).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    await svc.submissions.saveValues(shizhong.ctx, sub.id, { 'X-HM-02': { value: 90 } }, null);
    await svc.submissions.submit(shizhong.ctx, sub.id);
    await svc.review.approve(jinanApprover.ctx, sub.id);
    await svc.review.approve(provApprover.ctx, sub.id);
    // After the province approved, the city may no longer send it back; the province may.
    await expect(svc.review.sendBack(jinanApprover.ctx, sub.id, '市级想退回')).rejects.toMatchObject({
      code: 'assessment_illegal_transition',
    });
    const again = await svc.review.sendBack(provApprover.ctx, sub.id, '省级抽查发现问题');
    expect(again.history.filter((h) => h.action === 'send_back').map((h) => h.reason)).toEqual([
      '佐证材料不清晰',
      '省级抽查发现问题',
    ]);
  });

  it('lets a parent approve only after its children, and bulk-approves each on its own', async () => {
    const camp = await openSmallCampaign(t, svc, province, 2032);
    const city = await svc.submissions.ofRegion(jinan.ctx, camp.id, '370100');
    await fillAndSubmit(svc, jinan, city.id, 5);
    const c1 = await svc.submissions.ofRegion(lixia.ctx, camp.id, '370102');
    await fillAndSubmit(svc, lixia, c1.id, 3);
    await expect(svc.review.approve(provApprover.ctx, city.id)).rejects.toMatchObject({
      code: 'assessment_children_pending',
    });
    const c2 = await svc.submissions.ofRegion(shizhong.ctx, camp.id, '370103');
    await fillAndSubmit(svc, shizhong, c2.id, 3);
    const bulk = await svc.review.bulkApprove(jinanApprover.ctx, camp.id, ['370102', '370103', '370202']);
    expect(bulk.approved).toEqual(['370102', '370103']);
    expect(bulk.refused).toEqual([expect.objectContaining({ regionCode: '370202', code: 'out_of_region_scope' })]);
    const prov = await svc.review.bulkApprove(provApprover.ctx, camp.id, ['370100', '370102', '370103']);
    expect(prov.approved).toEqual(['370102', '370103', '370100']);
    const radar = await svc.submissions.radar(province.ctx, camp.id);
    expect(radar.notSubmitted.map((r) => r.regionCode).sort()).toEqual(['370200', '370202']);
    const jinanRadar = await svc.submissions.radar(jinanApprover.ctx, camp.id);
    expect(jinanRadar.total).toBe(3);
  });

  it('keeps operators to their own region and needs an explanation for a big year-over-year jump', async () => {
    const camp = await openSmallCampaign(t, svc, province, 2033);
    const c1 = await svc.submissions.ofRegion(lixia.ctx, camp.id, '370102');
    // A city operator covers the county but fills in the city only.
    await expect(
      svc.submissions.saveValues(jinan.ctx, c1.id, { 'X-HM-01': { value: 50 } }, null),
    ).rejects.toMatchObject({
      code: 'out_of_region_scope',
    });
    await expect(
      svc.submissions.saveValues(shizhong.ctx, c1.id, { 'X-HM-01': { value: 50 } }, null),
    ).rejects.toMatchObject({
      code: 'out_of_region_scope',
    });
    // 2032 had 3★ values for 370102; jump the first indicator by far more than 50%.
    const v = await valuesAt(svc, c1.catalogueId, 3);
    const prev = v['X-HM-11']!.value!;
    await svc.submissions.saveValues(lixia.ctx, c1.id, { ...v, 'X-HM-11': { value: prev * 3 } }, null);
    const c = await svc.catalogues.get(c1.catalogueId);
    for (const i of c.indicators.filter((x) => x.evidenceRequired))
      await svc.submissions.uploadEvidence(lixia.ctx, c1.id, i.code, { filename: 'e.pdf', type: 'pdf', data: PDF });
    await expect(svc.submissions.submit(lixia.ctx, c1.id)).rejects.toMatchObject({
      code: 'assessment_invalid_submission',
      fieldErrors: [{ path: 'values.X-HM-11.explanation' }],
    });
    await svc.submissions.saveValues(
      lixia.ctx,
      c1.id,
      { 'X-HM-11': { value: prev * 3, explanation: '新增政务服务平台上线' } },
      null,
    );
    expect((await svc.submissions.submit(lixia.ctx, c1.id)).status).toBe('submitted');
  });

  it('keeps the ordered value array in step with the values, and bulk recompute gives the same ratings', async () => {
    const camp = await openSmallCampaign(t, svc, province, 2034, ['370102']);
    const sub = await svc.submissions.ofRegion(lixia.ctx, camp.id, '370102');
    await svc.submissions.saveValues(
      lixia.ctx,
      sub.id,
      { ...(await valuesAt(svc, sub.catalogueId, 4)), 'X-HM-01': { numerator: 3, denominator: 4 } },
      null,
    );
    const [lean] = await new SubmissionsRepository(t.platform.db).ratingPage(camp.id, '', 10);
    expect(lean!.values).toBeNull();
    expect(lean!.valueArray).toHaveLength(44);
    expect(lean!.valueArray![0]).toBe(75);
    expect(lean!.valueArray![43]).toBeNull();
    const before = (await svc.submissions.get(lixia.ctx, sub.id)).rating!;
    await svc.results.recomputeAll();
    const [row] = await t.platform.db
      .execute(sql`SELECT stars, score FROM assessment.result WHERE campaign_id = ${camp.id}`)
      .then((r) => (r as unknown as { rows: { stars: number; score: string }[] }).rows);
    expect([Number(row!.stars), Number(row!.score)]).toEqual([before.level, before.score]);
  });

  it('refuses to open a second campaign for a year and never edits a catalogue in use', async () => {
    await expect(openSmallCampaign(t, svc, province, 2030)).rejects.toMatchObject({ code: 'conflict' });
    const cats = await svc.catalogues.list();
    // Co-evaluation indicators must come from the campaign's catalogues; a chosen list is kept as given.
    const open = (year: number, coEvaluationIndicators: string[]) =>
      svc.campaigns.open(province.ctx, {
        year,
        name: `${year} 测试`,
        cityCatalogueId: null,
        countyCatalogueId: cats.find((c) => c.key === 'DB37-3890.2-county')!.id,
        deadlines: {},
        expertsPerSubmission: 2,
        noticeDays: 0,
        regionCodes: ['370102'],
        coEvaluationIndicators,
      });
    await expect(open(2038, ['X-HM-01', 'NOPE-1'])).rejects.toMatchObject({
      code: 'validation_failed',
      status: 400,
      fieldErrors: [{ path: 'coEvaluationIndicators' }],
    });
    expect((await svc.campaigns.list()).some((c) => c.year === 2038)).toBe(false);
    expect((await open(2039, ['X-ZF-01', 'X-HM-03'])).coEvaluationIndicators).toEqual(['X-ZF-01', 'X-HM-03']);
    const county = cats.find((c) => c.key === 'DB37-3890.2-county')!;
    expect(county.locked).toBe(true);
    const v2 = await svc.catalogues.createVersion(province.ctx, { fromId: county.id, policy: { threshold: 0.8 } });
    expect(v2).toMatchObject({ key: county.key, version: county.version + 1, locked: false });
    expect((await svc.catalogues.get(county.id)).policy.threshold).toBe(0.7);
    expect((await svc.catalogues.get(v2.id)).policy.threshold).toBe(0.8);
  });
});
