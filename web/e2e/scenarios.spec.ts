import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

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

  it('a county files a copy with a photo and sees the duplicate warning → city recommends → province accepts → an expert scores → a citizen votes on a phone → the board explains', async () => {
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
    // A photo from the site: the server turns it upright, sizes it for the phone and re-encodes it.
    const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zc-e2e-')), '现场照片.jpg');
    await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#2f6fb3' } })
      .jpeg()
      .toFile(photo);
    await county.getByTestId('case-attachments').locator('input[type=file]').setInputFiles(photo);
    await county.getByTestId('case-attachments').locator('img').first().waitFor();
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
    await serverAnswer(province, 'POST', `/api/v1/scenarios/cases/${created.id}/accept`, 200, () =>
      province.getByRole('button', { name: /确\s*定|OK/ }).click(),
    );
    // The case's status tag, not the toast of the same words.
    await province.locator('.ant-tag', { hasText: /^已入榜$/ }).waitFor();
    await screenshot(province, 'scenarios-02-accepted');

    // The province draws experts for it through the directory (never from 济南); a drawn expert scores it.
    const operator = await newPage(browser);
    await login(operator, server, 'province');
    const rounds = await call<{ items: { id: string; status: string }[] }>(operator, 'GET', '/api/v1/scenarios/rounds');
    const round = rounds.items.find((r) => r.status === 'open')!;
    const drawn = await call<{ assigned: { caseId: string; experts: number }[] }>(
      operator,
      'POST',
      `/api/v1/scenarios/rounds/${round.id}/draws`,
      { caseIds: [created.id], perCase: 2 },
    );
    expect(drawn.assigned[0]!.experts).toBeGreaterThanOrEqual(1);
    let reviewer: Page | null = null;
    for (const username of ['expert.qingdao', 'expert.yantai']) {
      const p = await newPage(browser);
      await login(p, server, username);
      const mine = await call<{ items: { caseId: string }[] }>(p, 'GET', '/api/v1/scenarios/reviews/mine');
      if (mine.items.some((x) => x.caseId === created.id)) {
        reviewer = p;
        break;
      }
      await p.context().close();
    }
    expect(reviewer).not.toBeNull();
    await reviewer!.goto(`${server.url}/scenarios/reviews`);
    const task = reviewer!.locator('.ant-list-item', { hasText: 'E2E 历下区借鉴案例' });
    await task.getByRole('button', { name: /评\s*分/ }).click();
    // Wait for the server's answer so that a refusal fails here with its code rather than as a missing message.
    const scored = reviewer!.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes(`/api/v1/scenarios/reviews/`),
    );
    await reviewer!.getByRole('button', { name: '提交评分' }).click();
    const answer = await scored;
    expect(answer.status(), await answer.text()).toBe(200);
    // Scored: the task now offers to change the score instead.
    await task.getByRole('button', { name: /修\s*改/ }).waitFor();
    let reviews = 0;
    for (let i = 0; i < 20 && reviews === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const c = await call<{ standing: { reviewCount: number } | null }>(
        reviewer!,
        'GET',
        `/api/v1/scenarios/public/cases/${created.id}`,
      );
      reviews = c.standing?.reviewCount ?? 0;
    }
    expect(reviews).toBe(1);

    // A citizen on a phone: the board, the case, a vote; the refresh job counts it within a second or two.
    const phone = await newPage(browser, PHONE);
    await phone.goto(`${server.url}/board`);
    await phone.getByTestId('board-item').first().waitFor();
    await phone.getByTestId('board-why').first().waitFor();
    await screenshot(phone, 'scenarios-03-board-phone');
    await phone.goto(`${server.url}/board/cases/${created.id}`);
    // The optional verified phone first: the demo has no SMS gateway, so the page shows the code as the demo's.
    await phone.getByTestId('phone-open').click();
    await phone.getByTestId('phone-number').fill('13912345678');
    await phone.getByTestId('phone-send').click();
    const demoCode = await phone.getByTestId('phone-demo-code').textContent();
    await phone.getByTestId('phone-code').fill(/(\d{6})/.exec(demoCode ?? '')![1]!);
    await screenshot(phone, 'scenarios-03b-verify-phone');
    await phone.getByTestId('phone-verify').click();
    await phone.getByTestId('phone-verified').waitFor();
    expect(await phone.getByTestId('phone-verified').textContent()).toContain('139****5678');
    const voted = await serverAnswer(phone, 'POST', `/api/v1/scenarios/public/cases/${created.id}/vote`, 200, () =>
      phone.getByTestId('vote-up').click(),
    );
    // Recorded, and counted as a verified phone's vote.
    expect(await voted.json()).toMatchObject({ recorded: true, verified: true });
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
    await phone.getByTestId('case-attachments').locator('img').first().waitFor();
    await screenshot(phone, 'scenarios-04-case-phone');
  });
});
