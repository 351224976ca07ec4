import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { AuditKey } from '../audit/index.ts';
import { DataProtector } from '../crypto/index.ts';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, testConfig, type TestApp } from '../../../test/app.ts';

describeDb('http platform', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('reports health and which database is in use', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: { kind } });
  });

  it('sends security headers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('serves OpenAPI 3 describing every /api/v1 route', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    expect(Object.keys(doc.paths)).toContain('/api/v1/regions/{code}');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown API paths and malformed JSON with problem+json', async () => {
    const nf = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toContain('application/problem+json');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'validation_failed',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
  });

  it('words problem titles in English when asked', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'en-US' } });
    expect(r.json().title).toBe('Please sign in');
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(zh.json().title).toBe('请先登录');
  });

  describe('every route', () => {
    it('declares a permission, and refuses a request without a session unless public', async () => {
      expect(t.routes.length).toBeGreaterThan(10);
      for (const r of t.routes) {
        expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
        if (r.permission === 'public') continue;
        const url = r.url.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'code' ? '370102' : '00000000-0000-4000-8000-000000000000',
        );
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        expect(res.statusCode, `${r.method} ${r.url} without a session`).toBe(401);
      }
    });

    it('runs its permission check whatever the encoding of its path (fail closed)', async () => {
      // The router decodes percent-escapes, so each of these reaches the route; none may run it without a session.
      const encodeChar = (path: string, i: number) =>
        path.slice(0, i) + '%' + path.charCodeAt(i).toString(16).padStart(2, '0') + path.slice(i + 1);
      const forms = (path: string): string[] => [
        encodeChar(path, 1), // /%61pi/v1/…
        encodeChar(path, path.indexOf('/v1/') + 1), // /api/%761/…
        encodeChar(path, path.indexOf('/v1/') + 4), // first letter of the module
        path.replace(/[a-z]/g, (c) => '%' + c.charCodeAt(0).toString(16)), // every letter escaped
        path.replace(/[a-z]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
        path + '?',
        path + '/',
        path + ';x=1',
        path.replace('/api/v1/', '/api/v1//'),
        path.replace('/api/v1/', '/api/v1/./'),
        '/' + path,
        path.toUpperCase(),
      ];
      let checked = 0;
      for (const r of t.routes) {
        if (r.permission === 'public') continue;
        const url = r.url.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'code' ? '370102' : '00000000-0000-4000-8000-000000000000',
        );
        for (const form of forms(url)) {
          const res = await t.app.inject({
            method: r.method as 'GET',
            url: form,
            payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
          });
          // 401: the route ran its check; 404/400: no route matched. Anything else means it ran without one.
          expect(
            [400, 401, 404],
            `${r.method} ${form} without a session: ${res.statusCode} ${res.body.slice(0, 120)}`,
          ).toContain(res.statusCode);
          expect(res.headers['content-type'], `${r.method} ${form}`).toMatch(/application\/problem\+json/);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(500);
    });

    it('refuses every non-public route to a signed-in user without its permission', async () => {
      // A citizen supervisor holds almost nothing; routes it may use are the 'authenticated' ones and its own.
      const u = await t.user('citizen_supervisor', '370102');
      for (const r of t.routes) {
        if (r.permission === 'public' || r.permission === 'authenticated' || u.actor.permissions.has(r.permission))
          continue;
        const url = r.url.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'code' ? '370102' : '00000000-0000-4000-8000-000000000000',
        );
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
          headers: { cookie: u.cookie },
        });
        expect(res.statusCode, `${r.method} ${r.url} as a citizen supervisor`).toBe(403);
      }
    });
  });

  it('limits login attempts per address across instances sharing the database', async () => {
    // A second instance on the same database: the count is in PostgreSQL, not in either process.
    const keys = { protector: DataProtector.random(), auditKey: AuditKey.random() };
    const options = { config: testConfig(), database: t.database, clock: t.clock, ...keys, logger: false };
    const other = await buildApp(options);
    await other.app.ready();
    const attempt = (app: typeof other.app) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `nobody.${Math.random()}`, password: 'x' },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await attempt(i % 2 ? other.app : t.app)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
    await other.app.close();
  });

  it('believes X-Forwarded-For only from configured proxies', async () => {
    const direct = await buildApp({
      config: testConfig({ trustedProxies: [] }),
      database: t.database,
      clock: t.clock,
      protector: DataProtector.random(),
      logger: false,
    });
    await direct.app.ready();
    // Each request claims a new address; without a trusted proxy they all count as the one real peer.
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await direct.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `xff.${i}`, password: 'Wrong#Pass-1xx' },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(30)).toEqual([429, 429]);
    await direct.app.close();
  });

  it('compresses API answers for clients that accept it, and only for them', async () => {
    // The OpenAPI document is a large JSON answer every client can fetch.
    const plain = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    const gz = await t.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
    // A small answer is not worth it.
    const small = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('marks every API answer no-store, errors included', async () => {
    const u = await t.user('county_operator', '370102');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: u.cookie } });
    expect(me.headers['cache-control']).toBe('no-store');
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(anon.headers['cache-control']).toBe('no-store');
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/regions/370102' });
    expect(pub.headers['cache-control']).toBe('no-store');
  });

  it('asks every state-changing request for a same-origin proof, multipart included', async () => {
    const u = await t.user('county_operator', '370102');
    const logout = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: u.cookie, ...headers } });
    const crossSite = await logout({ origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.headers['content-type']).toMatch(/problem\+json/);
    expect((await logout({ origin: 'null' })).statusCode).toBe(403);
    expect((await logout({ 'x-requested-with': '' })).statusCode).toBe(403);
    const boundary = 'zcboundary';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\r\n--${boundary}--\r\n`;
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/import',
      payload: form,
      headers: {
        cookie: u.cookie,
        origin: 'https://evil.example',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(upload.statusCode).toBe(403);
    // Reads need no proof; our own pages' Origin and the web client's header both pass.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { cookie: u.cookie, origin: 'https://evil.example' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await logout({ origin: 'http://zhicheng.test:3000', host: 'zhicheng.test:3000', 'x-requested-with': '' }))
        .statusCode,
    ).toBe(204);
  });
});
