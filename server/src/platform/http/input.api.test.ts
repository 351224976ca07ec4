import net from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { multipart, xlsxOf } from '../../../test/xlsx-fixtures.ts';

/** One request written to a real socket (what inject cannot reach: Node's own HTTP parser), and the raw answer. */
function rawRequest(port: number, text: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    s.setEncoding('latin1');
    s.on('data', (d: string) => (out += d));
    // The server may close while we still send (it refused early): what it answered is what counts.
    s.on('error', (e) => (out ? undefined : reject(e)));
    s.on('close', () => {
      const [head = '', body = ''] = out.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), type: /content-type: ([^\r\n]*)/i.exec(head)?.[1] ?? '', body });
    });
  });
}

describeDb('input the database cannot take, and errors before a route runs', (kind) => {
  let t: TestApp;
  let sysadmin: TestUser;
  let auditor: TestUser;
  let secadmin: TestUser;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sysadmin = await t.user('system_admin', '370000');
    auditor = await t.user('audit_admin', '370000');
    secadmin = await t.user('security_admin', '370000');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => t.close());

  const named = (
    r: { statusCode: number; headers: Record<string, unknown>; json(): { errors?: { path: string }[] } },
    path: string,
  ) => {
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().errors?.map((e) => e.path)).toContain(path);
  };

  it('refuses NUL and unpaired surrogates wherever a route reads text, naming the field, when public', async () => {
    named(await t.app.inject({ method: 'GET', url: '/api/v1/regions/%00' }), 'params.code');
    named(await t.app.inject({ method: 'GET', url: '/api/v1/regions?q=a%00' }), 'querystring.q');
    named(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'a\u0000', password: 'x' },
      }),
      'body.username',
    );
    const answer = { answers: [{ questionId: 'q1', value: 'fine\u0000' }], consentVersion: 'v1' };
    const survey = '/api/v1/participation/surveys/00000000-0000-4000-8000-000000000000/responses';
    named(
      await t.app.inject({
        method: 'POST',
        url: survey,
        payload: answer,
        headers: { 'idempotency-key': 'abcdefgh12' },
      }),
      'body.answers.0.value',
    );
    named(
      await t.app.inject({
        method: 'POST',
        url: survey,
        payload: { ...answer, answers: [] },
        headers: { 'idempotency-key': 'abcd\u0000efgh' },
      }),
      'headers.idempotency-key',
    );
    const json = '{"name":"a\\ud800b","kind":"bureau","regionCode":"370000"}';
    named(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/organisations',
        payload: json,
        headers: { 'content-type': 'application/json', cookie: sysadmin.cookie },
      }),
      'body.name',
    );
  });

  it('answers out-of-range dates with 400, not a database error', async () => {
    for (const from of ['0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '9999-12-31T00:00:00Z']) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit/events?from=${encodeURIComponent(from)}`,
        headers: { cookie: auditor.cookie },
      });
      expect(r.statusCode, from).toBe(400);
      expect(r.json().errors[0].path).toBe('querystring.from');
    }
  });

  it('turns foreign-key and unique violations into 400/409 naming the field', async () => {
    const user = (over: Record<string, unknown>) => ({
      username: `fk.${Math.random().toString(36).slice(2, 8)}`,
      displayName: 'x',
      organisationId: sysadmin.actor.organisationId,
      password: 'Sweep#Passw0rd-2024',
      ...over,
    });
    const post = (body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/identity/users',
        payload: body as object,
        headers: { cookie: sysadmin.cookie },
      });
    const noOrg = await post(user({ organisationId: '00000000-0000-4000-8000-00000000dead' }));
    named(noOrg, 'organisationId');
    // The same role twice in one grant hits the binding's primary key: a 409 naming its columns.
    const created = await post(user({}));
    expect(created.statusCode, created.body).toBe(201);
    const twice = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/identity/users/${created.json().id}/roles`,
      payload: {
        roles: [
          { role: 'province_operator', regionCode: '370000' },
          { role: 'province_operator', regionCode: '370000' },
        ],
      },
      headers: { cookie: secadmin.cookie },
    });
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().errors.map((e: { path: string }) => e.path)).toEqual(['userId', 'role', 'regionCode']);
  });

  it('answers concurrent duplicates with one 201 and 409s naming the field (a real race on PostgreSQL)', async () => {
    const body = {
      username: 'race.same.name',
      displayName: 'x',
      organisationId: sysadmin.actor.organisationId,
      password: 'Sweep#Passw0rd-2024',
    };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/identity/users',
          payload: body,
          headers: { cookie: sysadmin.cookie },
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409)) expect(r.json().errors[0].path).toBe('username');
  });

  it('answers what goes wrong before a route runs with problem+json', async () => {
    const cases: [string, InjectOptions, number][] = [
      ['bad percent-encoding', { method: 'GET', url: '/api/v1/regions/%E0%A4%A' }, 400],
      [
        'path parameter longer than the router keeps',
        { method: 'GET', url: `/api/v1/regions/${'1'.repeat(500)}` },
        414,
      ],
      [
        'malformed JSON',
        {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: '{"a":',
          headers: { 'content-type': 'application/json' },
        },
        400,
      ],
      [
        'unknown content type',
        { method: 'POST', url: '/api/v1/auth/login', payload: '<a/>', headers: { 'content-type': 'application/xml' } },
        415,
      ],
      ['no route', { method: 'DELETE', url: '/api/v1/regions' }, 404],
    ];
    for (const [what, req, status] of cases) {
      const r = await t.app.inject(req);
      expect(r.statusCode, what).toBe(status);
      expect(r.headers['content-type'], what).toMatch(/application\/problem\+json/);
      expect(r.json().message.en, what).toBeTruthy();
    }
  });

  it("answers what Node's HTTP parser refuses with problem+json: 431, 414, NUL in a header, not HTTP", async () => {
    const cases: [string, string, number][] = [
      ['headers too large', `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['URL too long', `GET /api/v1/regions?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
      ['NUL in a header', 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', 400],
      ['not HTTP', 'HELLO\r\n\r\n', 400],
    ];
    for (const [what, text, status] of cases) {
      const r = await rawRequest(port, text);
      expect(r.status, what).toBe(status);
      expect(r.type, what).toBe('application/problem+json');
      expect(JSON.parse(r.body), what).toMatchObject({
        status,
        message: { zh: expect.any(String), en: expect.any(String) },
      });
    }
  });

  it('answers a malformed multipart body with 400', async () => {
    const admin = await t.user('province_operator', '370000');
    const { payload } = multipart({ data: xlsxOf([['区划代码', '名称', '上级代码']]) });
    const bodies: [string, string | Buffer, string, number][] = [
      ['no boundary', payload, 'multipart/form-data', 400],
      ['wrong boundary', payload, 'multipart/form-data; boundary=other', 400],
      ['truncated', payload.subarray(0, 80), 'multipart/form-data; boundary=zc-test-boundary', 400],
      ['not multipart', '{}', 'application/json', 415],
    ];
    for (const [what, body, type, status] of bodies) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/regions/import',
        payload: body,
        headers: { 'content-type': type, cookie: admin.cookie },
      });
      expect(r.statusCode, `${what}: ${r.body}`).toBe(status);
      expect(r.headers['content-type'], what).toMatch(/application\/problem\+json/);
    }
  });
});
