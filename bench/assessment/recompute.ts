// Assessment at national scale: R regions × I indicators × Y years of submissions (default 3,000 × 100 × 10).
// Measures (1) a full recompute of every rating and the statistics of every year, and (2) the recompute after one
// approval (the approval transaction: lock, checks, transition, history, audit, re-rate and result upsert; then that
// year's statistics). The API also returns the submission's detail; that read is reported separately.
//   node --import tsx bench/assessment/recompute.ts [pglite|postgres] [regions=3000] [indicators=100] [years=10]
// postgres uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and a scratch database
// it creates and drops. Bounded: one process, 127.0.0.1 only.
import crypto from 'node:crypto';
import { DEFAULT_POLICY, type Indicator } from '@zhicheng/contracts/assessment';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { ManualClock } from '../../server/src/platform/clock/index.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';
import { CampaignsRepository } from '../../server/src/modules/assessment/campaigns.repository.ts';
import { CataloguesRepository } from '../../server/src/modules/assessment/catalogues.repository.ts';
import { SubmissionsRepository } from '../../server/src/modules/assessment/submissions.repository.ts';
import { servicesOf } from '../../server/src/modules/assessment/testing.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const R = Number(process.argv[3] ?? 3000);
const I = Number(process.argv[4] ?? 100);
const Y = Number(process.argv[5] ?? 10);
const ms = (t0: number) => Math.round(performance.now() - t0);

const open = () => openScratch(backend, 'assessment', 5);

const { db: database, cleanup } = await open();
try {
  const t0 = performance.now();
  const clock = new ManualClock(new Date('2025-01-15T08:00:00+08:00'));
  const built = await buildScratchApp(database, clock);
  const svc = servicesOf(built);
  const db = built.platform.db;
  const catalogues = new CataloguesRepository(db);
  const campaigns = new CampaignsRepository(db);
  const submissions = new SubmissionsRepository(db);
  const rng = SeededRandom.fromString('bench-assessment');

  // A synthetic catalogue: I indicators, a few lower-is-better, two vetoes, three bonus items.
  const indicators: Indicator[] = Array.from({ length: I }, (_, k) => {
    const lower = k % 11 === 5;
    return {
      code: `B-${String(k + 1).padStart(3, '0')}`,
      domain: `D${k % 6}`,
      parentCode: null,
      name: `指标${k + 1}`,
      definition: '',
      formula: { kind: 'direct' },
      unit: '%',
      direction: lower ? 'lower' : 'higher',
      thresholds: lower ? [50, 40, 30, 20, 10] : [40, 55, 70, 80, 90],
      weight: 1 + (k % 4),
      evidenceRequired: false,
      veto: k === 7 || k === 23,
      bonusPoints: k >= I - 3 ? 3 : null,
      min: 0,
      max: 100,
      sample: true,
    };
  });
  const catalogueId = crypto.randomUUID();
  await catalogues.insert({
    id: catalogueId,
    key: 'bench',
    version: 1,
    name: 'bench',
    standard: 'bench',
    level: 'county',
    policy: DEFAULT_POLICY,
    indicators,
    createdAt: clock.now(),
  });

  // Regions: 370102 (a real county, for the approval) and R-1 synthetic ones grouped 30 to a "city".
  const regions = [
    { code: '370102', parent: '370100' },
    ...Array.from({ length: R - 1 }, (_, k) => ({
      code: `9${String(k).padStart(5, '0')}`,
      parent: `9${String(Math.floor(k / 30) * 30).padStart(5, '0')}`,
    })),
  ];
  const years = Array.from({ length: Y }, (_, k) => 2025 - Y + k);
  const tLoad = performance.now();
  let latestCampaign = '';
  for (const year of years) {
    const id = crypto.randomUUID();
    latestCampaign = id;
    await campaigns.insert({
      id,
      year,
      name: `bench ${year}`,
      stage: year === years.at(-1) ? 'self_assessment' : 'published',
      cityCatalogueId: null,
      countyCatalogueId: catalogueId,
      deadlines: {},
      expertsPerSubmission: 1,
      noticeDays: 0,
      sample: true,
      createdAt: clock.now(),
    });
    const subs = regions.map((r) => {
      const base = 35 + rng.next() * 55;
      const values = Object.fromEntries(
        indicators.map((ind) => {
          const v = Math.max(0, Math.min(100, base + rng.normal(0, 12)));
          return [ind.code, { value: Math.round((ind.direction === 'lower' ? 100 - v : v) * 10) / 10 }];
        }),
      );
      return {
        id: crypto.randomUUID(),
        campaignId: id,
        catalogueId,
        year,
        regionCode: r.code,
        regionName: r.code,
        regionLevel: 'county',
        parentCode: r.parent,
        status: (year === years.at(-1)
          ? r.code === '370102'
            ? 'city_approved'
            : 'submitted'
          : 'published') as 'published',
        values,
        valueArray: indicators.map((ind) => values[ind.code]!.value),
        filled: I,
        alias: `B-${r.code}`,
        version: 1,
        updatedAt: clock.now(),
      };
    });
    await db.transaction(() => submissions.insert(subs));
  }
  const loadMs = ms(tLoad);

  // (1) Full recompute of all ratings, then the statistics of every year (publishing what is published).
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    const n = await svc.results.recomputeAll();
    for (const c of await campaigns.list())
      if (c.stage === 'published')
        await built.platform.db.execute(
          (await import('drizzle-orm'))
            .sql`UPDATE assessment.result SET published_at = ${clock.now().toISOString()} WHERE campaign_id = ${c.id} AND published_at IS NULL`,
        );
    for (const y of years) await svc.results.statistics(y);
    runs.push(ms(t));
    if (n !== R * Y) throw new Error(`recomputed ${n}, expected ${R * Y}`);
  }

  // (1b) The same after a policy change (the 70% bar moved to 80%): most ratings change, so most rows are rewritten.
  await built.platform.db.execute(
    (await import('drizzle-orm'))
      .sql`UPDATE assessment.catalogue SET policy = jsonb_set(policy, '{threshold}', '0.8') WHERE id = ${catalogueId}`,
  );
  const tp = performance.now();
  await svc.results.recomputeAll();
  for (const y of years) await svc.results.statistics(y);
  const afterPolicyChangeMs = ms(tp);

  // (2) One approval: the province approves 370102 (city-approved) in the open year; then that year's statistics.
  const approver = await built.platform.identity.createUser(systemContext('bench'), {
    username: 'bench.approver',
    displayName: 'bench',
    organisationId: await built.platform.identity.createOrganisation(systemContext('bench'), {
      name: 'bench',
      kind: 'bureau',
      regionCode: '370000',
    }),
    password: 'Bench#Passw0rd-2024',
    roles: [{ role: 'province_approver', regionCode: '370000' }],
  });
  const actor = await built.platform.identity.actorOf(built.platform.db, approver);
  const ctx = { actor, requestId: 'bench' };
  const sub = await submissions.byRegion(latestCampaign, '370102');
  const one: number[] = [];
  const { sql } = await import('drizzle-orm');
  const parts = { approve: [] as number[], statistics: [] as number[], response: [] as number[] };
  for (let k = 0; k < 21; k++) {
    await built.platform.db.execute(
      sql`UPDATE assessment.submission SET status = 'city_approved' WHERE id = ${sub!.id}`,
    );
    const t = performance.now();
    await svc.review.approveOnly(ctx, sub!.id);
    const t1 = performance.now();
    await svc.results.statistics(years.at(-1)!);
    const t2 = performance.now();
    one.push(t2 - t);
    await svc.submissions.get(ctx, sub!.id);
    parts.approve.push(t1 - t);
    parts.statistics.push(t2 - t1);
    parts.response.push(performance.now() - t2);
  }
  const med = (xs: number[]) =>
    Math.round([...xs.slice(1)].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]! * 10) / 10;
  one.shift(); // first call warms caches (lineage, catalogue)
  one.sort((a, b) => a - b);
  const median = one[Math.floor(one.length / 2)]!;

  console.log(
    JSON.stringify(
      {
        backend,
        regions: R,
        indicators: I,
        years: Y,
        submissions: R * Y,
        setupMs: ms(t0),
        loadMs,
        fullRecomputeMs: {
          runs,
          best: Math.min(...runs),
          afterPolicyChange: afterPolicyChangeMs,
          note: 'run 1 inserts every result row; later runs rewrite only rows whose rating changed',
        },
        oneApprovalMs: {
          median: Math.round(median * 10) / 10,
          p90: Math.round(one[Math.floor(one.length * 0.9)]! * 10) / 10,
          medianParts: {
            approveAndRerate: med(parts.approve),
            statistics: med(parts.statistics),
            detailResponse: med(parts.response),
          },
        },
      },
      null,
      2,
    ),
  );
  await built.app.close();
} finally {
  await cleanup();
}
