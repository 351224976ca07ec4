// Roll-up of a year of monthly community reports to the province (target < 1 s for 3,500 communities): the same
// `FiguresService.rollup` the figures page and the one screen call, over the demo planner's communities (real
// residents' committees) with a year of made-up reports each (示例), on a scratch database.
//   npm run bench -- communities/rollup [pglite|postgres] [communities=3500]
// postgres uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and a scratch database it
// creates and drops. Bounded: one process, 127.0.0.1 only.
import os from 'node:os';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { ManualClock } from '../../server/src/platform/clock/index.ts';
import { planDemoCommunities } from '../../server/src/modules/communities/demo-plan.ts';
import { demoFigures } from '../../server/src/modules/communities/figures.service.ts';
import { servicesOf } from '../../server/src/modules/communities/testing.ts';
import { provinceUniverse } from '../../server/src/modules/communities/universe.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const N = Number(process.argv[3] ?? 3500);
const ms = (t0: number) => Math.round(performance.now() - t0);

const { db: database, cleanup } = await openScratch(backend, 'communities_rollup', 5);
try {
  const clock = new ManualClock(new Date('2026-11-15T08:00:00+08:00'));
  const built = await buildScratchApp(database, clock);
  const { registry, tiers, figures } = servicesOf(built);
  const sys = systemContext('bench.communities');
  const plan = planDemoCommunities((await provinceUniverse('370000')).units.values(), 2026, {
    smart: N,
    benchmark: 50,
    unrated: 0,
  });
  let t0 = performance.now();
  await registry.seedDemo(sys, plan);
  const byTier = await tiers.seedDemo(sys, plan, 2026);
  const smart = new Set([...byTier.values()].flat());
  const rows = demoFigures(
    plan
      .filter((p) => smart.has(p.code))
      .map((p) => ({ code: p.code, households: p.figures.households, connected: true })),
    clock.now(),
  );
  await figures.seedDemo(sys, rows);
  console.error(`seeded ${smart.size} smart communities, ${rows.length} monthly reports in ${ms(t0)} ms`);

  const times: number[] = [];
  let children = 0;
  for (let i = 0; i < 7; i++) {
    t0 = performance.now();
    const up = await figures.rollup(sys, {});
    times.push(performance.now() - t0);
    children = up.children.length;
  }
  const [first, ...rest] = times;
  rest.sort((a, b) => a - b);
  const city = performance.now();
  await figures.rollup(sys, { region: '370100' });
  const cityMs = ms(city);
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, load ${os.loadavg()[0]!.toFixed(1)}`,
        backend,
        communities: smart.size,
        reports: rows.length,
        provinceChildren: children,
        firstMs: Math.round(first!),
        medianMs: Math.round(rest[Math.floor(rest.length / 2)]!),
        bestMs: Math.round(rest[0]!),
        cityRollupMs: cityMs,
        target: '< 1000 ms for 3,500 communities',
      },
      null,
      2,
    ),
  );
} finally {
  await cleanup();
}
