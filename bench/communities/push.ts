// The communities push API (POST /api/v1/communities/ingest) on PostgreSQL: monthly reports per second through the
// real server — token check, every row validated, one transaction per batch, audited — as a ratio to pgbench's
// single-row INSERT of a comparable row into the same database in the same run (target ≥ 1, by batching).
//   npm run bench -- communities/push
//   BENCH_DATABASE_URL=… BENCH_SECONDS=15 BENCH_BATCH=1000 BENCH_CONCURRENCY=1,2,4 npm run bench -- communities/push
// Creates and drops its own database; the server runs as a child process so the client does not share its event
// loop. Every report is new (3,500 communities × distinct months), so each row is an insert. 127.0.0.1 only.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { measureStep, runPgbench, startBenchServer } from '../pgbench.ts';
import { loadConfig } from '../../server/src/config.ts';
import { migrate, openDatabase } from '../../server/src/platform/database/index.ts';
import { planDemoCommunities } from '../../server/src/modules/communities/demo-plan.ts';
import { servicesOf } from '../../server/src/modules/communities/testing.ts';
import { provinceUniverse } from '../../server/src/modules/communities/universe.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,2,4').split(',').map(Number);
const DB = `zc_bench_communities_push_${process.pid}`;
const admin = new URL(ADMIN_URL);
if (!['127.0.0.1', 'localhost', '::1'].includes(admin.hostname)) throw new Error('127.0.0.1 only');
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${DB}`;

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

await query(ADMIN_URL, `CREATE DATABASE ${DB}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-push-'));
let server: { stop: () => Promise<void> } | null = null;
try {
  // 3,500 registered communities and a province-wide token (what a city platform relaying its systems would hold).
  // Built with the server's own data folder, so both hold the same data and audit keys (the server checks the trail).
  const database = await openDatabase({ url: dbUrl.toString(), poolSize: 2 });
  await migrate(database);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, []);
  const built = await buildApp({ config: { ...config, webDist: '/nonexistent' }, database, logger: false });
  const { registry, figures } = servicesOf(built);
  const sys = systemContext('bench.communities');
  const plan = planDemoCommunities((await provinceUniverse('370000')).units.values(), 2026, {
    smart: 3500,
    benchmark: 50,
    unrated: 0,
  });
  await registry.seedDemo(sys, plan);
  const codes = plan.map((p) => p.code);
  const token = await figures.createSystemToken(sys, '370000', '压测平台(示例)');
  await built.app.close();
  await database.close();

  const port = 4800 + (process.pid % 400);
  server = await startBenchServer(ROOT, port, { DATABASE_URL: dbUrl.toString(), DATA_DIR: dataDir });

  // pgbench: one monthly report (a 12-character code, a month, a jsonb of 7 figures, a source, a time) per statement.
  await query(
    dbUrl.toString(),
    `CREATE TABLE public.bench_report (community_code varchar(12) NOT NULL, month date NOT NULL,
       values jsonb NOT NULL, source varchar(8) NOT NULL, received_at timestamptz NOT NULL,
       PRIMARY KEY (community_code, month))`,
  );
  const script = path.join(dataDir, 'report.sql');
  fs.writeFileSync(
    script,
    `INSERT INTO public.bench_report VALUES (substr(md5(random()::text), 1, 12), date '2024-01-01' + (random() * 3000)::int, ` +
      `'{"services_delivered": 120, "residents_served": 800, "work_orders": 12, "work_orders_closed": 11, "elderly_care_visits": 30, "devices_online": 40, "devices_total": 44}', 'api', now()) ON CONFLICT DO NOTHING;\n`,
  );
  const pgbenchTps = runPgbench(admin, DB, script, SECONDS);
  console.error(`pgbench single-row INSERT, 16 clients: ${Math.round(pgbenchTps)} rows/s`);

  const VALUES = {
    services_delivered: 120,
    residents_served: 800,
    work_orders: 12,
    work_orders_closed: 11,
    elderly_care_visits: 30,
    devices_online: 40,
    devices_total: 44,
  };
  // Each batch: BATCH distinct (community, month) reports never sent before.
  let next = 0;
  const batch = () => {
    const rows = [];
    for (let i = 0; i < BATCH; i++, next++) {
      const code = codes[next % codes.length]!;
      const m = Math.floor(next / codes.length); // 0, 1, 2, … months from 2020-01
      const month = `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      rows.push({
        communityCode: code,
        month,
        values: VALUES,
      });
    }
    return JSON.stringify({ rows });
  };
  const push = (agent: http.Agent) =>
    new Promise<number>((resolve) => {
      const body = batch();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/communities/ingest',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d));
          res.on('end', () =>
            resolve(res.statusCode === 200 ? (JSON.parse(text) as { accepted: number }).accepted : -1),
          );
        },
      );
      req.on('error', () => resolve(-1));
      req.end(body);
    });

  const steps: { concurrency: number; rowsPerSecond: number; batchP50Ms: number; errors: number }[] = [];
  for (const concurrency of LEVELS) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const r = await measureStep(concurrency, SECONDS, () => push(agent));
    agent.destroy();
    steps.push({
      concurrency,
      rowsPerSecond: r.perSecond,
      batchP50Ms: Math.round(r.latencies[Math.floor(r.latencies.length / 2)] ?? NaN),
      errors: r.errors,
    });
    console.error(`concurrency ${concurrency}: ${JSON.stringify(steps.at(-1))}`);
  }
  const stored = Number(
    (await query(dbUrl.toString(), 'SELECT count(*)::int AS n FROM communities.monthly_report'))[0]!.n,
  );
  const best = [...steps].sort((a, b) => b.rowsPerSecond - a.rowsPerSecond)[0]!;
  const version = (await query(ADMIN_URL, 'SHOW server_version'))[0]!.server_version;
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}; PostgreSQL ${version}; server, client and pgbench on one machine`,
        load: os.loadavg().map((x) => +x.toFixed(1)),
        batch: BATCH,
        pgbenchInsertRowsPerSecond: Math.round(pgbenchTps),
        steps,
        storedReports: stored,
        ratio: +(best.rowsPerSecond / pgbenchTps).toFixed(2),
        target: 'ratio ≥ 1',
      },
      null,
      2,
    ),
  );
} finally {
  await server?.stop();
  await query(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
