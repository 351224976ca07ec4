import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PARTICIPATION_EVENTS } from '@zhicheng/contracts/participation';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { moduleApi } from '../../app.ts';
import { systemContext } from '../../platform/authorization/index.ts';

const JIEFANGQIAO = '370102001002';
const WEIYILU = '370103002001';
const YEAR = 2024;
const figures = {
  households: 2100,
  population: 5400,
  elderlyPct: 22.5,
  grids: 7,
  contactName: '张三丰',
  contactPhone: '13812345678',
};

interface IndicatorRow {
  code: string;
  thresholds: number[];
  weight: number;
}

describeDb('communities tiers api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let approver: TestUser;
  let otherApprover: TestUser;
  let provinceApprover: TestUser;
  let provinceOperator: TestUser;
  let expert: TestUser;
  let indicators: IndicatorRow[];
  const url = (code = JIEFANGQIAO) => `/api/v1/communities/registry/${code}/tiers/${YEAR}`;
  /** Every indicator at its `stars` threshold. */
  const valuesAt = (stars: number) => Object.fromEntries(indicators.map((i) => [i.code, i.thresholds[stars - 1]!]));

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    expert = await t.user('expert', '370000');
    for (const [u, code] of [
      [lixia, JIEFANGQIAO],
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
    approver = await t.user('county_approver', '370102');
    otherApprover = await t.user('county_approver', '370103');
    provinceApprover = await t.user('province_approver', '370000');
    provinceOperator = await t.user('province_operator', '370000');
    // The pool an on-site check draws from: three approved citizen supervisors in 济南 (one of them a journalist),
    // and two 智慧社区 experts from outside 济南 in the directory (an expert of 济南 is never drawn for it).
    for (let i = 0; i < 3; i++) {
      const applied = await t.app.inject({
        method: 'POST',
        url: '/api/v1/participation/public/supervisor-applications',
        payload: {
          name: `监督员${i}`,
          phone: `1370000${String(i).padStart(4, '0')}`,
          regionCode: '370102',
          occupation: i === 0 ? '记者' : '教师',
          ageBand: '30-44',
          gender: i % 2 ? 'male' : 'female',
          media: i === 0,
        },
      });
      expect(applied.statusCode, applied.body).toBe(201);
      const vetted = await t.app.inject({
        method: 'POST',
        url: `/api/v1/participation/supervisors/${applied.json().id}/vet`,
        payload: { decision: 'approve', termStart: '2024-01-01', termEnd: '2026-12-31' },
        headers: { cookie: provinceOperator.cookie },
      });
      expect(vetted.statusCode, vetted.body).toBe(200);
    }
    for (const [k, region] of ['370202', '370302', '370102'].entries())
      await moduleApi(t, 'directory').enrolExpert(systemContext('test.communities'), {
        name: `社区专家${k}`,
        title: 'senior',
        fields: ['smart-community'],
        unitName: `专家单位${k}`,
        regionCode: region,
        phone: `1391234${String(k).padStart(4, '0')}`,
      });
  });
  afterAll(() => t.close());

  it('shows an unreported community the catalogue and the cheapest path to 基础型', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: url(),
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    const v = ok.json();
    indicators = v.indicators;
    expect(v.catalogue.key).toBe('DB37-3890.3-community');
    expect(v.assessment).toBeNull();
    expect(v.nextTier).toBe('basic');
    expect(v.path.feasible).toBe(true);
    expect(v.path.improvements.length).toBeGreaterThan(0);
    // The published 基础型 requirements are the catalogue's 3★ column.
    const fibre = v.indicators.find((i: { code: string }) => i.code === 'S-JC-01');
    expect(fibre.published).toBe(70);
    expect(fibre.thresholds[2]).toBe(70);
  });

  it('rates a self-report with the shared rule and names the cheapest step to 成长型', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: url(),
      payload: { values: { 'NOT-AN-INDICATOR': 1 } },
      headers: { cookie: worker.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('NOT-AN-INDICATOR');
    const badYear = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}/tiers/1999`,
      payload: { values: {} },
      headers: { cookie: worker.cookie },
    });
    expect(badYear.statusCode).toBe(400);
    const ok = await expectAuthMatrix(t, {
      method: 'PUT',
      url: url(),
      payload: { values: valuesAt(3) },
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    expect(ok.json()).toMatchObject({ level: 3, ratedTier: 'basic', status: 'reported' });
    const view = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: worker.cookie } });
    expect(view.json()).toMatchObject({ nextTier: 'growth', path: { feasible: true } });
    // Every improvement lifts an indicator to its 4★ threshold, no further: the cheapest cover of the missing weight.
    for (const m of view.json().path.improvements) expect(m.toStars).toBe(4);
  });

  it('the county checks (four eyes): 标杆型 goes on to the province, which confirms it', async () => {
    await t.app.inject({
      method: 'PUT',
      url: url(),
      payload: { values: valuesAt(5) },
      headers: { cookie: worker.cookie },
    });
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url()}/check`,
      payload: { decision: 'confirm' },
      allowed: approver,
      wrongRole: worker,
      wrongRegion: otherApprover,
    });
    expect(ok.json()).toMatchObject({ ratedTier: 'benchmark', status: 'awaiting_province' });
    const mid = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      headers: { cookie: worker.cookie },
    });
    expect(mid.json()).toMatchObject({ tier: 'growth', tierSource: 'rated' });
    const again = await t.app.inject({
      method: 'POST',
      url: `${url()}/check`,
      payload: { decision: 'confirm' },
      headers: { cookie: approver.cookie },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('tier_province_confirms');
    const bad = await t.app.inject({
      method: 'POST',
      url: `${url()}/benchmark`,
      payload: { decision: 'maybe' },
      headers: { cookie: provinceApprover.cookie },
    });
    expect(bad.statusCode).toBe(400);
    // Not before the on-site check has passed.
    const early = await t.app.inject({
      method: 'POST',
      url: `${url()}/benchmark`,
      payload: { decision: 'confirm' },
      headers: { cookie: provinceApprover.cookie },
    });
    expect([early.statusCode, early.json().code]).toEqual([409, 'onsite_check_not_passed']);
    // The province's operator sends a panel of three (one journalist) from 济南's pool and two drawn experts.
    const started = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url()}/onsite-check`,
      payload: { panelSize: 3, minMedia: 1, experts: 2 },
      allowed: provinceOperator,
      wrongRole: provinceApprover,
      okStatus: 201,
    });
    const check = started.json();
    const smallPanel = await t.app.inject({
      method: 'POST',
      url: `${url(WEIYILU)}/onsite-check`,
      payload: { panelSize: 2, minMedia: 1 },
      headers: { cookie: provinceOperator.cookie },
    });
    expect([smallPanel.statusCode, smallPanel.json().errors[0].path]).toEqual([400, 'body.panelSize']);
    expect(check).toMatchObject({ poolRegionCode: '370100', panelSize: 3, scored: 0, passed: false });
    expect(check.experts).toHaveLength(2);
    const twice = await t.app.inject({
      method: 'POST',
      url: `${url()}/onsite-check`,
      payload: {},
      headers: { cookie: provinceOperator.cookie },
    });
    expect(twice.json().code).toBe('onsite_check_exists');
    // The draw is the directory's, public and re-runnable: no expert of 济南 among the candidates.
    const draw = await t.app.inject({ method: 'GET', url: `/api/v1/directory/draws/${check.drawId}/verification` });
    expect(draw.statusCode, draw.body).toBe(200);
    // Two panel members score on site: what participation's relay hands this module (each twice: a redelivery
    // counts once).
    const handler = t.modules.get('communities')!.parts.on![PARTICIPATION_EVENTS.subjectScored]!;
    for (const score of [80, 90]) {
      const event = {
        scoreId: crypto.randomUUID(),
        taskId: check.taskId,
        subject: {
          module: 'communities',
          objectType: 'benchmark_claim',
          objectId: `${JIEFANGQIAO}:${YEAR}`,
          title: 'x',
        },
        regionCode: '370100',
        kind: 'site_check',
        score,
        confirmed: true,
        supervisorRef: crypto.randomUUID(),
        media: score === 80,
        panel: { size: 3, scored: 1, median: score },
        submittedAt: t.clock.now().toISOString(),
      };
      for (let i = 0; i < 2; i++)
        await handler(event, t.systemCtx(), { id: 1, createdAt: t.clock.now(), module: 'participation' });
    }
    const seen = await t.app.inject({ method: 'GET', url: url(), headers: { cookie: provinceApprover.cookie } });
    expect(seen.json().onsiteCheck).toMatchObject({ scored: 2, confirmed: 2, median: 85, passed: true });
    const done = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${url()}/benchmark`,
      payload: { decision: 'confirm', note: '实地核验通过' },
      allowed: provinceApprover,
      wrongRole: approver,
      // Province approvers are bound to the province: there is no wrong region for them.
    });
    expect(done.json()).toMatchObject({ status: 'confirmed', note: '实地核验通过' });
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      headers: { cookie: worker.cookie },
    });
    expect(after.json()).toMatchObject({ tier: 'benchmark', tierYear: YEAR });
    const cov = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/coverage?region=370102',
      headers: { cookie: lixia.cookie },
    });
    expect(cov.json().counties[0]).toMatchObject({ benchmark: 1, smart: 1 });
    // The campaign year's confirmed tiers are the trend the one screen forecasts.
    expect(cov.json().byYear).toEqual([{ year: YEAR, basicGrowth: 0, benchmark: 1 }]);
  });

  it('refuses a check by whoever reported the values', async () => {
    await t.app.inject({
      method: 'PUT',
      url: url(WEIYILU),
      payload: { values: valuesAt(3) },
      headers: { cookie: shizhong.cookie },
    });
    // A binding made around the role-conflict rule (as legacy data might hold): the four-eyes check still stops it.
    await t.legacyRole(shizhong, 'county_approver', '370103');
    const own = await t.app.inject({
      method: 'POST',
      url: `${url(WEIYILU)}/check`,
      payload: { decision: 'confirm' },
      headers: { cookie: shizhong.cookie },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const other = await t.app.inject({
      method: 'POST',
      url: `${url(WEIYILU)}/check`,
      payload: { decision: 'return', note: '补充佐证' },
      headers: { cookie: otherApprover.cookie },
    });
    expect(other.json()).toMatchObject({ status: 'returned', note: '补充佐证' });
  });
});
