import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type RunningServer } from './harness';

const PDF = [...Buffer.from('%PDF-1.4\n% evidence (e2e)\n')];
/** A day in China (UTC+8), `days` from today. */
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** JSON through the page's own session (same-origin proof included). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-requested-with': 'z' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

/**
 * Deadlines in the UI (issue 15): a county past its fill deadline sees the banner and cannot submit, its to-do is
 * marked overdue; the province reopens it with a reason; the county's to-do then says it is due today, and it submits.
 */
describe('assessment deadlines journey', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('closed after the deadline, reopened by the province with a reason, then submitted late', async () => {
    // The province opens next year's campaign whose filling-in closed yesterday (a campaign of two regions).
    const province = await newPage(browser);
    await login(province, server, 'province');
    const cats = await call<{ id: string; key: string }[] | { items: { id: string; key: string }[] }>(
      province,
      'GET',
      '/api/v1/assessment/catalogues',
    );
    const list = Array.isArray(cats) ? cats : cats.items;
    const year = new Date().getFullYear() + 1;
    await call(province, 'POST', '/api/v1/assessment/campaigns', {
      year,
      name: `${year}年度评估(截止日演示,示例)`,
      cityCatalogueId: list.find((c) => c.key === 'DB37-3890.1-city')!.id,
      countyCatalogueId: list.find((c) => c.key === 'DB37-3890.2-county')!.id,
      deadlines: { selfAssessment: chinaDay(-1) },
      expertsPerSubmission: 1,
      noticeDays: 0,
      regionCodes: ['370100', '370102'],
    });

    // The county: the to-do is overdue, the fill page says filling closed and offers no submit.
    const county = await newPage(browser);
    await login(county, server, 'lixia');
    const todo = county.getByTestId('todo-card').getByTestId('todo-assessment-fill');
    await todo.getByTestId('todo-overdue').waitFor();
    expect(await todo.textContent()).toContain('须由省级重新开放');
    await todo.getByRole('link').click();
    await county.getByTestId('filling-closed').waitFor();
    expect(await county.getByTestId('submit').isDisabled()).toBe(true);
    await screenshot(county, 'deadline-01-closed');

    // The province reopens it until today, with a reason, from the review list.
    await province.goto(`${server.url}/assessment/review`);
    await province.getByTestId('reopen-370102').click();
    const until = province.getByTestId('reopen-until');
    await until.click();
    await until.fill(chinaDay());
    await until.press('Enter');
    await province.getByTestId('reopen-reason').fill('系统故障导致未能按期填报(演示)');
    await province.getByTestId('confirm-reopen').click();
    await province.getByTestId('reopen-370102').waitFor({ state: 'detached' });

    // The county's to-do now reminds it is due today; it fills in and submits, marked late.
    await county.goto(`${server.url}/`);
    await todo.getByTestId('todo-due-soon').waitFor();
    expect(await todo.getByTestId('todo-due-soon').textContent()).toContain('今天截止');
    await screenshot(county, 'deadline-02-reminder');
    await county.evaluate(
      async ({ year, pdf }) => {
        const camps = await (await fetch('/api/v1/assessment/campaigns')).json();
        const c = camps.items.find((x: { year: number }) => x.year === year);
        const sub = await (await fetch(`/api/v1/assessment/campaigns/${c.id}/regions/370102`)).json();
        const cat = await (await fetch(`/api/v1/assessment/catalogues/${sub.catalogueId}`)).json();
        const values: Record<string, { value: number }> = {};
        for (const i of cat.indicators) if (!i.bonusPoints) values[i.code] = { value: i.thresholds[2] };
        const h = { 'content-type': 'application/json', 'x-requested-with': 'z' };
        const r = await fetch(`/api/v1/assessment/submissions/${sub.id}/values`, {
          method: 'PUT',
          headers: h,
          body: JSON.stringify({ values, version: sub.version }),
        });
        if (!r.ok) throw new Error(await r.text());
        for (const i of cat.indicators.filter((x: { evidenceRequired: boolean }) => x.evidenceRequired)) {
          const fd = new FormData();
          fd.append('indicatorCode', i.code);
          fd.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'evidence.pdf');
          const u = await fetch(`/api/v1/assessment/submissions/${sub.id}/evidence`, {
            method: 'POST',
            body: fd,
            headers: { 'x-requested-with': 'z' },
          });
          if (!u.ok) throw new Error(await u.text());
        }
      },
      { year, pdf: PDF },
    );
    await county.goto(`${server.url}/assessment/fill`);
    await county.getByText(/此次提交将标记为逾期/).waitFor();
    await county.getByTestId('submit').click();
    await county.getByTestId('confirm-submit').click();
    await county.locator('[data-testid="status-tag"][data-status="submitted"]').first().waitFor();
    await screenshot(county, 'deadline-03-submitted-late');
    // Nothing left to fill: the reminder is gone.
    await county.goto(`${server.url}/`);
    await county.getByTestId('todo-card').waitFor();
    expect(await county.getByTestId('todo-assessment-fill').count()).toBe(0);
  });
});
