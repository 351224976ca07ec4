import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LEDGER_COLUMNS } from '../../server/src/modules/work-ledger/ledger-excel.ts';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ok = (page: Page) =>
  page.locator('.ant-popover, .ant-modal-confirm').getByRole('button', { name: /确\s*定|OK|抽\s*取|催\s*办/ });

/** One server for both modules' journeys: the directory's draw and its public verification, and the ledger's 督办. */
describe('directory and work ledger', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws experts after a confirmation, opens names on acceptance, and re-runs the draw in a citizen’s browser', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/directory/draws`);
    await page.getByTestId('new-draw').click();
    await page.getByLabel('评审事项').fill('2026年科普体验中心遴选评审(历下)');
    await page.getByLabel('事项编号').fill('KP-2026-01');
    // The object's region is picked by name from the tree (as the organisation's region in platform.spec.ts).
    await page.getByTestId('draw-region').click();
    // Type only once the tree has loaded and the search box has the focus.
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '济南市' }).waitFor();
    await page.keyboard.type('历下');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '历下区' }).first().click();
    await page.getByRole('button', { name: /下一步/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /抽\s*取/ })
      .click();
    await page.waitForURL(/\/directory\/draws\/[0-9a-f-]{36}$/);
    const drawUrl = page.url();
    const drawId = drawUrl.split('/').pop()!;
    await page.getByText('接受前密封').first().waitFor();
    await screenshot(page, 'directory-01-draw-sealed');
    await page.context().close();

    // The keeper records the three answers given by phone; names open as each accepts.
    const keeper = await newPage(browser);
    await login(keeper, server, 'keeper.province');
    await keeper.goto(drawUrl);
    for (let k = 0; k < 3; k++) {
      await keeper
        .getByRole('button', { name: /^接\s*受$/ })
        .first()
        .click();
      await ok(keeper).click();
      await keeper.getByText('已接受').nth(k).waitFor();
    }
    await keeper.getByTestId('seed').waitFor();
    await screenshot(keeper, 'directory-02-draw-completed');
    await keeper.context().close();

    // Anyone, signed out, on a phone: the commitment, the revealed seed, and a re-run in this browser.
    const citizen = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    await citizen.goto(`${server.url}/verify/draw/${drawId}`);
    await citizen.getByTestId('revealed-seed').waitFor();
    await citizen.getByTestId('rerun-here').click();
    const result = citizen.getByTestId('rerun-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('一致');
    expect(await citizen.locator('body').textContent()).not.toMatch(/\(示例\)专家|经理/);
    await screenshot(citizen, 'directory-03-verify-phone');
    await citizen.context().close();
  });

  it('shows the ten certified 示例 centres on the public map and books a visit on a phone (booker masked)', async () => {
    const citizen = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    await citizen.goto(`${server.url}/centres`);
    await citizen.getByTestId('centres-map').waitFor();
    expect(await citizen.getByTestId('centres-map').getAttribute('data-points')).toBe('10');
    expect(await citizen.getByTestId('centre-card').count()).toBe(10);
    await screenshot(citizen, 'directory-04-centres-map-phone');
    await citizen
      .getByTestId('centre-card')
      .first()
      .getByRole('button', { name: /预约参观/ })
      .click();
    const modal = citizen.locator('.ant-modal').filter({ hasText: '参观时段' });
    await modal.locator('.ant-select').first().click();
    await citizen.locator('.ant-select-item-option').first().click();
    await modal.getByLabel('联系人姓名').fill('王小明');
    await modal.getByLabel('手机号').fill('13912348888');
    await modal.getByRole('button', { name: /提交预约/ }).click();
    await ok(citizen).click();
    const ref = citizen.getByTestId('booking-reference');
    await ref.waitFor();
    expect(await ref.textContent()).toMatch(/KP[0-9A-F]{10}.*王\*\*.*139\*\*\*\*8888/);
    await screenshot(citizen, 'directory-05-centre-booked');
    await citizen.context().close();

    // The province sees the new 科普体验中心 round open and the certified centres with their certificates.
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/directory/centres`);
    await page.getByText('申报中').first().waitFor();
    await page.getByText('科普展示中心遴选(示例)').first().click();
    await page.getByRole('button', { name: /济南新型智慧城市科普展示中心/ }).click();
    await page.getByRole('link', { name: /打印授牌证书/ }).waitFor();
    await screenshot(page, 'directory-06-centre-certified');
    await page.context().close();
  });

  it('imports a ledger from Excel; an overdue task is escalated, progress is reported, and it is evaluated and closed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工作台账');
    ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
    const year = new Date().getFullYear();
    const values = (code: string, title: string, deadline: string) =>
      ({
        year,
        code,
        point: '推进新型智慧城市建设',
        title,
        leadUnit: '济南市大数据局',
        cooperatingUnits: '省财政厅',
        regionCode: '370100',
        deadline,
        target: '按期完成',
        metric: '',
        targetValue: '',
        milestones: '',
      }) as Record<string, string | number>;
    ws.addRow(LEDGER_COLUMNS.map((c) => values('8.1', 'E2E逾期任务', day(-5))[c.key]));
    ws.addRow(LEDGER_COLUMNS.map((c) => values('8.2', 'E2E正常任务', day(90))[c.key]));
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/work-ledger`);
    const imported = await serverAnswer(page, 'POST', '/api/v1/work-ledger/import', 200, () =>
      page.locator('input[type=file]').setInputFiles({
        name: 'ledger.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      }),
    );
    expect((await imported.json()).imported).toBe(2);
    // Both tasks are on the board.
    await page.getByRole('link', { name: 'E2E正常任务' }).waitFor();
    await page.getByRole('link', { name: 'E2E逾期任务' }).click();
    await page.getByTestId('assign').click();
    await ok(page).click();
    await page.getByTestId('task-rag').getByText(/红/).waitFor();
    await page.getByTestId('escalate').click();
    await page.locator('.ant-modal-confirm textarea').fill('已逾期,请三日内报送进展');
    await ok(page).click();
    await page.getByTestId('sup-escalation').waitFor();
    await screenshot(page, 'work-ledger-01-escalated');
    const taskUrl = page.url();
    await page.context().close();

    const jinan = await newPage(browser);
    await login(jinan, server, 'jinan');
    await jinan.goto(taskUrl);
    await jinan.getByTestId('progress-percent').fill('100');
    await jinan.getByTestId('progress-text').fill('已完成并通过验收');
    await jinan.getByTestId('progress-evidence').fill('济数发〔2026〕8号');
    await jinan.getByTestId('report').click();
    await jinan.getByRole('cell', { name: '已完成并通过验收' }).waitFor();
    await jinan.context().close();

    const approver = await newPage(browser);
    await login(approver, server, 'province.approver');
    await approver.goto(taskUrl);
    await approver.getByTestId('evaluation').click();
    await approver.locator('.ant-select-item-option', { hasText: '良好' }).click();
    await approver.getByTestId('evaluation-comment').fill('逾期后经催办完成');
    await approver.getByTestId('evaluate').click();
    await ok(approver).click();
    await approver.getByText('已办结').first().waitFor();
    await screenshot(approver, 'work-ledger-02-closed');
    await approver.goto(`${server.url}/work-ledger`);
    await approver.getByTestId('count-red').waitFor();
    await screenshot(approver, 'work-ledger-03-board');
    await approver.context().close();
  });
});
