// The public vote endpoint under load on PostgreSQL, as a ratio to pgbench's single-row INSERT of a comparable row
// into the same database in the same run (target ≥ 0.5).
//   npm run bench -- scenarios/vote-load
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_SECONDS=15 BENCH_CONCURRENCY=16,32,64 …
// Creates and drops its own database. The real server (server/src/main.ts, with its jobs: the board refresh counts
// the votes as they come) runs as a child process, so the client does not share its event loop. Every request comes
// from a new address (X-Forwarded-For from the loopback, a trusted proxy) and without the device cookie, so each is
// a new device: every vote is an insert, and the per-address rate limit's upsert runs without refusing anything.
// Bounded: 127.0.0.1 only, a few steps of BENCH_SECONDS each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LeanHttpConnection, measureStep, runPgbench, startBenchServer } from '../pgbench.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '16,32,64').split(',').map(Number);
const DB = `zc_bench_scenarios_votes_${process.pid}`;
const admin = new URL(ADMIN_URL);
if (!['127.0.0.1', 'localhost', '::1'].includes(admin.hostname)) throw new Error('127.0.0.1 only');
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${DB}`;

async function query(url: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

await query(ADMIN_URL, `CREATE DATABASE ${DB}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-votes-'));
const port = 4400 + (process.pid % 400);
let server: { stop: () => Promise<void> } | null = null;

try {
  server = await startBenchServer(ROOT, port, {
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: dataDir,
    TRUSTED_PROXIES: '127.0.0.1',
  });
  // An open round and 2,000 accepted cases (the server migrated the database at start).
  const roundId = (
    await query(
      dbUrl.toString(),
      `INSERT INTO scenarios.round (id, name, kind, starts_on, ends_on, status, weights, created_at)
       VALUES (gen_random_uuid(), '压测轮次', 'quarter', '2026-10-01', '2026-12-31', 'open',
               '{"expert":0.5,"votes":0.25,"replication":0.15,"growth":0.1}', now()) RETURNING id`,
    )
  )[0]!.id as string;
  const caseIds = (
    await query(
      dbUrl.toString(),
      `WITH counties AS (SELECT code, parent_code, (row_number() OVER (ORDER BY code) - 1)::int AS k,
                                count(*) OVER ()::int AS n FROM regions.region WHERE level = 'county')
       INSERT INTO scenarios.scenario_case (id, region_code, city_code, title, domain, category, summary,
         operating_model, status, is_demo, created_at, updated_at, accepted_at)
       SELECT gen_random_uuid(), c.code, c.parent_code, '压测案例' || g, 'service', 'health', '压测用案例(示例)',
         'gov_led', 'accepted', true, now(), now(), now()
       FROM generate_series(1, 2000) g JOIN counties c ON c.k = g % c.n RETURNING id`,
    )
  ).map((r) => r.id as string);

  // pgbench: one row like a vote (two uuids, two 43-character digests, a flag, a status, two times) per statement.
  await query(
    dbUrl.toString(),
    `CREATE TABLE public.bench_vote (id bigserial PRIMARY KEY, round_id uuid NOT NULL, case_id uuid NOT NULL,
       device text NOT NULL, network text NOT NULL, approve boolean NOT NULL, status text NOT NULL,
       device_first_seen timestamptz NOT NULL, created_at timestamptz NOT NULL)`,
  );
  const script = path.join(dataDir, 'vote.sql');
  fs.writeFileSync(
    script,
    `INSERT INTO public.bench_vote (round_id, case_id, device, network, approve, status, device_first_seen, created_at) ` +
      `VALUES ('${roundId}', '${caseIds[0]}', md5(random()::text), md5(random()::text), true, 'pending', now(), now());\n`,
  );
  const pgbenchTps = runPgbench(admin, DB, script, SECONDS);
  console.error(`pgbench single-row INSERT, 16 clients: ${Math.round(pgbenchTps)} tps`);

  // Each request a prepared string on a keep-alive connection of a lean client (pgbench.ts), one connection per
  // client in flight.
  let seq = 0;
  const vote = async (conn: LeanHttpConnection) => {
    const i = seq++;
    const r = await conn.request(
      `POST /api/v1/scenarios/public/cases/${caseIds[i % caseIds.length]}/vote HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n` +
        `content-type: application/json\r\nx-requested-with: zhicheng\r\n` +
        `x-forwarded-for: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      i % 3 !== 0 ? '{"approve":true}' : '{"approve":false}',
    );
    return r.status === 200 && r.body.includes('"recorded":true') ? 200 : r.status;
  };

  const steps: {
    concurrency: number;
    votesPerSecond: number;
    p50: number;
    p99: number;
    errors: number;
    backlog: number;
  }[] = [];
  for (const concurrency of LEVELS) {
    const free = Array.from({ length: concurrency }, () => new LeanHttpConnection('127.0.0.1', port));
    const all = [...free];
    const r = await measureStep(concurrency, SECONDS, async () => {
      // measureStep keeps exactly `concurrency` calls in flight, so a connection is always free.
      const conn = free.pop()!;
      try {
        return (await vote(conn)) === 200 ? 1 : -1;
      } finally {
        free.push(conn);
      }
    });
    for (const c of all) c.close();
    // Votes taken but not yet classified by the board's refresh when the step ends: a refresh that keeps up leaves
    // about a second's worth.
    const backlog = Number(
      (await query(dbUrl.toString(), `SELECT count(*)::int AS n FROM scenarios.vote WHERE status = 'pending'`))[0]!.n,
    );
    const at = (p: number) =>
      +(r.latencies[Math.min(r.latencies.length - 1, Math.floor(p * r.latencies.length))] ?? NaN).toFixed(1);
    steps.push({ concurrency, votesPerSecond: r.perSecond, p50: at(0.5), p99: at(0.99), errors: r.errors, backlog });
    console.error(`concurrency ${concurrency}: ${JSON.stringify(steps.at(-1))}`);
  }
  const stored = Number((await query(dbUrl.toString(), `SELECT count(*)::int AS n FROM scenarios.vote`))[0]!.n);
  const best = [...steps].sort((a, b) => b.votesPerSecond - a.votesPerSecond)[0]!;
  const version = (await query(ADMIN_URL, 'SHOW server_version'))[0]!.server_version;
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}; Node ${process.version}; PostgreSQL ${version}; server, client and pgbench on one machine`,
        load: os.loadavg().map((x) => +x.toFixed(1)),
        pgbenchInsertTps: Math.round(pgbenchTps),
        steps,
        storedVotes: stored,
        ratio: +(best.votesPerSecond / pgbenchTps).toFixed(2),
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
