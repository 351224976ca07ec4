import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/platform/database/index.ts';
import { startServer, type RunningServer } from './harness';

// The test stands in for a load balancer spreading many citizens' answers: it names each client's address in
// X-Forwarded-For, which the server believes only from a trusted proxy.
const BEHIND_PROXY = { TRUSTED_PROXIES: '127.0.0.1' };

/**
 * Every response acknowledged with 201 must survive the server being killed with SIGKILL in the middle of a
 * load run (PGlite in a data folder: the same build `npm start` runs).
 */
describe('participation durability', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-durable-'));
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged response across kill -9', { timeout: 400_000 }, async () => {
    server = await startServer({ dataDir, demo: true, env: BEHIND_PROXY });
    const url = server.url;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'province', password: 'Zhicheng#Demo2024' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const campaigns = (await (
      await fetch(`${url}/api/v1/participation/campaigns`, { headers: { cookie } })
    ).json()) as { items: { id: string; year: number }[] };
    const c = campaigns.items.find((x) => x.year === new Date(Date.now() + 8 * 3600_000).getUTCFullYear())!;
    const detail = (await (
      await fetch(`${url}/api/v1/participation/campaigns/${c.id}`, { headers: { cookie } })
    ).json()) as { surveys: { id: string; regionCode: string; status: string }[] };
    const survey = detail.surveys.find((s) => s.regionCode === '370000' && s.status === 'published')!;

    const acked: string[] = [];
    let failures = 0;
    let n = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        try {
          const r = await fetch(`${url}/api/v1/participation/surveys/${survey.id}/responses`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'idempotency-key': crypto.randomUUID(),
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify({
              consentVersion: 'v1',
              answers: [
                { questionId: 'region', value: '370102' },
                { questionId: 'age', value: 'a2' },
                { questionId: 'useApp', value: 'no' },
                { questionId: 'fields', value: ['gov'] },
                { questionId: 'demand', value: `持久性测试 ${i}` },
              ],
            }),
          });
          if (r.status === 201) acked.push(((await r.json()) as { id: string }).id);
          else {
            failures++;
            if (failures < 3) console.log('refused', r.status, await r.text());
          }
        } catch {
          failures++;
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    // Kill while requests are in flight, once enough have been acknowledged.
    const t0 = Date.now();
    while (acked.length < 300 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
    console.log(`acked ${acked.length} in ${Date.now() - t0} ms, ${failures} refused`);
    server.kill('SIGKILL');
    await new Promise((r) => server!.process.once('exit', r));
    stop = true;
    await Promise.all(workers);
    expect(acked.length).toBeGreaterThanOrEqual(300);

    // The server starts again on the same data (recovery), then the data is checked directly.
    server = await startServer({ dataDir, demo: true, env: BEHIND_PROXY });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    await server.stop();
    server = null;
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      const res = (await db.db.execute(
        `SELECT id FROM participation.response WHERE id = ANY('{${acked.join(',')}}'::uuid[])` as never,
      )) as unknown as { rows: { id: string }[] };
      const found = new Set(res.rows.map((r) => r.id));
      const lost = acked.filter((id) => !found.has(id));
      expect(
        lost,
        `${lost.length} of ${acked.length} acknowledged responses lost (failures during kill: ${failures})`,
      ).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
