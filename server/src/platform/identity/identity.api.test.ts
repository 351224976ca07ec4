import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/app.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session.service.ts';
import { IDENTITY_GRANTS } from './identity.routes.ts';

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
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      headers: { 'x-forwarded-for': ip },
    });

  it('logs in with an httpOnly SameSite cookie and reports the user', async () => {
    const r = await login(county.username, TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/zc_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: set.split(';')[0]! } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: county.username,
      roles: [{ role: 'county_operator', regionCode: '370102', regionName: '历下区' }],
    });
    // No password or hash in the answer; only whether the one-time password must still be changed.
    const { mustChangePassword, ...rest } = me.json();
    expect(mustChangePassword).toBe(false);
    expect(JSON.stringify(rest)).not.toMatch(/password/i);
  });

  it('never treats a missing user as a trusted caller; only systemContext skips the checks', async () => {
    const anonymous = { actor: null, requestId: 'anonymous' };
    const org = (await t.platform.identity.listOrganisations())[0]!;
    const input = {
      username: 'minted.admin',
      displayName: 'x',
      organisationId: org.id,
      password: TEST_PASSWORD,
      roles: [{ role: 'system_admin' as const, regionCode: '370000' }],
    };
    await expect(t.platform.identity.createUser(anonymous, input)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(
      t.platform.identity.createOrganisation(anonymous, { name: 'x', kind: 'bureau', regionCode: '370000' }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
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
    expect(r.json()).toMatchObject({
      code: 'invalid_credentials',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('validation_failed');
    expect(r.json().errors[0].path).toContain('password');
  });

  describe('sign-in throttling', () => {
    it('holds back guesses from one address with backoff, never the owner signing in from elsewhere', async () => {
      const victim = await t.user('county_operator', '370103');
      for (let i = 0; i < 5; i++)
        expect((await login(victim.username, `Wrong#Pass${i}xx`, '10.0.0.2')).statusCode).toBe(401);
      const held = await login(victim.username, TEST_PASSWORD, '10.0.0.2');
      expect(held.statusCode).toBe(429);
      expect(held.json().code).toBe('rate_limited');
      // The attacker's address is held back; the owner elsewhere is not (no 423 lockout anyone could trigger).
      expect((await login(victim.username, TEST_PASSWORD, '10.0.0.99')).statusCode).toBe(200);
      // After 30 s one more guess gets through, then the wait doubles.
      t.clock.advance(31_000);
      expect((await login(victim.username, 'Wrong#Pass9xx', '10.0.0.2')).statusCode).toBe(401);
      expect((await login(victim.username, TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(429);
      t.clock.advance(31_000);
      expect((await login(victim.username, TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(429);
      t.clock.advance(31_000);
      expect((await login(victim.username, TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    });

    it('answers an unknown username exactly like a known one, held back included', async () => {
      const known = await t.user('county_operator', '370104');
      const answers = async (username: string, ip: string) => {
        const out: string[] = [];
        for (let i = 0; i < 7; i++) {
          const r = await login(username, `Wrong#Pass${i}xx`, ip);
          out.push(`${r.statusCode} ${r.json().code}`);
        }
        return out;
      };
      const a = await answers(known.username, '10.0.1.1');
      expect(await answers('no.such.user', '10.0.1.2')).toEqual(a);
      expect(a.slice(5)).toEqual(['429 rate_limited', '429 rate_limited']);
    });

    it('counts thirty parallel guesses before checking any of them', async () => {
      const target = await t.user('county_operator', '370105');
      const rs = await Promise.all(
        Array.from({ length: 30 }, (_, i) => login(target.username, `Wrong#Guess${i}x`, '10.0.2.1')),
      );
      const checked = rs.filter((r) => r.statusCode === 401).length;
      expect(checked).toBeLessThanOrEqual(5);
      expect(rs.filter((r) => r.statusCode === 429).length).toBe(30 - checked);
    });

    it('never holds back an address for its successful sign-ins (an office behind one NAT)', async () => {
      const u = await t.user('county_operator', '370113');
      for (let i = 0; i < 40; i++) {
        // The route's own per-minute limit (30) is a separate control: spread the sign-ins over two minutes.
        if (i === 20) t.clock.advance(61_000);
        expect((await login(u.username, TEST_PASSWORD, '10.0.5.1')).statusCode, `sign-in ${i}`).toBe(200);
      }
    });

    it('holds back one address guessing many usernames', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 32; i++) codes.push((await login(`spray.${i}`, 'Wrong#Pass-1xx', '10.0.3.1')).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
      expect(codes.slice(30)).toEqual([429, 429]);
    });

    it('lets the security admin lift a hold', async () => {
      const u = await t.user('county_operator', '370112');
      const sec = await t.user('security_admin', '370000');
      for (let i = 0; i < 5; i++) await login(u.username, `Wrong#Pass${i}xx`, '10.0.4.1');
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/v1/identity/users?q=${u.username}`,
        headers: { cookie: sec.cookie },
      });
      expect(list.json().items[0].lockedUntil).toBeTruthy();
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/identity/users/${u.id}/unlock`,
        headers: { cookie: sec.cookie },
      });
      expect((await login(u.username, TEST_PASSWORD, '10.0.4.1')).statusCode).toBe(200);
    });
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
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: v.cookie } })).statusCode,
    ).toBe(401);
  });

  it('changes the own password: 401 without a session, 400 when weak or unchanged, 401 with a wrong current one, 204', async () => {
    const u = await t.user('county_operator', '370113');
    const other = await t.platform.sessions.startSession(t.systemCtx(), u.id);
    const change = (body: unknown, cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: body as object,
        headers: cookie ? { cookie } : {},
      });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Another#Strong-99' })).statusCode).toBe(401);
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password1234' }, u.cookie);
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak_password', errors: [{ path: 'newPassword' }] });
    const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, u.cookie);
    expect(same.json()).toMatchObject({ code: 'weak_password', errors: [{ path: 'newPassword' }] });
    expect(
      (await change({ currentPassword: 'Not#TheRight-1', newPassword: 'Another#Strong-99' }, u.cookie)).statusCode,
    ).toBe(401);
    expect(
      (await change({ currentPassword: TEST_PASSWORD, newPassword: 'Another#Strong-99' }, u.cookie)).statusCode,
    ).toBe(204);
    expect((await login(u.username, 'Another#Strong-99', '10.0.0.3')).statusCode).toBe(200);
    // The session that changed it goes on; every other session of the account has ended.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: u.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `zc_session=${other.token}` } }))
        .statusCode,
    ).toBe(401);
  });

  it('throttles the current-password check like a login', async () => {
    const u = await t.user('county_operator', '370114');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: `Guess#Number-${i}`, newPassword: 'Another#Strong-99' },
        headers: { cookie: u.cookie },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('logs out', async () => {
    const u = await t.user('county_operator', '370112');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: u.cookie } });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: u.cookie } })).statusCode,
    ).toBe(401);
  });

  it('refuses weak and common passwords and roles that break separation of duties', async () => {
    const ctx = t.systemCtx();
    const org = await t.platform.identity.createOrganisation(ctx, { name: 'x', kind: 'bureau', regionCode: '370000' });
    const base = {
      username: 'weakling',
      displayName: 'w',
      organisationId: org,
      roles: [{ role: 'province_operator' as const, regionCode: '370000' }],
    };
    await expect(t.platform.identity.createUser(ctx, { ...base, password: 'short1A!' })).rejects.toMatchObject({
      code: 'weak_password',
    });
    await expect(
      t.platform.identity.createUser(ctx, { ...base, password: 'alllowercaseletters' }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    await expect(t.platform.identity.createUser(ctx, { ...base, password: 'Password123!' })).rejects.toMatchObject({
      code: 'weak_password',
    });
    const roles = (rs: [string, string][]) =>
      rs.map(([role, regionCode]) => ({ role, regionCode })) as typeof base.roles;
    for (const bad of [
      roles([
        ['system_admin', '370000'],
        ['audit_admin', '370000'],
      ]),
      roles([
        ['audit_admin', '370000'],
        ['province_operator', '370000'],
      ]),
      roles([
        ['province_operator', '370000'],
        ['province_approver', '370000'],
      ]),
      roles([
        ['city_operator', '370100'],
        ['county_approver', '370102'],
      ]),
      roles([['county_operator', '370100']]),
    ]) {
      await expect(
        t.platform.identity.createUser(ctx, { ...base, password: TEST_PASSWORD, roles: bad }),
        JSON.stringify(bad),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    }
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
    it('creates accounts only as the system admin, within scope, and without roles', async () => {
      const orgs = await t.app.inject({
        method: 'GET',
        url: '/api/v1/identity/organisations',
        headers: { cookie: sysadmin.cookie },
      });
      const orgId = orgs.json().items[0].id;
      const payload = {
        username: 'new.user',
        displayName: '新用户',
        organisationId: orgId,
        password: 'Fresh#Account-77',
      };
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/identity/users',
        payload,
        allowed: sysadmin,
        wrongRole: secadmin,
        okStatus: 201,
      });
      expect(r.json().id).toBeTruthy();
      // No admin can be minted over HTTP: the system admin grants no roles at all.
      const withRole = await t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/users',
        payload: { ...payload, username: 'minted', roles: [{ role: 'system_admin', regionCode: '370000' }] },
        headers: { cookie: sysadmin.cookie },
      });
      expect(withRole.statusCode).toBe(400);
      const grant = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/identity/users/${r.json().id}/roles`,
        payload: { roles: [{ role: 'audit_admin', regionCode: '370000' }] },
        headers: { cookie: sysadmin.cookie },
      });
      expect(grant.statusCode).toBe(403);
    });

    it('grants roles only as the security admin: never admin roles, never conflicting ones, never its own; sessions end', async () => {
      const target = await t.user('city_operator', '370200');
      const put = (u: TestUser, id: string, roles: unknown) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/identity/users/${id}/roles`,
          payload: { roles },
          headers: { cookie: u.cookie },
        });
      await expectAuthMatrix(t, {
        method: 'PUT',
        url: `/api/v1/identity/users/${target.id}/roles`,
        payload: { roles: [{ role: 'city_approver', regionCode: '370200' }] },
        allowed: secadmin,
        wrongRole: sysadmin,
        okStatus: 204,
      });
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: target.cookie } })).statusCode,
      ).toBe(401);
      for (const role of ['system_admin', 'security_admin', 'audit_admin'])
        expect((await put(secadmin, target.id, [{ role, regionCode: '370000' }])).statusCode, role).toBe(403);
      const both = await put(secadmin, target.id, [
        { role: 'city_operator', regionCode: '370200' },
        { role: 'city_approver', regionCode: '370200' },
      ]);
      expect(both.json()).toMatchObject({ code: 'validation_failed' });
      expect((await put(secadmin, secadmin.id, [])).statusCode).toBe(403);
      expect((await put(secadmin, sysadmin.id, [])).statusCode).toBe(403);
    });

    it('keeps the three admins apart: the audit admin only reads audit, no admin holds another’s powers', async () => {
      const perms = (role: 'system_admin' | 'security_admin' | 'audit_admin') => t.platform.authz.permissionsOf([role]);
      expect([...perms('audit_admin')]).toEqual(['audit.read']);
      expect(perms('system_admin').has('audit.read')).toBe(false);
      expect(perms('system_admin').has('identity.roles.grant')).toBe(false);
      expect(perms('security_admin').has('identity.users.manage')).toBe(false);
      expect(perms('security_admin').has('audit.read')).toBe(false);
      expect(IDENTITY_GRANTS['identity.roles.grant']).toEqual(['security_admin']);
    });

    it('unlocks only as the security admin', async () => {
      await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/identity/users/${county.id}/unlock`,
        allowed: secadmin,
        wrongRole: sysadmin,
        okStatus: 204,
      });
    });
  });
});
