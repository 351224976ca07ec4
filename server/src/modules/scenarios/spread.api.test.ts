import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { sampleCase } from './test-fixtures.ts';

describeDb('scenarios api: duplicates, adoptions and promotion events', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let shinan: TestUser;
  let jinanApprover: TestUser;
  let qingdaoApprover: TestUser;
  let provinceApprover: TestUser;
  let expert: TestUser;
  let original = '';
  let copy = '';
  const inject = (method: 'GET' | 'POST', url: string, who: TestUser | null, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: who ? { cookie: who.cookie } : {} });
  const toBoard = async (id: string, filer: TestUser, city: TestUser) => {
    await inject('POST', `/api/v1/scenarios/cases/${id}/submit`, filer);
    await inject('POST', `/api/v1/scenarios/cases/${id}/recommend`, city);
    await inject('POST', `/api/v1/scenarios/cases/${id}/accept`, provinceApprover);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    shinan = await t.user('county_operator', '370202');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
    provinceApprover = await t.user('province_approver', '370000');
    expert = await t.user('expert', '370000');
    original = (await inject('POST', '/api/v1/scenarios/cases', lixia, sampleCase())).json().id;
    await toBoard(original, lixia, jinanApprover);
    // 市中区 copies 历下区's text under its own title.
    copy = (
      await inject(
        'POST',
        '/api/v1/scenarios/cases',
        shizhong,
        sampleCase({
          regionCode: '370103',
          title: '市中区停车一张网',
          summary: sampleCase().summary.replace('全区', '市中区'),
        }),
      )
    ).json().id;
    await inject('POST', `/api/v1/scenarios/cases/${copy}/submit`, shizhong);
  });
  afterAll(() => t.close());

  it('shows a near-duplicate with the matching passages side by side, within the reader’s region', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/scenarios/cases/${copy}/duplicates`,
      allowed: jinanApprover,
      wrongRole: expert,
      wrongRegion: lixia,
    });
    const [d] = ok.json().items;
    expect(d).toMatchObject({ otherId: original, regionName: '历下区', decision: 'open' });
    expect(d.similarity).toBeGreaterThan(0.5);
    const p = d.passages.find((x: { mine: string }) => x.mine.includes('诱导屏'));
    expect(p.theirs).toContain('诱导屏');
    const unrelated = (
      await inject(
        'POST',
        '/api/v1/scenarios/cases',
        lixia,
        sampleCase({
          title: '历下区智慧养老服务',
          domain: 'service',
          category: 'elderly',
          summary: '为独居老人提供一键呼叫和上门助餐服务。',
          problem: '独居老人无人照看。',
          approach: '社区网格员定期回访,智能手环监测。',
          results: '',
        }),
      )
    ).json().id;
    expect((await inject('GET', `/api/v1/scenarios/cases/${unrelated}/duplicates`, lixia)).json().items).toEqual([]);
  });

  it('links the copy as a replication of the original (the city of the adopter then confirms), never silently', async () => {
    const bad = await inject('POST', `/api/v1/scenarios/cases/${copy}/duplicates/${original}`, jinanApprover, {
      decision: 'merge',
    });
    expect(bad.statusCode).toBe(400);
    const linked = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/cases/${copy}/duplicates/${original}`,
      payload: { decision: 'link' },
      allowed: jinanApprover,
      wrongRole: lixia,
      wrongRegion: qingdaoApprover,
    });
    expect(linked.json().items[0].decision).toBe('linked');
    const list = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/scenarios/replications',
      allowed: shizhong,
      wrongRole: expert,
    });
    const claim = list.json().items.find((r: { sourceCaseId: string }) => r.sourceCaseId === original);
    expect(claim).toMatchObject({ adopterRegion: '370103', adopterCaseId: copy, status: 'claimed' });
    // Not in public view until confirmed.
    expect((await inject('GET', `/api/v1/scenarios/public/cases/${original}/spread`, null)).json().items).toEqual([]);
    const confirmed = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/replications/${claim.id}/decision`,
      payload: { decision: 'confirm' },
      allowed: jinanApprover,
      wrongRole: shizhong,
      wrongRegion: qingdaoApprover,
    });
    expect(confirmed.json().status).toBe('confirmed');
    const spread = await inject('GET', `/api/v1/scenarios/public/cases/${original}/spread`, null);
    expect(spread.json().items.map((r: { adopterName: string }) => r.adopterName)).toEqual(['市中区']);
  });

  it('records an adoption by another city’s county and an event it followed; its own city confirms, not the province', async () => {
    const event = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/scenarios/events',
      payload: {
        kind: 'onsite',
        title: '全省智慧停车现场会',
        heldOn: '2024-03-01',
        place: '济南市历下区',
        hostRegion: '370102',
        caseIds: [original],
        attendingRegions: ['370200'],
      },
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shinan,
      okStatus: 201,
    });
    expect(event.json()).toMatchObject({ kind: 'onsite', adoptionsAfter: 0 });
    const badEvent = await inject('POST', '/api/v1/scenarios/events', lixia, {
      ...(event.json() as object),
      caseIds: [],
    });
    expect(badEvent.statusCode).toBe(400);
    const input = { adopterRegion: '370202', evidence: '已上线,附验收报告', adoptedOn: '2024-05-10' };
    const claim = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/cases/${original}/replications`,
      payload: input,
      allowed: shinan,
      wrongRole: expert,
      wrongRegion: shizhong,
      okStatus: 201,
    });
    expect(claim.json().followedEvents.map((e: { title: string }) => e.title)).toEqual(['全省智慧停车现场会']);
    const own = await inject('POST', `/api/v1/scenarios/cases/${original}/replications`, lixia, {
      ...input,
      adopterRegion: '370102',
    });
    expect(own.statusCode).toBe(400);
    expect(own.json().errors[0].path).toBe('adopterRegion');
    const province = await inject(
      'POST',
      `/api/v1/scenarios/replications/${claim.json().id}/decision`,
      provinceApprover,
      { decision: 'confirm' },
    );
    expect(province.json().code).toBe('scenarios_wrong_step');
    const noReason = await inject(
      'POST',
      `/api/v1/scenarios/replications/${claim.json().id}/decision`,
      qingdaoApprover,
      { decision: 'reject' },
    );
    expect(noReason.statusCode).toBe(400);
    const ok = await inject('POST', `/api/v1/scenarios/replications/${claim.json().id}/decision`, qingdaoApprover, {
      decision: 'confirm',
    });
    expect(ok.json().status).toBe('confirmed');
    const events = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/scenarios/events',
      allowed: lixia,
      wrongRole: expert,
    });
    expect(events.json().items[0].adoptionsAfter).toBe(1);
  });
});
