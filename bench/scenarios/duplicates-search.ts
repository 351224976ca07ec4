// The duplicate check of one case against a 10,000-case library (target < 50 ms), MinHash with LSH bands against two
// simpler alternatives on the demo's planted copies, and the public full-text search's p95 (target < 100 ms).
//   npm run bench -- scenarios/duplicates-search [postgres|pglite] [cases=10000]
// postgres uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and a scratch database.
// The library is the demo generator's (示例; about 2 % of cases copy another region's text, which is what the check
// must find). Compared, per probe case:
//   minhash    the module's check (DuplicatesService.similarTo): band keys → candidates by index → exact Jaccard;
//   exact      exact Jaccard of word-bigram sets against every case, the sets already in memory (the simple
//              alternative; it needs every case's set in the server's memory, and grows with the library);
//   trigram    PostgreSQL pg_trgm similarity over the same text with a GIN trigram index (postgres only; PGlite
//              does not load the extension), threshold 0.3 like the others.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/platform/database/index.ts';
import type { DemoContext } from '../../server/src/platform/module.ts';
import { generateDemoCases, type DemoRegion } from '../../server/src/modules/scenarios/demo-cases.ts';
import { DUPLICATE_THRESHOLD, jaccard, shingles } from '../../server/src/modules/scenarios/duplicates.ts';
import { seedScenariosDemo, uuidFrom } from '../../server/src/modules/scenarios/scenarios.demo.ts';
import type { ScenariosServices } from '../../server/src/modules/scenarios/services.ts';
import { contentTokens } from '../../server/src/modules/scenarios/text.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const N = Number(process.argv[3] ?? 10_000);
const log = (s: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN).toFixed(1);
};
const comparable = (c: { title: string; summary: string; problem: string; approach: string }) =>
  [c.title, c.summary, c.problem, c.approach].join('。');

const { db: database, cleanup } = await openScratch(backend, 'scenarios_dup', 5);
try {
  const built = await buildScratchApp(database);
  const db = built.platform.db;
  const s = (built.modules.get('scenarios')!.parts as unknown as { services: ScenariosServices }).services;
  const t0 = performance.now();
  // The library only (the board's rounds are not needed here).
  const ctx: DemoContext = {
    platform: built.platform,
    once: async (k, fn) => (k === 'scenarios.v1' ? fn() : undefined),
    print: log,
    demoUser: async () => '',
  };
  await seedScenariosDemo(ctx, s, N);
  log(`library of ${N} in ${Math.round(performance.now() - t0)} ms`);

  // The same cases again (deterministic for the day), to know which are copies of which.
  const regions: DemoRegion[] = [];
  for (const city of await s.regions.list({ parent: built.platform.config.provinceCode, level: 'city' })) {
    regions.push({ code: city.code, name: city.name, cityCode: city.code, level: 'city' });
    for (const county of await s.regions.list({ parent: city.code, level: 'county' }))
      regions.push({ code: county.code, name: county.name, cityCode: city.code, level: 'county' });
  }
  const cases = generateDemoCases(regions, N, built.platform.clock.now());
  const ids = cases.map((c) => uuidFrom(`${c.regionCode}:${c.title}`));
  const copies = cases.flatMap((c, i) => (c.copiedFrom === null ? [] : [{ i, source: c.copiedFrom }]));
  // Probes: every planted copy, and as many ordinary cases (a check must be fast when there is nothing to find).
  const ordinary = cases.flatMap((c, i) => (c.copiedFrom === null && i % 97 === 0 ? [i] : [])).slice(0, copies.length);
  const probes = [...copies.map((c) => c.i), ...ordinary];
  log(`${copies.length} planted copies, ${ordinary.length} ordinary probes`);

  const rows = new Map((await s.cases.repo.byIds(probes.map((i) => ids[i]!))).map((r) => [r.id, r]));
  type Result = { ms: number[]; found: number; flagged: number };
  const results: Record<string, Result> = {};
  const measure = async (name: string, check: (i: number) => Promise<string[]>) => {
    const r: Result = { ms: [], found: 0, flagged: 0 };
    for (const i of probes) {
      const t = performance.now();
      const hits = await check(i);
      r.ms.push(performance.now() - t);
      const c = cases[i]!;
      if (c.copiedFrom !== null && hits.includes(ids[c.copiedFrom]!)) r.found++;
      if (c.copiedFrom === null && hits.length) r.flagged++;
    }
    results[name] = r;
    log(`${name}: p50 ${pct(r.ms, 0.5)} ms, p95 ${pct(r.ms, 0.95)} ms, copies found ${r.found}/${copies.length}`);
  };

  // Warm the caches once, then measure.
  for (const i of probes.slice(0, 20)) await s.duplicates.similarTo(rows.get(ids[i]!)!);
  await measure('minhash', async (i) => (await s.duplicates.similarTo(rows.get(ids[i]!)!)).map((x) => x.other.id));

  const tSets = performance.now();
  const sets = cases.map((c) => shingles(contentTokens(comparable(c))));
  const setsMs = Math.round(performance.now() - tSets);
  await measure('exact', async (i) => {
    const mine = shingles(contentTokens(comparable(rows.get(ids[i]!)!)));
    const out: string[] = [];
    sets.forEach((set, k) => {
      if (k !== i && jaccard(mine, set) >= DUPLICATE_THRESHOLD) out.push(ids[k]!);
    });
    return out;
  });

  let trigramIndexMs: number | null = null;
  if (backend === 'postgres') {
    const tIdx = performance.now();
    await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.execute(sql`ALTER TABLE scenarios.scenario_case ADD COLUMN bench_text text`);
    await db.execute(
      sql`UPDATE scenarios.scenario_case SET bench_text = concat_ws('。', title, summary, problem, approach)`,
    );
    await db.execute(sql`CREATE INDEX bench_trgm ON scenarios.scenario_case USING gin (bench_text gin_trgm_ops)`);
    trigramIndexMs = Math.round(performance.now() - tIdx);
    await db.execute(sql`SELECT set_limit(${DUPLICATE_THRESHOLD})`);
    await measure('trigram', async (i) =>
      (
        await queryRows<{ id: string }>(
          db,
          sql`SELECT id FROM scenarios.scenario_case
              WHERE bench_text % ${comparable(rows.get(ids[i]!)!)} AND id <> ${ids[i]!}
              ORDER BY similarity(bench_text, ${comparable(rows.get(ids[i]!)!)}) DESC LIMIT 10`,
        )
      ).map((r) => r.id),
    );
  }

  // The public search: Chinese words alone and with filters, through the HTTP route (jieba on the query, the tsvector
  // GIN index, the page of summaries).
  const words = [
    '养老',
    '政务服务',
    '一网通办',
    '社区',
    '数据共享',
    '医疗',
    '交通',
    '应急',
    '城市大脑',
    '农业',
    '物联',
  ];
  const domains = ['gov', 'service', 'industry', 'foundation'];
  const searches: string[] = [];
  for (let k = 0; k < 200; k++) {
    const q = encodeURIComponent(words[k % words.length]!);
    searches.push(
      k % 3 === 0
        ? `q=${q}`
        : k % 3 === 1
          ? `q=${q}&domain=${domains[k % 4]}`
          : `q=${q}&city=${regions.filter((r) => r.level === 'city')[k % 16]!.code}&operatingModel=gov_led`,
    );
  }
  for (const qs of searches.slice(0, 20))
    await built.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/cases?${qs}` });
  const searchMs: number[] = [];
  let hits = 0;
  for (const qs of searches) {
    const t = performance.now();
    const res = await built.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/cases?${qs}` });
    searchMs.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`search ${qs}: ${res.statusCode} ${res.body}`);
    hits += res.json().total > 0 ? 1 : 0;
  }
  log(`search: p50 ${pct(searchMs, 0.5)} ms, p95 ${pct(searchMs, 0.95)} ms, ${hits}/${searches.length} with results`);

  console.log(
    JSON.stringify(
      {
        backend,
        cases: N,
        probes: { copies: copies.length, ordinary: ordinary.length },
        duplicateCheck: Object.fromEntries(
          Object.entries(results).map(([k, r]) => [
            k,
            {
              p50: pct(r.ms, 0.5),
              p95: pct(r.ms, 0.95),
              max: pct(r.ms, 1),
              copiesFound: `${r.found}/${copies.length}`,
              ordinaryFlagged: `${r.flagged}/${ordinary.length}`,
            },
          ]),
        ),
        exactSetsBuildMs: setsMs,
        trigramIndexMs,
        search: { queries: searches.length, p50: pct(searchMs, 0.5), p95: pct(searchMs, 0.95), withResults: hits },
      },
      null,
      2,
    ),
  );
  await built.app.close();
} finally {
  await cleanup();
}
