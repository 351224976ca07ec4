import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SurveyDefinition } from '@zhicheng/contracts/participation';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

/** A survey with nothing in common with the demo's: other question ids, a rating before any choice. */
const DEF: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '出行',
      questions: [
        { id: 'county', type: 'region', title: '所在区县', required: true, mandatory: true },
        { id: 'busScore', type: 'rating', title: '公交满意度', required: true, mandatory: false, scale: 5 },
        {
          id: 'mode',
          type: 'single',
          title: '主要出行方式',
          required: true,
          mandatory: false,
          options: [
            { id: 'bus', label: '公交' },
            { id: 'car', label: '自驾' },
            { id: 'bike', label: '骑行' },
          ],
        },
        { id: 'wish', type: 'text', title: '建议', required: false, mandatory: false, maxLength: 200 },
      ],
    },
  ],
};

describeDb('participation cross-tab on any survey', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let campaignId: string;
  const stats = (q = '') =>
    t.app.inject({
      url: `/api/v1/participation/campaigns/${campaignId}/stats${q}`,
      headers: { cookie: province.cookie },
    });
  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    const post = (url: string, payload: object, headers: Record<string, string> = { cookie: province.cookie }) =>
      t.app.inject({ method: 'POST', url, payload, headers });
    const c = await post('/api/v1/participation/campaigns', {
      title: '出行需求调查',
      year: 2024,
      regionCode: '370000',
      retentionDays: 30,
    });
    campaignId = c.json().id;
    const s = await post(`/api/v1/participation/campaigns/${campaignId}/surveys`, {
      regionCode: '370000',
      title: '出行问卷',
      definition: DEF,
    });
    expect(s.statusCode).toBe(201);
    expect((await post(`/api/v1/participation/surveys/${s.json().id}/publish`, {})).statusCode).toBe(200);
    let ip = 0;
    for (const [county, score, mode] of [
      ['370102', 4, 'bus'],
      ['370102', 2, 'car'],
      ['370103', 5, 'bus'],
    ] as const) {
      const r = await post(
        `/api/v1/participation/surveys/${s.json().id}/responses`,
        {
          consentVersion: 'v1',
          deviceToken: crypto.randomUUID(),
          answers: [
            { questionId: 'county', value: county },
            { questionId: 'busScore', value: score },
            { questionId: 'mode', value: mode },
          ],
        },
        { 'x-forwarded-for': `10.8.0.${++ip}`, 'idempotency-key': crypto.randomUUID() },
      );
      expect(r.statusCode).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('picks the first choice or rating question of the survey itself when none is asked for', async () => {
    const r = await stats();
    expect(r.statusCode).toBe(200);
    expect(r.json().crossTab.questionId).toBe('busScore');
    const city = r.json().crossTab.rows.find((x: { code: string }) => x.code === '370100');
    expect(city.total).toBe(3);
  });

  it('cross-tabulates the question the user chooses, and names the field for one the survey does not have', async () => {
    const r = await stats('?crossQuestion=mode&region=370100');
    expect(r.statusCode).toBe(200);
    const tab = r.json().crossTab;
    expect(tab.options.map((o: { id: string }) => o.id)).toEqual(['bus', 'car', 'bike']);
    const lixia = tab.rows.find((x: { code: string }) => x.code === '370102');
    expect(lixia.counts).toEqual([1, 1, 0]);
    for (const bad of ['useApp', 'wish']) {
      const b = await stats(`?crossQuestion=${bad}`);
      expect(b.statusCode).toBe(400);
      expect(b.json().errors[0].path).toBe('crossQuestion');
    }
  });
});
