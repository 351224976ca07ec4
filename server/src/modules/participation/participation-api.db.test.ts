import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  PARTICIPATION_EVENTS,
  SatisfactionAnswered,
  SubjectScored,
  type SupervisionTaskRequest,
} from '@zhicheng/contracts/participation';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { moduleApi } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { queryRows } from '../../platform/database/index.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { CampaignsService } from './campaigns.service.ts';
import { DEMO_DEFINITION } from './demo-data.ts';
import { PublishedSurveys } from './published-surveys.ts';
import { RegionScope } from './region-scope.ts';
import { SupervisorsService } from './supervisors.service.ts';

/** What other modules call (ParticipationApi): demand topics, site checks by a drawn panel, satisfaction follow-ups. */
describeDb('participation api for other modules', (kind) => {
  let t: TestApp;
  let lixia: TestUser, shizhong: TestUser;
  let surveyId: string;
  let ip = 0;
  const api = () => moduleApi(t, 'participation');
  const subject = { module: 'communities', objectType: 'facility', objectId: 'f-001', title: '燕山街道智慧养老驿站' };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };
  const outbox = (topic: string) =>
    queryRows<{ payload: unknown }>(t.database.db, sql`SELECT payload FROM platform.outbox WHERE topic = ${topic}`);
  const answer = (county: string, demand: string, phone?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/participation/surveys/${surveyId}/responses`,
      headers: { 'idempotency-key': crypto.randomUUID(), 'x-forwarded-for': `10.7.0.${++ip}` },
      payload: {
        consentVersion: 'v1',
        deviceToken: crypto.randomUUID(),
        ...(phone ? { phone } : {}),
        answers: [
          { questionId: 'region', value: county },
          { questionId: 'age', value: 'a2' },
          { questionId: 'useApp', value: 'no' },
          { questionId: 'fields', value: ['elder'] },
          { questionId: 'demand', value: demand },
        ],
      },
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    const p = t.platform;
    const scope = new RegionScope(p, moduleApi(t, 'regions'));
    const campaigns = new CampaignsService(p, scope, new PublishedSurveys(new CampaignsRepository(p.db)));
    const sys = t.systemCtx();
    // An older campaign whose demands differ: the latest one is the one that counts.
    for (const year of [2023, 2024]) {
      const c = await campaigns.createCampaign(sys, {
        title: `${year}`,
        year,
        regionCode: '370000',
        retentionDays: 30,
      });
      const s = await campaigns.createSurvey(sys, c.id, {
        regionCode: '370000',
        title: 's',
        description: '',
        consentVersion: 'v1',
        consentText: '',
        verifiedOnly: false,
        definition: DEMO_DEFINITION,
      });
      await campaigns.publishSurvey(sys, s.id);
      surveyId = s.id;
      if (year === 2023)
        for (let i = 0; i < 6; i++) expect((await answer('370102', '公交车班次太少')).statusCode).toBe(201);
    }
    const texts = ['社区养老服务中心太少', '老人就餐不方便,希望建社区食堂', '社区养老服务中心离家太远', '停车位太少'];
    for (let i = 0; i < 12; i++)
      expect(
        (await answer(i % 3 ? '370102' : '370103', texts[i % texts.length]!, `1391234${1000 + i}`)).statusCode,
      ).toBe(201);
    // The pool of 历下区: eight approved members, two of them media.
    const pool = new SupervisorsService(p, scope);
    for (let i = 0; i < 8; i++)
      await pool.apply(
        sys,
        {
          name: `监督员${i}`,
          phone: `1370000${String(i).padStart(4, '0')}`,
          regionCode: '370102',
          occupation: i < 2 ? '记者' : '教师',
          ageBand: '30-44',
          gender: i % 2 ? 'male' : 'female',
          media: i < 2,
          statement: '',
        },
        { status: 'approved', termStart: '2024-01-01', termEnd: '2026-12-31' },
      );
  });
  afterAll(() => t.close());

  it('gives the demand topics of the latest campaign covering a county, counted over that county', async () => {
    const topics = await api().demandTopics('370102');
    expect(topics.length).toBeGreaterThan(0);
    const top = topics[0]!;
    expect(Object.keys(top).sort()).toEqual(['count', 'keywords', 'label', 'share']);
    expect(top.label).toMatch(/养老|社区/);
    expect(topics.reduce((a, x) => a + x.count, 0)).toBeLessThanOrEqual(8);
    expect(topics.some((x) => x.keywords.includes('公交车'))).toBe(false);
    expect(JSON.stringify(topics)).not.toContain('离家太远');
    expect(await api().demandTopics('370103', { limit: 1 })).toHaveLength(1);
    expect(await api().demandTopics('999999')).toEqual([]);
  });

  it('summarises the latest covering campaign’s answers in a region’s subtree, counts only', async () => {
    const province = await api().summary('370000');
    expect(province.campaign).toMatchObject({ title: '2024', year: 2024, regionCode: '370000', status: 'open' });
    expect(province.responses).toBe(12);
    const lixiaSummary = await api().summary('370102');
    expect(lixiaSummary.responses).toBe(8);
    expect(lixiaSummary.byRegion).toEqual([{ code: '370102', n: 8 }]);
    expect(lixiaSummary.byDay.reduce((a, d) => a + d.n, 0)).toBe(8);
    expect(lixiaSummary.byChannel.reduce((a, d) => a + d.n, 0)).toBe(8);
    expect(lixiaSummary.sample).toBe(false);
    expect(lixiaSummary.asOf).toBe(t.clock.now().toISOString());
    expect(JSON.stringify(lixiaSummary)).not.toMatch(/养老|1391234/);
    expect(await api().summary('999999')).toMatchObject({ campaign: null, responses: 0, asOf: null });
  });

  it('creates a site check of another module’s object with its panel drawn; the scores reach that module', async () => {
    const input: SupervisionTaskRequest = { subject, regionCode: '370102', panelSize: 3, quotas: { minMedia: 1 } };
    expect((await refusal(api().createSupervisionTask(shizhong.ctx, input))).code).toBe('out_of_region_scope');
    const bad = await refusal(api().createSupervisionTask(lixia.ctx, { ...input, panelSize: 0 }));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors?.[0]?.path).toBe('panelSize');
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/v1/participation/tasks', headers: { cookie: lixia.cookie } })
    ).json().items.length;
    expect((await refusal(api().createSupervisionTask(lixia.ctx, { ...input, panelSize: 9 }))).code).toBe(
      'panel_infeasible',
    );
    const task = await api().createSupervisionTask(lixia.ctx, input);
    expect(task).toMatchObject({
      kind: 'site_check',
      status: 'drawn',
      subject,
      title: '现场核验:燕山街道智慧养老驿站',
    });
    expect(task.members).toHaveLength(3);
    expect(task.members.filter((m) => m.media).length).toBeGreaterThanOrEqual(1);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/participation/tasks', headers: { cookie: lixia.cookie } })
    ).json();
    expect(list.items).toHaveLength(before + 1);
    const check = await t.app.inject({
      method: 'GET',
      url: `/api/v1/participation/tasks/${task.id}/draw-check`,
      headers: { cookie: lixia.cookie },
    });
    expect(check.json().matches).toBe(true);

    // A member signs in, photographs the site and scores: the asking module gets the score with its subject.
    const member = await t.user('citizen_supervisor', '370102');
    const seat = task.members[0]!.supervisorId;
    await t.database.db.execute(
      sql`UPDATE participation.supervisor SET user_id = ${member.id}, username = ${member.username} WHERE id = ${seat}`,
    );
    const score = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/participation/tasks/${task.id}/scores`,
        payload,
        headers: { cookie: member.cookie },
      });
    expect((await score({ score: 70 })).json().errors[0].path).toBe('confirmed');
    expect((await score({ score: 70, confirmed: true })).json().code).toBe('photo_required');
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c00000000049454e44ae426082',
      'hex',
    );
    const boundary = `----zc${crypto.randomUUID()}`;
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/participation/tasks/${task.id}/photos`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { cookie: member.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode).toBe(201);
    const scored = await score({ score: 72, confirmed: true, comment: '设施已投用' });
    expect(scored.statusCode).toBe(201);
    const events = await outbox(PARTICIPATION_EVENTS.subjectScored);
    expect(events).toHaveLength(1);
    expect(SubjectScored.parse(events[0]!.payload)).toMatchObject({
      scoreId: scored.json().scoreId,
      taskId: task.id,
      subject,
      regionCode: '370102',
      kind: 'site_check',
      score: 72,
      confirmed: true,
      supervisorRef: seat,
      panel: { size: 3, scored: 1, median: 72 },
    });
    expect(JSON.stringify(events[0]!.payload)).not.toContain('监督员');
    // Assessment's co-evaluation feed is for the bureau's own tasks only.
    expect(await outbox(PARTICIPATION_EVENTS.supervisorScoreSubmitted)).toHaveLength(0);
  });

  it('asks for satisfaction about another module’s object by private link; the answer reaches that module', async () => {
    const input = {
      subject,
      regionCode: '370102',
      department: '历下区民政局',
      note: '驿站已开放,提供助餐服务。',
      phones: ['13800001111', '13800001111', '13800002222'],
      demandWords: ['养老'],
    };
    expect((await refusal(api().createSatisfactionFollowup(shizhong.ctx, input))).code).toBe('out_of_region_scope');
    const none = await refusal(api().createSatisfactionFollowup(lixia.ctx, { ...input, phones: [], demandWords: [] }));
    expect(none.fieldErrors?.[0]?.path).toBe('phones');
    const made = await api().createSatisfactionFollowup(lixia.ctx, input);
    // Two phones given (one twice) and the 历下区 respondents who mentioned 养老 and left a phone.
    expect(made.created).toBeGreaterThanOrEqual(4);
    expect(made.links.map((l) => l.phoneMasked)).toContain('138****1111');
    expect(JSON.stringify(made)).not.toContain('13800001111');
    expect((await api().createSatisfactionFollowup(lixia.ctx, input)).created).toBe(0);

    const token = made.links[0]!.token;
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/participation/public/followups/${token}` });
    expect(page.json()).toEqual({
      actionTitle: subject.title,
      department: '历下区民政局',
      progressNote: '驿站已开放,提供助餐服务。',
      status: 'done',
      answered: false,
    });
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/participation/public/followups/${token}`,
        payload: { satisfaction: 4, comment: '很好,电话13800001111' },
      });
    expect((await send()).statusCode).toBe(204);
    expect((await send()).statusCode).toBe(409);
    const events = await outbox(PARTICIPATION_EVENTS.satisfactionAnswered);
    expect(events).toHaveLength(1);
    expect(SatisfactionAnswered.parse(events[0]!.payload)).toMatchObject({
      subject,
      regionCode: '370102',
      satisfaction: 4,
    });
    expect(JSON.stringify(events[0]!.payload)).not.toContain('1380000');
    const stored = await queryRows<{ phone_masked: string | null }>(
      t.database.db,
      sql`SELECT phone_masked FROM participation.followup WHERE subject_id = 'f-001'`,
    );
    expect(JSON.stringify(stored)).not.toContain('13800001111');
  });
});
