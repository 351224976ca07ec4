// What a phone downloads for the public survey page (and, for comparison, the sign-in page and the signed-in
// dashboard): JavaScript and CSS over the wire, as sent (the browser's Accept-Encoding) and as brotli would send
// it, with the time to the first question on screen.
//   npm run build -w web && node --import tsx bench/platform/page-weight.ts [runs=3]
// Starts a demo server on a fresh data folder (as the e2e journeys do) and Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, startServer } from '../../web/e2e/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'web', 'dist');
const runs = Number(process.argv[2] ?? 3);

interface Weight {
  files: number;
  js: number;
  css: number;
  /** Bytes the browser received (encoded bodies) for scripts and styles. */
  wire: number;
  /** The same files as their build-time brotli copies (or raw when there is none). */
  brotli: number;
  /** The same files uncompressed. */
  raw: number;
  encodings: Set<string>;
  ms: number;
}

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : null);

/** Opens `url` in a fresh phone-sized context and adds up every script and stylesheet it requests. */
async function weigh(
  browser: Browser,
  url: string,
  ready: (p: Page) => Promise<unknown>,
  signIn?: (p: Page) => Promise<void>,
) {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
  if (signIn) await signIn(page);
  const w: Weight = { files: 0, js: 0, css: 0, wire: 0, brotli: 0, raw: 0, encodings: new Set(), ms: 0 };
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (req) => {
    const type = req.resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        const rel = new URL(req.url()).pathname;
        const file = path.join(DIST, rel);
        const raw = sizeOf(file) ?? sizes.responseBodySize;
        w.files++;
        if (type === 'script') w.js++;
        else w.css++;
        w.wire += sizes.responseBodySize;
        w.raw += raw;
        w.brotli += sizeOf(`${file}.br`) ?? raw;
        w.encodings.add((await res?.headerValue('content-encoding')) ?? 'identity');
      })(),
    );
  });
  const t0 = performance.now();
  await page.goto(url);
  await ready(page);
  w.ms = performance.now() - t0;
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await page.context().close();
  return w;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
try {
  // The open demo survey of the current year's province campaign, found through the staff API.
  const staff = await newPage(browser);
  await login(staff, server, 'province');
  const surveyId = await staff.evaluate(async () => {
    const list = (await (await fetch('/api/v1/participation/campaigns')).json()) as {
      items?: { id: string; status: string }[];
    };
    const items = list.items ?? (list as unknown as { id: string; status: string }[]);
    for (const c of items) {
      const d = (await (await fetch(`/api/v1/participation/campaigns/${c.id}`)).json()) as {
        surveys: { id: string; status: string }[];
      };
      const s = d.surveys.find((x) => x.status === 'published');
      if (s) return s.id;
    }
    throw new Error('no published survey in the demo');
  });
  // Signed in through the API, so the page's own chunks are not already in the browser's cache from the sign-in page.
  const province = server.accounts.find((a) => a.username === 'province')!;
  const signedIn = async (p: Page) => {
    const r = await p.request.post(`${server.url}/api/v1/auth/login`, {
      data: { username: province.username, password: province.password },
    });
    if (!r.ok()) throw new Error(`sign-in failed: ${r.status()}`);
  };
  const cases: [string, string, (p: Page) => Promise<unknown>, ((p: Page) => Promise<void>)?][] = [
    ['public survey /s/:id', `${server.url}/s/${surveyId}`, (p) => p.getByTestId('survey-title').waitFor()],
    ['sign-in /login', `${server.url}/login`, (p) => p.getByLabel(/用户名|Username/).waitFor()],
    ['dashboard / (signed in)', `${server.url}/`, (p) => p.locator('.ant-layout').first().waitFor(), signedIn],
  ];
  console.log(`runs=${runs}; ${new Date().toISOString()}; load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  console.log('page                          files  wire      brotli    raw       encodings        time to content');
  for (const [name, url, ready, signIn] of cases) {
    const ws: Weight[] = [];
    for (let i = 0; i < runs; i++) ws.push(await weigh(browser, url, ready, signIn));
    const w = ws[0]!;
    console.log(
      `${name.padEnd(29)} ${String(w.files).padStart(5)}  ${kb(w.wire).padEnd(9)} ${kb(w.brotli).padEnd(9)} ${kb(w.raw).padEnd(9)} ${[...w.encodings].join(',').padEnd(16)} ${median(ws.map((x) => x.ms)).toFixed(0)} ms median`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
