import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('街道社区');
  ws.addRow(['区划代码', '名称', '上级代码']);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, name = 'regions.xlsx') {
  const boundary = '----zc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describeDb('regions api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let expert: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    expert = await t.user('expert', '370200');
  });
  afterAll(() => t.close());

  it('lists the 16 cities under 370000 without a session', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parent=370000' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { code: string; level: string; childCount: number }[];
    expect(items).toHaveLength(16);
    expect(items.every((i) => i.level === 'city')).toBe(true);
    expect(items.find((i) => i.code === '370100')!.childCount).toBe(12);
  });

  it('returns one region with its ancestors, also by alias', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/regions/370102' });
    expect(r.json()).toMatchObject({
      code: '370102',
      name: '历下区',
      level: 'county',
      ancestors: [{ code: '370000' }, { code: '370100' }],
    });
    const a = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${encodeURIComponent('青岛西海岸新区')}` });
    expect(a.json()).toMatchObject({ code: '370211', name: '黄岛区' });
    const s = await t.app.inject({ method: 'GET', url: `/api/v1/regions?q=${encodeURIComponent('西海岸')}` });
    expect(s.json().items.map((i: { code: string }) => i.code)).toContain('370211');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions/379999' })).statusCode).toBe(404);
  });

  it('rejects a malformed parent code with 400 naming the field', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parent=37ab' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toContain('parent');
  });

  it('imports streets and communities from Excel only within the operator’s county', async () => {
    const file = await xlsx([
      ['370102001', '解放路街道', '370102'],
      ['370102001001', '某某社区', '370102001'],
    ]);
    const body = multipart(file);
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/regions/import',
      ...body,
      allowed: lixia,
      wrongRegion: shizhong,
      wrongRole: expert,
    });
    expect(ok.json()).toEqual({ imported: 2, errors: [] });
    const street = await t.app.inject({ method: 'GET', url: '/api/v1/regions/370102001001' });
    expect(street.json().ancestors.map((a: { code: string }) => a.code)).toEqual([
      '370000',
      '370100',
      '370102',
      '370102001',
    ]);
  });

  it('reports every bad row by its spreadsheet row and writes nothing', async () => {
    const file = await xlsx([
      ['370102002', '甲街道', '370102'],
      ['37010200', '代码太短', '370102'],
      ['370103001', '别人的街道', '370102'],
      ['370102009001', '无上级社区', '370102009'],
    ]);
    const body = multipart(file);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: lixia.cookie },
    });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.imported).toBe(0);
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions/370102002' })).statusCode).toBe(404);
  });

  it('refuses a file that is not xlsx', async () => {
    const body = multipart(Buffer.from('code,name\n1,2'), 'x.xlsx');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: lixia.cookie },
    });
    expect(r.statusCode).toBe(415);
  });

  it('never lets a county take over another region’s alias', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/370102/aliases',
      payload: { alias: '青岛西海岸新区' },
      headers: { cookie: lixia.cookie },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('out_of_region_scope');
    const still = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${encodeURIComponent('青岛西海岸新区')}` });
    expect(still.json().code).toBe('370211');
  });

  it('adds an alias only within scope', async () => {
    await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/regions/370102/aliases',
      payload: { alias: '泉城路片区' },
      allowed: lixia,
      wrongRegion: shizhong,
      wrongRole: expert,
      okStatus: 204,
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions/370102/aliases',
      payload: { alias: '' },
      headers: { cookie: lixia.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  describe('template', () => {
    it('downloads the import template', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/regions/import/template',
        allowed: lixia,
        wrongRole: expert,
      });
      expect(r.headers['content-type']).toContain('spreadsheetml');
    });
  });
});
