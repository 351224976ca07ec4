import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { moduleApi } from '../../app.ts';
import { auditEvent } from '../../platform/audit/audit.tables.ts';
import type { AssessmentApi } from './index.ts';
import type { AssessmentServices } from './services.ts';
import { fillAndSubmit, openSmallCampaign, servicesOf, valuesAt, enrolExperts } from './testing.ts';

/** The API other modules call (work ledger, one-screen view, smart communities, participation). */
describeDb('assessment module api', (kind) => {
  let t: TestApp;
  let api: AssessmentApi;
  let svc: AssessmentServices;
  let province: TestUser, provApprover: TestUser, jinanApprover: TestUser, lixia: TestUser, expert: TestUser;
  const inline = {
    indicators: [
      { code: 'a', weight: 30, thresholds: [10, 20, 30, 40, 50] as [number, number, number, number, number] },
      { code: 'b', weight: 35, thresholds: [10, 20, 30, 40, 50] as [number, number, number, number, number] },
      { code: 'c', weight: 35, thresholds: [10, 20, 30, 40, 50] as [number, number, number, number, number] },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    api = moduleApi(t, 'assessment');
    svc = servicesOf(t);
    province = await t.user('province_operator', '370000');
    provApprover = await t.user('province_approver', '370000');
    jinanApprover = await t.user('city_approver', '370100');
    lixia = await t.user('county_operator', '370102');
    expert = await t.user('expert', '370200');
    await enrolExperts(t, expert);
  });
  afterAll(() => t.close());

  it('rates a catalogue given inline or by id, with the explanation, and names a bad field', async () => {
    const r = await api.rate(inline, { a: 20, b: 29, c: 29.5 });
    expect(r).toMatchObject({ level: 2, explanation: { levelByWeight: 2 } });
    expect(r.explanation.text.zh).toContain('达标线 70.0%');
    const county = (await svc.catalogues.list()).find((c) => c.key === 'DB37-3890.2-county')!;
    const byId = await api.rate(county.id, {});
    // Every base indicator is missing (the three 加分 items are not base indicators).
    expect(byId.explanation.missing).toHaveLength(41);
    await expect(api.rate(inline, { nope: 1 })).rejects.toMatchObject({ fieldErrors: [{ path: 'values.nope' }] });
    await expect(
      api.rate({ indicators: [{ code: 'a', weight: 1, thresholds: [5, 4, 3, 2, 1] }] }, {}),
    ).rejects.toMatchObject({ fieldErrors: [{ path: 'catalogue.indicators.0.thresholds' }] });
  });

  it('finds the cheapest path to a chosen level with HiGHS', async () => {
    const to3 = await api.cheapestPath(inline, { a: 20, b: 29, c: 29.5 }, 3);
    expect(to3).toMatchObject({ target: { level: 3 }, feasible: true, solver: 'highs' });
    expect(to3!.improvements.map((i) => i.code).sort()).toEqual(['b', 'c']);
    const to5 = await api.cheapestPath(inline, { a: 20, b: 29, c: 29.5 }, 5);
    expect(to5!.improvements.every((i) => i.to === 50)).toBe(true);
    expect(await api.cheapestPath(inline, { a: 50, b: 50, c: 50 }, 3)).toMatchObject({ improvements: [] });
    await expect(api.cheapestPath(inline, {}, 6)).rejects.toMatchObject({ fieldErrors: [{ path: 'targetLevel' }] });
  });

  it('keeps another module’s catalogue in versions, audited as the caller; an anonymous caller is refused', async () => {
    const input = {
      key: 'communities-tiers',
      name: '智慧社区分级(示例)',
      standard: 'DB37/T 3890.3',
      level: 'community' as const,
      policy: { threshold: 0.8 },
      indicators: inline.indicators.map((i) => ({ ...i, domain: '社区服务', name: i.code })),
    };
    const v1 = await api.saveCatalogueVersion(province.ctx, input);
    expect(v1).toMatchObject({ key: 'communities-tiers', version: 1, level: 'community', locked: false });
    const v2 = await api.saveCatalogueVersion(t.systemCtx(), { ...input, name: '智慧社区分级 v2(示例)' });
    expect(v2.version).toBe(2);
    expect((await api.catalogueVersions('communities-tiers')).map((c) => c.version)).toEqual([2, 1]);
    const full = await api.catalogue(v2.id);
    expect(full.policy.threshold).toBe(0.8);
    expect(full.indicators[0]).toMatchObject({ code: 'a', direction: 'higher', sample: true });
    await expect(api.saveCatalogueVersion({ actor: null, requestId: 'x' }, input)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(
      api.saveCatalogueVersion(province.ctx, { ...input, indicators: [input.indicators[0]!, input.indicators[0]!] }),
    ).rejects.toMatchObject({ fieldErrors: [{ path: 'indicators.1.code' }] });
    const audited = await t.platform.db
      .select({ who: auditEvent.actorUsername })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'assessment.catalogue.create'), eq(auditEvent.objectId, v2.id)));
    expect(audited).toEqual([{ who: 'system:test' }]);
  });

  it('gives the share of counties at ≥ N★ of a year’s published results, with its source and time', async () => {
    const empty = await api.countyShareAtLeast(2050, 4);
    expect(empty).toMatchObject({ total: 0, share: null, source: null, publishedAt: null });
    const camp = await openSmallCampaign(t, svc, province, 2050, ['370102']);
    const sub = await svc.submissions.ofRegion(lixia.ctx, camp.id, '370102');
    await svc.submissions.saveValues(lixia.ctx, sub.id, await valuesAt(svc, sub.catalogueId, 4), null);
    await fillAndSubmit(svc, lixia, sub.id, 4);
    await svc.review.approve(jinanApprover.ctx, sub.id);
    await svc.review.approve(provApprover.ctx, sub.id);
    await svc.campaigns.advance(province.ctx, camp.id, 'draw_experts', { seed: 1 });
    await svc.review.score(expert.ctx, sub.id, 88, '');
    for (const action of ['start_co_evaluation', 'open_notice', 'publish'] as const)
      await svc.campaigns.advance(province.ctx, camp.id, action);
    const share = await api.countyShareAtLeast(2050, 4);
    expect(share).toMatchObject({
      year: 2050,
      regionLevel: 'county',
      stars: 4,
      atLeast: 1,
      total: 1,
      share: 1,
      source: { campaignId: camp.id, name: '2050 测试' },
      publishedAt: t.clock.now().toISOString(),
      sample: false,
    });
    expect((await api.countyShareAtLeast(2050, 5)).share).toBe(0);
    expect((await api.statistics(2050)).levels.find((l) => l.level === 'county')!.total).toBe(1);
    // The published rows and the history by year read the same publication.
    const rows = await api.results({ year: 2050, level: 'county', parent: '370100' });
    expect(rows).toMatchObject([{ regionCode: '370102', regionName: '历下区', stars: 4, rank: 1 }]);
    expect(await api.results({ year: 2050, level: 'county', parent: '370200' })).toEqual([]);
    const trend = await api.trend();
    expect(trend.points.find((p) => p.year === 2050 && p.level === 'county')).toMatchObject({
      total: 1,
      atLeast: { '4': 1, '5': 0 },
    });
  });

  it('records a co-evaluation score handed over with an explicit context, and refuses an anonymous one', async () => {
    const input = {
      scoreId: crypto.randomUUID(),
      year: 2050,
      regionCode: '370102',
      indicatorCode: null,
      kind: 'service' as const,
      score: 80,
      confirmed: null,
      supervisorRef: 'p-9',
      media: false,
      submittedAt: new Date().toISOString(),
    };
    // 2050 is published: the score comes too late and is ignored.
    expect(await api.recordCoEvaluation(t.systemCtx(), input)).toBe('ignored');
    await expect(api.recordCoEvaluation({ actor: null, requestId: 'x' }, input)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
