import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { sampleCase } from './test-fixtures.ts';

describeDb('scenarios api: merging near-duplicates only with both authors’ consent', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let jinanOp: TestUser;
  let jinanApprover: TestUser;
  let qingdaoApprover: TestUser;
  const send = (who: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: who.cookie } });
  const file = async (who: TestUser, regionCode: string, title: string) => {
    const r = await send(who, 'POST', '/api/v1/scenarios/cases', sampleCase({ regionCode, title }));
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinanOp = await t.user('city_operator', '370100');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
  });
  afterAll(() => t.close());

  it('proposes, collects each side’s consent, and only then retires the case', async () => {
    // The same scenario filed twice, by 历下 and by 市中 (the text of one copied into the other).
    const a = await file(lixia, '370102', '历下区智慧停车一张网(合并测试)');
    const b = await file(shizhong, '370103', '市中区智慧停车一张网(合并测试)');
    const proposed = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/cases/${a}/duplicates/${b}/merge`,
      payload: { reason: '同一停车平台重复填报' },
      allowed: jinanApprover,
      wrongRole: lixia,
      wrongRegion: qingdaoApprover,
      okStatus: 201,
    });
    const p = proposed.json();
    expect(p).toMatchObject({ caseId: a, intoId: b, status: 'pending', caseConsent: false, intoConsent: false });
    const twice = await send(jinanApprover, 'POST', `/api/v1/scenarios/cases/${b}/duplicates/${a}/merge`, {
      reason: '再次建议',
    });
    expect(twice.json().code).toBe('scenarios_merge_pending');
    // The case pages show it; each author may answer for their own side only.
    const pageA = (await send(lixia, 'GET', `/api/v1/scenarios/cases/${a}`)).json();
    expect(pageA.merges).toMatchObject([{ id: p.id, canConsentFor: 'case' }]);
    const pageB = (await send(shizhong, 'GET', `/api/v1/scenarios/cases/${b}`)).json();
    expect(pageB.merges).toMatchObject([{ id: p.id, canConsentFor: 'into' }]);
    const consent = `/api/v1/scenarios/merges/${p.id}/consent`;
    const stranger = await send(jinanOp, 'POST', consent, { accept: true });
    expect([stranger.statusCode, stranger.json().code]).toEqual([403, 'scenarios_not_author']);
    const first = await expectAuthMatrix(t, {
      method: 'POST',
      url: consent,
      payload: { accept: true },
      allowed: lixia,
      wrongRole: jinanApprover,
    });
    expect(first.json()).toMatchObject({ status: 'pending', caseConsent: true, intoConsent: false });
    expect((await send(lixia, 'GET', `/api/v1/scenarios/cases/${a}`)).json().status).toBe('draft');
    expect((await send(lixia, 'POST', consent, { accept: true })).json().code).toBe('scenarios_merge_not_pending');
    const second = await send(shizhong, 'POST', consent, { accept: true });
    expect(second.json()).toMatchObject({ status: 'merged', caseConsent: true, intoConsent: true });
    const retired = (await send(lixia, 'GET', `/api/v1/scenarios/cases/${a}`)).json();
    expect(retired.status).toBe('retired');
    expect(retired.history.at(-1)).toMatchObject({ action: 'merge', toStatus: 'retired' });
    expect(retired.history.at(-1).reason).toContain('市中区智慧停车一张网');
  });

  it('ends a proposal when an author declines; the case stays as it was', async () => {
    const c = await file(lixia, '370102', '历下区智慧停车二期(合并测试)');
    const d = await file(shizhong, '370103', '市中区智慧停车二期(合并测试)');
    const p = (
      await send(jinanApprover, 'POST', `/api/v1/scenarios/cases/${c}/duplicates/${d}/merge`, { reason: '疑似重复' })
    ).json();
    const no = await send(shizhong, 'POST', `/api/v1/scenarios/merges/${p.id}/consent`, {
      accept: false,
      note: '两期建设内容不同',
    });
    expect(no.json()).toMatchObject({ status: 'declined', declineNote: '两期建设内容不同' });
    expect((await send(lixia, 'GET', `/api/v1/scenarios/cases/${c}`)).json().status).toBe('draft');
    const late = await send(lixia, 'POST', `/api/v1/scenarios/merges/${p.id}/consent`, { accept: true });
    expect(late.json().code).toBe('scenarios_merge_not_pending');
  });
});
