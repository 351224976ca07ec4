import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

const PDF = Buffer.from('%PDF-1.4\n% evidence (e2e)\n');
const SUBMISSION = (what: string) => new RegExp(`^/api/v1/assessment/submissions/[^/]+/${what}$`);

/** Values at the 3★ threshold for every base indicator, and evidence where required, through the page's own session. */
async function fillByApi(page: Page, submissionId: string, catalogueId: string, skip: string[]) {
  await page.evaluate(
    async ({ submissionId, catalogueId, skip, pdf }) => {
      const cat = await (await fetch(`/api/v1/assessment/catalogues/${catalogueId}`)).json();
      const sub = await (await fetch(`/api/v1/assessment/submissions/${submissionId}`)).json();
      const values: Record<string, { value: number; explanation: string }> = {};
      for (const i of cat.indicators)
        if (!i.bonusPoints && !skip.includes(i.code))
          values[i.code] = { value: i.thresholds[2], explanation: '按年度统计口径更新(示例)' };
      const r = await fetch(`/api/v1/assessment/submissions/${submissionId}/values`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ values, version: sub.version }),
      });
      if (!r.ok) throw new Error(await r.text());
      for (const i of cat.indicators.filter(
        (x: { evidenceRequired: boolean; code: string }) => x.evidenceRequired && !skip.includes(x.code),
      )) {
        const fd = new FormData();
        fd.append('indicatorCode', i.code);
        fd.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'evidence.pdf');
        const u = await fetch(`/api/v1/assessment/submissions/${submissionId}/evidence`, { method: 'POST', body: fd });
        if (!u.ok) throw new Error(await u.text());
      }
    },
    { submissionId, catalogueId, skip, pdf: [...PDF] },
  );
}

async function mySubmission(page: Page, region: string) {
  return page.evaluate(async (region) => {
    const camps = await (await fetch('/api/v1/assessment/campaigns')).json();
    const c = camps.items.find((x: { year: number }) => x.year === 2025);
    return (await fetch(`/api/v1/assessment/campaigns/${c.id}/regions/${region}`)).json();
  }, region);
}

/** The 2025 campaign's id, as the page's own session reads it. */
async function campaign2025(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const camps = await (await fetch('/api/v1/assessment/campaigns')).json();
    return camps.items.find((x: { year: number }) => x.year === 2025).id;
  });
}

/** The campaign's stage tag on the campaigns page, once it reads `stage`. */
function stageTag(page: Page, campaignId: string, stage: string) {
  return page.locator(`tr[data-row-key="${campaignId}"] [data-testid="campaign-stage"]`).filter({ hasText: stage });
}

describe('assessment journey', () => {
  let server: RunningServer;
  let browser: Browser;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-e2e-assess-'));
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('county fills in (one indicator by Excel), city and province approve, an expert scores, the province publishes; map and statistics change', async () => {
    const before = await (await fetch(`${server.url}/api/v1/assessment/statistics?year=2025`)).json();
    expect(before.find((l: { level: string }) => l.level === 'county').total).toBe(0);

    // 1. The county operator fills in.
    const county = await newPage(browser);
    await login(county, server, 'lixia');
    // The dashboard's to-do list says what waits, with the deadline, and leads there.
    await county.getByTestId('todo-card').getByTestId('todo-assessment-fill').waitFor();
    await screenshot(county, 'assessment-00-todos');
    await county.getByTestId('todo-assessment-fill').getByRole('link').click();
    await county.waitForURL((u) => u.pathname === '/assessment/fill');
    await county.getByTestId('indicator-table').waitFor();
    const sub = await mySubmission(county, '370102');
    expect(sub.status).toBe('draft');
    await fillByApi(county, sub.id, sub.catalogueId, ['X-HM-02', 'X-HM-03', 'X-HM-01']);
    await county.reload();
    // One value typed in the form, saved as a draft.
    // Last year's values, so no year-over-year explanation is needed for the typed ones.
    const prev = (code: string) => String(sub.previousValues[code] ?? 80);
    await county.getByTestId('value-X-HM-02').fill(prev('X-HM-02'));
    await serverAnswer(county, 'PUT', SUBMISSION('values'), 200, () => county.getByTestId('save-draft').click());
    // Saved and read back: the new version clears what was typed, so there is nothing left to save.
    await county.locator('[data-testid="save-draft"]:disabled').waitFor();
    // One indicator by Excel import.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报');
    ws.addRow(['指标代码', '指标名称', '数值']);
    ws.addRow(['X-HM-03', '电子证照应用率', Number(prev('X-HM-03'))]);
    const xlsx = path.join(tmp, 'values.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const [chooser] = await Promise.all([
      county.waitForEvent('filechooser'),
      county.getByTestId('import-values').click(),
    ]);
    const imported1 = await serverAnswer(county, 'POST', SUBMISSION('import'), 200, () => chooser.setFiles(xlsx));
    expect((await imported1.json()).errors).toEqual([]);
    // The imported value is read back into the form.
    await expect.poll(() => county.getByTestId('value-X-HM-03').inputValue()).toBe(prev('X-HM-03'));
    // Submitting without the required evidence names what is missing.
    await county.getByTestId('value-X-HM-01').fill(prev('X-HM-01'));
    await county.getByTestId('submit').click();
    await county.getByTestId('confirm-submit').click();
    await county
      .getByTestId('problem-list')
      .getByText(/佐证材料\(X-HM-01\)/)
      .waitFor();
    await screenshot(county, 'assessment-01-validation');
    await county.keyboard.press('Escape');
    const evidencePdf = path.join(tmp, 'evidence.pdf');
    fs.writeFileSync(evidencePdf, PDF);
    const [ev] = await Promise.all([
      county.waitForEvent('filechooser'),
      county.getByTestId('evidence-X-HM-01').click(),
    ]);
    await serverAnswer(county, 'POST', SUBMISSION('evidence'), 201, () => ev.setFiles(evidencePdf));
    // The file is counted on its indicator's row (a paperclip tag instead of 'required').
    await county.locator('tr[data-row-key="X-HM-01"] .anticon-paper-clip').waitFor();
    await county.getByTestId('submit').click();
    await serverAnswer(county, 'POST', SUBMISSION('submit'), 200, () => county.getByTestId('confirm-submit').click());
    await county.locator('[data-testid="status-tag"][data-status="submitted"]').first().waitFor();
    await screenshot(county, 'assessment-02-submitted');
    const imported = await mySubmission(county, '370102');
    expect(imported.values['X-HM-03']).toEqual({ value: Number(prev('X-HM-03')) });
    expect(imported.values['X-HM-02'].value).toBe(Number(prev('X-HM-02')));
    const level: number = imported.rating.level;
    expect(level).toBeGreaterThan(0);
    await county.context().close();

    // 2. The city approves its county.
    const city = await newPage(browser);
    await login(city, server, 'jinan.approver');
    await city.getByTestId('todo-assessment-approve').waitFor();
    await city.goto(`${server.url}/assessment/review`);
    await serverAnswer(city, 'POST', SUBMISSION('approve'), 200, () => city.getByTestId('approve-370102').click());
    // Approved: the row moves on to the province, so the city's button goes.
    await city.getByTestId('approve-370102').waitFor({ state: 'detached' });
    await screenshot(city, 'assessment-03-city-review');
    await city.context().close();

    // 3. The province approves.
    const prov = await newPage(browser);
    await login(prov, server, 'province.approver');
    await prov.goto(`${server.url}/assessment/review`);
    await serverAnswer(prov, 'POST', SUBMISSION('approve'), 200, () => prov.getByTestId('approve-370102').click());
    await prov.getByTestId('approve-370102').waitFor({ state: 'detached' });
    await prov.context().close();

    // 4. The province operator draws experts (never Jinan's).
    const op = await newPage(browser);
    await login(op, server, 'province');
    await op.goto(`${server.url}/assessment/campaigns`);
    // The confirmation shows what the draw does: the one approved county moves, the rest of the 152 stay behind,
    // so the draw needs a recorded reason (the button stays disabled until one is typed).
    await op.getByTestId('action-draw_experts-2025').click();
    const preview = op.getByTestId('action-preview');
    await preview.getByText(/将把 1 个区划/).waitFor();
    await op.getByTestId('action-incomplete').waitFor();
    expect(await op.getByTestId('action-confirm').isDisabled()).toBe(true);
    await screenshot(op, 'assessment-04a-draw-confirmation');
    await op.getByTestId('action-reason').fill('其余区划逾期未报,先行评审已审核的区划(演示)');
    const c2025 = await campaign2025(op);
    await serverAnswer(op, 'POST', `/api/v1/assessment/campaigns/${c2025}/actions/draw_experts`, 200, () =>
      op.getByTestId('action-confirm').click(),
    );
    await stageTag(op, c2025, '专家评审').waitFor();
    await op.context().close();

    // 5. The drawn expert scores blind.
    let scored = false;
    for (const username of ['expert.qingdao', 'expert.yantai']) {
      const ex = await newPage(browser);
      await login(ex, server, username);
      await ex.goto(`${server.url}/assessment/expert`);
      await ex.getByRole('heading', { name: '专家评审' }).waitFor();
      await ex.waitForTimeout(800);
      if (await ex.getByTestId('expert-score').count()) {
        const text = await ex.getByTestId('review-task').innerText();
        expect(text).not.toContain('历下');
        await ex.getByTestId('expert-score').fill('86');
        await serverAnswer(ex, 'POST', /^\/api\/v1\/assessment\/reviews\/[^/]+\/score$/, 200, () =>
          ex.getByTestId('expert-submit').click(),
        );
        // The score is recorded: the task shows it instead of the input.
        await ex
          .getByTestId('review-task')
          .getByText(/我的评分: 86/)
          .waitFor();
        await screenshot(ex, 'assessment-04-expert');
        scored = true;
      }
      await ex.context().close();
      if (scored) break;
    }
    expect(scored).toBe(true);

    // 6. Co-evaluation, public notice (0 days in the demo campaign), publish.
    const op2 = await newPage(browser);
    await login(op2, server, 'province');
    await op2.goto(`${server.url}/assessment/campaigns`);
    for (const [action, stage] of [
      ['start_co_evaluation', '监督共评'],
      ['open_notice', '公示'],
      ['publish', '已发布'],
    ] as const) {
      await op2.getByTestId(`action-${action}-2025`).click();
      await op2.getByTestId('action-preview').waitFor();
      await op2.getByTestId('action-reason').fill('其余区划逾期未报,先行推进已完成的区划(演示)');
      await serverAnswer(op2, 'POST', `/api/v1/assessment/campaigns/${c2025}/actions/${action}`, 200, () =>
        op2.getByTestId('action-confirm').click(),
      );
      await stageTag(op2, c2025, stage).waitFor();
      await op2.waitForTimeout(300);
    }
    await screenshot(op2, 'assessment-05-campaigns');

    // 7. The overview shows 2025 with the published county; the map drills into Jinan.
    // 2025 was closed over one county: the overview still opens on 2024 (mostly published); 2025 is one pick away.
    await op2.goto(`${server.url}/assessment`);
    await op2.getByTestId('year-select').getByText('2024').waitFor();
    await op2.getByTestId('year-select').click();
    await op2.locator('.ant-select-item-option').getByText('2025').click();
    await op2.getByTestId('kpi-county-3').getByText('/ 1').waitFor();
    expect(await op2.getByTestId('year-select').innerText()).toContain('2025');
    const after = await (await fetch(`${server.url}/api/v1/assessment/statistics?year=2025`)).json();
    const atLeast = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [String(n), n <= level ? 1 : 0]));
    expect(after.find((l: { level: string }) => l.level === 'county')).toEqual({ level: 'county', total: 1, atLeast });
    await op2.getByTestId('assessment-map').locator('canvas').first().waitFor();
    await op2.getByTestId('ranking-table').getByText('历下区').waitFor();
    await op2.waitForTimeout(600);
    await screenshot(op2, 'assessment-06-overview-2025');
    await op2.getByTestId('ranking-table').getByText('历下区').click();
    await op2.getByTestId('region-report').getByText('新型智慧城市评估报告').waitFor();
    await op2.waitForTimeout(400);
    await screenshot(op2, 'assessment-07-report');
    await op2.context().close();
  });

  it('sends a submission back with a reason, which the county sees', async () => {
    const county = await newPage(browser);
    await login(county, server, 'shizhong');
    await county.goto(`${server.url}/assessment/fill`);
    await county.getByTestId('indicator-table').waitFor();
    const sub = await mySubmission(county, '370103');
    await fillByApi(county, sub.id, sub.catalogueId, []);
    await county.reload();
    await county.getByTestId('submit').click();
    await serverAnswer(county, 'POST', SUBMISSION('submit'), 200, () => county.getByTestId('confirm-submit').click());
    await county.locator('[data-testid="status-tag"][data-status="submitted"]').first().waitFor();
    await county.context().close();

    const city = await newPage(browser);
    await login(city, server, 'jinan.approver');
    await city.goto(`${server.url}/assessment/review`);
    await city.getByTestId('send-back-370103').click();
    await city.getByTestId('send-back-reason').fill('佐证材料与填报数据不一致,请核实后重报');
    await serverAnswer(city, 'POST', SUBMISSION('send-back'), 200, () => city.getByTestId('confirm-send-back').click());
    await city.locator('tr[data-row-key="370103"] [data-testid="status-tag"][data-status="returned"]').waitFor();
    await screenshot(city, 'assessment-08-send-back');
    await city.context().close();

    const again = await newPage(browser);
    await login(again, server, 'shizhong');
    await again.goto(`${server.url}/assessment/fill`);
    await again.getByTestId('returned-reason').getByText('佐证材料与填报数据不一致,请核实后重报').waitFor();
    await screenshot(again, 'assessment-09-returned');
    await again.context().close();
  });

  it('runs the simulator to the cheapest path', async () => {
    const page = await newPage(browser);
    await login(page, server, 'lixia');
    await page.goto(`${server.url}/assessment/simulate`);
    await page.getByTestId('simulate').click();
    await page.getByTestId('sim-result').waitFor();
    await page.getByTestId('sim-gap').waitFor();
    await screenshot(page, 'assessment-10-simulator');
    await page.context().close();
  });
});
