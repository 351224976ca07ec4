import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/app.ts';
import { LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './identity.service.ts';

describeDb('identity api', (kind) => {
  let t: TestApp;
  let county: TestUser;
  let sysadmin: TestUser;
  let secadmin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    county = await t.user('county_operator', '370102');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'x-forwarded-for': ip } });

  it('logs in with an httpOnly SameSite cookie and reports the user', async () => {
    const r = await login(county.username, TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/zc_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: set.split(';')[0]! } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: county.username, roles: [{ role: 'county_operator', regionCode: '370102', regionName: '历下区' }] });
    expect(JSON.stringify(me.json())).not.toMatch(/password/i);
  });

  it('never treats a missing user as a trusted caller; only systemContext skips the checks', async () => {
    const anonymous = { actor: null, requestId: 'anonymous' };
    const org = (await t.platform.identity.listOrganisations())[0]!;
    const input = { username: 'minted.admin', displayName: 'x', organisationId: org.id, password: TEST_PASSWORD, roles: [{ role: 'system_admin' as const, regionCode: '370000' }] };
    await expect(t.platform.identity.createUser(anonymous, input)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(t.platform.identity.createOrganisation(anonymous, { name: 'x', kind: 'bureau', regionCode: '370000' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(t.platform.identity.unlock(anonymous, county.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    // A context that merely looks like a system one (as a request body could) is not one.
    const forged = { actor: null, requestId: 'forged', system: { name: 'cli' } } as never;
    await expect(t.platform.identity.createUser(forged, input)).rejects.toMatchObject({ code: 'unauthenticated' });
    const id = await t.platform.identity.createUser(t.systemCtx(), { ...input, username: 'cli.made.admin' });
    const trail = await t.platform.audit.search(t.platform.db, { objectId: id, page: 1, pageSize: 5 });
    expect(trail.items[0]).toMatchObject({ action: 'identity.user.create', actorUsername: 'system:test' });
  });

  it('answers a wrong password with 401 problem+json in both languages', async () => {
    const r = await login(county.username, 'wrong-password-X1');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'invalid_credentials', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('validation_failed');
    expect(r.json().errors[0].path).toContain('password');
  });

  it('locks the account after 5 failures for 15 minutes, even for the right password', async () => {
    const victim = await t.user('county_operator', '370103');
    for (let i = 0; i < 5; i++) expect((await login(victim.username, `Wrong#Pass${i}xx`, '10.0.0.2')).statusCode).toBe(401);
    const locked = await login(victim.username, TEST_PASSWORD, '10.0.0.2');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    t.clock.advance(LOCKOUT_MS + 1000);
    expect((await login(victim.username, TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    const u = await t.user('county_operator', '370104');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: u.cookie } });
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS + 1000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');

    const v = await t.user('county_operator', '370105');
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS; elapsed += SESSION_IDLE_MS / 2) {
      t.clock.advance(SESSION_IDLE_MS / 2);
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: v.cookie } });
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: v.cookie } })).statusCode).toBe(401);
  });

  it('changes the own password: 401 without a session, 400 when weak, 401 with a wrong current one, 204', async () => {
    const u = await t.user('county_operator', '370113');
    const change = (body: unknown, cookie?: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: body as object, headers: cookie ? { cookie } : {} });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Another#Strong-99' })).statusCode).toBe(401);
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password1234' }, u.cookie);
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ path: 'newPassword' }] });
    expect((await change({ currentPassword: 'Not#TheRight-1', newPassword: 'Another#Strong-99' }, u.cookie)).statusCode).toBe(401);
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Another#Strong-99' }, u.cookie)).statusCode).toBe(204);
    expect((await login(u.username, 'Another#Strong-99', '10.0.0.3')).statusCode).toBe(200);
  });

  it('logs out', async () => {
    const u = await t.user('county_operator', '370112');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: u.cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(401);
  });

  it('refuses weak and common passwords and two admin roles for one person', async () => {
    const ctx = t.systemCtx();
    const org = await t.platform.identity.createOrganisation(ctx, { name: 'x', kind: 'bureau', regionCode: '370000' });
    const base = { username: 'weakling', displayName: 'w', organisationId: org, roles: [{ role: 'province_operator' as const, regionCode: '370000' }] };
    await expect(t.platform.identity.createUser(ctx, { ...base, password: 'short1A!' })).rejects.toMatchObject({ code: 'weak_password' });
    await expect(t.platform.identity.createUser(ctx, { ...base, password: 'alllowercaseletters' })).rejects.toMatchObject({ code: 'weak_password' });
    await expect(t.platform.identity.createUser(ctx, { ...base, password: 'Password123!' })).rejects.toMatchObject({ code: 'weak_password' });
    await expect(t.platform.identity.createUser(ctx, { ...base, password: TEST_PASSWORD, roles: [{ role: 'system_admin', regionCode: '370000' }, { role: 'audit_admin', regionCode: '370000' }] })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(t.platform.identity.createUser(ctx, { ...base, password: TEST_PASSWORD, roles: [{ role: 'county_operator', regionCode: '370100' }] })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('stores argon2id hashes, never the password', async () => {
    const rows = await t.database.db.execute(`SELECT password_hash FROM identity.user_account LIMIT 3` as never);
    const hashes = (rows as unknown as { rows: { password_hash: string }[] }).rows.map((r) => r.password_hash);
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$/);
  });

  describe('user administration', () => {
    // Earlier tests moved the clock past these users' sessions: sign in afresh.
    beforeAll(async () => {
      sysadmin = await t.user('system_admin', '370000');
      secadmin = await t.user('security_admin', '370000');
      county = await t.user('county_operator', '370102');
    });
    it('lists users: 401 / 403 for an operator / 200 for the system admin', async () => {
      await expectAuthMatrix(t, { method: 'GET', url: '/api/v1/identity/users', allowed: sysadmin, wrongRole: county });
    });
    it('creates users only as the system admin, within scope', async () => {
      const orgs = await t.app.inject({ method: 'GET', url: '/api/v1/identity/organisations', headers: { cookie: sysadmin.cookie } });
      const orgId = orgs.json().items[0].id;
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/identity/users',
        payload: { username: 'new.user', displayName: '新用户', organisationId: orgId, password: 'Fresh#Account-77', roles: [{ role: 'city_operator', regionCode: '370200' }] },
        allowed: sysadmin,
        wrongRole: secadmin,
        okStatus: 201,
      });
      expect(r.json().id).toBeTruthy();
    });
    it('unlocks only as the security admin', async () => {
      await expectAuthMatrix(t, { method: 'POST', url: `/api/v1/identity/users/${county.id}/unlock`, allowed: secadmin, wrongRole: sysadmin, okStatus: 204 });
    });
  });
});
