import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScreenOverview } from '@zhicheng/contracts/screen';
import { createTestApp, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { PUSH_INTERVAL_SETTING } from './index.ts';

/** Reads server-sent events from a fetch body until `until` accepts one (or the time runs out). */
async function readEvents(res: Response, until: (events: { event: string; data: string }[]) => boolean, ms = 15_000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: string }[] = [];
  let buf = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until(events)) {
    const { value, done } = await Promise.race([
      reader.read(),
      new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), ms)),
    ]);
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data });
    }
  }
  await reader.cancel();
  return events;
}

/** The live screen over real HTTP: an event stream pushes the region's screen when a module's figure changes. */
describeDb('screen live stream', (kind) => {
  let t: TestApp;
  let base: string;
  let province: TestUser, jinan: TestUser, qingdao: TestUser, expert: TestUser, operator: TestUser;
  const open = (u: TestUser | null, query: string) =>
    fetch(`${base}/api/v1/screen/stream${query}`, { headers: u ? { cookie: u.cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.platform.settings.set(PUSH_INTERVAL_SETTING, 100);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    province = await t.user('province_operator', '370000');
    jinan = await t.user('city_operator', '370100');
    qingdao = await t.user('city_operator', '370200');
    expert = await t.user('expert', '370000');
    operator = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
  });
  afterAll(() => t.close());

  it('refuses like every route: 401, 403 wrong role, 403 wrong region, 400 naming the region', async () => {
    const anon = await open(null, '?region=370100');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toContain('application/problem+json');
    expect((await open(expert, '?region=370100')).status).toBe(403);
    const wrong = await open(qingdao, '?region=370100');
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { code: string }).code).toBe('out_of_region_scope');
    const bad = await open(jinan, '?region=37x');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('region');
    expect((await open(jinan, '')).status).toBe(400);
  });

  it('sends the screen at once, then again when a figure changes', async () => {
    const res = await open(jinan, '?region=370100');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-store');
    let registered = false;
    const events = await readEvents(res, (ev) => {
      if (ev.length === 1 && !registered) {
        registered = true;
        // A data centre registered in 历下区 (济南) changes 济南's compute figures: the stream must push them.
        void t.app
          .inject({
            method: 'POST',
            url: '/api/v1/compute/data-centres',
            headers: { cookie: province.cookie },
            payload: {
              name: '推送测试数据中心',
              operatorOrganisationId: operator.actor.organisationId,
              address: '测试路 1 号',
              lng: 117.1,
              lat: 36.6,
              countyCode: '370102',
              zoneId: null,
              status: 'operating',
              designRacks: 100,
              powerCapacityKw: 300,
              designPue: 1.25,
              storagePb: 1,
              inventory: [{ kind: 'general', modelId: 'intel-xeon-8380-2s', count: 10 }],
            },
          })
          .then((r) => expect(r.statusCode, r.body).toBe(201));
      }
      return ev.length >= 2;
    });
    expect(events.map((e) => e.event)).toEqual(['overview', 'overview']);
    const [first, second] = events.map((e) => JSON.parse(e.data) as ScreenOverview);
    expect(first!.region.code).toBe('370100');
    expect(second!.version).not.toBe(first!.version);
    const centres = (o: ScreenOverview) => o.figures.find((f) => f.key === 'compute.data-centres')!.value;
    expect(centres(second!)).toBe(centres(first!)! + 1);
  });
});
