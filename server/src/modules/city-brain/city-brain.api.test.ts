import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

const qingdao = (over: Record<string, unknown> = {}) => ({
  code: 'c370200',
  kind: 'city_brain',
  name: '青岛城市云脑',
  regionCode: '370200',
  ownerUnit: '青岛市大数据局',
  contactName: '王小明',
  contactPhone: '13912345678',
  publishes: ['vital-sign', 'event', 'heartbeat'],
  receives: ['task', 'alert'],
  ...over,
});

describeDb('city-brain registry api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let qd: TestUser;
  let jn: TestUser;
  let expert: TestUser;
  let county: TestUser;
  let id: string;
  const url = '/api/v1/city-brain/sub-platforms';
  const as = (u: TestUser, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) =>
    t.app.inject({ method, url: path, payload: payload as never, headers: { cookie: u.cookie } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    qd = await t.user('city_operator', '370200');
    jn = await t.user('city_operator', '370100');
    expert = await t.user('expert', '370000');
    county = await t.user('county_operator', '370202');
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('401, 403 wrong role, 403 wrong region, 201 with the contact masked', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'POST',
        url,
        payload: qingdao(),
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
        okStatus: 201,
      });
      const body = ok.json();
      id = body.id;
      expect(body).toMatchObject({
        code: 'c370200',
        regionName: '青岛市',
        contactName: '王**',
        contactPhone: '139****5678',
        credentials: null,
        subjects: { subscribe: expect.arrayContaining(['zc.down.c370200.>']) },
        link: { status: 'never', connectedSince: null, upPerMinute: 0 },
        demo: false,
      });
      expect(ok.body).not.toContain('13912345678');
      expect(ok.body).not.toContain('王小明');
    });

    it('keeps the contact encrypted at rest', async () => {
      const rows = await t.database.db.execute(
        sql`SELECT contact_name_enc, contact_phone_enc FROM city_brain.sub_platform WHERE code = 'c370200'`,
      );
      const r = (rows as unknown as { rows: Record<string, string>[] }).rows[0]!;
      expect(r.contact_phone_enc).not.toContain('13912345678');
      expect(t.platform.protector.decrypt(r.contact_phone_enc!)).toBe('13912345678');
    });

    it('400 names the field: bad code, bad phone, a city brain below city level, a domain without its domain', async () => {
      const badCode = await as(qd, 'POST', url, qingdao({ code: 'C-37.02' }));
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().errors[0].path).toContain('code');
      const badPhone = await as(qd, 'POST', url, qingdao({ code: 'c370200x', contactPhone: '12345' }));
      expect(badPhone.statusCode).toBe(400);
      expect(badPhone.json().errors[0].path).toContain('contactPhone');
      const atCounty = await as(qd, 'POST', url, qingdao({ code: 'c370202', regionCode: '370202' }));
      expect(atCounty.statusCode).toBe(400);
      expect(atCounty.json()).toMatchObject({ code: 'city_brain_region', errors: [{ path: 'regionCode' }] });
      const noDomain = await as(
        province,
        'POST',
        url,
        qingdao({ code: 'police', kind: 'domain', regionCode: '370000' }),
      );
      expect(noDomain.statusCode).toBe(400);
      expect(noDomain.json()).toMatchObject({ code: 'domain_required', errors: [{ path: 'domain' }] });
    });

    it('409 on a code in use, naming the field', async () => {
      const dup = await as(province, 'POST', url, qingdao({ regionCode: '370100' }));
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'sub_platform_exists', errors: [{ path: 'code' }] });
    });
  });

  describe('read', () => {
    it('lists within the caller’s scope: the matrix, then a city sees only its own', async () => {
      await as(province, 'POST', url, {
        ...qingdao({ code: 'police', kind: 'domain', regionCode: '370000', name: '公安子平台', domain: '公安' }),
      });
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `${url}?region=370200`,
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      expect((await as(qd, 'GET', url)).json().total).toBe(1);
      expect((await as(jn, 'GET', url)).json().total).toBe(0);
      expect((await as(county, 'GET', url)).json().total).toBe(0);
      const all = (await as(province, 'GET', url)).json();
      expect(all.items.map((s: { code: string }) => s.code)).toEqual(['c370200', 'police']);
      expect((await as(province, 'GET', `${url}?kind=domain`)).json().items).toHaveLength(1);
      expect((await as(province, 'GET', `${url}?q=公安`)).json().items[0].code).toBe('police');
      expect((await as(province, 'GET', `${url}?status=never`)).json().total).toBe(2);
      expect((await as(province, 'GET', `${url}?status=online`)).json().total).toBe(0);
      const bad = await as(province, 'GET', `${url}?status=sleeping`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('status');
    });

    it('gets one: the matrix and 404 for an unknown id', async () => {
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `${url}/${id}`,
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      expect((await as(province, 'GET', `${url}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    });
  });

  describe('change', () => {
    it('edits owner and contact: the matrix, masked again, audited', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'PATCH',
        url: `${url}/${id}`,
        payload: { ownerUnit: '青岛市大数据发展管理局', contactPhone: '0532-85912345' },
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      expect(ok.json()).toMatchObject({ ownerUnit: '青岛市大数据发展管理局', contactPhone: '0532-****2345' });
      const bad = await as(qd, 'PATCH', `${url}/${id}`, { receives: ['gossip'] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('receives');
    });

    it('issues a NATS login: the matrix; the password once, a bcrypt hash kept; a new one replaces it', async () => {
      const first = await expectAuthMatrix(t, {
        method: 'POST',
        url: `${url}/${id}/credentials`,
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
        okStatus: 201,
      });
      const c = first.json();
      expect(c).toMatchObject({ user: 'c370200', jetStreamDomain: 'c370200', leafUrl: null });
      expect(c.password.length).toBeGreaterThanOrEqual(32);
      expect(c.subjects.subscribe).toContain('zc.down.c370200.>');
      expect(JSON.stringify(c.subjects)).not.toContain('c370100');
      const again = (await as(qd, 'POST', `${url}/${id}/credentials`)).json();
      expect(again.password).not.toBe(c.password);
      const shown = (await as(qd, 'GET', `${url}/${id}`)).json();
      expect(shown.credentials).toMatchObject({ user: 'c370200' });
      expect(JSON.stringify(shown)).not.toContain(again.password);
      const stored = await t.database.db.execute(
        sql`SELECT nats_password_hash FROM city_brain.sub_platform WHERE id = ${id}`,
      );
      const hash = (stored as unknown as { rows: { nats_password_hash: string }[] }).rows[0]!.nats_password_hash;
      expect(hash).toMatch(/^\$2[ab]\$10\$/);
      expect(bcrypt.compareSync(again.password, hash)).toBe(true);
      expect(bcrypt.compareSync(c.password, hash)).toBe(false);
      const audit = await t.database.db.execute(
        sql`SELECT action FROM audit.event WHERE object_id = ${id} ORDER BY seq`,
      );
      expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
        'city-brain.sub-platform.create',
        'city-brain.sub-platform.update',
        'city-brain.sub-platform.issue-credentials',
        'city-brain.sub-platform.issue-credentials',
      ]);
    });
  });

  describe('exchange', () => {
    it('sends a message down: the matrix; stored pending while there is no link; 400 names the field', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'POST',
        url: `${url}/${id}/messages`,
        payload: { kind: 'alert', title: '暴雨预警', body: '今夜有暴雨' },
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
        okStatus: 201,
      });
      expect(ok.json()).toMatchObject({ kind: 'alert', status: 'pending', attempts: 0 });
      const bad = await as(qd, 'POST', `${url}/${id}/messages`, { kind: 'rumour', title: 'x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('kind');
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `${url}/${id}/messages?status=pending`,
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      expect((await as(qd, 'GET', `${url}/${id}/messages`)).json().items[0].title).toBe('暴雨预警');
    });

    it('reads vital signs: the matrix (none reported yet)', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'GET',
        url: `${url}/${id}/vital-signs`,
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      expect(ok.json()).toEqual([]);
    });

    it('shows the exchange to the province only; dead letters to each within its scope', async () => {
      const status = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/city-brain/exchange',
        allowed: province,
        wrongRole: expert,
        wrongRegion: qd,
      });
      expect(status.json()).toMatchObject({ connected: false, server: null, outboundPending: 1, deadLetters: 0 });
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/city-brain/dead-letters?code=c370200',
        allowed: qd,
        wrongRole: expert,
        wrongRegion: jn,
      });
      const jnDead = await as(jn, 'GET', '/api/v1/city-brain/dead-letters');
      expect(jnDead.json().total, jnDead.body).toBe(0);
      const bad = await as(province, 'GET', '/api/v1/city-brain/dead-letters?code=NOT-A-CODE');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('code');
    });

    it('exports the NATS authorization block for a hub run by someone else: province managers only, hashes only', async () => {
      const cityOp = await t.user('city_operator', '370100');
      const ok = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/city-brain/exchange/authorization',
        allowed: province,
        wrongRole: expert,
        wrongRegion: cityOp,
      });
      const body = ok.json();
      // No hub in this app: only the sub-platform logins, each with its own subjects and a bcrypt hash.
      expect(body).toMatchObject({ hubIncluded: false, managedHere: false, users: 1 });
      expect(body.block).toMatch(/^authorization \{\nusers: \[/);
      expect(body.block).toContain('"c370200"');
      expect(body.block).toContain('zc.down.c370200.>');
      expect(body.block).toMatch(/"\$2[aby]\$10\$/);
      const { rows } = (await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM audit.event WHERE action = 'city-brain.exchange.export-authorization'`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows[0]!.n).toBe(1);
    });
  });
});
