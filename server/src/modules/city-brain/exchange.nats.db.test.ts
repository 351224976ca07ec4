import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { AckPolicy, connect, DeliverPolicy } from 'nats';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import {
  natsPasswordHash,
  natsUserEntry,
  startNatsServer,
  type NatsServerHandle,
} from '../../platform/messaging/index.ts';
import { HUB_DEAD_STREAM, HUB_UP_STREAM, INTAKE_CONSUMER } from './exchange/hub-link.ts';
import { IntakeService } from './exchange/intake.service.ts';
import { CityPlatform } from './simulator/city-platform.ts';
import { LinkCut } from './simulator/link-cut.ts';

/** Polls until `fn` is true (the exchange is asynchronous end to end). */
async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const vital = (code: string, region: string, n: number) => ({
  id: `urn:ngsi-ld:VitalSign:${code}:air.aqi:${n}`,
  type: 'VitalSign',
  schemaVersion: 1,
  observedAt: new Date(Date.UTC(2026, 10, 30, 0, 0, n % 60)).toISOString(),
  regionCode: region,
  indicator: 'air.aqi',
  value: n % 300,
  unit: '',
});

describeDb('city-brain exchange over real NATS servers', (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-cb-'));
  const hubLogin = { user: 'zc-hub', password: 'hub-password-for-tests-only' };
  let hub: NatsServerHandle;
  let t: TestApp;
  let province: TestUser;
  let qd: CityPlatform;
  let jn: CityPlatform;
  let qdCut: LinkCut;
  let qdId: string;
  let jnId: string;
  const passwords: Record<string, string> = {};
  const rows = async (q: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const inbound = async (code: string) =>
    Number(
      (
        await rows(
          sql`SELECT count(*)::int AS n FROM city_brain.inbound_message m JOIN city_brain.sub_platform s ON s.id = m.sub_platform_id WHERE s.code = ${code}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    // Qingdao reaches the hub through a relay the test can cut; the hub tells leaf nodes to come back through it.
    qdCut = new LinkCut('127.0.0.1', 0);
    await qdCut.open();
    hub = await startNatsServer({
      dir: path.join(dir, 'hub'),
      serverName: 'test-hub',
      domain: 'hub',
      leafPort: 0,
      leafAdvertise: `127.0.0.1:${qdCut.port}`,
      authorization: `users: [ ${natsUserEntry(hubLogin.user, natsPasswordHash(hubLogin.password))} ]`,
    });
    t = await createTestApp(kind, { messaging: { hub: { url: hub.url, ...hubLogin }, managed: hub } });
    province = await t.user('province_operator', '370000');
    const reg = async (code: string, regionCode: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/city-brain/sub-platforms',
        headers: { cookie: province.cookie },
        payload: {
          code,
          kind: 'city_brain',
          name: code,
          regionCode,
          ownerUnit: '大数据局',
          contactName: '王工',
          contactPhone: '0531-86001234',
          publishes: ['vital-sign', 'event', 'heartbeat'],
          receives: ['task', 'notice', 'alert'],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      const c = await t.app.inject({
        method: 'POST',
        url: `/api/v1/city-brain/sub-platforms/${r.json().id}/credentials`,
        headers: { cookie: province.cookie },
      });
      passwords[code] = c.json().password;
      return r.json().id as string;
    };
    qdId = await reg('c370200', '370200');
    jnId = await reg('c370100', '370100');
    await t.jobs.startRunners();
    qdCut.targetPort = hub.leafPort!;
    qd = await CityPlatform.start({
      code: 'c370200',
      dir: path.join(dir, 'qd'),
      hubLeafUrl: `nats-leaf://c370200:${passwords.c370200}@127.0.0.1:${qdCut.port}`,
    });
    jn = await CityPlatform.start({
      code: 'c370100',
      dir: path.join(dir, 'jn'),
      hubLeafUrl: `nats-leaf://c370100:${passwords.c370100}@127.0.0.1:${hub.leafPort}`,
    });
  }, 60_000);

  afterAll(async () => {
    await qd?.stop();
    await jn?.stop();
    await qdCut?.close();
    await t?.close();
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a city cut off keeps writing, then converges: nothing lost, nothing doubled, in order', async () => {
    for (let n = 0; n < 500; n++) await qd.publish('vital-sign', vital('c370200', '370200', n), `qd-${n}`);
    await until('the first 500', async () => (await inbound('c370200')) === 500);
    qdCut.down();
    // Offline: the city's own stream takes every message; the hub has none of them.
    for (let n = 500; n < 2000; n++) await qd.publish('vital-sign', vital('c370200', '370200', n), `qd-${n}`);
    // A resend of messages already stored is dropped by the city's stream (same id).
    for (let n = 1990; n < 2000; n++) await qd.publish('vital-sign', vital('c370200', '370200', n), `qd-${n}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inbound('c370200')).toBe(500);
    qdCut.restore();
    await until('convergence after reconnecting', async () => (await inbound('c370200')) === 2000, 30_000);
    const order = await rows(
      sql`SELECT m.msg_id FROM city_brain.inbound_message m WHERE m.sub_platform_id = ${qdId} ORDER BY m.id`,
    );
    expect(order.map((r) => Number(String(r.msg_id).slice(3)))).toEqual([...Array(2000).keys()]);
    const latest = await rows(sql`SELECT value FROM city_brain.vital_sign_latest WHERE sub_platform_id = ${qdId}`);
    expect(latest).toHaveLength(1);
  }, 60_000);

  it('a batch whose commit fails is committed again before anything newer is acknowledged (nothing skipped)', async () => {
    const before = await inbound('c370200');
    // The database refuses one batch (a lost connection, a timeout); the intake tries the same batch again.
    const commit = vi.spyOn(IntakeService.prototype, 'commit').mockRejectedValueOnce(new Error('connection lost'));
    try {
      for (let n = 0; n < 20; n++) await qd.publish('vital-sign', vital('c370200', '370200', 7000 + n), `qd-f-${n}`);
      await until('the failed commit', async () => commit.mock.calls.length >= 1);
      // Newer messages arrive meanwhile; acknowledging them (AckAll) must not take the failed batch with them.
      for (let n = 20; n < 40; n++) await qd.publish('vital-sign', vital('c370200', '370200', 7000 + n), `qd-f-${n}`);
      await until('all forty', async () => (await inbound('c370200')) === before + 40, 15_000);
    } finally {
      commit.mockRestore();
    }
    const ids = await rows(
      sql`SELECT m.msg_id FROM city_brain.inbound_message m WHERE m.sub_platform_id = ${qdId} AND m.msg_id LIKE 'qd-f-%' ORDER BY m.id`,
    );
    expect(ids.map((r) => r.msg_id)).toEqual([...Array(40).keys()].map((n) => `qd-f-${n}`));
  }, 30_000);

  it('one city’s login cannot read or write another city’s subjects', async () => {
    const errors: string[] = [];
    const direct = await connect({
      servers: hub.url,
      user: 'c370200',
      pass: passwords.c370200,
      inboxPrefix: '_INBOX_c370200',
    });
    void (async () => {
      for await (const s of direct.status()) if (s.type === 'error') errors.push(String(s.data));
    })();
    const got: string[] = [];
    direct.subscribe('zc.down.c370100.>', { callback: (_e, m) => got.push(m.subject) });
    direct.subscribe('zc.up.>', { callback: (_e, m) => got.push(m.subject) });
    direct.publish('zc.up.c370100.event', 'forged');
    await direct.flush();
    await until('two refusals', async () => errors.length >= 2, 5_000);
    expect(errors.every((e) => e.includes('PERMISSIONS_VIOLATION'))).toBe(true);
    await expect((await direct.jetstreamManager().catch((e: Error) => e)) as unknown).toBeInstanceOf(Error);
    await direct.close();

    // On its own leaf server, a spy on Jinan's subjects sees nothing of what the province sends Jinan.
    const spied: string[] = [];
    qd.nc.subscribe('zc.down.c370100.>', { callback: (_e, m) => spied.push(m.subject) });
    await qd.nc.flush();
    const received: string[] = [];
    const stop = await jn.onDown(async (m) => void received.push(m.title));
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/city-brain/sub-platforms/${jnId}/messages`,
      headers: { cookie: province.cookie },
      payload: { kind: 'notice', title: '仅济南可见', body: '' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    await until('Jinan received it', async () => received.includes('仅济南可见'));
    await stop();
    expect(spied).toEqual([]);
  }, 30_000);

  it('malformed messages go to the dead letters with their reason; nothing of them is stored', async () => {
    const before = await inbound('c370200');
    await qd.publishRaw('zc.up.c370200.vital-sign', '{"broken"', 'bad-1');
    await qd.publish('vital-sign', { ...vital('c370200', '370200', 1), value: 'high' }, 'bad-2');
    await qd.publish('vital-sign', vital('c370200', '370100', 1), 'bad-3');
    await qd.publishRaw('zc.up.c370200.vital-sign', JSON.stringify(vital('c370200', '370200', 2)));
    await qd.publish('dataset-update', vital('c370200', '370200', 3), 'bad-5');
    await qd.publish('vital-sign', vital('c370200', '370200', 5000), 'good-after');
    await until('the good one after them', async () => (await inbound('c370200')) === before + 1);
    const dead = await rows(sql`SELECT reason, msg_id FROM city_brain.dead_letter ORDER BY hub_seq`);
    expect(dead.map((d) => d.reason)).toEqual([
      'not_json',
      'schema',
      'region_out_of_scope',
      'missing_msg_id',
      'kind_not_granted',
    ]);
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/city-brain/dead-letters?code=c370200',
      headers: { cookie: province.cookie },
    });
    expect(page.json().items[0]).toMatchObject({ reason: 'kind_not_granted', subPlatformCode: 'c370200' });
    const schema = page.json().items.find((d: { reason: string }) => d.reason === 'schema');
    expect(schema.detail[0].path).toBe('value');
    // The dead-letter stream holds them too, with the reason in a header.
    const nc = await connect({ servers: hub.url, ...{ user: hubLogin.user, pass: hubLogin.password } });
    const info = await (await nc.jetstreamManager()).streams.info(HUB_DEAD_STREAM);
    expect(info.state.messages).toBe(5);
    await nc.close();
  }, 30_000);

  it('a message sent down while the city is offline waits, then arrives once after reconnecting', async () => {
    const got: string[] = [];
    const stop = await qd.onDown(async (m) => void got.push(m.title));
    qdCut.down();
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/city-brain/sub-platforms/${qdId}/messages`,
      headers: { cookie: province.cookie },
      payload: { kind: 'task', title: '核查积水点', body: '请于今日核查' },
    });
    expect(sent.json().status).toBe('pending');
    await new Promise((r) => setTimeout(r, 2500));
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/city-brain/sub-platforms/${qdId}/messages`,
      headers: { cookie: province.cookie },
    });
    expect(list.json().items[0]).toMatchObject({ status: 'pending' });
    qdCut.restore();
    await until('delivered', async () => {
      await t.jobs.runOnce('city-brain', 'deliver');
      return got.includes('核查积水点');
    });
    await new Promise((r) => setTimeout(r, 300));
    await t.jobs.runOnce('city-brain', 'deliver');
    await stop();
    expect(got.filter((x) => x === '核查积水点')).toHaveLength(1);
  }, 40_000);

  it('closes the loop: a city raises an event, the province dispatches it, the city reports it handled, the province closes it', async () => {
    const approver = await t.user('city_approver', '370200');
    const tasks: { eventId?: string; title: string }[] = [];
    const stop = await qd.onDown(async (m) => void tasks.push({ eventId: m.eventId, title: m.title }));
    await qd.publish(
      'event',
      {
        id: 'urn:ngsi-ld:CityEvent:c370200:e-1',
        type: 'CityEvent',
        schemaVersion: 1,
        observedAt: new Date().toISOString(),
        regionCode: '370202',
        category: 'road_facility',
        severity: 'medium',
        title: '香港中路井盖缺失(示例)',
      },
      'qd-event-1',
    );
    let eventId = '';
    await until('the event at the province', async () => {
      const r = await t.app.inject({
        method: 'GET',
        url: '/api/v1/city-brain/events',
        headers: { cookie: province.cookie },
      });
      eventId = r.json().items[0]?.id ?? '';
      return !!eventId;
    });
    const post = (u: TestUser, step: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/city-brain/events/${eventId}/${step}`,
        payload: payload as never,
        headers: { cookie: u.cookie },
      });
    expect((await post(province, 'register', { accept: true })).statusCode).toBe(200);
    expect(
      (await post(province, 'dispatch', { regionCode: '370202', department: '市南区城市管理局' })).statusCode,
    ).toBe(200);
    await until('the task in the city', async () => {
      await t.jobs.runOnce('city-brain', 'deliver');
      return tasks.some((x) => x.eventId === eventId);
    });
    await qd.publish(
      'event',
      {
        id: 'urn:ngsi-ld:EventFeedback:c370200:e-1-done',
        type: 'EventFeedback',
        schemaVersion: 1,
        observedAt: new Date().toISOString(),
        regionCode: '370202',
        eventId,
        stage: 'handled',
        result: '已补装井盖',
      },
      'qd-event-1-done',
    );
    // Feedback naming an event that is not Qingdao's goes to the dead letters.
    await qd.publish(
      'event',
      {
        id: 'urn:ngsi-ld:EventFeedback:c370200:forged',
        type: 'EventFeedback',
        schemaVersion: 1,
        observedAt: new Date().toISOString(),
        regionCode: '370202',
        eventId: '00000000-0000-4000-8000-000000000000',
        stage: 'handled',
        result: 'x',
      },
      'qd-forged',
    );
    await until('fed back', async () => {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/city-brain/events/${eventId}`,
        headers: { cookie: province.cookie },
      });
      return r.json().status === 'fed_back';
    });
    const closed = await post(approver, 'verify', { passed: true });
    expect(closed.json()).toMatchObject({ status: 'closed', result: '已补装井盖' });
    expect(closed.json().history.map((h: { action: string; by: string }) => `${h.action}:${h.by}`)).toEqual([
      'reported:c370200',
      `registered:${province.username}`,
      `dispatched:${province.username}`,
      'fed_back:c370200',
      `closed:${approver.username}`,
    ]);
    await until(
      'the forged feedback refused',
      async () => (await rows(sql`SELECT 1 FROM city_brain.dead_letter WHERE reason = 'unknown_event'`)).length === 1,
    );
    await stop();
  }, 40_000);

  it('an intake consumer of the earlier kind (AckAll) is replaced by one acknowledging each message, losing nothing', async () => {
    const nc = await connect({ servers: hub.url, ...{ user: hubLogin.user, pass: hubLogin.password } });
    const jsm = await nc.jetstreamManager();
    const floor = (await jsm.consumers.info(HUB_UP_STREAM, INTAKE_CONSUMER)).ack_floor.stream_seq;
    await jsm.consumers.delete(HUB_UP_STREAM, INTAKE_CONSUMER);
    await jsm.consumers.add(HUB_UP_STREAM, {
      durable_name: INTAKE_CONSUMER,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: floor + 1,
    });
    const before = await inbound('c370200');
    for (let n = 0; n < 10; n++) await qd.publish('vital-sign', vital('c370200', '370200', 8000 + n), `qd-m-${n}`);
    // A change in the registry makes the hub check its streams and consumer again.
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/city-brain/sub-platforms',
      headers: { cookie: province.cookie },
      payload: {
        code: 'c370300',
        kind: 'city_brain',
        name: 'c370300',
        regionCode: '370300',
        ownerUnit: '大数据局',
        contactName: '王工',
        contactPhone: '0531-86001234',
        publishes: ['vital-sign'],
        receives: ['task'],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/city-brain/sub-platforms/${r.json().id}/credentials`,
      headers: { cookie: province.cookie },
    });
    await until('the consumer replaced', async () => {
      const c = await jsm.consumers.info(HUB_UP_STREAM, INTAKE_CONSUMER).catch(() => null);
      return c?.config.ack_policy === AckPolicy.Explicit;
    });
    for (let n = 10; n < 20; n++) await qd.publish('vital-sign', vital('c370200', '370200', 8000 + n), `qd-m-${n}`);
    await until('all twenty', async () => (await inbound('c370200')) === before + 20, 15_000);
    await nc.close();
  }, 30_000);
});
