import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { multipart } from '../../../test/xlsx-fixtures.ts';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { CASE_COLUMNS } from './cases-excel.ts';
import { seedCaseLibrary } from './testing.ts';

/** One sheet row in the import layout, as an official would fill it in (names, not codes; yuan, not fen). */
const row = (over: Record<string, string> = {}) => ({
  regionCode: '370102',
  title: '历下区智慧停车导入案例',
  domain: '惠民',
  category: 'transport',
  summary: '整合全区公共停车场和路内泊位,市民一个程序找车位、付费。',
  problem: '老城区停车难,车位信息不透明。',
  approach: '接入全区停车场实时数据,统一支付与诱导屏。',
  results: '接入泊位三万个。',
  usersServed: '120,000',
  monthlyUsage: '45000',
  savingsYuan: '1500000.50',
  operatingModel: '多方共赢',
  investmentYuan: '12000000',
  goLive: '2023/6/1',
  tags: '停车、一张网',
  ...over,
});

describeDb('scenarios api: Excel import and export of cases', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let jinanApprover: TestUser;
  let provinceApprover: TestUser;
  const sheet = (rows: Record<string, string>[]) => writeWorkbook([{ name: '场景案例', columns: CASE_COLUMNS, rows }]);
  const upload = async (who: TestUser | null, rows: Record<string, string>[]) => {
    const m = multipart({ data: await sheet(rows), filename: 'cases.xlsx' });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/cases/import',
      payload: m.payload,
      headers: { ...m.headers, ...(who ? { cookie: who.cookie } : {}) },
    });
  };
  const count = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/scenarios/cases?pageSize=1',
        headers: { cookie: provinceApprover.cookie },
      })
    ).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedCaseLibrary(t);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinanApprover = await t.user('city_approver', '370100');
    provinceApprover = await t.user('province_approver', '370000');
  });
  afterAll(() => t.close());

  it('refuses the whole sheet when any row is wrong, naming each bad cell by row, and writes nothing', async () => {
    const before = await count();
    const r = await upload(lixia, [
      row(),
      row({ title: '历下区第二个导入案例', summary: '太短' }),
      row({ title: '历下区第三个导入案例', domain: '不存在的领域' }),
      row(), // the same title as row 2
      row({ title: '市中区的案例写在历下区的表里', regionCode: '370103' }),
      row({ title: '历下区第六个导入案例', usersServed: '很多' }),
      row({ title: '历下区第七个导入案例', category: 'manufacturing' }), // 兴业's sub-category under 惠民
      // A region by name: 市中区 alone is in 济南 and in 枣庄, so the row names both.
      row({ title: '历下区第八个导入案例', regionCode: '市中区' }),
    ]);
    expect(r.statusCode).toBe(200);
    const errors = r.json().errors as { row: number; field: string }[];
    expect(r.json().imported).toBe(0);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'summary'],
      [4, 'domain'],
      [5, 'title'],
      [6, 'regionCode'],
      [7, 'usersServed'],
      [8, 'category'],
      [9, 'regionCode'],
    ]);
    expect(JSON.stringify(r.json().errors.at(-1))).toMatch(/济南.*枣庄|枣庄.*济南/);
    expect(await count()).toBe(before);
  });

  it('imports drafts for the importer’s region (401, 403 wrong role, 200), flags look-alikes, and audits each case', async () => {
    // Row 3 copies a case another county filed: the import flags it; nothing is linked or merged.
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/cases?status=accepted&region=370200&pageSize=1',
      headers: { cookie: provinceApprover.cookie },
    });
    const source = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/scenarios/cases/${page.json().items[0].id}`,
        headers: { cookie: provinceApprover.cookie },
      })
    ).json();
    const rows = [
      // The region by its full name: stored as its code.
      row({ regionCode: '济南市历下区' }),
      row({
        title: '历下区借鉴青岛的导入案例',
        domain: source.domain,
        category: source.category,
        summary: source.summary,
        problem: source.problem,
        approach: source.approach,
        regionCode: '',
      }),
    ];
    const m = multipart({ data: await sheet(rows), filename: 'cases.xlsx' });
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/scenarios/cases/import',
      payload: m.payload,
      headers: m.headers,
      allowed: lixia,
      wrongRole: jinanApprover,
    });
    const report = ok.json();
    expect(report).toMatchObject({ imported: 2, errors: [] });
    expect(report.duplicates).toHaveLength(1);
    expect(report.duplicates[0]).toMatchObject({ row: 3, title: '历下区借鉴青岛的导入案例' });
    expect(report.duplicates[0].similar.map((x: { id: string }) => x.id)).toContain(source.id);
    const first = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/scenarios/cases/${report.ids[0]}`,
        headers: { cookie: lixia.cookie },
      })
    ).json();
    expect(first).toMatchObject({
      status: 'draft',
      regionCode: '370102',
      domain: 'service',
      operatingModel: 'multi_win',
      usersServed: 120000,
      savingsFen: 150000050,
      investmentFen: 1200000000,
      goLive: '2023-06-01',
      tags: ['停车', '一张网'],
    });
    // The region left blank is the importer's own; another county's operator cannot see the drafts.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/cases/${report.ids[1]}`,
      headers: { cookie: shizhong.cookie },
    });
    expect(other.statusCode).toBe(403);
    for (const id of report.ids) {
      const audits = await t.platform.audit.search(t.platform.db, {
        page: 1,
        pageSize: 5,
        objectType: 'scenarios.case',
        objectId: id,
        action: 'scenarios.case.create',
      });
      expect(audits.total).toBe(1);
    }

    // Importing the same sheet again: every title is taken, nothing written.
    const again = await upload(lixia, rows);
    expect(again.json().imported).toBe(0);
    expect(again.json().errors.map((e: { field: string }) => e.field)).toEqual(['title', 'title']);

    // Not a spreadsheet (the type is sniffed, not taken from the name): 415.
    const bad = multipart({ data: Buffer.from('not a workbook'), filename: 'cases.xlsx' });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/cases/import',
      payload: bad.payload,
      headers: { ...bad.headers, cookie: lixia.cookie },
    });
    expect(refused.statusCode).toBe(415);
  });

  it('exports the reader’s cases in the import layout (401, 403 wrong role, 403 wrong region, 200)', async () => {
    const expert = await t.user('expert', '370000');
    const res = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/scenarios/cases/export?region=370102',
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readSheet(res.rawPayload, CASE_COLUMNS);
    const mine = rows.find((r) => r.values.title === '历下区智慧停车导入案例');
    expect(mine?.values).toMatchObject({ regionCode: '370102', domain: '惠民', operatingModel: '多方共赢' });
    expect(rows.every((r) => r.values.regionCode === '370102')).toBe(true);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/cases/export?status=nonsense',
      headers: { cookie: lixia.cookie },
    });
    expect(bad.statusCode).toBe(400);
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/cases/template',
      headers: { cookie: lixia.cookie },
    });
    expect(template.statusCode).toBe(200);
    expect((await readSheet(template.rawPayload, CASE_COLUMNS)).length).toBeLessThanOrEqual(1);
  });
});
