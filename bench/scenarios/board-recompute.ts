// The board at the scale: a full recompute of a round with 100,000 accepted cases and 10 million votes
// (target < 10 s), and how long after one new vote the case's standing is current with the refresh job running as
// the server runs it (every 500 ms; target < 1 s).
//   npm run bench -- scenarios/board-recompute [postgres|pglite] [cases=100000] [votes=10000000]
// postgres uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and a scratch database it
// creates and drops. The cases and votes are generated inside the database (INSERT … SELECT generate_series): a
// row-by-row load of 10 M votes would take longer than the whole session. The vote table's secondary indexes are
// dropped for the load and rebuilt exactly as migrations 0501 and 0506 define them, the usual bulk-load order.
import { sql } from 'drizzle-orm';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { queryRows } from '../../server/src/platform/database/index.ts';
import type { ScenariosServices } from '../../server/src/modules/scenarios/services.ts';
import { DEFAULT_WEIGHTS, roundPrior, scoreCase } from '../../server/src/modules/scenarios/board.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const CASES = Number(process.argv[3] ?? 100_000);
const VOTES = Number(process.argv[4] ?? 10_000_000);
const ms = (t0: number) => Math.round(performance.now() - t0);
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const { db: database, cleanup } = await openScratch(backend, 'scenarios_board', 5);
try {
  const built = await buildScratchApp(database);
  const db = built.platform.db;
  const s = (built.modules.get('scenarios')!.parts as unknown as { services: ScenariosServices }).services;
  const sys = systemContext('bench.scenarios');

  // Cases: every county in turn, the four domains, usage spread over four orders of magnitude.
  let t = performance.now();
  await db.execute(sql`
    WITH counties AS (
      SELECT code, parent_code, (row_number() OVER (ORDER BY code) - 1)::int AS k, count(*) OVER ()::int AS n
      FROM regions.region WHERE level = 'county')
    INSERT INTO scenarios.scenario_case (id, region_code, city_code, title, domain, category, summary,
      monthly_usage, operating_model, status, is_demo, created_at, updated_at, accepted_at)
    SELECT md5('case' || g)::uuid, c.code, c.parent_code, '压测案例' || g,
      (ARRAY['gov','service','industry','foundation'])[1 + g % 4], (ARRAY['grassroots','health','manufacturing','city_brain'])[1 + g % 4], '压测用案例(示例)',
      (abs(hashtext('u' || g)) % 100000)::bigint, 'gov_led', 'accepted', true, now(), now(), now()
    FROM generate_series(1, ${CASES}::int) g JOIN counties c ON c.k = g % c.n`);
  log(`${CASES} cases in ${ms(t)} ms`);

  const round = await s.board.createRound(
    sys,
    {
      name: '压测轮次',
      kind: 'quarter',
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
      weights: DEFAULT_WEIGHTS,
      priorReviews: 3,
    },
    { demo: true },
  );

  // Votes: a skewed popularity (the square of a uniform draw picks the case), two in three approving, from 50,000
  // networks; one device per vote (the unique key holds).
  t = performance.now();
  // The vote table's indexes as the migrations made them, dropped for the load and made again after it.
  const voteIndexes = await queryRows<{ name: string; def: string }>(
    db,
    sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE schemaname = 'scenarios' AND tablename = 'vote' AND indexname NOT IN ('vote_pkey', 'vote_one_per_device')`,
  );
  await db.execute(sql`ALTER TABLE scenarios.vote DROP CONSTRAINT vote_one_per_device`);
  for (const ix of voteIndexes) await db.execute(sql.raw(`DROP INDEX scenarios.${ix.name}`));
  const CHUNK = 1_000_000;
  for (let from = 0; from < VOTES; from += CHUNK) {
    // The foreign keys are not checked row by row for the load (each case id is made by the same md5 formula as the
    // cases above): 10 M trigger calls would be most of the load time on this machine.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`
        INSERT INTO scenarios.vote (round_id, case_id, device, network, approve, status, device_first_seen, created_at)
        SELECT ${round.id}::uuid,
          md5('case' || (1 + floor(${CASES}::int * power((abs(hashtext('p' || g)) % 1000000) / 1000000.0, 2)))::bigint)::uuid,
          md5('device' || g), md5('net' || (g % 50000)), (g % 3) <> 0, 'counted',
          now() - make_interval(mins => (g % 80000)::int), now() - make_interval(mins => (g % 80000)::int)
        FROM generate_series(${from + 1}::int, ${Math.min(VOTES, from + CHUNK)}::int) g`);
    });
    log(`votes ${Math.min(VOTES, from + CHUNK)}/${VOTES} (${ms(t)} ms)`);
  }
  const tIdx = performance.now();
  await db.execute(
    sql`ALTER TABLE scenarios.vote ADD CONSTRAINT vote_one_per_device UNIQUE (round_id, case_id, device)`,
  );
  for (const ix of voteIndexes) await db.execute(sql.raw(ix.def));
  // As autovacuum leaves a table that has settled: the visibility map set, so the tally can count from the index.
  if (backend === 'postgres') await db.execute(sql`VACUUM (ANALYZE) scenarios.vote`);
  else await db.execute(sql`ANALYZE scenarios.vote`);
  await db.execute(sql`ANALYZE scenarios.scenario_case`);
  // Loaded in bulk, the votes did not pass through the refresh that keeps each case's tally: counted once here.
  const tTally = performance.now();
  await s.board.repo.rebuildTallies(round.id);
  log(`votes loaded in ${ms(t)} ms (indexes ${ms(tIdx)} ms, tallies ${ms(tTally)} ms)`);

  // Expert reviews for one case in five (three each), straight in: the recompute reads them.
  await db.execute(sql`
    INSERT INTO scenarios.expert_assignment (round_id, case_id, expert_user_id, seed, drawn_at)
    SELECT ${round.id}::uuid, md5('case' || g)::uuid, md5('expert' || k)::uuid, 1, now()
    FROM generate_series(1, ${CASES}::int, 5) g CROSS JOIN generate_series(1, 3) k`);
  // Fresh statistics first: the reviews' foreign-key check is planned from them (an empty table's plan is a scan).
  await db.execute(sql`ANALYZE scenarios.expert_assignment`);
  await db.execute(sql`
    INSERT INTO scenarios.review (round_id, case_id, expert_user_id, scores, total, comment, at)
    SELECT ${round.id}::uuid, md5('case' || g)::uuid, md5('expert' || k)::uuid, '{}'::jsonb,
      50 + abs(hashtext('r' || g || k)) % 50, '', now()
    FROM generate_series(1, ${CASES}::int, 5) g CROSS JOIN generate_series(1, 3) k`);

  // The full recompute, three times (the first warms the cache), with how many standings each one wrote.
  const runs: number[] = [];
  const upsert = s.board.repo.upsertStandings.bind(s.board.repo);
  let written = 0;
  s.board.repo.upsertStandings = async (id, rows, at) => {
    written = rows.length;
    return upsert(id, rows, at);
  };
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const n = await s.board.recompute(round.id);
    runs.push(ms(t));
    log(`recompute ${i + 1}: ${n} cases in ${runs.at(-1)} ms (${written} standings written)`);
  }

  // Where a recompute's time goes: the tally query, the scoring in JS, the standings' upsert.
  const r = (await s.board.repo.round(round.id))!;
  t = performance.now();
  const tallies = await s.board.repo.tallies(r);
  const talliesMs = ms(t);
  t = performance.now();
  const prior = roundPrior(await s.board.repo.reviewTotals(r.id), r.priorReviews);
  const scored = tallies.map((x) => ({ x, sc: scoreCase(x, r.weights, prior) }));
  const scoreMs = ms(t);
  log(`breakdown: tallies ${talliesMs} ms, scoring ${scoreMs} ms (${scored.length} cases)`);

  // One vote, with the refresh job ticking every 500 ms as in the server: time until the case's standing counts it.
  const [target] = await queryRows<{ case_id: string; votes_total: number }>(
    db,
    sql`SELECT case_id, votes_total FROM scenarios.standing WHERE round_id = ${round.id} ORDER BY score DESC OFFSET 500 LIMIT 1`,
  );
  const latencies: number[] = [];
  const refreshTimes: number[] = [];
  let stop = false;
  const job = (async () => {
    while (!stop) {
      const r0 = performance.now();
      const r = await s.board.refresh();
      if (r.votes) refreshTimes.push(ms(r0));
      await new Promise((res) => setTimeout(res, 500));
    }
  })();
  for (let i = 0; i < 5; i++) {
    const before = (
      await queryRows<{ votes_total: number }>(
        db,
        sql`SELECT votes_total FROM scenarios.standing WHERE round_id = ${round.id} AND case_id = ${target!.case_id}`,
      )
    )[0]!.votes_total;
    const v0 = performance.now();
    await s.votes.vote({ ...sys, ip: `198.51.${i}.7` }, target!.case_id, true, `bench-device-${i}`);
    for (;;) {
      const [now] = await queryRows<{ votes_total: number }>(
        db,
        sql`SELECT votes_total FROM scenarios.standing WHERE round_id = ${round.id} AND case_id = ${target!.case_id}`,
      );
      if (now!.votes_total > before) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    latencies.push(ms(v0));
    await new Promise((res) => setTimeout(res, 300));
  }
  stop = true;
  await job;
  const [{ n: voteRows }] = (await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM scenarios.vote`,
  )) as [{ n: number }];
  console.log(
    JSON.stringify(
      {
        backend,
        cases: CASES,
        votes: voteRows,
        recomputeMs: runs,
        breakdown: { talliesMs, scoreMs },
        voteToCurrentMs: latencies,
        refreshWithVoteMs: refreshTimes,
      },
      null,
      2,
    ),
  );
  await built.app.close();
} finally {
  await cleanup();
}
