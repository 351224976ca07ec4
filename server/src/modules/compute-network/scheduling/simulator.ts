import { agnosticView, allocate, AllocationError, type AllocJob, type Policy } from './allocator.ts';
import { GAVEL_THROUGHPUTS, type GavelRow } from './gavel.ts';

/** Gavel's round length: allocations are realised in 6-minute rounds. */
export const ROUND_SECONDS = 360;

export interface TraceJob {
  id: string;
  jobType: string;
  totalSteps: number;
  scaleFactor: number;
  priorityWeight: number;
  /** Seconds after the trace starts. */
  arrival: number;
}

/**
 * A trace in Gavel's format: one job a line, tab-separated — job_type, command, working_dir, num_steps_arg,
 * needs_data_dir, total_steps, scale_factor, priority_weight, SLO, arrival_time.
 */
export function parseTrace(text: string): TraceJob[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const f = line.split('\t');
      if (f.length < 10) throw new Error(`trace line ${i + 1}: expected 10 tab-separated fields`);
      return {
        id: `job-${i}`,
        jobType: f[0]!,
        totalSteps: Number(f[5]),
        scaleFactor: Number(f[6]),
        priorityWeight: Number(f[7]),
        arrival: Number(f[9]),
      };
    });
}

/** Throughputs of a trace job from Gavel's table (its job type at its scale factor). */
export function throughputsOf(j: TraceJob, table: readonly GavelRow[] = GAVEL_THROUGHPUTS): Record<string, number> {
  const r = table.find((x) => x.family === j.jobType && x.scale === j.scaleFactor);
  if (!r) throw new Error(`no throughput for ${j.jobType} at scale ${j.scaleFactor}`);
  return { k80: r.k80, p100: r.p100, v100: r.v100 };
}

/**
 * Gavel's traces carry no deadlines (their SLO field is unset), so min-cost runs give every job one, derived
 * deterministically: arrival + DEADLINE_FACTOR × the time the job would take alone on its fastest worker type.
 */
export const DEADLINE_FACTOR = 3;
export function deadlineOf(j: TraceJob): number {
  const t = throughputsOf(j);
  const fastest = Math.max(...Object.values(t));
  return j.arrival + (DEADLINE_FACTOR * j.totalSteps) / fastest;
}
/**
 * Prices for min-cost runs on Gavel's cluster, fen per worker-hour (示例: the ratio of public cloud list prices for
 * these GPUs, about V100 : P100 : K80 = 5 : 3 : 1, at the demo supermarket's level). A request may pass its own.
 */
export const GAVEL_SIM_PRICES: Record<string, number> = { v100: 1500, p100: 900, k80: 300 };

export interface SimResult {
  policy: Policy;
  heterogeneityAware: boolean;
  jobs: number;
  averageJctHours: number;
  makespanHours: number;
  /** Completion time of each job, hours after its arrival, in finishing order (for the CDF). */
  jctHours: number[];
  rounds: number;
  solves: number;
  solveMs: number;
  /** min_cost only: what the allocations cost (fen) and how many jobs finished by their deadline. */
  costFen?: number;
  deadlinesMet?: number;
}

/**
 * Replays a trace round by round. Each round the policy's allocation is computed for the jobs present (re-solved
 * only when jobs arrive or finish, as Gavel does) and every job progresses at Σ_k throughput_k · share_k for the
 * round: the fluid form of Gavel's round-based mechanism, which its paper shows the mechanism tracks closely. A job
 * finishing mid-round frees its share only at the next round. The agnostic baseline decides on the agnostic view
 * (every worker type believed equal) while jobs progress at their real throughputs.
 */
export async function simulate(
  trace: TraceJob[],
  cluster: Record<string, number>,
  policy: Policy,
  heterogeneityAware: boolean,
  opts: { maxRounds?: number; prices?: Record<string, number> } = {},
): Promise<SimResult> {
  const minCost = policy === 'min_cost';
  const prices = opts.prices ?? GAVEL_SIM_PRICES;
  const deadline = new Map(minCost ? trace.map((j) => [j.id, deadlineOf(j)]) : []);
  let costFen = 0;
  const real = new Map(trace.map((j) => [j.id, throughputsOf(j)]));
  const remaining = new Map(trace.map((j) => [j.id, j.totalSteps]));
  const done = new Map<string, number>();
  const pending = [...trace].sort((a, b) => a.arrival - b.arrival);
  let now = 0;
  let rounds = 0;
  let solves = 0;
  let solveMs = 0;
  let active: TraceJob[] = [];
  let share: Record<string, Record<string, number>> = {};
  let changed = true;
  const maxRounds = opts.maxRounds ?? 200_000;
  while (done.size < trace.length && rounds < maxRounds) {
    while (pending.length && pending[0]!.arrival <= now) {
      active.push(pending.shift()!);
      changed = true;
    }
    if (!active.length) {
      now = Math.ceil(pending[0]!.arrival / ROUND_SECONDS) * ROUND_SECONDS;
      continue;
    }
    if (changed) {
      const jobs: AllocJob[] = active.map((j) => ({
        id: j.id,
        throughputs: real.get(j.id)!,
        scaleFactor: j.scaleFactor,
        priorityWeight: j.priorityWeight,
        remainingSteps: remaining.get(j.id)!,
      }));
      const view = heterogeneityAware ? jobs : agnosticView(jobs, cluster);
      // Min-cost: each job must reach its deadline from here (a passed one is due within the round). When the
      // round's deadlines cannot all be met, every one is relaxed × 1.5 until they can: those jobs finish late and
      // count as missed.
      let relax = 1;
      for (;;) {
        if (minCost)
          for (const v of view) v.deadlineSeconds = Math.max(ROUND_SECONDS, deadline.get(v.id)! - now) * relax;
        try {
          const r = await allocate({ policy, cluster, jobs: view, prices });
          share = r.allocation;
          solveMs += r.solveMs;
          break;
        } catch (e) {
          if (!(minCost && e instanceof AllocationError && e.reason === 'infeasible' && relax < 1e6)) throw e;
          relax *= 1.5;
        } finally {
          solves++;
        }
      }
      changed = false;
    }
    const next: TraceJob[] = [];
    for (const j of active) {
      const t = real.get(j.id)!;
      const a = share[j.id] ?? {};
      const rate = Object.keys(a).reduce((s, k) => s + (t[k] ?? 0) * a[k]!, 0);
      const left = remaining.get(j.id)!;
      const perSecondFen = minCost
        ? Object.keys(a).reduce((c, k) => c + ((prices[k] ?? 0) * j.scaleFactor * a[k]!) / 3600, 0)
        : 0;
      if (rate > 0 && left <= rate * ROUND_SECONDS) {
        costFen += perSecondFen * (left / rate);
        done.set(j.id, now + left / rate - j.arrival);
        changed = true;
      } else {
        costFen += perSecondFen * ROUND_SECONDS;
        remaining.set(j.id, left - rate * ROUND_SECONDS);
        next.push(j);
      }
    }
    active = next;
    now += ROUND_SECONDS;
    rounds++;
  }
  const jct = [...done.values()].sort((a, b) => a - b).map((s) => s / 3600);
  const finish = trace.filter((j) => done.has(j.id)).map((j) => j.arrival + done.get(j.id)!);
  return {
    policy,
    heterogeneityAware,
    jobs: trace.length,
    averageJctHours: jct.reduce((s, x) => s + x, 0) / Math.max(1, jct.length),
    makespanHours: Math.max(0, ...finish) / 3600,
    jctHours: jct,
    rounds,
    solves,
    solveMs,
    ...(minCost
      ? {
          costFen: Math.round(costFen),
          // Within a round of it: allocations change only at round boundaries (6 minutes), as in Gavel.
          deadlinesMet: trace.filter(
            (j) => done.has(j.id) && j.arrival + done.get(j.id)! <= deadline.get(j.id)! + ROUND_SECONDS,
          ).length,
        }
      : {}),
  };
}
