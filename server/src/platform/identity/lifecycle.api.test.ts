import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/app.ts';

/**
 * The account lifecycle (issue 15): edit, disable and enable, password reset to a one-time password that must be
 * changed before anything else works, organisations edited — by the system admin only, within scope, never on an
 * admin account or one's own, every change audited.
 */
describeDb('identity lifecycle api', (kind) => {
  let t: TestApp;
  let sysadmin: TestUser;
  let secadmin: TestUser;
  let cityAdmin: TestUser;
  let target: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sysadmin = await t.user('system_admin', '370000');
    secadmin = await t.user('security_admin', '370000');
    target = await t.user('county_operator', '370102');
    // A system admin whose scope is Qingdao only (an account from before the level rule): the wrong region.
    cityAdmin = await t.user('city_operator', '370200');
    await t.legacyRole(cityAdmin, 'system_admin', '370200');
  });
  afterAll(() => t.close());

  const call = (u: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: u ? { cookie: u.cookie } : {} });
  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const cookieOf = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;
  const trail = async (objectId: string) =>
    (await t.platform.audit.search(t.platform.db, { objectId, page: 1, pageSize: 20 })).items.map((i) => i.action);

  it('edits an account’s name and organisation: 401 / 403 role / 403 region / 400 / 204, audited', async () => {
    const org = await t.platform.identity.createOrganisation(t.systemCtx(), {
      name: '历下区大数据中心',
      kind: 'bureau',
      regionCode: '370102',
    });
    await expectAuthMatrix(t, {
      method: 'PATCH',
      url: `/api/v1/identity/users/${target.id}`,
      payload: { displayName: '历下 填报员', organisationId: org },
      allowed: sysadmin,
      wrongRole: secadmin,
      wrongRegion: cityAdmin,
      okStatus: 204,
    });
    const bad = await call(sysadmin, 'PATCH', `/api/v1/identity/users/${target.id}`, { displayName: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('displayName');
    const username = await call(sysadmin, 'PATCH', `/api/v1/identity/users/${target.id}`, { username: 'renamed' });
    expect(username.statusCode).toBe(400);
    const listed = (await call(sysadmin, 'GET', '/api/v1/identity/users?q=历下')).json().items;
    expect(listed.find((u: { id: string }) => u.id === target.id)).toMatchObject({
      displayName: '历下 填报员',
      organisationId: org,
      organisationName: '历下区大数据中心',
      admin: false,
    });
    expect(await trail(target.id)).toContain('identity.user.update');
  });

  it('disables an account (its sessions end, sign-in refused) and enables it again, with a reason', async () => {
    const u = await t.user('county_operator', '370103');
    await expectAuthMatrix(t, {
      method: 'PUT',
      url: `/api/v1/identity/users/${u.id}/status`,
      payload: { status: 'disabled', reason: '调离岗位' },
      allowed: sysadmin,
      wrongRole: secadmin,
      wrongRegion: cityAdmin,
      okStatus: 204,
    });
    expect((await call(u, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    const noReason = await call(sysadmin, 'PUT', `/api/v1/identity/users/${u.id}/status`, { status: 'active' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toContain('reason');
    expect(
      (await call(sysadmin, 'PUT', `/api/v1/identity/users/${u.id}/status`, { status: 'active', reason: '返岗' }))
        .statusCode,
    ).toBe(204);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await trail(u.id)).toEqual(expect.arrayContaining(['identity.user.disable', 'identity.user.enable']));
  });

  it('never manages an admin account or one’s own (三员分立)', async () => {
    for (const id of [secadmin.id, sysadmin.id]) {
      const r = await call(sysadmin, 'PUT', `/api/v1/identity/users/${id}/status`, {
        status: 'disabled',
        reason: 'x1',
      });
      expect(r.statusCode).toBe(403);
      expect((await call(sysadmin, 'POST', `/api/v1/identity/users/${id}/password-reset`)).statusCode).toBe(403);
    }
    const missing = await call(sysadmin, 'POST', `/api/v1/identity/users/${crypto.randomUUID()}/password-reset`);
    expect(missing.statusCode).toBe(404);
  });

  it('resets to a one-time password that opens nothing but its own change, then works as usual', async () => {
    const u = await t.user('county_operator', '370104');
    const reset = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/identity/users/${u.id}/password-reset`,
      allowed: sysadmin,
      wrongRole: secadmin,
      wrongRegion: cityAdmin,
    });
    const otp: string = reset.json().oneTimePassword;
    expect(otp).toMatch(/^\w{5}-\w{5}-\w{5}$/);
    expect(
      JSON.stringify(await t.platform.audit.search(t.platform.db, { objectId: u.id, page: 1, pageSize: 20 })),
    ).not.toContain(otp);
    // The old session and the old password are gone.
    expect((await call(u, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    const signedIn = await login(u.username, otp);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(signedIn);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/assessment/campaigns', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'password_change_required', message: { zh: expect.any(String) } });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: otp, newPassword: 'Own#Choice-2026-lx' },
      headers: { cookie },
    });
    expect(changed.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().mustChangePassword).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/assessment/campaigns', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect(await trail(u.id)).toEqual(expect.arrayContaining(['identity.user.password-reset']));
  });

  it('makes the password the system admin typed for a new account a one-time password', async () => {
    const org = (await call(sysadmin, 'GET', '/api/v1/identity/organisations')).json().items[0].id;
    const created = await call(sysadmin, 'POST', '/api/v1/identity/users', {
      username: 'first.day',
      displayName: '新人',
      organisationId: org,
      password: 'Typed#ByAdmin-2026',
    });
    expect(created.statusCode).toBe(201);
    const signedIn = await login('first.day', 'Typed#ByAdmin-2026');
    expect(signedIn.json().mustChangePassword).toBe(true);
  });

  it('renames an organisation and corrects its kind: 401 / 403 role / 403 region / 400 / 204', async () => {
    const org = await t.platform.identity.createOrganisation(t.systemCtx(), {
      name: '济南日报',
      kind: 'bureau',
      regionCode: '370100',
    });
    await expectAuthMatrix(t, {
      method: 'PATCH',
      url: `/api/v1/identity/organisations/${org}`,
      payload: { name: '济南日报社', kind: 'media' },
      allowed: sysadmin,
      wrongRole: secadmin,
      wrongRegion: cityAdmin,
      okStatus: 204,
    });
    const bad = await call(sysadmin, 'PATCH', `/api/v1/identity/organisations/${org}`, { kind: 'club' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('kind');
    const listed = (await call(sysadmin, 'GET', '/api/v1/identity/organisations')).json().items;
    expect(listed.find((o: { id: string }) => o.id === org)).toMatchObject({ name: '济南日报社', kind: 'media' });
    expect(await trail(org)).toContain('identity.organisation.update');
  });
});
