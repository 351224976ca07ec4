import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/** Calls the API from the page as the signed-in user (the web client's same-origin proof included). */
const call = <T>(page: Page, method: string, url: string, body?: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-requested-with': 'zhicheng' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return r.json();
    },
    [method, url, body] as const,
  ) as Promise<T>;

describe('scenarios', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a county files a copy and sees the duplicate warning → city recommends → province accepts → a citizen votes on a phone → the board explains', async () => {
    // 历下区 files a case whose text is another county's case (the kind of copy the check is for).
    const county = await newPage(browser);
    await login(county, server, 'lixia');
    const others = await call<{ items: { id: string }[] }>(county, 'GET', '/api/v1/scenarios/cases?pageSize=1');
    expect(others.items.length).toBe(1);
    const province = await newPage(browser);
    await login(province, server, 'province.approver');
    const page = await call<{ items: { id: string }[] }>(
      province,
      'GET',
      '/api/v1/scenarios/cases?status=accepted&region=370200&pageSize=1',
    );
    const source = await call<Record<string, unknown>>(province, 'GET', `/api/v1/scenarios/cases/${page.items[0]!.id}`);
    const created = await call<{ id: string }>(county, 'POST', '/api/v1/scenarios/cases', {
      regionCode: '370102',
      title: 'E2E 历下区借鉴案例',
      domain: source.domain,
      category: source.category,
      summary: source.summary,
      problem: source.problem,
      approach: source.approach,
      operatingModel: source.operatingModel,
    });
    await county.goto(`${server.url}/scenarios/cases/${created.id}`);
    await county.getByTestId('duplicate-warning').waitFor();
    await screenshot(county, 'scenarios-01-duplicate-warning');
    await county.getByRole('button', { name: /^上\s*报$/ }).click();
    await county.getByRole('button', { name: /确\s*定|OK/ }).click();
    await county.getByText('待市级推荐').first().waitFor();

    const city = await newPage(browser);
    await login(city, server, 'jinan.approver');
    await city.goto(`${server.url}/scenarios/cases/${created.id}`);
    await city.getByRole('button', { name: '推荐至省级' }).click();
    await city.getByRole('button', { name: /确\s*定|OK/ }).click();
    await city.getByText('待省级入榜').first().waitFor();

    await province.goto(`${server.url}/scenarios/cases/${created.id}`);
    await province.getByRole('button', { name: /^入\s*榜$/ }).click();
    await province.getByRole('button', { name: /确\s*定|OK/ }).click();
    await province.getByText('已入榜').first().waitFor();
    await screenshot(province, 'scenarios-02-accepted');

    // A citizen on a phone: the board, the case, a vote; the refresh job counts it within a second or two.
    const phone = await newPage(browser, PHONE);
    await phone.goto(`${server.url}/board`);
    await phone.getByTestId('board-item').first().waitFor();
    await phone.getByTestId('board-why').first().waitFor();
    await screenshot(phone, 'scenarios-03-board-phone');
    await phone.goto(`${server.url}/board/cases/${created.id}`);
    await phone.getByTestId('vote-up').click();
    await phone.getByText('感谢投票').waitFor();
    let votes = 0;
    for (let i = 0; i < 20 && votes === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const c = await call<{ standing: { votesTotal: number } | null }>(
        phone,
        'GET',
        `/api/v1/scenarios/public/cases/${created.id}`,
      );
      votes = c.standing?.votesTotal ?? 0;
    }
    expect(votes).toBe(1);
    await phone.reload();
    await phone.getByTestId('case-why').waitFor();
    await screenshot(phone, 'scenarios-04-case-phone');
  });
});
