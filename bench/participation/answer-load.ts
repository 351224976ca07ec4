/**
 * The public answer endpoint under concurrent load on loopback, on PostgreSQL, measured in the same run as
 * pgbench's single-row INSERT rate on the same database (the limit for a durable write here).
 *
 *   node --import tsx bench/participation/answer-load.ts            (PostgreSQL at 127.0.0.1:5432, user postgres)
 *   BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres BENCH_SECONDS=15 node --import tsx bench/participation/answer-load.ts
 *
 * Creates and drops its own database (zc_bench_participation). Starts the real server (server/src/main.ts) as a
 * child process, so the load generator does not share its event loop. Each request carries a new Idempotency-Key
 * and its own X-Forwarded-For, so the per-address rate limit is exercised (one upsert per request) but not hit.
 * Bounded: about 15 s per step, 5 steps, only 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runPgbench } from '../pgbench.ts';
import { DEMO_DEFINITION, simulatedAnswers } from '../../server/src/modules/participation/demo-data.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'zc_bench_participation';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '8,16,32,64,128').split(',').map(Number);
const admin = new URL(ADMIN_URL);
if (!['127.0.0.1', 'localhost', '::1'].includes(admin.hostname)) throw new Error('benchmarks target only the loopback');
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${DB}`;

async function sql(url: string, q: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(q, params)).rows;
  } finally {
    await c.end();
  }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main() {
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await sql(ADMIN_URL, `CREATE DATABASE ${DB}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-'));
  const port = 3900 + Math.floor(Math.random() * 500);
  const server = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      '--import',
      'tsx',
      'server/src/main.ts',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ZC_DEMO: 'false',
        TRUSTED_PROXIES: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  server.stdout.on('data', (d: Buffer) => (out += d));
  server.stderr.on('data', (d: Buffer) => (out += d));
  const started = Date.now();
  while (!/is running at/.test(out)) {
    if (server.exitCode !== null || Date.now() - started > 120_000) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    // A published province survey (the demo questionnaire) in an open campaign.
    const campaignId = crypto.randomUUID();
    const surveyId = crypto.randomUUID();
    await sql(
      dbUrl.toString(),
      `INSERT INTO participation.campaign (id, title, year, region_code, status, retention_days, created_at) VALUES ($1, 'bench', 2024, '370000', 'open', 180, now())`,
      [campaignId],
    );
    await sql(
      dbUrl.toString(),
      `INSERT INTO participation.survey (id, campaign_id, region_code, lineage_id, version, status, title, consent_version, consent_text, definition, published_at, created_at)
      VALUES ($1, $2, '370000', $1, 1, 'published', 'bench', 'v1', '', $3::jsonb, now(), now())`,
      [surveyId, campaignId, JSON.stringify(DEMO_DEFINITION)],
    );
    const counties = (await sql(dbUrl.toString(), `SELECT code, name FROM regions.region WHERE level = 'county'`)) as {
      code: string;
      name: string;
    }[];

    // pgbench: single-row INSERT of a comparable row into the same database.
    await sql(
      dbUrl.toString(),
      `CREATE TABLE public.bench_insert (id bigserial PRIMARY KEY, survey_id uuid NOT NULL, answers jsonb NOT NULL, submitted_at timestamptz NOT NULL)`,
    );
    const script = path.join(dataDir, 'insert.sql');
    const sample = JSON.stringify(simulatedAnswers(new SeededRandom(1), '370102', false)).replace(/'/g, "''");
    fs.writeFileSync(
      script,
      `INSERT INTO public.bench_insert (survey_id, answers, submitted_at) VALUES ('${surveyId}', '${sample}'::jsonb, now());\n`,
    );
    const pgbenchTps = runPgbench(admin, DB, script, SECONDS);

    const rng = SeededRandom.fromString('bench-answers');
    const bodies = Array.from({ length: 2000 }, () => {
      const c = rng.pick(counties);
      return JSON.stringify({ consentVersion: 'v1', answers: simulatedAnswers(rng, c.code, !c.name.endsWith('区')) });
    });
    let seq = 0;
    const steps: { concurrency: number; rps: number; p50: number; p99: number; errors: number; ok: number }[] = [];
    // wrk (C, from Debian) costs the shared cores far less than a Node client, as pgbench does on the database side;
    // BENCH_CLIENT=node keeps the in-process client.
    const useWrk =
      process.env.BENCH_CLIENT !== 'node' &&
      spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0;
    if (useWrk) {
      const bodyFile = path.join(dataDir, 'bodies.txt');
      fs.writeFileSync(bodyFile, bodies.join('\n'));
      const lua = path.join(dataDir, 'answer.lua');
      fs.writeFileSync(
        lua,
        `
local bodies = {}
for line in io.lines("${bodyFile}") do bodies[#bodies + 1] = line end
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request()
  n = n + 1
  local body = bodies[(n % #bodies) + 1]
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("wrk-%d-%d-%d", tid, n, math.random(1, 1000000000)),
    -- A distinct address per answer: every answer runs the rate limiter's upsert without being refused.
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", tid, math.floor(n / 256) % 256, n % 256),
  }
  return wrk.format("POST", "/api/v1/participation/surveys/${surveyId}/responses", headers, body)
end
`,
      );
      for (const concurrency of LEVELS) {
        const out = spawnSync(
          'wrk',
          [
            '-t',
            '2',
            '-c',
            String(concurrency),
            '-d',
            `${SECONDS}s`,
            '--latency',
            '-s',
            lua,
            `http://127.0.0.1:${port}`,
          ],
          { encoding: 'utf8' },
        ).stdout;
        const ms = (label: string) => {
          const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
          if (!m) return NaN;
          const v = Number(m[1]);
          return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
        };
        const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
        const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
        const rps = Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0));
        steps.push({ concurrency, rps, p50: ms('50'), p99: ms('99'), errors: non2xx, ok: total - non2xx });
        console.error(
          `wrk, concurrency ${concurrency}: ${rps} responses/s, p50 ${ms('50')} ms, p99 ${ms('99')} ms, non-201 ${non2xx}`,
        );
      }
    }
    for (const concurrency of useWrk ? [] : LEVELS) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      const lat: number[] = [];
      let errors = 0;
      let stop = false;
      const post = () =>
        new Promise<number>((resolve) => {
          const i = seq++;
          const body = bodies[i % bodies.length]!;
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              path: `/api/v1/participation/surveys/${surveyId}/responses`,
              method: 'POST',
              agent,
              headers: {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
                'idempotency-key': crypto.randomUUID(),
                'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
              },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', () => resolve(0));
          req.end(body);
        });
      const worker = async (measure: { on: boolean }) => {
        while (!stop) {
          const t = performance.now();
          const status = await post();
          if (!measure.on) continue;
          if (status === 201) lat.push(performance.now() - t);
          else errors++;
        }
      };
      const measure = { on: false };
      const ws = Array.from({ length: concurrency }, () => worker(measure));
      await new Promise((r) => setTimeout(r, 2000)); // warm-up
      measure.on = true;
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      const elapsed = (performance.now() - t0) / 1000;
      measure.on = false;
      stop = true;
      await Promise.all(ws);
      agent.destroy();
      lat.sort((a, b) => a - b);
      steps.push({
        concurrency,
        rps: Math.round(lat.length / elapsed),
        p50: +pct(lat, 50).toFixed(1),
        p99: +pct(lat, 99).toFixed(1),
        errors,
        ok: lat.length,
      });
      console.error(
        `concurrency ${concurrency}: ${steps.at(-1)!.rps} responses/s, p50 ${steps.at(-1)!.p50} ms, p99 ${steps.at(-1)!.p99} ms, errors ${errors}`,
      );
    }
    const stored = Number((await sql(dbUrl.toString(), `SELECT count(*)::int AS n FROM participation.response`))[0].n);
    const best = steps.filter((s) => s.p99 < 200 && s.errors === 0).sort((a, b) => b.rps - a.rps)[0] ?? null;
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          client: useWrk ? 'wrk -t2' : 'node http',
          machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}; server, PostgreSQL ${((await sql(ADMIN_URL, 'SHOW server_version'))[0] as { server_version: string }).server_version}, load generator and pgbench on the same machine`,
          pgbenchInsertTps: Math.round(pgbenchTps),
          pgbenchClients: 16,
          steps,
          bestUnderP99_200ms: best,
          ratioToPgbench: best ? +(best.rps / pgbenchTps).toFixed(2) : null,
          target: '>= 0.5 of pgbench, p99 < 200 ms',
          responsesStored: stored,
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, process.env.BENCH_PROFILE ? 8000 : 1000));
    if (server.exitCode === null) server.kill('SIGKILL');
    await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
