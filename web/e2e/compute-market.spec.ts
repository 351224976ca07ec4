import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_OPERATORS } from '../../server/src/modules/compute-network/demo-calibration.ts';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

interface OrderJson {
  id: string;
  number: string;
  status: string;
  supplierName: string;
  billedFen: number | null;
  meteredCardHours: number;
  paymentReference: string | null;
}

const CLAIM = (step: string) => new RegExp(`^/api/v1/compute/vouchers/claims/[^/]+/${step}$`);

/** Clicks the OK of the open Popconfirm (the irreversible steps ask first). */
const confirmPop = async (page: Page) => {
  const ok = page.locator('.ant-popconfirm-buttons button.ant-btn-primary').last();
  await ok.waitFor();
  await ok.click();
};

describe('compute supermarket and vouchers', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('compare → order → centre confirms → usage → voucher → approve → redeem → finance settles', async () => {
    // The enterprise ranks offers for a workload, compares two, orders the first.
    const ent = await newPage(browser);
    await login(ent, server, 'ent.qilu-ai');
    await ent.goto(`${server.url}/compute/market`);
    await ent.getByTestId('offer-table').locator('tbody tr').first().waitFor();
    await ent.getByTestId('rank-family').click();
    await ent.getByTestId('rank-family').locator('input').fill('ResNet-50 (batch size 64)');
    await ent.locator('.ant-select-item-option', { hasText: 'ResNet-50 (batch size 64)' }).first().click();
    await ent.getByTestId('rank-go').click();
    await ent.getByTestId('rank-table').locator('tbody tr').first().waitFor();
    const boxes = ent.getByTestId('offer-table').locator('tbody .ant-checkbox-input');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await ent.getByTestId('compare-go').click();
    const comparison = ent.getByRole('dialog').filter({ hasText: '商品对比' });
    await comparison.waitFor();
    await screenshot(ent, 'compute-market-01-compare');
    // The comparison is gone, and the order form open, before anything is clicked in it (CI once clicked 提交订单
    // while one dialog closed and the other opened, and no order was posted).
    await ent.keyboard.press('Escape');
    await comparison.waitFor({ state: 'hidden' });
    await ent.locator('button[data-testid^="order-"]:not([disabled])').first().click();
    await ent.getByRole('dialog').filter({ hasText: '订购' }).waitFor();
    await serverAnswer(ent, 'POST', '/api/v1/compute/market/orders', 201, () =>
      ent.getByTestId('order-submit').click(),
    );
    // The order form closes once the order is placed.
    await ent.getByTestId('order-submit').waitFor({ state: 'hidden' });
    const mine = (await (
      await ent.request.get(`${server.url}/api/v1/compute/market/orders?status=requested&pageSize=1`)
    ).json()) as { items: OrderJson[] };
    const order = mine.items[0]!;
    const operator = DEMO_OPERATORS.find((o) => o.org === order.supplierName)!.username;

    // The centre confirms, starts the lease, meters it and bills.
    const dc = await newPage(browser);
    await login(dc, server, operator);
    await dc.goto(`${server.url}/compute/market/orders`);
    await dc.getByTestId(`confirm-${order.id}`).click();
    await dc.getByTestId(`start-${order.id}`).click();
    await dc.getByTestId(`meter-${order.id}`).click();
    await dc.getByTestId('meter-card-hours').fill('100');
    await serverAnswer(dc, 'POST', `/api/v1/compute/market/orders/${order.id}/usage`, 201, () =>
      dc.getByTestId('meter-submit').click(),
    );
    await dc.getByTestId(`bill-${order.id}`).click();
    await confirmPop(dc);
    await dc.getByText('待付款').first().waitFor();
    await screenshot(dc, 'compute-market-02-centre-orders');

    // The enterprise pays with its bank reference.
    await ent.goto(`${server.url}/compute/market/orders`);
    await ent.getByTestId(`pay-${order.id}`).click();
    await ent.getByTestId('pay-reference').fill('BANK-E2E-0001');
    await ent.getByTestId('pay-submit').click();
    await ent.getByText('已付款').first().waitFor();
    const paid = (await (
      await ent.request.get(`${server.url}/api/v1/compute/market/orders/${order.id}`)
    ).json()) as OrderJson;
    expect(paid.status).toBe('paid');

    // It applies for a voucher with the signed contract: its SHA-256 is recorded, the file uploaded and checked.
    await ent.goto(`${server.url}/compute/vouchers`);
    await ent.getByTestId('claim-order').click();
    await ent.getByTestId('claim-order').locator('input').fill(order.number);
    await ent.locator('.ant-select-item-option', { hasText: order.number }).click();
    await ent.getByTestId('claim-contract').fill('HT-E2E-0001');
    await ent.locator('[data-testid="claim-form"] input[type=file]').setInputFiles({
      name: 'contract.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 e2e contract'),
    });
    await ent.getByTestId('claim-sha').waitFor();
    // One click files the claim, then uploads its contract: each answer decides.
    const contract = ent.waitForResponse(
      (r) => r.request().method() === 'POST' && CLAIM('contract').test(new URL(r.url()).pathname),
    );
    await serverAnswer(ent, 'POST', '/api/v1/compute/vouchers/claims', 201, () =>
      ent.getByTestId('claim-submit').click(),
    );
    const uploaded = await contract;
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    // The claim is listed with its contract.
    await ent.getByTestId(`contract-${(await uploaded.json()).id}`).waitFor();
    const claims = (await (
      await ent.request.get(`${server.url}/api/v1/compute/vouchers/claims?q=HT-E2E-0001`)
    ).json()) as {
      items: { id: string; status: string; voucherFen: number; contractFile: { type: string } | null }[];
    };
    const claim = claims.items[0]!;
    expect(claim.status).toBe('submitted');
    expect(claim.contractFile?.type).toBe('pdf');
    await screenshot(ent, 'compute-market-03-voucher-applied');

    // The bureau's approver issues it from the pool.
    const appr = await newPage(browser);
    await login(appr, server, 'province.approver');
    await appr.goto(`${server.url}/compute/vouchers`);
    await appr.getByTestId(`approve-${claim.id}`).click();
    await serverAnswer(appr, 'POST', CLAIM('decision'), 200, () => confirmPop(appr));
    await appr.getByTestId(`approve-${claim.id}`).waitFor({ state: 'detached' });

    // The enterprise redeems with invoice, payment proof and usage matching the order.
    await ent.reload();
    await ent.getByTestId(`redeem-${claim.id}`).click();
    await ent.getByTestId('r-invoice').fill('FP-E2E-0001');
    await ent.getByTestId('r-amount').fill(String(paid.billedFen! / 100));
    await ent.getByTestId('r-payment').fill('BANK-E2E-0001');
    await ent.getByTestId('r-usage').fill(String(paid.meteredCardHours));
    await ent.getByTestId('step-submit').click();
    await ent.getByText('待第三方核查').first().waitFor();

    // The third party (an accounting firm, outside the bureau) checks; the bureau's operator verifies; the approver
    // audits.
    const tp = await newPage(browser);
    await login(tp, server, 'auditor.demo');
    await tp.goto(`${server.url}/compute/vouchers`);
    await tp.getByTestId(`tpc-${claim.id}`).click();
    await tp.getByTestId('step-text').fill('第三方核查:发票与计量一致(e2e)');
    await serverAnswer(tp, 'POST', CLAIM('third-party-check'), 200, () => tp.getByTestId('step-submit').click());
    await tp.getByTestId(`tpc-${claim.id}`).waitFor({ state: 'detached' });
    const op = await newPage(browser);
    await login(op, server, 'province');
    await op.goto(`${server.url}/compute/vouchers`);
    await op.getByTestId(`verify-${claim.id}`).click();
    await op.getByTestId('tpc-finding').waitFor();
    await op.getByTestId('step-text').fill('材料齐全,采信第三方核查结论(e2e)');
    await serverAnswer(op, 'POST', CLAIM('verification'), 200, () => op.getByTestId('step-submit').click());
    await op.getByTestId(`verify-${claim.id}`).waitFor({ state: 'detached' });
    await appr.reload();
    await appr.getByTestId(`audit-${claim.id}`).click();
    await serverAnswer(appr, 'POST', CLAIM('audit'), 200, () => confirmPop(appr));
    await appr.getByTestId(`audit-${claim.id}`).waitFor({ state: 'detached' });

    // Finance sees it only now, pays it, and the ledger shows it paid.
    const fin = await newPage(browser);
    await login(fin, server, 'finance.demo');
    await fin.goto(`${server.url}/compute/vouchers/finance`);
    await fin.getByTestId(`fpay-${claim.id}`).click();
    await fin.getByTestId('step-text').fill('GK-E2E-0001');
    await serverAnswer(fin, 'POST', CLAIM('payment'), 200, () => fin.getByTestId('step-submit').click());
    await fin.getByTestId(`fpay-${claim.id}`).waitFor({ state: 'detached' });
    const done = (await (await fin.request.get(`${server.url}/api/v1/compute/vouchers/claims/${claim.id}`)).json()) as {
      status: string;
      redeemFen: number;
    };
    expect(done.status).toBe('paid');
    expect(done.redeemFen).toBe(Math.min(claim.voucherFen, Math.floor((paid.billedFen! * 500) / 10_000)));
    await fin.getByTestId('ledger').waitFor();
    await screenshot(fin, 'compute-market-04-finance');

    // The bureau's performance review settles it.
    await op.reload();
    await op.getByTestId(`review-${claim.id}`).click();
    await op.getByTestId('step-score').fill('90');
    await op.getByTestId('step-text').fill('算力按期使用,模型上线(e2e)');
    await serverAnswer(op, 'POST', CLAIM('review'), 200, () => op.getByTestId('step-submit').click());
    await op.getByTestId(`review-${claim.id}`).waitFor({ state: 'detached' });
    const settled = (await (
      await op.request.get(`${server.url}/api/v1/compute/vouchers/claims/${claim.id}`)
    ).json()) as {
      status: string;
      history: { status: string }[];
    };
    expect(settled.status).toBe('settled');
    expect(settled.history.map((h) => h.status)).toContain('third_party_checked');
    for (const p of [ent, dc, appr, tp, op, fin]) await p.context().close();
    // Six people, eleven steps: longer than the default on a shared machine.
  }, 300_000);

  it('schedules jobs on the offers on sale, then replays a Gavel trace: aware beats agnostic', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/compute/scheduling`);
    // The plan tab opens with three example jobs (each with a deadline, as minimum cost needs).
    await page.getByTestId('plan-jobs').locator('tbody tr').nth(2).waitFor();
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-result').waitFor({ timeout: 30_000 });
    const placed = page.locator('.ant-card', { hasText: '作业安排' }).locator('tbody tr.ant-table-row');
    expect(await placed.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await placed.nth(i).textContent()).toMatch(/\d+%.*按期/);
    await screenshot(page, 'compute-market-05-scheduling-plan');
    await page.getByRole('tab', { name: '轨迹模拟' }).click();
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-result').waitFor({ timeout: 60_000 });
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'compute-market-06-scheduling-trace');
    await page.context().close();
  });
});
