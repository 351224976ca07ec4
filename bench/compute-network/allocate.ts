// Allocation solve time for 256, 2,048 and 10,000 active jobs, each Gavel policy, jobs drawn from Gavel's throughput
// table on a V100/P100/K80 cluster half as large as the job count per type. Wall and CPU time (CPU is what a shared
// machine does not inflate). Target: 2,048 jobs < 1 s.
//   node --import tsx bench/compute-network/allocate.ts [sizes=256,2048,10000] [repeats=3]
import { allocate, highs, type Policy } from '../../server/src/modules/compute-network/scheduling/allocator.ts';
import { GAVEL_THROUGHPUTS } from '../../server/src/modules/compute-network/scheduling/gavel.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';

const sizes = (process.argv[2] ?? '256,2048,10000').split(',').map(Number);
const repeats = Number(process.argv[3] ?? 3);
await highs();
const rnd = SeededRandom.fromString('bench-allocate');
const out = [];
for (const n of sizes) {
  const jobs = Array.from({ length: n }, (_, i) => {
    const r = rnd.pick(GAVEL_THROUGHPUTS);
    return {
      id: `j${i}`,
      throughputs: { k80: r.k80, p100: r.p100, v100: r.v100 },
      scaleFactor: r.scale,
      priorityWeight: rnd.pick([1, 1, 1, 2]),
      remainingSteps: rnd.int(1_000, 1_000_000),
      deadlineSeconds: 7 * 86_400,
    };
  });
  const per = Math.round(n / 2);
  const cluster = { v100: per, p100: per, k80: per };
  const prices = { v100: 900, p100: 450, k80: 150 };
  for (const policy of ['max_min_fairness', 'min_makespan', 'max_total_throughput', 'min_cost'] as Policy[]) {
    const walls: number[] = [];
    const cpus: number[] = [];
    let objective = 0;
    for (let k = 0; k < repeats; k++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await allocate({ policy, cluster, jobs, prices });
      walls.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      objective = r.objective;
    }
    const med = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    out.push({ jobs: n, policy, wallMs: med(walls), cpuMs: med(cpus), objective: Math.round(objective * 1000) / 1000 });
    console.log(JSON.stringify(out[out.length - 1]));
  }
}
console.table(out);
