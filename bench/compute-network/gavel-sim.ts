// Gavel's physical-cluster traces on 36 V100 + 36 P100 + 36 K80: each policy heterogeneity-aware vs agnostic (average
// JCT, makespan), replayed by the module's round-based simulator with HiGHS solving every allocation.
//   node --import tsx bench/compute-network/gavel-sim.ts [trace…]
import { gavelTrace } from '../../server/src/modules/compute-network/scheduling/scheduling.service.ts';
import { simulate } from '../../server/src/modules/compute-network/scheduling/simulator.ts';
import type { Policy } from '../../server/src/modules/compute-network/scheduling/allocator.ts';

const cluster = { v100: 36, p100: 36, k80: 36 };
const cases: [trace: 'max_min_fairness' | 'minimize_makespan', policy: Policy][] = [
  ['max_min_fairness', 'max_min_fairness'],
  ['max_min_fairness', 'max_total_throughput'],
  ['minimize_makespan', 'min_makespan'],
  ['minimize_makespan', 'max_min_fairness'],
  // Deadlines derived deterministically (simulator.ts deadlineOf: arrival + 3 × run time alone on the fastest type).
  ['max_min_fairness', 'min_cost'],
];
const want = process.argv.slice(2);
const rows = [];
for (const [trace, policy] of cases) {
  if (want.length && !want.includes(trace)) continue;
  const jobs = gavelTrace(trace);
  const t0 = performance.now();
  const aware = await simulate(jobs, cluster, policy, true);
  const agnostic = await simulate(jobs, cluster, policy, false);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  rows.push({
    trace,
    policy,
    jobs: jobs.length,
    awareJctH: r2(aware.averageJctHours),
    agnosticJctH: r2(agnostic.averageJctHours),
    jctSpeedup: r2(agnostic.averageJctHours / aware.averageJctHours),
    awareMakespanH: r2(aware.makespanHours),
    agnosticMakespanH: r2(agnostic.makespanHours),
    makespanSpeedup: r2(agnostic.makespanHours / aware.makespanHours),
    ...(policy === 'min_cost'
      ? {
          awareCostYuan: r2((aware.costFen ?? 0) / 100),
          agnosticCostYuan: r2((agnostic.costFen ?? 0) / 100),
          awareDeadlinesMet: aware.deadlinesMet,
          agnosticDeadlinesMet: agnostic.deadlinesMet,
        }
      : {}),
    solves: aware.solves + agnostic.solves,
    wallS: r2((performance.now() - t0) / 1000),
  });
}
console.table(rows);
console.log(JSON.stringify(rows));
