import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
/** The demo's open campaign is this year's (China time). */
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe('participation', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds a survey, publishes it, answers it on a phone, and sees it counted and in a topic', async () => {
    const staff = await newPage(browser);
    await login(staff, server, 'province');
    await staff.goto(`${server.url}/participation`);
    await staff.getByTestId('campaign-table').getByText(`${YEAR}年“问需于民”`).first().waitFor();
    await screenshot(staff, 'participation-01-campaigns');

    await staff.getByTestId('new-campaign').click();
    await staff.getByTestId('campaign-title').fill('E2E 智慧养老需求征集');
    await staff.getByTestId('campaign-ok').click();
    await staff.waitForURL(/\/participation\/campaigns\//);
    await staff.getByTestId('new-survey').click();
    await staff.getByTestId('survey-title-input').fill('智慧养老需求问卷');
    await staff.getByTestId('survey-ok').click();
    await staff.waitForURL(/\/participation\/surveys\//);
    const surveyId = staff.url().split('/').pop()!;

    // The default free-text demand question is there; add a required single-choice question.
    await staff.getByTestId('q-title-q1').waitFor();
    await staff.getByTestId('add-question-0').hover();
    await staff.getByTestId('add-single').click();
    await staff.getByTestId('q-title-q2').fill('您家中是否有60岁以上老人');
    await staff.getByTestId('q-options-q2').fill('有\n没有');
    await staff.getByTestId('q-options-q2').blur();
    await staff.getByTestId('q-required-q2').click();
    await staff.getByTestId('toggle-preview').click();
    await staff.getByTestId('preview').getByText('您家中是否有60岁以上老人').waitFor();
    await screenshot(staff, 'participation-02-builder-preview');
    await serverAnswer(staff, 'PUT', `/api/v1/participation/surveys/${surveyId}`, 200, () =>
      staff.getByTestId('save-survey').click(),
    );
    // Saved: nothing left to save.
    await staff.locator('[data-testid="save-survey"]:disabled').waitFor();
    await staff.getByTestId('publish-survey').click();
    await staff.getByTestId('confirm-publish').click();
    await staff.getByTestId('survey-status').getByText('已发布').waitFor();

    // A citizen on a phone, no login.
    const phone = await newPage(browser, PHONE);
    const scripts = scriptsOf(phone);
    await phone.goto(`${server.url}/s/${surveyId}`);
    await phone.getByTestId('survey-title').waitFor();
    // Submitting without the required answer names it.
    await phone.getByTestId('consent').click();
    await phone.getByTestId('submit-survey').click();
    await phone.getByTestId('question-error').first().waitFor();
    await phone.getByText('有', { exact: true }).click();
    await phone.locator('textarea').first().fill('社区养老服务中心太少,希望增加社区养老食堂');
    await phone.getByTestId('phone').fill('13812345678');
    await screenshot(phone, 'participation-03-answer-phone');
    await phone.getByTestId('submit-survey').click();
    await phone.getByTestId('answer-done').waitFor();
    await screenshot(phone, 'participation-04-answer-done');
    // The answer page loads its own chunk, not the staff pages'.
    expect(scripts.some((u) => /AnswerPage-/.test(u))).toBe(true);
    expect(scripts.filter((u) => STAFF_CHUNK.test(u))).toEqual([]);

    // Counted, and its free text in a topic.
    const campaignUrl = await staff.evaluate(
      async (id) => (await (await fetch(`/api/v1/participation/surveys/${id}`)).json()).campaignId as string,
      surveyId,
    );
    await staff.goto(`${server.url}/participation/campaigns/${campaignUrl}`);
    await staff.getByTestId('tab-stats').click();
    await staff.getByTestId('stats-total').getByText('1', { exact: true }).waitFor();
    await screenshot(staff, 'participation-05-stats');
    await staff.getByTestId('tab-topics').click();
    const quote = staff.getByTestId('topic-quote').filter({ hasText: '社区养老服务中心太少' });
    await quote.waitFor();
    expect(await staff.getByTestId('topic-card').count()).toBeGreaterThan(0);
    await screenshot(staff, 'participation-06-topics');
    // The phone number is shown masked only.
    expect(await staff.content()).not.toContain('13812345678');
    await staff.context().close();
    await phone.context().close();
  });

  it('shows the demo campaign’s analysis and the public progress page', async () => {
    const staff = await newPage(browser);
    await login(staff, server, 'jinan');
    await staff.goto(`${server.url}/participation`);
    await staff.getByTestId('campaign-table').getByText(`${YEAR}年“问需于民”`).first().click();
    await staff.getByTestId('tab-topics').click();
    await staff.getByTestId('word-cloud').waitFor();
    await staff.getByTestId('topic-card').first().waitFor();
    await screenshot(staff, 'participation-07-demo-topics');
    await staff.getByTestId('tab-stats').click();
    await staff.getByTestId('stats').locator('canvas').first().waitFor();
    await screenshot(staff, 'participation-08-demo-stats');
    const id = staff.url().split('/').pop()!;
    const phone = await newPage(browser, PHONE);
    await phone.goto(`${server.url}/progress/${id}`);
    await phone.getByTestId('progress-item').first().waitFor();
    await screenshot(phone, 'participation-09-progress');
    await staff.context().close();
    await phone.context().close();
  });

  it('a supervisor applies, is vetted, drawn onto a panel and scores', async () => {
    const citizen = await newPage(browser, PHONE);
    const scripts = scriptsOf(citizen);
    await citizen.goto(`${server.url}/supervisor/apply`);
    await citizen.getByTestId('apply-name').fill('测试监督员');
    await citizen.getByTestId('apply-phone').fill('13712340000');
    await citizen.getByTestId('apply-region').click();
    await citizen.keyboard.type('历下区');
    await citizen.locator('.ant-select-item-option', { hasText: '历下区' }).first().click();
    await citizen.getByTestId('apply-occupation').fill('教师');
    await screenshot(citizen, 'participation-10-apply');
    await citizen.getByTestId('apply-submit').click();
    await citizen.getByTestId('apply-done').waitFor();
    expect(scripts.filter((u) => STAFF_CHUNK.test(u))).toEqual([]);
    await citizen.context().close();

    const official = await newPage(browser);
    await login(official, server, 'lixia');
    await official.goto(`${server.url}/participation/supervisors`);
    const row = official.getByTestId('supervisor-table').locator('tr', { hasText: '测**' });
    await row.waitFor();
    await row.getByRole('button', { name: /审\s*核/ }).click();
    // The server's answer first (a refusal fails here with its body), then the account shown once.
    const vetted = await serverAnswer(
      official,
      'POST',
      /^\/api\/v1\/participation\/supervisors\/[^/]+\/vet$/,
      200,
      () => official.getByTestId('vet-approve').click(),
    );
    expect((await vetted.json()).username).toMatch(/^sv\.370102\./);
    const username = (await official.getByTestId('new-username').textContent())!.trim();
    const password = (await official.getByTestId('new-password').textContent())!.trim();
    expect(username).toMatch(/^sv\.370102\./);
    await screenshot(official, 'participation-11-vetted');
    await official.keyboard.press('Escape');
    await official
      .getByRole('button', { name: /知道了|OK/ })
      .click()
      .catch(() => undefined);

    // A panel as large as the county's pool, so the new member is certainly drawn.
    const pool = await official.evaluate(
      async () =>
        (await (await fetch('/api/v1/participation/supervisors?status=approved&region=370102&pageSize=200')).json())
          .total as number,
    );
    await official.getByTestId('tab-tasks').click();
    await official.getByTestId('new-task').click();
    await official.getByTestId('task-title').fill('E2E 政务服务体验评分');
    await official.getByTestId('task-size').fill(String(pool));
    await official.getByTestId('task-ok').click();
    await official.getByTestId('draw-panel').click();
    await official.getByTestId('panel-table').getByText('测**').waitFor();
    await official.getByTestId('draw-check-ok').waitFor();
    await screenshot(official, 'participation-12-panel');

    // On the phone: the task page asks to sign in, the sign-in page fits 390 px, the one-time password is replaced,
    // and the supervisor lands back on the task page (issue 15).
    const sup = await newPage(browser, PHONE);
    await sup.goto(`${server.url}/supervisor/tasks`);
    await sup.getByRole('link', { name: '登录' }).click();
    await sup.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/supervisor/tasks');
    await sup.getByTestId('login-username').waitFor();
    expect(await sup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(sup, 'participation-12a-phone-login');
    await sup.getByTestId('login-username').fill(username);
    await sup.getByTestId('login-password').fill(password);
    await sup.getByTestId('login-submit').click();
    await sup.getByTestId('forced-password-change').waitFor();
    await sup.getByTestId('password-current').fill(password);
    await sup.getByTestId('password-new').fill('Supervisor#Own-2026');
    await sup.getByTestId('password-confirm').fill('Supervisor#Own-2026');
    await screenshot(sup, 'participation-12b-phone-password');
    await sup.getByTestId('password-save').click();
    await sup.waitForURL((u) => u.pathname === '/supervisor/tasks');
    const task = sup.getByTestId('my-task').filter({ hasText: 'E2E 政务服务体验评分' });
    // A typed 150 is refused with a message, not clipped to 100.
    await task.getByTestId('my-score').fill('150');
    await task.getByTestId('score-range-error').waitFor();
    expect(await task.getByTestId('submit-score').isDisabled()).toBe(true);
    await screenshot(sup, 'participation-12c-phone-out-of-range');
    await task.getByTestId('my-score').fill('88');
    await task.getByTestId('submit-score').click();
    await task.getByText('已提交').waitFor();
    await screenshot(sup, 'participation-13-scored');

    await official.reload();
    await official.getByTestId('tab-tasks').click();
    await official.getByTestId('task-table').getByText('E2E 政务服务体验评分').click();
    await official.getByTestId('panel-table').getByText('88').waitFor();
    await official.context().close();
    await sup.context().close();
  });
});

/** Chunks of the staff pages (and their charts-heavy parts) a citizen page must not load. */
const STAFF_CHUNK = /\/(CampaignsPage|CampaignPage|SurveyBuilderPage|SupervisorsPage|MyTasksPage|TaskDrawer|StatsTab)-/;

/** The script URLs a page requests from now on. */
function scriptsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') urls.push(r.url());
  });
  return urls;
}
