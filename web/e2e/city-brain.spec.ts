import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness';

const ok = (page: Page) => page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ });

interface EventRow {
  id: string;
  source: 'city' | 'province';
  subPlatformCode: string | null;
  title: string;
  status: string;
  reportedAt: string;
}

/** Polls until `fn` returns something (the exchange and the simulated cities are asynchronous). */
async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * 齐鲁智脑: the demo's two simulated city brains (each its own nats-server, a leaf node of the hub) stream vital signs
 * and raise events every few seconds here, and answer a task within a second or two, so the whole loop fits in a
 * journey: a city raises an event → the province registers and dispatches it → the city reports it handled over the
 * exchange → another province officer verifies, closes and rates it. Then the catalogue: a city asks for conditional
 * data, the province's approver grants it after a confirmation, the city uses it and the use is on record.
 */
describe('city-brain hub', () => {
  let server: RunningServer;
  let browser: Browser;
  const since = new Date().toISOString();
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ env: { CITY_BRAIN_DEMO_EVENT_MS: '4000', CITY_BRAIN_DEMO_HANDLE_MS: '1000' } }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('raises an event at the desk, its region picked by name from the tree (no typed code)', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/city-brain/events`);
    await page.getByRole('button', { name: /上报事件/ }).click();
    const form = page.locator('.ant-modal').filter({ hasText: '发生地区' });
    await form.getByTestId('event-region').click();
    // Type only once the tree has loaded and the search box has the focus.
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '济南市' }).waitFor();
    await page.keyboard.type('历下');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '历下区' }).first().click();
    await form.getByLabel('类别').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await form.getByLabel('标题').fill('泉城路井盖缺失(示例)');
    await form.getByRole('button', { name: /确\s*定|OK/ }).click();
    await form.waitFor({ state: 'hidden' });
    const r = await page.request.get(
      `${server.url}/api/v1/city-brain/events?q=${encodeURIComponent('泉城路井盖缺失')}&pageSize=5`,
    );
    expect(((await r.json()) as { items: { regionCode: string }[] }).items[0]).toMatchObject({ regionCode: '370102' });
    await page.context().close();
  });

  it('a simulated city raises an event; the province dispatches it, the city reports it handled, the province closes it', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');

    // The network and a city page with its latest vital signs, sent by the simulated city over NATS.
    await page.goto(`${server.url}/city-brain/network`);
    await page.getByTestId('city-c370100').getByRole('link', { name: '济南市' }).click();
    await page.waitForURL(/\/city-brain\/cities\/[0-9a-f-]{36}$/);
    await page.getByTestId('vital-signs').getByText('空气质量指数').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('city-link-status').textContent()).toContain('在线');
    await screenshot(page, 'city-brain-01-city-page');

    // An event the simulated city raised after this server started (not one of the seeded 示例 events).
    const event = await until('an event from a simulated city', async () => {
      const r = await page.request.get(`${server.url}/api/v1/city-brain/events?status=reported&pageSize=50`);
      const items = ((await r.json()) as { items: EventRow[] }).items;
      return items.find((e) => e.source === 'city' && e.reportedAt > since);
    });
    await page.goto(`${server.url}/city-brain/events`);
    await page.getByRole('link', { name: event.title }).first().waitFor();
    await screenshot(page, 'city-brain-02-event-desk');

    await page.goto(`${server.url}/city-brain/events/${event.id}`);
    await page.getByRole('button', { name: /^立\s*案$/ }).click();
    await page.getByRole('button', { name: /派\s*遣/ }).click();
    const dispatch = page.locator('.ant-modal').filter({ hasText: '处置部门' });
    await dispatch.getByLabel('处置部门').fill('城市管理局(示例)');
    await dispatch.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dispatch.waitFor({ state: 'hidden' });
    // The task goes down to the city's own stream; the city starts work and reports it handled, both over NATS.
    await until('the city’s report', async () => {
      const r = await page.request.get(`${server.url}/api/v1/city-brain/events/${event.id}`);
      return ((await r.json()) as EventRow).status === 'fed_back' || undefined;
    });
    await page.reload();
    await page.locator('.ant-descriptions').getByText('现场已处置完毕,照片已上传(示例)').waitFor({ timeout: 45_000 });
    await screenshot(page, 'city-brain-03-event-fed-back');
    await page.context().close();

    // Four eyes: whoever registered and dispatched it cannot verify it; the province's approver does.
    const approver = await newPage(browser);
    await login(approver, server, 'province.approver');
    await approver.goto(`${server.url}/city-brain/events/${event.id}`);
    await approver.getByRole('button', { name: /核查结案/ }).click();
    await ok(approver).click();
    await approver.locator('.ant-rate-star').nth(4).click();
    await approver.getByText('5 / 5').waitFor();
    const done = (await (await approver.request.get(`${server.url}/api/v1/city-brain/events/${event.id}`)).json()) as {
      status: string;
      history: { action: string; by: string }[];
    };
    expect(done.status).toBe('evaluated');
    expect(done.history.map((h) => h.action)).toEqual([
      'reported',
      'registered',
      'dispatched',
      'handling',
      'fed_back',
      'closed',
      'evaluated',
    ]);
    expect(['c370100', 'c370200']).toContain(event.subPlatformCode);
    await screenshot(approver, 'city-brain-04-event-closed');
    await approver.context().close();
  });

  it('a city asks for conditional data; the owner’s approver grants it; the city uses it and the use is on record', async () => {
    const city = await newPage(browser);
    await login(city, server, 'jinan');
    await city.goto(`${server.url}/city-brain/catalogue`);
    await city.getByTestId('dataset-search').getByRole('searchbox').fill('发热门诊');
    await city.getByTestId('dataset-search').getByRole('searchbox').press('Enter');
    await city.getByRole('tabpanel', { name: '数据资源' }).getByText('发热门诊就诊人次(示例)').click();
    await city.getByTestId('request-data').click();
    const ask = city.locator('.ant-modal').filter({ hasText: '申请单位' });
    await ask.getByLabel('用途', { exact: true }).fill('冬季发热门诊就诊趋势研判,按县区汇总使用');
    await ask.getByLabel('申请单位').fill('济南市卫生健康委员会');
    await ask.getByRole('button', { name: /提交申请/ }).click();
    await ask.waitFor({ state: 'hidden' });
    await screenshot(city, 'city-brain-05-catalogue-dataset');
    await city.keyboard.press('Escape');
    await city.getByRole('tab', { name: '我的申请' }).click();
    await city.getByTestId('requests-mine').getByText('待审批').waitFor();
    // A city operator does not decide requests.
    expect(await city.getByRole('tab', { name: /待我审批/ }).count()).toBe(0);

    const approver = await newPage(browser);
    await login(approver, server, 'province.approver');
    await approver.goto(`${server.url}/city-brain/catalogue`);
    await approver.getByRole('tab', { name: /待我审批/ }).click();
    const row = approver.getByTestId('requests-toDecide').locator('tr').filter({ hasText: '济南市卫生健康委员会' });
    await row.getByRole('button', { name: /审\s*批/ }).click();
    const decide = approver.locator('.ant-modal').filter({ hasText: '审批意见' });
    await decide.getByLabel('审批意见').fill('同意,按县区汇总使用');
    await decide.getByRole('button', { name: /批\s*准/ }).click();
    await ok(approver).click();
    await decide.waitFor({ state: 'hidden' });
    await approver.getByRole('tab', { name: '申请与审批记录' }).click();
    await approver
      .getByTestId('requests-all')
      .locator('tr')
      .filter({ hasText: '济南市卫生健康委员会' })
      .getByText('已批准')
      .waitFor();
    await screenshot(approver, 'city-brain-06-catalogue-decided');

    await city.reload();
    await city.getByRole('tab', { name: '我的申请' }).click();
    await city
      .getByTestId('requests-mine')
      .getByRole('button', { name: /登记使用/ })
      .click();
    const use = city.locator('.ant-modal').filter({ hasText: '本次用途' });
    await use.getByLabel('本次用途').fill('第48周发热门诊趋势周报');
    await use.getByRole('button', { name: /登记并使用/ }).click();
    await city.getByTestId('use-recorded').waitFor();
    expect(await city.getByTestId('use-recorded').textContent()).toContain('visits');
    await city.context().close();

    // The owner's region sees who used it, for what, under which approval.
    await approver.getByRole('tab', { name: '数据资源' }).click();
    await approver.getByRole('tabpanel', { name: '数据资源' }).getByText('发热门诊就诊人次(示例)').click();
    await approver.getByTestId('use-records').getByText('第48周发热门诊趋势周报').waitFor();
    await screenshot(approver, 'city-brain-07-catalogue-use-records');
    // The English switch: the same page in the other language.
    await approver.keyboard.press('Escape');
    await approver.getByTestId('lang-switch').getByText('EN').click();
    await approver.getByRole('tab', { name: 'Requests and decisions' }).waitFor();
    await approver.getByText('Shared on conditions').first().waitFor();
    await screenshot(approver, 'city-brain-08-catalogue-english');
    await approver.getByTestId('lang-switch').getByText('中文').click();
    await approver.context().close();
  });
});
