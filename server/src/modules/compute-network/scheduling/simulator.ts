import { agnosticView, allocate, type AllocJob, type Policy } from './allocator.ts';
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
  opts: { maxRounds?: number } = {},
): Promise<SimResult> {
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
      const r = await allocate({ policy, cluster, jobs: heterogeneityAware ? jobs : agnosticView(jobs, cluster) });
      share = r.allocation;
      solves++;
      solveMs += r.solveMs;
      changed = false;
    }
    const next: TraceJob[] = [];
    for (const j of active) {
      const t = real.get(j.id)!;
      const a = share[j.id] ?? {};
      const rate = Object.keys(a).reduce((s, k) => s + (t[k] ?? 0) * a[k]!, 0);
      const left = remaining.get(j.id)!;
      if (rate > 0 && left <= rate * ROUND_SECONDS) {
        done.set(j.id, now + left / rate - j.arrival);
        changed = true;
      } else {
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
  };
}
