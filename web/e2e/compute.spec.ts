import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeWriteRequest } from '../../server/src/modules/compute-network/metrics/remote-write.ts';
import { launchBrowser, login, newPage, screenshot, serverAnswer, startServer, type RunningServer } from './harness';

const racksShown = async (page: Page) => Number(await page.getByTestId('stat-racks').textContent());
/** The month (YYYY-MM) `back` months before now, China time: the demo has reports up to last month. */
const monthBack = (back: number) => {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
};

describe('compute network', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the calibrated July 2024 province figures on the compute map', async () => {
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/compute`);
    await page.getByTestId('compute-map').locator('canvas').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="stat-racks"]')?.textContent === '345400');
    expect(await page.getByTestId('stat-total').textContent()).toMatch(/^9\.66/);
    await page.getByTestId('compute-headline').getByText('85.46').waitFor();
    await page.getByTestId('compute-headline').getByText('88.31').waitFor();
    await page.getByTestId('compute-headline').getByText('5 / 1').waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 'compute-01-map-province');
    // Filter: domestic accelerators only, fewer centres.
    const all = Number(await page.getByTestId('compute-map').getAttribute('data-points'));
    await page.getByTestId('filter-origin').click();
    await page.locator('.ant-select-item-option', { hasText: '国产' }).click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="compute-map"]')?.getAttribute('data-points')) < n,
      all,
    );
    await page.context().close();
  });

  it('accepts live metrics with a printed demo token and shows them on the centre page', async () => {
    const line = server.banner.find((l) => l.startsWith('demo ingest token: '));
    expect(line).toBeTruthy();
    const [, , , id, token] = line!.trim().split(' ');
    const now = Date.now();
    const body = encodeWriteRequest([
      {
        labels: { __name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: '0', Hostname: 'e2e-node' },
        samples: [{ value: 91, timestamp: now - 1000 }],
      },
      {
        labels: { __name__: 'DCGM_FI_DEV_POWER_USAGE', gpu: '0', Hostname: 'e2e-node' },
        samples: [{ value: 300, timestamp: now - 1000 }],
      },
    ]);
    const res = await fetch(`${server.url}/api/v1/compute/remote-write`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-protobuf',
        'content-encoding': 'snappy',
        'x-prometheus-remote-write-version': '0.1.0',
      },
    });
    expect(res.status).toBe(200);
    const bad = await fetch(`${server.url}/api/v1/compute/remote-write`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: {
        authorization: 'Bearer zc_wrong_token_x',
        'content-type': 'application/x-protobuf',
        'content-encoding': 'snappy',
        'x-prometheus-remote-write-version': '0.1.0',
      },
    });
    expect(bad.status).toBe(401);
    const page = await newPage(browser);
    await login(page, server, 'province');
    await page.goto(`${server.url}/compute/data-centres/${id}`);
    await page.getByTestId('live-metrics').locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'compute-02-centre-page');
    await page.context().close();
  });

  it('an operator files a monthly report, the province approves it, and the totals and the map change', async () => {
    // The operator files last month for the centre the demo left unfiled (overdue after the 10th): last approved
    // figures plus 120 racks.
    const op = await newPage(browser);
    await login(op, server, 'dc.inspur');
    const centres = (await (await op.request.get(`${server.url}/api/v1/compute/data-centres?pageSize=500`)).json()) as {
      items: { id: string; name: string; racksInUse: number }[];
    };
    const filed = (
      await (await op.request.get(`${server.url}/api/v1/compute/reports?period=${monthBack(1)}&pageSize=500`)).json()
    ).items as { dataCentreId: string }[];
    const todo = centres.items.filter((c) => !filed.some((r) => r.dataCentreId === c.id));
    expect(todo).toHaveLength(1);
    const mine = todo[0]!;
    const prev = (
      await (
        await op.request.get(`${server.url}/api/v1/compute/reports?dataCentreId=${mine.id}&status=approved&pageSize=1`)
      ).json()
    ).items[0];
    expect(prev.period).toBe(monthBack(2));
    // Another operator's centre is not visible to this one.
    const all = (await (await op.request.get(`${server.url}/api/v1/compute/map`)).json()).points as unknown[];
    expect(all.length).toBe(centres.items.length);
    expect(all.length).toBeLessThan(52);

    await op.goto(`${server.url}/compute/reports?dataCentreId=${mine.id}`);
    const form = op.getByTestId('report-form');
    await form.waitFor();
    // The month is picked from a calendar and starts at last month, the one to file.
    expect(await op.getByTestId('report-period').inputValue()).toBe(monthBack(1));
    await op.getByTestId('report-racksInUse').fill(String(mine.racksInUse + 120));
    await op.getByTestId('report-utilisationPct').fill(String(prev.utilisationPct));
    await op.getByTestId('report-energyMwh').fill(String(prev.energyMwh));
    // First a PUE below 1: refused with the field named.
    await op.getByTestId('report-measuredPue').fill('0.9');
    await op.getByTestId('report-computeInUsePflops').fill(String(prev.computeInUsePflops));
    await op.getByTestId('report-storageUsedPb').fill(String(prev.storageUsedPb));
    await op.getByTestId('report-submit').click();
    await op
      .getByText(/PUE 不能小于 1.0/)
      .first()
      .waitFor();
    await screenshot(op, 'compute-03-report-refused');
    await op.getByTestId('report-measuredPue').fill(String(prev.measuredPue));
    // The server's answer decides (a refusal fails here with its body); the toast is seconds long, the table stays.
    const filing = op.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/compute/data-centres/${mine.id}/reports`),
    );
    await op.getByTestId('report-submit').click();
    const answer = await filing;
    expect(answer.status(), await answer.text()).toBe(201);
    await op.getByTestId('report-table').getByText(monthBack(1)).first().waitFor();
    await screenshot(op, 'compute-04-report-filed');
    await op.context().close();

    const ap = await newPage(browser);
    await login(ap, server, 'province.approver');
    await ap.goto(`${server.url}/compute/reports?status=submitted`);
    const pending = (
      await (
        await ap.request.get(`${server.url}/api/v1/compute/reports?status=submitted&dataCentreId=${mine.id}`)
      ).json()
    ).items[0];
    // Late once the 10th of this month has passed (China time).
    expect(pending.late).toBe(new Date(Date.now() + 8 * 3600_000).getUTCDate() > 10);
    const decided = await serverAnswer(ap, 'POST', `/api/v1/compute/reports/${pending.id}/decision`, 200, () =>
      ap.getByTestId(`approve-${pending.id}`).click(),
    );
    expect((await decided.json()).status).toBe('approved');
    // Decided: the report leaves the approver's queue.
    await ap.getByTestId(`approve-${pending.id}`).waitFor({ state: 'detached' });
    await screenshot(ap, 'compute-05-approved');

    await ap.goto(`${server.url}/compute`);
    await ap.waitForFunction(
      (n) => document.querySelector('[data-testid="stat-racks"]')?.textContent === String(n),
      345_400 + 120,
    );
    expect(await racksShown(ap)).toBe(345_520);
    const point = (
      (await (await ap.request.get(`${server.url}/api/v1/compute/map`)).json()).points as {
        id: string;
        racksInUse: number;
      }[]
    ).find((p) => p.id === mine.id);
    expect(point?.racksInUse).toBe(mine.racksInUse + 120);
    await ap.goto(`${server.url}/compute/data-centres/${mine.id}`);
    await ap
      .getByTestId('centre-racks')
      .getByText(String(mine.racksInUse + 120))
      .waitFor();
    await ap.context().close();
  });
});
