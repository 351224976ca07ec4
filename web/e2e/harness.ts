import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { expect, inject } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export interface RunningServer {
  url: string;
  /** `demo account:` lines: role → [username, password]; several accounts may share a role. */
  accounts: { role: string; username: string; password: string }[];
  /** Every line the server printed on its banner (tokens and the like). */
  banner: string[];
  dataDir: string;
  process: ChildProcess;
  /** Sends a signal to the server and everything it started (its nats-server). */
  kill(signal: NodeJS.Signals): void;
  /** Signals the server and waits up to `waitMs` for it to close its database, then kills what is left. */
  stop(signal?: NodeJS.Signals, waitMs?: number): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provided by global-setup.ts. */
    demoTemplate: { dataDir: string; banner: string[] };
  }
}

/** The seeded demo data folder from global-setup.ts, when the e2e project has one (it always does under vitest). */
function demoTemplate(): { dataDir: string; banner: string[] } | undefined {
  try {
    const t = inject('demoTemplate');
    return t?.dataDir ? t : undefined;
  } catch {
    return undefined; // imported outside a vitest worker (global setup itself)
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the platform the way the README does (built web app, PGlite in a fresh data folder, demo mode) and waits
 * for its banner. Requires `npm run build -w web` first (scripts/test.mjs does it).
 */
export async function startServer(
  opts: { demo?: boolean; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html')))
    throw new Error('web/dist is missing: run `npm run build -w web` first');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zc-e2e-'));
  // A demo journey starts from a copy of the data folder global-setup seeded once (migrated, demo loaded, stopped
  // cleanly): the same start as `npm start` on existing data, without seeding every module's demo again per file.
  const template = opts.dataDir || opts.demo === false ? undefined : demoTemplate();
  if (template) fs.cpSync(template.dataDir, dataDir, { recursive: true });
  const port = await freePort();
  const args = ['--import', 'tsx', 'server/src/main.ts', ...(opts.demo === false ? [] : ['--demo'])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      // The leaf-node listener of the server's own nats-server: a free port, so journeys can run side by side.
      NATS_LEAF_PORT: '0',
      // Two simulated city brains (with their own nats-servers) instead of demo mode's sixteen: the path is the
      // same, and sixteen streaming cities per journey would slow every other journey on a 2-core runner.
      CITY_BRAIN_DEMO_CITIES: '2',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill reaches the nats-server it runs too (as a power cut would).
    detached: true,
  });
  /** Signals the server and every process it started. */
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const started = Date.now();
  while (!/is running at/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}\n${err}`);
    if (Date.now() - started > 400_000) {
      killGroup('SIGKILL');
      throw new Error(`server did not start in time:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The banner is printed in one write; give the last lines a moment.
  await new Promise((r) => setTimeout(r, 100));
  // Lines printed only when the demo was first seeded (tokens, notes) come from the template's banner.
  const own = out.split('\n');
  const banner = template ? [...own, ...template.banner.filter((l) => !own.includes(l))] : own;
  const accounts = banner
    .map((l) => /^demo account: (\S+) (\S+) (\S+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ role: m[1]!, username: m[2]!, password: m[3]! }));
  return {
    url: `http://127.0.0.1:${port}`,
    accounts,
    banner,
    dataDir,
    process: child,
    kill: killGroup,
    async stop(signal: NodeJS.Signals = 'SIGTERM', waitMs = 10_000) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await Promise.race([exited, new Promise((r) => setTimeout(r, waitMs))]);
      }
      killGroup('SIGKILL');
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function account(server: RunningServer, username: string) {
  const a = server.accounts.find((x) => x.username === username);
  if (!a) throw new Error(`no demo account ${username}; have ${server.accounts.map((x) => x.username).join(', ')}`);
  return a;
}

/** Debian's Chromium, headless, with the flags this sandbox needs (no background network, no sandbox as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    isMobile: opts.isMobile,
    hasTouch: opts.isMobile,
    locale: 'zh-CN',
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

export async function login(page: Page, server: RunningServer, username: string, password?: string): Promise<void> {
  const pw = password ?? account(server, username).password;
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(pw);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Saves a full-page screenshot under test-results/screenshots (kept out of git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Does `act` (the click that asks the server to write) and waits for the server's answer to `method` on `path` (the
 * URL's pathname, exactly or by pattern), which must have `status`: a refusal fails here with its body. A journey
 * waits for this instead of the success toast, which lives ~3 s and a busy runner may draw after it has gone.
 * Check what lasts on the page (a row, a tag, a button) after it: the page may still be refetching.
 */
export async function serverAnswer(
  page: Page,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string | RegExp,
  status: number,
  act: () => Promise<unknown>,
): Promise<Response> {
  const answer = page.waitForResponse((r) => {
    if (r.request().method() !== method) return false;
    const at = new URL(r.url()).pathname;
    return typeof path === 'string' ? at === path : path.test(at);
  });
  answer.catch(() => undefined); // `act` may throw first; the wait is awaited (and fails) below otherwise
  await act();
  const r = await answer;
  const body = await r.text().catch(() => ''); // a 204 has none
  expect(r.status(), `${method} ${new URL(r.url()).pathname}: ${body}`).toBe(status);
  return r;
}
