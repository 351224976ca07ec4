import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { multipart } from '../../../test/xlsx-fixtures.ts';
import { moduleApi } from '../../app.ts';
import { LEDGER_COLUMNS } from './ledger-excel.ts';

/** A workbook in the ledger's own layout (headers as officials write them). */
async function ledger(rows: (string | number)[][], headers = LEDGER_COLUMNS.map((c) => c.header)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作台账');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (code: string, over: Partial<Record<string, string | number>> = {}) => {
  const v: Record<string, string | number> = {
    year: 2024,
    code,
    point: '推进新型智慧城市建设',
    title: `任务 ${code}`,
    leadUnit: '济南市大数据局',
    cooperatingUnits: '省财政厅、省发展改革委',
    regionCode: '370100',
    deadline: '2024-09-30',
    target: '完成评估',
    metric: '',
    targetValue: '',
    milestones: '实施方案@2024-07-31',
    ...over,
  };
  return LEDGER_COLUMNS.map((c) => v[c.key] ?? '');
};

describeDb('work-ledger api', (kind) => {
  let t: TestApp;
  let province: TestUser, approver: TestUser, jinan: TestUser, qingdao: TestUser, expert: TestUser;
  const send = (u: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: u.cookie } });
  const upload = (u: TestUser, data: Buffer) => {
    const m = multipart({ data, filename: 'ledger.xlsx' });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/work-ledger/import',
      payload: m.payload,
      headers: { ...m.headers, cookie: u.cookie },
    });
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    approver = await t.user('province_approver', '370000');
    jinan = await t.user('city_operator', '370100');
    qingdao = await t.user('city_operator', '370200');
    expert = await t.user('expert', '370000');
  });
  afterAll(() => t.close());

  let taskId: string;

  describe('the Excel ledger', () => {
    it('refuses the whole file when any row is bad, naming row and column', async () => {
      const bad = await ledger([
        row('1.1'),
        row('1.2', { deadline: '2024-13-40' }),
        row('1.1', { title: '重号' }),
        row('1.3', { regionCode: '37010' }),
        row('1.4', { metric: 'compute.ai_share' }),
        row('1.5', { regionCode: '市中区' }),
        row('1.6', { regionCode: '火星市' }),
        row('1.7', { regionCode: '' }),
      ]);
      const r = await upload(province, bad);
      expect(r.statusCode).toBe(200);
      const report = r.json();
      expect(report.imported).toBe(0);
      const at = (n: number) =>
        report.errors.filter((e: { row: number }) => e.row === n).map((e: { field: string }) => e.field);
      expect(at(3)).toContain('deadline');
      expect(at(4)).toContain('code');
      expect(at(5)).toContain('regionCode');
      expect(at(6)).toContain('targetValue');
      // A region by name: a bare name two cities share names both candidates; an unknown or empty one is named once.
      const regionErrors = (n: number) =>
        report.errors.filter((e: { row: number; field: string }) => e.row === n && e.field === 'regionCode');
      expect(regionErrors(7)).toHaveLength(1);
      expect(regionErrors(7)[0].message).toContain('济南市市中区 370103、枣庄市市中区 370402');
      expect(regionErrors(8)).toHaveLength(1);
      expect(regionErrors(8)[0].message).toContain('未知区划“火星市”');
      expect(regionErrors(9)).toHaveLength(1);
      expect(regionErrors(9)[0].message).toContain('请填写区划代码或名称');
      // Nothing was written.
      expect((await send(province, 'GET', '/api/v1/work-ledger/tasks?year=2024')).json().total).toBe(0);
      // A ledger filled in under the column's old header (责任地区代码) still reads: only its bad date is named.
      const old = await upload(
        province,
        await ledger(
          [row('9.1', { deadline: '2024-13-40' })],
          LEDGER_COLUMNS.map((c) => (c.key === 'regionCode' ? '责任地区代码' : c.header)),
        ),
      );
      expect(old.json().errors.map((e: { field: string }) => e.field)).toEqual(['deadline']);
    });

    it('imports every row of a good file (matrix: 401, 403 wrong role)', async () => {
      const good = await ledger([
        row('1.1'),
        row('1.2', {
          title: '提升四星县占比',
          metric: 'assessment.county_share_4star',
          targetValue: 30,
          regionCode: '370000',
        }),
        row('2.1', { regionCode: '青岛市', leadUnit: '青岛市大数据局' }),
      ]);
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/work-ledger/import',
        ...multipart({ data: good }),
      });
      expect(anon.statusCode).toBe(401);
      expect((await upload(jinan, good)).statusCode).toBe(403);
      const r = await upload(province, good);
      expect(r.json()).toEqual({ imported: 3, errors: [] });
      // The region given by name is stored as its code.
      const listed = (await send(province, 'GET', '/api/v1/work-ledger/tasks?year=2024')).json().items;
      expect(listed.find((x: { code: string }) => x.code === '2.1').regionCode).toBe('370200');
      const again = await upload(province, good);
      expect(again.json().imported).toBe(0);
      expect(again.json().errors[0]).toMatchObject({ row: 2, field: 'code' });
    });

    it('exports the year in the same layout, with status columns', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/work-ledger/export?year=2024',
        allowed: province,
        wrongRole: expert,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(2).value).toBe('序号');
      expect(ws.getRow(1).getCell(LEDGER_COLUMNS.length + 1).value).toBe('状态');
      expect(ws.rowCount).toBe(4);
      expect(ws.getRow(2).getCell(12).value).toBe('实施方案@2024-07-31');
      // Jinan sees its own task only.
      const mine = await send(jinan, 'GET', '/api/v1/work-ledger/export?year=2024');
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
      expect(wb2.worksheets[0]!.rowCount).toBe(2);
      expect((await send(province, 'GET', '/api/v1/work-ledger/template')).statusCode).toBe(200);
    });
  });

  describe('立项 → 交办 → reminder → 催办 → progress → 考评', () => {
    it('creates a task (立项): matrix, 400 naming the field, 409 on a repeated number', async () => {
      const payload = {
        year: 2024,
        code: '3.1',
        point: '深化数据要素市场化配置',
        title: '公共数据授权运营试点',
        leadUnit: '济南市大数据局',
        regionCode: '370100',
        // Already past on the test clock (2024-07-01): the task is overdue as soon as it is set up.
        deadline: '2024-06-20',
        target: '两个授权运营场景',
        milestones: [{ title: '方案', dueOn: '2024-06-15' }],
      };
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/work-ledger/tasks',
        payload,
        allowed: province,
        wrongRole: jinan,
        okStatus: 201,
      });
      taskId = r.json().id;
      expect(r.json()).toMatchObject({ status: 'planned', rag: 'red' });
      const bad = await send(province, 'POST', '/api/v1/work-ledger/tasks', { ...payload, code: 'x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('code');
      const dup = await send(province, 'POST', '/api/v1/work-ledger/tasks', payload);
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'ledger_task_exists', errors: [{ path: 'code' }] });
    });

    it('hands it to the lead unit (交办); progress waits for that', async () => {
      const early = await send(jinan, 'POST', `/api/v1/work-ledger/tasks/${taskId}/progress`, {
        month: '2024-07',
        percent: 10,
        text: '启动',
        evidence: '会议纪要',
      });
      expect(early.json().code).toBe('ledger_illegal_step');
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/work-ledger/tasks/${taskId}/assign`,
        payload: { note: '请济南市牵头落实' },
        allowed: province,
        wrongRole: approver,
      });
      expect(r.json().status).toBe('assigned');
    });

    it('goes overdue: the job reminds once a week, and the overdue task is escalated (催办)', async () => {
      // A task still within its time is not escalated.
      const onTime = (await send(province, 'GET', '/api/v1/work-ledger/tasks?year=2024&q=任务 1.1')).json().items[0];
      await send(province, 'POST', `/api/v1/work-ledger/tasks/${onTime.id}/assign`, {});
      const early = await send(province, 'POST', `/api/v1/work-ledger/tasks/${onTime.id}/escalate`, { note: '请加快' });
      expect(early.json().code).toBe('ledger_not_overdue');
      const tasks = moduleApi(t, 'work-ledger');
      expect((await tasks.colours(2024)).red).toBeGreaterThanOrEqual(1);
      const job = t.modules.get('work-ledger')!.parts.jobs!.find((j) => j.name === 'remind')!;
      expect(await job.run(t.systemCtx())).toBeGreaterThanOrEqual(1);
      const r1 = (await send(province, 'GET', `/api/v1/work-ledger/tasks/${taskId}`)).json();
      expect(r1).toMatchObject({ rag: 'red', reminders: 1 });
      await job.run(t.systemCtx());
      expect((await send(province, 'GET', `/api/v1/work-ledger/tasks/${taskId}`)).json().reminders).toBe(1);
      const esc = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/work-ledger/tasks/${taskId}/escalate`,
        payload: { note: '已逾期10天,请于7月25日前报送' },
        allowed: province,
        wrongRole: jinan,
      });
      expect(esc.json().escalations).toBe(1);
      expect(esc.json().supervision.map((s: { kind: string }) => s.kind)).toEqual(['assign', 'reminder', 'escalation']);
    });

    it('takes monthly progress with evidence from the responsible region only', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/work-ledger/tasks/${taskId}/progress`,
        payload: { month: '2024-07', percent: 100, text: '两个场景上线运行', evidence: '济数发〔2024〕9号' },
        allowed: jinan,
        wrongRole: expert,
        wrongRegion: qingdao,
      });
      expect(r.json()).toMatchObject({ percent: 100, lastReportMonth: '2024-07' });
      const bad = await send(jinan, 'POST', `/api/v1/work-ledger/tasks/${taskId}/progress`, {
        month: '2024-7',
        percent: 50,
        text: 'x1',
        evidence: 'y1',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('month');
    });

    it('is evaluated and closed (考评), not by whoever set it up', async () => {
      const legacy = await t.user('province_approver', '370000');
      await t.legacyRole(legacy, 'province_operator', '370000');
      const url = `/api/v1/work-ledger/tasks/${taskId}/evaluate`;
      // An account holding both duties (from before the separation rules) that set the task up cannot close it.
      const created = await send(legacy, 'POST', '/api/v1/work-ledger/tasks', {
        year: 2024,
        code: '9.9',
        point: '测试',
        title: '自建自评',
        leadUnit: '省大数据局',
        regionCode: '370000',
        deadline: '2024-12-31',
        target: '完成',
      });
      await send(legacy, 'POST', `/api/v1/work-ledger/tasks/${created.json().id}/assign`, {});
      const own = await send(legacy, 'POST', `/api/v1/work-ledger/tasks/${created.json().id}/evaluate`, {
        evaluation: 'good',
        comment: '完成',
      });
      expect(own.json().code).toBe('own_work');
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url,
        payload: { evaluation: 'good', comment: '逾期后按要求完成' },
        allowed: approver,
        wrongRole: province,
      });
      expect(r.json()).toMatchObject({ status: 'closed', evaluation: 'good', rag: 'green' });
      expect((await send(approver, 'POST', url, { evaluation: 'good', comment: '再评' })).json().code).toBe(
        'ledger_illegal_step',
      );
    });
  });

  describe('the board and measured figures', () => {
    it('counts colours by work point and reads the figure a task moves, with its source', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/work-ledger/board?year=2024',
        allowed: province,
        wrongRole: expert,
      });
      const b = r.json();
      expect(b.counts.closed).toBe(1);
      expect(b.byPoint.length).toBeGreaterThanOrEqual(2);
      // No published assessment in this database: the figure is absent, not invented.
      expect(b.measured[0]).toMatchObject({
        metric: 'assessment.county_share_4star',
        value: null,
        target: 30,
        source: null,
      });
      const list = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/work-ledger/tasks?year=2024&rag=red',
        allowed: jinan,
        wrongRole: expert,
      });
      expect(list.json().items.every((x: { rag: string }) => x.rag === 'red')).toBe(true);
      expect((await send(qingdao, 'GET', '/api/v1/work-ledger/tasks?year=2024')).json().total).toBe(1);
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `/api/v1/work-ledger/tasks/${taskId}`,
        allowed: jinan,
        wrongRole: expert,
        wrongRegion: qingdao,
      });
    });
  });

  it('reads the number of smart communities through the communities module, absent until it has a registry', async () => {
    const r = await upload(
      province,
      await ledger([
        row('9.1', {
          year: 2025,
          title: '智慧社区扩面',
          metric: 'communities.smart_count',
          targetValue: 2578,
          regionCode: '370000',
          deadline: '2025-12-31',
        }),
      ]),
    );
    expect(r.json()).toEqual({ imported: 1, errors: [] });
    const measured = async () =>
      (await send(province, 'GET', '/api/v1/work-ledger/board?year=2025')).json().measured as {
        metric: string;
        value: number | null;
        source: string | null;
      }[];
    expect((await measured()).find((m) => m.metric === 'communities.smart_count')).toMatchObject({
      value: null,
      source: null,
    });
    // A county registers a real residents' committee: the registry exists, none of it rated smart yet.
    const lixia = await t.user('county_operator', '370102');
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/registry',
      headers: { cookie: lixia.cookie },
      payload: {
        code: '370102001002',
        households: 2100,
        population: 5400,
        elderlyPct: 22.5,
        grids: 7,
        contactName: '张三丰',
        contactPhone: '13812345678',
      },
    });
    expect(reg.statusCode).toBe(201);
    expect((await measured()).find((m) => m.metric === 'communities.smart_count')).toMatchObject({
      value: 0,
      target: 2578,
      reached: false,
      source: expect.stringContaining('智慧社区名录'),
    });
  });
});
