import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness';

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

  it('lets the audit admin search the audit trail and verify it', async () => {
    const page = await newPage(browser);
    await login(page, server, 'auditor');
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-table').getByText('identity.login.succeeded').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '审计链完整' }).waitFor();
    await screenshot(page, 'platform-06-audit');
    await page.context().close();
  });
});
