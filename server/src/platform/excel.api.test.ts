import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDb } from '../../test/db.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/app.ts';
import { bigSheetXml, bombSheetXml, multipart, xlsxOf } from '../../test/xlsx-fixtures.ts';
import { AppError } from './http/errors.ts';
import { readSheet, readSheetCells, XLSX_LIMITS } from './excel.ts';

const COLUMNS = [
  { key: 'code', header: '区划代码' },
  { key: 'name', header: '名称' },
];

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe('reading uploaded workbooks', () => {
  it('reads a workbook as before: headers by text or key, the sheet’s row numbers, blank rows skipped', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([
      ['名称', 'code', 'other'],
      ['历下区', '370102', 'x'],
      [],
      ['', '', 'only other'],
      ['市中区', 370103],
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readSheet(data, COLUMNS)).toEqual([
      { row: 2, values: { code: '370102', name: '历下区' } },
      { row: 5, values: { code: '370103', name: '市中区' } },
    ]);
    const cells = await readSheetCells(data);
    expect(cells.get(4)?.get(3)).toBe('only other');
    expect((await refusal(readSheet(data, [...COLUMNS, { key: 'parent', header: '上级代码' }]))).fieldErrors).toEqual([
      { path: 'parent', message: 'missing column' },
    ]);
    // A renamed column still reads under its earlier header.
    const older = [{ key: 'name', header: '区划名称', aliases: ['名称'] }];
    expect((await readSheet(data, older))[1]).toEqual({ row: 5, values: { name: '市中区' } });
  });

  it('refuses a zip bomb by the sizes its central directory declares, before expanding anything', async () => {
    const bomb = xlsxOf([], { sheetXml: bombSheetXml(150 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const e = await refusal(readSheet(bomb, COLUMNS));
    expect(e.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('refuses a workbook that expands beyond the size it declares', async () => {
    const liar = xlsxOf([], { sheetXml: bombSheetXml(XLSX_LIMITS.uncompressedBytes + 1024), declaredSheetSize: 1000 });
    expect((await refusal(readSheet(liar, COLUMNS))).status).toBe(413);
  });

  it('refuses more rows or cells than the limits, counted before the sheet is parsed', async () => {
    const rows = xlsxOf([], { sheetXml: bombSheetXml(60 * (XLSX_LIMITS.rows + 10)) });
    expect((await refusal(readSheet(rows, COLUMNS))).status).toBe(413);
    const row = `<row>${'<c/>'.repeat(20)}</row>`.repeat(Math.ceil(XLSX_LIMITS.cells / 20) + 1);
    const cells = xlsxOf([], { sheetXml: Buffer.from(`<worksheet><sheetData>${row}</sheetData></worksheet>`) });
    expect((await refusal(readSheet(cells, COLUMNS))).status).toBe(413);
  });

  it('refuses a cell PostgreSQL could not store, naming row and column', async () => {
    const wb = new ExcelJS.Workbook();
    // `_x0000_` is how a workbook spells NUL, `_xD800_` a lone surrogate.
    wb.addWorksheet('s').addRows([
      ['区划代码', '名称'],
      ['370102', '历下区'],
      ['370103', 'a_x0000_b'],
    ]);
    const e = await refusal(readSheet(Buffer.from(await wb.xlsx.writeBuffer()), COLUMNS));
    expect(e.status).toBe(400);
    expect(e.fieldErrors).toEqual([{ path: 'name', message: expect.stringContaining('row 3') }]);
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet('s').addRows([
      ['区划代码', '名称'],
      ['370103', 'a_xD800_b'],
    ]);
    expect((await refusal(readSheetCells(Buffer.from(await wb2.xlsx.writeBuffer())))).status).toBe(400);
  });

  it('answers a file that is not a workbook with 400', async () => {
    for (const junk of [
      Buffer.from('PK\x03\x04 not really a zip'),
      xlsxOf([['a']]).subarray(0, 200),
      Buffer.alloc(0),
    ]) {
      expect((await refusal(readSheet(junk, COLUMNS))).status).toBe(400);
    }
  });
});

describeDb('an upload being parsed does not hold up other requests', (kind) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.user('province_operator', '370000');
  });
  afterAll(() => t.close());

  /** Sends `upload` to the regions import and, while it runs, health checks one after another: the slowest one. */
  const slowestWhileImporting = async (file: Buffer) => {
    const { payload, headers } = multipart({ data: file });
    let finished = false;
    const upload = t.app
      .inject({ method: 'POST', url: '/api/v1/regions/import', payload, headers: { ...headers, cookie: admin.cookie } })
      .finally(() => (finished = true));
    let slowest = 0;
    let checks = 0;
    while (!finished) {
      // A check planned now: how late it answers beyond its 20 ms pause is how long the event loop was held.
      const planned = Date.now();
      await new Promise((r) => setTimeout(r, 20));
      const r = await t.app.inject({ method: 'GET', url: '/api/health' });
      if (r.statusCode !== 200) throw new Error(`health ${r.statusCode}`);
      slowest = Math.max(slowest, Date.now() - planned - 20);
      checks++;
    }
    return { slowest, checks, upload: await upload };
  };

  it('keeps answering while a large workbook is parsed, and refuses a bomb at once', async () => {
    // 150,000 rows of cells beside the import's columns: seconds of parsing, nothing to import.
    const large = xlsxOf([], {
      sheetXml: bigSheetXml(150_000, 3, { header: ['区划代码', '名称', '上级代码'], from: 3 }),
    });
    const started = Date.now();
    const { slowest, checks, upload } = await slowestWhileImporting(large);
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json()).toEqual({ imported: 0, errors: [] });
    console.log(
      `[${kind}] large workbook parsed in ${Date.now() - started} ms; ` +
        `${checks} health checks meanwhile, slowest ${slowest} ms`,
    );
    expect(checks).toBeGreaterThan(5);
    // Before workbooks were parsed off the request thread, this was the whole parse: seconds.
    expect(slowest).toBeLessThan(1000);

    const bomb = await slowestWhileImporting(xlsxOf([], { sheetXml: bombSheetXml(150 * 1024 * 1024) }));
    expect(bomb.upload.statusCode).toBe(413);
    expect(bomb.upload.headers['content-type']).toMatch(/application\/problem\+json/);
    console.log(
      `[${kind}] 150 MB bomb answered ${bomb.upload.statusCode}; slowest health check meanwhile ${bomb.slowest} ms`,
    );
    expect(bomb.slowest).toBeLessThan(1000);
  });
});
