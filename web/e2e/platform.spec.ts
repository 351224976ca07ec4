import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

describe('platform shell', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a county operator only their county, switches language, and keeps it', async () => {
    const page = await newPage(browser);
    await login(page, server, 'lixia');
    await page.getByTestId('demo-banner').waitFor();
    await screenshot(page, 'platform-01-dashboard-county');
    // The region switcher offers the user's own county and nothing else.
    await page.getByTestId('region-switcher').click();
    const options = page.locator('.ant-select-tree-node-content-wrapper');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['历下区']);
    await page.keyboard.press('Escape');

    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Welcome,').waitFor();
    await page.reload();
    await page.getByText('Welcome,').waitFor();
    await screenshot(page, 'platform-02-dashboard-english');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByText('您好,').waitFor();
    // No dashboard card leads where a county operator may not go; a direct link says so; an unknown URL is a 404.
    const cards = await page.locator('.ant-card-head-title').allTextContents();
    expect(cards.join(' ')).not.toMatch(/安全审计|系统管理/);
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('page-forbidden').getByText('无权访问').waitFor();
    await screenshot(page, 'platform-02a-forbidden');
    await page.goto(`${server.url}/no/such/page`);
    await page.getByTestId('page-not-found').getByText('页面不存在').waitFor();
    await screenshot(page, 'platform-02b-not-found');
    await page.context().close();
  });

  it('gives a city operator its counties in the region switcher', async () => {
    const page = await newPage(browser);
    await login(page, server, 'jinan');
    await page.getByTestId('region-switcher').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '济南市' }).waitFor();
    const titles = await page.locator('.ant-select-tree-node-content-wrapper').allTextContents();
    expect(titles).toContain('历下区');
    expect(titles).not.toContain('青岛市');
    await page.context().close();
  });

  it('opens the map and drills into a city', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/regions`);
    const map = page.getByTestId('region-map');
    await map.locator('canvas').first().waitFor();
    expect(await map.getAttribute('data-map-code')).toBe('370000');
    await page.getByTestId('region-table').getByText('青岛市').waitFor();
    await screenshot(page, 'platform-03-map-province');
    // Drill by the table row (the same handler the map's click calls).
    await page.getByTestId('region-table').getByText('青岛市').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="region-map"]')?.getAttribute('data-map-code') === '370200',
    );
    await page.getByTestId('region-table').getByText('黄岛区').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'platform-04-map-qingdao');
    // And back up by the breadcrumb.
    await page.locator('.ant-breadcrumb').getByText('山东省').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="region-map"]')?.getAttribute('data-map-code') === '370000',
    );
    await page.context().close();
  });

  it('holds back sign-in from an address after five wrong passwords', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login`);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel(/用户名|Username/).fill('shizhong');
      await page.getByLabel(/密码|Password/).fill(`Wrong#Password${i}`);
      await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
      await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    }
    await page.getByLabel(/密码|Password/).fill(server.accounts.find((a) => a.username === 'shizhong')!.password);
    await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
    await page
      .getByTestId('login-error')
      .getByText(/尝试次数过多/)
      .waitFor();
    await screenshot(page, 'platform-05-locked');
    await page.context().close();
  });

  it('lets the system admin edit, disable, enable and reset an account; the holder must change the one-time password', async () => {
    const admin = await newPage(browser);
    await login(admin, server, 'sysadmin');
    await admin.goto(`${server.url}/admin/users`);
    await admin.getByTestId('edit-jinan').click();
    await admin.getByTestId('edit-name').fill('济南市大数据局 填报员(示例)');
    await serverAnswer(admin, 'PATCH', /^\/api\/v1\/identity\/users\/[^/]+$/, 204, () =>
      admin.getByTestId('edit-save').click(),
    );
    await admin.getByText('济南市大数据局 填报员(示例)').waitFor();
    // Disabling asks for a reason; the account cannot sign in until enabled again.
    await admin.getByTestId('status-jinan').click();
    expect(await admin.getByTestId('status-confirm').isDisabled()).toBe(true);
    await admin.getByTestId('status-reason').fill('岗位调整(演示)');
    await admin.getByTestId('status-confirm').click();
    await admin.getByText('已停用').waitFor();
    await screenshot(admin, 'platform-06a-users-disabled');
    const blocked = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'jinan',
        password: server.accounts.find((a) => a.username === 'jinan')!.password,
      }),
    });
    expect(blocked.status).toBe(401);
    await admin.getByTestId('status-jinan').click();
    await admin.getByTestId('status-reason').fill('返岗(演示)');
    await serverAnswer(admin, 'PUT', /^\/api\/v1\/identity\/users\/[^/]+\/status$/, 204, () =>
      admin.getByTestId('status-confirm').click(),
    );
    await admin
      .locator('tr', { has: admin.getByTestId('status-jinan') })
      .getByText('正常', { exact: true })
      .waitFor();
    // A reset shows the one-time password once.
    await admin.getByTestId('reset-jinan').click();
    await admin.getByTestId('confirm-reset').click();
    const otp = (await admin.getByTestId('one-time-password').innerText()).trim();
    expect(otp).toMatch(/^\w{5}-\w{5}-\w{5}$/);
    await screenshot(admin, 'platform-06b-one-time-password');
    // Organisations: a new one, placed with the region picker.
    await admin.keyboard.press('Escape');
    await admin.getByTestId('new-organisation').click();
    await admin.getByTestId('organisation-name').fill('济南市历下区融媒体中心(示例)');
    await admin.getByTestId('organisation-region').click();
    await admin.keyboard.type('历下');
    await admin.locator('.ant-select-tree-node-content-wrapper', { hasText: '历下区' }).first().click();
    await serverAnswer(admin, 'POST', '/api/v1/identity/organisations', 201, () =>
      admin.getByTestId('organisation-save').click(),
    );
    // Listed among the organisations (found by its name).
    await admin.getByLabel('搜索单位').fill('历下区融媒体中心');
    await admin.getByLabel('搜索单位').press('Enter');
    await admin.getByTestId('organisation-table').getByText('济南市历下区融媒体中心(示例)').waitFor();
    await admin.context().close();

    const holder = await newPage(browser);
    // The one-time password is changed on the sign-in page itself, before the dashboard opens.
    await holder.goto(`${server.url}/login`);
    await holder.getByTestId('login-username').fill('jinan');
    await holder.getByTestId('login-password').fill(otp);
    await holder.getByTestId('login-submit').click();
    await holder.getByTestId('forced-password-change').waitFor();
    await screenshot(holder, 'platform-06c-forced-change');
    await holder.getByTestId('password-current').fill(otp);
    await holder.getByTestId('password-new').fill('Spring#Harbour-2026');
    await holder.getByTestId('password-confirm').fill('Spring#Harbour-2026');
    await serverAnswer(holder, 'POST', '/api/v1/auth/password', 204, () => holder.getByTestId('password-save').click());
    await holder.getByTestId('demo-banner').waitFor();
    expect(await holder.getByTestId('forced-password-change').count()).toBe(0);
    await holder.context().close();
  });

  it('lets the audit admin search the audit trail and verify it', async () => {
    const page = await newPage(browser);
    await login(page, server, 'auditor');
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-table').getByText('登录成功').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '审计链完整' }).waitFor();
    await screenshot(page, 'platform-06-audit');
    await page.context().close();
  });
});
