/**
 * Screen load: time to interactive of /screen in Chromium on a warm server, and its data endpoints' p50/p95.
 *   npm run build -w web && npm run bench -- screen/load [loads=7] [calls=40]
 * The server is the real one with every module's demo data (npm start's), on PGlite in a scratch folder.
 */
import { chromium } from 'playwright-core';
import { login, newPage, startServer } from '../../web/e2e/harness.ts';

const loads = Number(process.argv[2] ?? 7);
const calls = Number(process.argv[3] ?? 40);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
  await login(page, server, 'province');
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

  // Endpoints through the full HTTP stack (session, authorization, serialisation), as the province.
  const timeCalls = async (url: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const s = performance.now();
      const r = await fetch(`${server.url}${url}`, { headers: { cookie } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      if (i >= 3) out.push(performance.now() - s);
    }
    return out;
  };
  const rows: [string, number[]][] = [];
  for (const url of ['/api/v1/screen/overview', '/api/v1/screen/overview?region=370200', '/api/v1/screen/themes'])
    rows.push([url, await timeCalls(url, calls)]);
  rows.push(['/api/v1/screen/forecasts', await timeCalls('/api/v1/screen/forecasts', Math.min(calls, 10))]);
  rows.push(['/api/v1/screen/briefing.docx', await timeCalls('/api/v1/screen/briefing.docx', 5)]);
  rows.push(['/api/v1/screen/briefing.pdf', await timeCalls('/api/v1/screen/briefing.pdf', 5)]);

  // A cold build: a region nobody opened, each call a different county (no snapshot to serve).
  const counties = (await (
    await fetch(`${server.url}/api/v1/regions?level=county`, { headers: { cookie } })
  ).json()) as {
    items: { code: string }[];
  };
  const cold: number[] = [];
  for (const c of counties.items.slice(0, 20)) {
    const s = performance.now();
    await (await fetch(`${server.url}/api/v1/screen/overview?region=${c.code}`, { headers: { cookie } })).arrayBuffer();
    cold.push(performance.now() - s);
  }
  rows.push(['/api/v1/screen/overview?region=<county> (cold, 20 counties)', cold]);

  // Time to interactive: navigation until every widget of the theme is drawn and the map's canvas is there.
  const tti: number[] = [];
  let widgets = 0;
  for (let i = 0; i < loads + 1; i++) {
    const s = Date.now();
    await page.goto(`${server.url}/screen`, { waitUntil: 'commit' });
    await page.getByTestId('widget-compute.by-city').waitFor();
    await page.locator('[data-testid="region-map"] canvas').first().waitFor();
    await page.waitForFunction('document.querySelectorAll(\'[data-testid^="widget-"]\').length >= 25');
    const t = Date.now() - s;
    widgets = await page.locator('[data-testid^="widget-"]').count();
    if (i > 0) tti.push(t);
  }
  console.log(
    `\nscreen/load: ${loads} loads, ${calls} calls per endpoint; ${widgets} widgets on the province screen\n`,
  );
  console.log(`| what | p50 | p95 | max |\n| --- | --- | --- | --- |`);
  console.log(
    `| time to interactive, /screen at 1920×1080 (${widgets} widgets + map) | ${ms(pct(tti, 50))} | ${ms(pct(tti, 95))} | ${ms(Math.max(...tti))} |`,
  );
  for (const [url, xs] of rows)
    console.log(`| \`GET ${url}\` | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} |`);
} finally {
  await browser.close();
  await server.stop();
}
