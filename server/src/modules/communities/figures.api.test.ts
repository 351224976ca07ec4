import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import ExcelJS from 'exceljs';
import { queryRows } from '../../platform/database/index.ts';
import { multipart } from '../../../test/xlsx-fixtures.ts';

const JIEFANGQIAO = '370102001002';
const LISHANLU = '370102001003';
const WEIYILU = '370103002001';
const figures = {
  households: 2100,
  population: 5400,
  elderlyPct: 22.5,
  grids: 7,
  contactName: '张三',
  contactPhone: '13812345678',
};

describeDb('communities figures api (data upward)', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let province: TestUser;
  let expert: TestUser;
  let communityToken: string;
  let countyToken: string;
  const push = (token: string | null, rows: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/ingest',
      payload: { rows } as never,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const stored = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM communities.monthly_report`))[0]!
      .n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    province = await t.user('province_operator', '370000');
    expert = await t.user('expert', '370000');
    for (const [u, code] of [
      [lixia, JIEFANGQIAO],
      [lixia, LISHANLU],
      [shizhong, WEIYILU],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/communities/registry',
        payload: { code, ...figures },
        headers: { cookie: u.cookie },
      });
      expect(r.statusCode).toBe(201);
    }
    worker = await t.user('community_worker', JIEFANGQIAO);
    otherWorker = await t.user('community_worker', WEIYILU);
  });
  afterAll(() => t.close());

  it('issues tokens to a community’s worker and to its county, shown once, stored hashed', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/communities/tokens',
      payload: { regionCode: JIEFANGQIAO, name: '智慧安防平台' },
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
      okStatus: 201,
    });
    communityToken = ok.json().token;
    expect(communityToken).toMatch(/^zcc_/);
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/tokens',
      payload: { regionCode: '370102', name: '历下区社区平台' },
      headers: { cookie: lixia.cookie },
    });
    countyToken = county.json().token;
    const hashes = await queryRows<{ h: string }>(
      t.database.db,
      sql`SELECT token_hash AS h FROM communities.ingest_token`,
    );
    expect(hashes.map((x) => x.h)).not.toContain(communityToken);
    const list = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/tokens?region=370102',
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    expect(
      list
        .json()
        .map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(['历下区社区平台', '智慧安防平台']);
    expect(JSON.stringify(list.json())).not.toContain(communityToken);
  });

  it('accepts a batch by token, idempotently, and counts the monthly reports as forms saved', async () => {
    const one = [{ month: '2024-05', values: { work_orders: 3 } }];
    expect((await push(null, one)).statusCode).toBe(401);
    expect((await push('zcc_not-a-real-token', one)).statusCode).toBe(401);
    const rows = [
      { month: '2024-05', values: { work_orders: 31, work_orders_closed: 29, devices_online: 40 } },
      { month: '2024-06', values: { work_orders: 35 } },
    ];
    const ok = await push(communityToken, rows);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ accepted: 2, unchanged: 0, formsSaved: 2 });
    const again = await push(communityToken, rows);
    expect(again.json()).toEqual({ accepted: 0, unchanged: 2, formsSaved: 0 });
    // A later figure for June merges into June's report: still one form.
    const changed = await push(communityToken, [
      { month: '2024-06', values: { work_orders: 36, residents_served: 900 } },
    ]);
    expect(changed.json()).toEqual({ accepted: 1, unchanged: 0, formsSaved: 0 });
  });

  it('refuses a batch with any bad row, naming each, and writes nothing', async () => {
    const before = await stored();
    const bad = await push(communityToken, [
      { month: '2024-07', values: { work_orders: 1 } },
      { month: '2024-08', values: { no_such_metric: 1 } },
      { month: '2024-13', values: { work_orders: 1 } },
      { month: '2024-09', values: { work_orders: -5 } },
      { month: '2024-10', values: { work_orders: 1 }, communityCode: WEIYILU },
      { month: '2024-07', values: { work_orders: 2 } },
      'not an object',
      { month: '2024-11', values: {} },
    ]);
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'rows.1.values',
        'rows.2.month',
        'rows.3.values.work_orders',
        'rows.4.communityCode',
        'rows.5',
        'rows.6',
        'rows.7.values',
      ]),
    );
    expect(paths.some((p: string) => p.startsWith('rows.0'))).toBe(false);
    expect(await stored()).toBe(before);
    expect((await push(communityToken, [])).statusCode).toBe(400);
  });

  it('lets a county platform push for its communities and pull its subtree, not beyond', async () => {
    const ok = await push(countyToken, [
      { communityCode: LISHANLU, month: '2024-06', values: { elderly_care_visits: 12 } },
    ]);
    expect(ok.json()).toMatchObject({ accepted: 1, formsSaved: 1 });
    const outside = await push(countyToken, [{ communityCode: WEIYILU, month: '2024-06', values: { work_orders: 1 } }]);
    expect(outside.statusCode).toBe(400);
    const missing = await push(countyToken, [{ month: '2024-06', values: { work_orders: 1 } }]);
    expect(missing.json().errors[0].path).toBe('rows.0.communityCode');
    const pull = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/ingest?pageSize=2',
      headers: { authorization: `Bearer ${countyToken}` },
    });
    expect(pull.json().total).toBe(3);
    expect(pull.json().items).toHaveLength(2);
    const since = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/ingest?since=${encodeURIComponent(new Date(t.clock.now().getTime() - 1000).toISOString())}`,
      headers: { authorization: `Bearer ${communityToken}` },
    });
    expect(since.json().items.every((x: { communityCode: string }) => x.communityCode === JIEFANGQIAO)).toBe(true);
    const beyond = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/ingest?region=370103',
      headers: { authorization: `Bearer ${countyToken}` },
    });
    expect(beyond.statusCode).toBe(401);
  });

  it('rolls figures up with freshness and forms saved; lists them for users in scope', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/figures/rollup?region=370100&from=2024-01&to=2024-06',
      allowed: province,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    const r = ok.json();
    expect(r.children.map((c: { regionCode: string }) => c.regionCode)).toEqual(['370102', '370103']);
    const lx = r.children[0];
    // work_orders sums over months; devices_online is a state: only the window's last month (none in June here).
    expect(lx.values).toMatchObject({ work_orders: 67, work_orders_closed: 29, elderly_care_visits: 12 });
    expect(lx.values.devices_online).toBeUndefined();
    expect(lx).toMatchObject({ reporting: 2, registered: 2, regionName: '历下区' });
    expect(r.formsSaved).toEqual({ api: 3, excel: 0, form: 0 });
    const may = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/figures/rollup?region=370102&to=2024-05',
      headers: { cookie: lixia.cookie },
    });
    expect(may.json().children[0]).toMatchObject({ regionCode: '370102001', values: { devices_online: 40 } });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/figures/rollup?from=2024-13',
      headers: { cookie: province.cookie },
    });
    expect(bad.statusCode).toBe(400);
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/figures?region=370102',
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/figures',
      headers: { cookie: otherWorker.cookie },
    });
    expect(mine.json().total).toBe(0);
  });

  it('stops a revoked token', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communities/tokens?region=${JIEFANGQIAO}`,
      headers: { cookie: worker.cookie },
    });
    const id = list.json()[0].id;
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/communities/tokens/${id}/revoke`,
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    expect((await push(communityToken, [{ month: '2024-07', values: { work_orders: 1 } }])).statusCode).toBe(401);
  });

  describe('monthly reports by Excel', () => {
    const upload = (u: TestUser | null, data: Buffer) => {
      const m = multipart({ data, filename: '月报.xlsx' });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/communities/figures/import',
        payload: m.payload,
        headers: { ...m.headers, ...(u ? { cookie: u.cookie } : {}) },
      });
    };
    /** The downloaded template with its data rows replaced by `rows` (cells in the template's column order). */
    const filled = async (template: Buffer, rows: (string | number)[][]) => {
      const src = new ExcelJS.Workbook();
      await src.xlsx.load(template as unknown as ArrayBuffer);
      const header = (src.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('社区月报');
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    let template: Buffer;

    it('hands out the sheet pre-filled with the region’s communities for last month', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/communities/figures/template?region=370102',
        allowed: lixia,
        wrongRole: expert,
        wrongRegion: shizhong,
      });
      expect(r.headers['content-type']).toContain('spreadsheetml');
      template = r.rawPayload;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['社区代码', '社区名称', '月份']);
      expect([ws.getRow(2).getCell(1).value, ws.getRow(2).getCell(3).value]).toEqual([JIEFANGQIAO, '2024-06']);
      expect(ws.getRow(3).getCell(1).value).toBe(LISHANLU);
      // A worker's template is its own community only.
      const own = await t.app.inject({
        method: 'GET',
        url: '/api/v1/communities/figures/template',
        headers: { cookie: worker.cookie },
      });
      const w = new ExcelJS.Workbook();
      await w.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
      expect(w.worksheets[0]!.getRow(2).getCell(1).value).toBe(JIEFANGQIAO);
      expect(w.worksheets[0]!.getRow(3).getCell(1).value).not.toBe(LISHANLU);
    });

    it('refuses the whole sheet when any row is bad, naming row and column; nothing written', async () => {
      const before = await stored();
      const bad = await filled(template, [
        [JIEFANGQIAO, '解放桥社区', '2023-12', 10, 100, 5, 5, 2, 30, 32],
        [LISHANLU, '历山路社区', '2023-13', 10, 100, 5, 5, 2, 30, 32],
        [LISHANLU, '历山路社区', '2023-11', 10, 'many', 5, 5, 2, 30, 32],
        [WEIYILU, '纬一路社区', '2023-12', 10, 100, 5, 5, 2, 30, 32],
        [JIEFANGQIAO, '解放桥社区', '2023/12', 11],
        ['370102001999', '无此社区', '2023-12', 1],
        [LISHANLU, '历山路社区', '2023-10'],
      ]);
      const r = await upload(lixia, bad);
      expect(r.statusCode).toBe(200);
      const report = r.json();
      expect(report.imported).toBe(0);
      const at = (n: number) =>
        report.errors.filter((e: { row: number }) => e.row === n).map((e: { field: string }) => e.field);
      expect(at(2)).toEqual([]);
      expect(at(3)).toContain('month');
      expect(at(4)).toContain('residents_served');
      expect(at(5)).toContain('communityCode');
      expect(at(6)).toContain('month');
      expect(at(7)).toContain('communityCode');
      expect(at(8)).toContain('values');
      expect(await stored()).toBe(before);
      // Another community's worker: every row is outside its region.
      const other = await upload(otherWorker, await filled(template, [[JIEFANGQIAO, '', '2023-12', 1]]));
      expect(other.json()).toMatchObject({ imported: 0, errors: [{ row: 2, field: 'communityCode' }] });
      expect((await upload(null, bad)).statusCode).toBe(401);
      expect((await upload(expert, bad)).statusCode).toBe(403);
    });

    it('imports a good sheet all at once, counted as Excel among the reports', async () => {
      const good = await filled(template, [
        [JIEFANGQIAO, '解放桥社区', '2023-12', 10, 100, 5, 5, 2, 30, 32],
        [LISHANLU, '历山路社区', '2023年12月', 8, 90, 4, 4, 1, 20, 22],
      ]);
      const r = await upload(lixia, good);
      expect(r.json()).toEqual({ imported: 2, errors: [] });
      const roll = await t.app.inject({
        method: 'GET',
        url: '/api/v1/communities/figures/rollup?region=370102&from=2023-12&to=2023-12',
        headers: { cookie: lixia.cookie },
      });
      expect(roll.json()).toMatchObject({
        formsSaved: { api: 0, excel: 2, form: 0 },
        total: { reporting: 2, values: { services_delivered: 18, devices_online: 50 } },
      });
      // The same sheet again changes nothing and is not refused.
      expect((await upload(lixia, good)).json()).toEqual({ imported: 2, errors: [] });
    });
  });
});
