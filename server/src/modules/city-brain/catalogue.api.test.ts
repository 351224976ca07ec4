import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../platform/authorization/index.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { CatalogueRepository } from './catalogue/catalogue.repository.ts';
import { IntakeService } from './exchange/intake.service.ts';
import { CatalogueService } from './catalogue/catalogue.service.ts';
import { RegistryRepository } from './registry.repository.ts';
import { moduleApi } from '../../app.ts';

describeDb('city-brain data catalogue api', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let qdOp: TestUser;
  let jnOp: TestUser;
  let qdAp: TestUser;
  let jnAp: TestUser;
  let expert: TestUser;
  let spId: string;
  const ids = { open: '', conditional: '', closed: '' };
  const base = '/api/v1/city-brain/catalogue';
  const as = (u: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: u.cookie } });
  const until = () => new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    qdOp = await t.user('city_operator', '370200');
    jnOp = await t.user('city_operator', '370100');
    qdAp = await t.user('city_approver', '370200');
    jnAp = await t.user('city_approver', '370100');
    expert = await t.user('expert', '370000');
    const sp = await as(province, 'POST', '/api/v1/city-brain/sub-platforms', {
      code: 'c370200',
      kind: 'city_brain',
      name: '青岛城市云脑',
      regionCode: '370200',
      ownerUnit: '青岛市大数据局',
      contactName: '王工',
      contactPhone: '0532-85912345',
      publishes: ['dataset-update', 'heartbeat'],
      receives: ['task'],
    });
    expect(sp.statusCode, sp.body).toBe(201);
    spId = sp.json().id;
    const repo = new CatalogueRepository(t.database.db);
    const now = new Date();
    const field = (name: string, label: string, personal = false) => ({
      name,
      label,
      type: 'string' as const,
      personal,
    });
    const row = (code: string, sharingClass: 'unconditional' | 'conditional' | 'not_shared') => ({
      id: crypto.randomUUID(),
      subPlatformId: spId,
      code,
      name: code,
      fields: [field('lot_id', '停车场编号'), field('free', '空余泊位'), field('plate', '车牌', true)],
      sharingClass,
      createdAt: now,
      updatedAt: now,
    });
    const rows = [
      row('parking-lots', 'unconditional'),
      row('parking-berths', 'conditional'),
      row('plates', 'not_shared'),
    ];
    await repo.insertMany(rows);
    [ids.open, ids.conditional, ids.closed] = rows.map((r) => r.id) as [string, string, string];
  });
  afterAll(() => t.close());

  it('lists the whole catalogue to every reader, with filters; 401/403 and 400 on a bad filter', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: `${base}/datasets?sharingClass=conditional`,
      allowed: jnOp,
      wrongRole: expert,
    });
    expect(ok.json()).toMatchObject({ total: 1, items: [{ code: 'parking-berths', subPlatformCode: 'c370200' }] });
    const q = await as(jnOp, 'GET', `${base}/datasets?q=parking`);
    expect(q.json().total).toBe(2);
    const bad = await as(jnOp, 'GET', `${base}/datasets?sharingClass=secret`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('sharingClass');
    const one = await as(jnOp, 'GET', `${base}/datasets/${ids.closed}`);
    expect(one.json()).toMatchObject({
      sharingClass: 'not_shared',
      fields: [{ name: 'lot_id' }, {}, { personal: true }],
    });
    expect((await as(jnOp, 'GET', `${base}/datasets/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('the owner’s region describes a dataset (audited); others get 403; 400 names the field', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'PATCH',
      url: `${base}/datasets/${ids.open}`,
      payload: { name: '公共停车场名录', updateCycle: 'monthly', description: '全市公共停车场' },
      allowed: qdOp,
      wrongRole: qdAp,
      wrongRegion: jnOp,
    });
    expect(ok.json()).toMatchObject({ name: '公共停车场名录', updateCycle: 'monthly', uncatalogued: false });
    const bad = await as(qdOp, 'PATCH', `${base}/datasets/${ids.open}`, {
      fields: [{ name: 'Bad Name', label: 'x', type: 'string' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('fields');
    const audit = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit.event WHERE action = 'city-brain.dataset.update' AND object_id = ${ids.open}`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('conditional data: request → the owner’s approver decides (never the requester, nor another region) → use recorded', async () => {
    // Unconditional data needs no request; unshared data can be neither requested nor used.
    expect(
      (
        await as(jnOp, 'POST', `${base}/datasets/${ids.open}/requests`, {
          purpose: '交通诱导研究',
          unit: '济南市交通局',
          until: until(),
        })
      ).statusCode,
    ).toBe(409);
    expect((await as(jnOp, 'POST', `${base}/datasets/${ids.closed}/uses`, { purpose: '研究' })).json().code).toBe(
      'dataset_not_shared',
    );
    // Without an approved request, conditional data is refused.
    const refused = await as(jnOp, 'POST', `${base}/datasets/${ids.conditional}/uses`, { purpose: '交通诱导研究' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('data_request_required');

    const req = await expectAuthMatrix(t, {
      method: 'POST',
      url: `${base}/datasets/${ids.conditional}/requests`,
      payload: {
        purpose: '济南—青岛交通诱导研究',
        unit: '济南市交通运输局',
        fields: ['lot_id', 'free'],
        until: until(),
      },
      allowed: jnAp,
      wrongRole: expert,
      okStatus: 201,
    });
    const reqId = req.json().id as string;
    expect(req.json()).toMatchObject({ status: 'pending', mine: true, fields: ['lot_id', 'free'] });
    const past = await as(jnOp, 'POST', `${base}/datasets/${ids.conditional}/requests`, {
      purpose: '交通诱导研究',
      unit: '济南市交通运输局',
      until: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('until');
    const noField = await as(jnOp, 'POST', `${base}/datasets/${ids.conditional}/requests`, {
      purpose: '交通诱导研究',
      unit: '济南市交通运输局',
      fields: ['nope'],
      until: until(),
    });
    expect(noField.statusCode).toBe(404);

    // The approver waiting list shows it to Qingdao's approver, not to Jinan's.
    const waiting = await as(qdAp, 'GET', `${base}/requests?view=toDecide`);
    expect(waiting.json().items.map((r: { id: string }) => r.id)).toContain(reqId);
    expect((await as(jnOp, 'GET', `${base}/requests?view=toDecide`)).json().total).toBe(0);
    expect((await as(jnAp, 'GET', `${base}/requests?view=mine`)).json().items[0]).toMatchObject({
      id: reqId,
      mine: true,
    });

    const decide = `${base}/requests/${reqId}/decision`;
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: decide,
      payload: { approve: true, note: '同意,限研究用途' },
      allowed: qdAp,
      wrongRole: qdOp,
      wrongRegion: jnAp,
    });
    expect(ok.json()).toMatchObject({ status: 'approved', decisionNote: '同意,限研究用途' });
    expect((await as(qdAp, 'POST', decide, { approve: false })).json().code).toBe('request_decided');

    // Someone else cannot use Jinan's approval; the requester can, and only the approved fields are released.
    expect(
      (await as(jnOp, 'POST', `${base}/datasets/${ids.conditional}/uses`, { purpose: 'x研究', requestId: reqId }))
        .statusCode,
    ).toBe(409);
    const use = await as(jnAp, 'POST', `${base}/datasets/${ids.conditional}/uses`, {
      purpose: '交通诱导研究',
      requestId: reqId,
    });
    expect(use.statusCode, use.body).toBe(201);
    expect(use.json()).toMatchObject({ requestId: reqId, fields: ['lot_id', 'free'] });
    expect((await as(jnOp, 'POST', `${base}/datasets/${ids.open}/uses`, { purpose: '公共停车查询' })).statusCode).toBe(
      201,
    );

    const log = await expectAuthMatrix(t, {
      method: 'GET',
      url: `${base}/datasets/${ids.conditional}/uses`,
      allowed: qdOp,
      wrongRole: expert,
      wrongRegion: jnOp,
    });
    expect(log.json()).toMatchObject({ total: 1, items: [{ purpose: '交通诱导研究', requestId: reqId }] });
  });

  it('four eyes: an approver cannot grant their own request', async () => {
    const own = await as(qdAp, 'POST', `${base}/datasets/${ids.conditional}/requests`, {
      purpose: '本市停车规划研究',
      unit: '青岛市大数据局',
      until: until(),
    });
    expect(own.statusCode).toBe(201);
    const r = await as(qdAp, 'POST', `${base}/requests/${own.json().id}/decision`, { approve: true });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('own_work');
    const status = await as(qdAp, 'GET', `${base}/requests?view=mine`);
    expect(status.json().items.find((x: { id: string }) => x.id === own.json().id).status).toBe('pending');
  });

  it('dataset-update messages keep versions current and add unknown datasets as uncatalogued', async () => {
    const regions = moduleApi(t, 'regions');
    const registry = new RegistryRepository(t.database.db);
    const intake = new IntakeService(t.platform, registry, regions);
    intake.use(new CatalogueService(t.platform, regions, registry).intakeHandlers());
    const enc = new TextEncoder();
    const msg = (code: string, version: string, records: number, n: number, at: string) => ({
      subject: 'zc.up.c370200.dataset-update',
      data: enc.encode(
        JSON.stringify({
          id: `urn:ngsi-ld:DatasetUpdate:c370200:${code}:${version}`,
          type: 'DatasetUpdate',
          schemaVersion: 1,
          observedAt: at,
          regionCode: '370200',
          datasetCode: code,
          version,
          records,
        }),
      ),
      msgId: `ds-${n}`,
      hubSeq: 9_000 + n,
    });
    const r = await intake.commit(systemContext('test'), [
      msg('parking-lots', '2026.11', 812, 1, '2026-11-30T01:00:00Z'),
      msg('parking-lots', '2026.10', 800, 2, '2026-10-31T01:00:00Z'),
      msg('bus-stops', 'v1', 6_400, 3, '2026-11-30T02:00:00Z'),
    ]);
    expect(r).toMatchObject({ accepted: 3, dead: [] });
    // An older report arriving later moves nothing.
    await intake.commit(systemContext('test'), [msg('parking-lots', '2026.09', 700, 4, '2026-09-30T01:00:00Z')]);
    const lots = await as(jnOp, 'GET', `${base}/datasets/${ids.open}`);
    expect(lots.json()).toMatchObject({ version: '2026.11', records: 812, name: '公共停车场名录' });
    const fresh = (await as(jnOp, 'GET', `${base}/datasets?q=bus-stops`)).json().items[0];
    expect(fresh).toMatchObject({ code: 'bus-stops', uncatalogued: true, sharingClass: 'not_shared', records: 6400 });
  });
});
