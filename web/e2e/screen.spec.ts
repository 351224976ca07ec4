import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness';

describe('province screen journey', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a leader sees the province at 1920×1080 with cited figures, live, drills to a city and opens a source', async () => {
    const page = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
    await login(page, server, 'province');
    await page.goto(`${server.url}/screen`);
    const share = page.getByTestId('widget-assessment.county-4star-share');
    // The first overview of a cold server reads every module; on a busy machine that takes more than a click's wait.
    await share.waitFor({ timeout: 60_000 });
    // 52 of 136 counties at ≥ 4★ in the demo's published 2024 results, against the 40% target.
    await expect.poll(() => share.textContent(), { timeout: 20_000 }).toContain('38.2%');
    expect(await share.textContent()).toContain('40.0%');
    expect(await share.getByTestId('figure-source').textContent()).toMatch(/来源.*2025-03-31.*模拟数据/);
    await page.getByTestId('screen-simulated').waitFor();
    await expect
      .poll(() => page.getByTestId('live-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('live');
    const widgets = await page.locator('[data-testid^="widget-"]').count();
    expect(widgets).toBeGreaterThanOrEqual(40);
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'screen-province-1920x1080');

    // Drill: the best city of the top list opens the same screen for that city.
    await page.getByTestId('widget-assessment.top-regions').locator('li.drill').first().click();
    await page.waitForURL(/\/screen\/37\d{2}00$/);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toMatch(/一屏看山东 · .+市/);
    await page.getByTestId('widget-assessment.region-stars').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'screen-city-1920x1080');

    // A click on a figure opens the page it comes from.
    await page.getByTestId('widget-compute.total-eflops').click();
    await page.waitForURL(/\/compute\/statistics$/);
  });

  it('a county official opens their own county on a phone', async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    await login(phone, server, 'lixia');
    await phone.goto(`${server.url}/screen`);
    await phone.getByTestId('widget-assessment.region-stars').waitFor();
    await expect.poll(() => phone.locator('h1').textContent(), { timeout: 20_000 }).toContain('历下区');
    // One column: nothing wider than the phone.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.waitForTimeout(600);
    await screenshot(phone, 'screen-county-390');
  });
});
