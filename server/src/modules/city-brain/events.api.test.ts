import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

describeDb('city-brain event loop api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let qdOp: TestUser;
  let jnOp: TestUser;
  let qdAp: TestUser;
  let jnAp: TestUser;
  let shinan: TestUser;
  let expert: TestUser;
  let id: string;
  const base = '/api/v1/city-brain/events';
  const as = (u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: u.cookie } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    qdOp = await t.user('city_operator', '370200');
    jnOp = await t.user('city_operator', '370100');
    qdAp = await t.user('city_approver', '370200');
    jnAp = await t.user('city_approver', '370100');
    shinan = await t.user('county_operator', '370202');
    expert = await t.user('expert', '370000');
    const sp = await as(province, 'POST', '/api/v1/city-brain/sub-platforms', {
      code: 'c370200',
      kind: 'city_brain',
      name: '青岛城市云脑',
      regionCode: '370200',
      ownerUnit: '青岛市大数据局',
      contactName: '王工',
      contactPhone: '0532-85912345',
      publishes: ['event', 'heartbeat'],
      receives: ['task', 'alert'],
    });
    expect(sp.statusCode, sp.body).toBe(201);
  });
  afterAll(() => t.close());

  it('raises an event at a desk: the matrix; 400 names the field', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: base,
      payload: { regionCode: '370202', category: 'road_facility', severity: 'medium', title: '香港中路井盖缺失' },
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
      okStatus: 201,
    });
    id = ok.json().id;
    expect(ok.json()).toMatchObject({ status: 'reported', regionName: '市南区', source: 'province', overdue: false });
    const bad = await as(qdOp, 'POST', base, { regionCode: '370202', category: 'ufo', severity: 'low', title: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('category');
  });

  it('goes through the seven steps with the matrix at each, a task sent down at dispatch, four eyes at verification', async () => {
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/${id}/register`,
      payload: { accept: true },
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    const early = await as(qdAp, 'POST', `${base}/${id}/verify`, { passed: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('event_wrong_step');
    const away = await as(qdOp, 'POST', `${base}/${id}/dispatch`, { regionCode: '370102', department: '历下区城管局' });
    expect(away.statusCode).toBe(400);
    expect(away.json()).toMatchObject({ code: 'dispatch_outside_region', errors: [{ path: 'regionCode' }] });
    const dispatched = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/${id}/dispatch`,
      payload: { regionCode: '370202', department: '市南区城市管理局' },
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    expect(dispatched.json()).toMatchObject({
      status: 'dispatched',
      handlerLevel: 'county',
      handlerRegionName: '市南区',
    });
    const subs = (await as(province, 'GET', '/api/v1/city-brain/sub-platforms')).json();
    const tasks = (await as(province, 'GET', `/api/v1/city-brain/sub-platforms/${subs.items[0].id}/messages`)).json();
    expect(tasks.items[0]).toMatchObject({ kind: 'task', eventId: id, status: 'pending' });

    await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/${id}/feedback`,
      payload: { stage: 'handled', result: '已补装井盖' },
      allowed: shinan,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    // Whoever dispatched it cannot close it, even holding an approver's role (an account from before the rules).
    await t.legacyRole(qdOp, 'city_approver', '370200');
    const own = await as(qdOp, 'POST', `${base}/${id}/verify`, { passed: true });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const closed = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/${id}/verify`,
      payload: { passed: true, note: '现场核查已修复' },
      allowed: qdAp,
      wrongRole: shinan,
      wrongRegion: jnAp,
    });
    expect(closed.json()).toMatchObject({ status: 'closed', deadline: null, result: '已补装井盖' });
    const evaluated = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/${id}/evaluate`,
      payload: { rating: 5 },
      allowed: qdAp,
      wrongRole: shinan,
      wrongRegion: jnAp,
    });
    expect(evaluated.json().status).toBe('evaluated');
    const badRating = await as(qdAp, 'POST', `${base}/${id}/evaluate`, { rating: 9 });
    expect(badRating.statusCode).toBe(400);
    expect(badRating.json().errors[0].path).toContain('rating');

    const detail = await expectAuthMatrix(t, {
      method: 'GET',
      url: `${base}/${id}`,
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    expect(detail.json().history.map((h: { action: string }) => h.action)).toEqual([
      'reported',
      'registered',
      'dispatched',
      'fed_back',
      'closed',
      'evaluated',
    ]);
    expect(detail.json().history.every((h: { onTime: boolean | null }) => h.onTime !== false)).toBe(true);
  });

  it('lists and counts within the caller’s scope: the matrix; rates by city and category', async () => {
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `${base}?region=370200&status=evaluated`,
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    expect((await as(jnOp, 'GET', base)).json().total).toBe(0);
    const stats = await expectAuthMatrix(t, {
      method: 'GET',
      url: `${base}/statistics?region=370200`,
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    expect(stats.json().byCity).toEqual([
      expect.objectContaining({ regionCode: '370200', total: 1, closed: 1, open: 0, overdue: 0, closureRate: 1 }),
    ]);
    expect(stats.json().byCategory.find((c: { category: string }) => c.category === 'road_facility')).toMatchObject({
      closureRate: 1,
      onTimeRate: 1,
    });
  });
  it('supervises an overdue step once each: a reminder, then an escalation', async () => {
    const e = (
      await as(qdOp, 'POST', base, {
        regionCode: '370202',
        category: 'public_safety',
        severity: 'high',
        title: '燃气泄漏',
      })
    ).json();
    const run = () => t.jobs.runOnce('city-brain', 'supervise');
    t.clock.advance(20 * 60_000);
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    // (a request in between keeps the test's session from idling out)
    expect((await as(qdOp, 'GET', `${base}/${e.id}`)).json().supervision).toBe('reminder');
    t.clock.advance(10 * 60_000);
    expect(await run()).toBe(1);
    const d = (await as(qdOp, 'GET', `${base}/${e.id}`)).json();
    expect(d).toMatchObject({ overdue: true, supervision: 'escalation' });
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['reported', 'reminder', 'escalation']);
    const overdue = (await as(qdOp, 'GET', `${base}?overdue=true`)).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toEqual([e.id]);
  });
});
