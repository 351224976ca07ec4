import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { queryRows } from '../../platform/database/index.ts';
import type { ScenariosServices } from './services.ts';
import { seedCaseLibrary } from './testing.ts';

/**
 * Verified phones for votes, through a real HTTP SMS gateway (a server in this test speaking the gateway's JSON
 * protocol): the code reaches the gateway and never the database in clear; a verified phone votes once per case
 * whatever device it uses; wrong codes, resends and expiry are refused with their own errors.
 */
describeDb('scenarios api: verified phones for votes', (kind) => {
  let t: TestApp;
  let s: ScenariosServices;
  let gateway: http.Server;
  let gatewayAnswers = 200;
  const texts: { to: string; text: string; auth: string | undefined }[] = [];
  let caseIds: string[] = [];
  const phone = '13912345678';

  const post = (url: string, payload: unknown, o: { cookie?: string; ip?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), 'x-forwarded-for': o.ip ?? '203.0.113.77' },
    });
  const lastCode = () => /验证码为 (\d{6})/.exec(texts.at(-1)!.text)![1]!;
  const cookieOf = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;

  beforeAll(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        if (gatewayAnswers === 200) texts.push({ ...JSON.parse(body), auth: req.headers.authorization });
        res.writeHead(gatewayAnswers, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const { port } = gateway.address() as AddressInfo;
    t = await createTestApp(kind, {
      config: { sms: { gatewayUrl: `http://127.0.0.1:${port}/sms`, gatewayToken: 'gw-secret' } },
    });
    s = await seedCaseLibrary(t);
    await s.board.createRound(t.systemCtx(), {
      name: '验证手机测试轮',
      kind: 'quarter',
      startsOn: '2024-07-01',
      endsOn: '2024-09-30',
      weights: { expert: 0.5, votes: 0.25, replication: 0.15, growth: 0.1 },
      priorReviews: 3,
    });
    caseIds = (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`SELECT id FROM scenarios.scenario_case WHERE status = 'accepted' ORDER BY id LIMIT 2`,
      )
    ).map((r) => r.id);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => gateway.close(r));
  });

  it('sends a code through the gateway, binds the device, and counts one vote per phone per case', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/scenarios/public/phone' });
    expect(before.json()).toEqual({ verified: false, phone: null });

    const sent = await post('/api/v1/scenarios/public/phone/code', { phone });
    expect(sent.statusCode, sent.body).toBe(200);
    // A gateway delivers: the code is never in the answer.
    expect(sent.json()).toEqual({ expiresInSeconds: 300, resendInSeconds: 60 });
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: phone, auth: 'Bearer gw-secret' });
    const code = lastCode();
    // Neither the number nor the code is stored in clear.
    const stored = JSON.stringify(await queryRows(t.database.db, sql`SELECT * FROM scenarios.phone_code`));
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(code);

    // Asked again within the minute: refused, nothing sent.
    const again = await post('/api/v1/scenarios/public/phone/code', { phone });
    expect(again.json().code).toBe('scenarios_phone_wait');
    expect(texts).toHaveLength(1);

    const wrong = await post('/api/v1/scenarios/public/phone/verify', {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('scenarios_phone_code_wrong');

    const ok = await post('/api/v1/scenarios/public/phone/verify', { phone, code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ verified: true, phone: '139****5678' });
    const deviceA = cookieOf(ok);
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/public/phone',
      headers: { cookie: deviceA },
    });
    expect(status.json()).toEqual({ verified: true, phone: '139****5678' });
    // A code works once.
    expect((await post('/api/v1/scenarios/public/phone/verify', { phone, code })).json().code).toBe(
      'scenarios_phone_code_expired',
    );

    const v1 = await post(`/api/v1/scenarios/public/cases/${caseIds[0]}/vote`, { approve: true }, { cookie: deviceA });
    expect(v1.json()).toEqual({ recorded: true, status: 'pending', verified: true });

    // The same phone verified on a second device (a minute later) votes for the same case: a duplicate; another
    // case: counted.
    t.clock.advance(61_000);
    await post('/api/v1/scenarios/public/phone/code', { phone }, { ip: '203.0.113.78' });
    const onB = await post(
      '/api/v1/scenarios/public/phone/verify',
      { phone, code: lastCode() },
      { ip: '203.0.113.78' },
    );
    const deviceB = cookieOf(onB);
    expect(deviceB).not.toBe(deviceA);
    const dup = await post(
      `/api/v1/scenarios/public/cases/${caseIds[0]}/vote`,
      { approve: false },
      { cookie: deviceB },
    );
    expect(dup.json()).toEqual({ recorded: false, status: 'duplicate', verified: false });
    const v2 = await post(`/api/v1/scenarios/public/cases/${caseIds[1]}/vote`, { approve: true }, { cookie: deviceB });
    expect(v2.json()).toMatchObject({ recorded: true, verified: true });

    const votes = await queryRows<{ n: number; verified: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE phone_verified)::int AS verified FROM scenarios.vote`,
    );
    expect(votes[0]).toEqual({ n: 2, verified: 2 });
  });

  it('refuses a bad number by field, an expired code, a sixth code in a day, and a gateway that fails', async () => {
    const bad = await post('/api/v1/scenarios/public/phone/code', { phone: '12345' }, { ip: '203.0.113.90' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('phone');

    const other = '13700000001';
    await post('/api/v1/scenarios/public/phone/code', { phone: other }, { ip: '203.0.113.91' });
    const code = lastCode();
    t.clock.advance(301_000);
    const late = await post('/api/v1/scenarios/public/phone/verify', { phone: other, code }, { ip: '203.0.113.91' });
    expect(late.json().code).toBe('scenarios_phone_code_expired');

    // Four more sends the same day (a minute apart, from several addresses), then the sixth is refused.
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      const r = await post('/api/v1/scenarios/public/phone/code', { phone: other }, { ip: `203.0.113.${100 + i}` });
      expect(r.statusCode, r.body).toBe(200);
    }
    t.clock.advance(61_000);
    const sixth = await post('/api/v1/scenarios/public/phone/code', { phone: other }, { ip: '203.0.113.120' });
    expect(sixth.json().code).toBe('scenarios_phone_daily_limit');

    // The gateway refuses: 502, and no code is left behind for that number.
    gatewayAnswers = 500;
    const failed = await post('/api/v1/scenarios/public/phone/code', { phone: '13600000002' }, { ip: '203.0.113.121' });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().code).toBe('sms_failed');
    gatewayAnswers = 200;
    const left = await queryRows(t.database.db, sql`SELECT 1 FROM scenarios.phone_code WHERE day IS NOT NULL`);
    expect(left).toHaveLength(2);
  });
});
