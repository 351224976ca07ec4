import loadHighs, { type Highs } from 'highs';

/**
 * Gavel's heterogeneity-aware policies (Narayanan et al., OSDI 2020) as linear programs over the job × worker-type
 * throughput matrix, solved with HiGHS (WebAssembly). The variable x[j][k] is the share of time job j runs on worker
 * type k. Every policy keeps Gavel's constraints: x ≥ 0, Σ_k x[j][k] ≤ 1 for each job, and
 * Σ_j scaleFactor_j · x[j][k] ≤ count_k for each worker type.
 */

export type Policy = 'max_min_fairness' | 'min_makespan' | 'max_total_throughput' | 'min_cost';

export interface AllocJob {
  id: string;
  /** Steps per second of the whole job (at its scale factor) alone on each worker type; a missing type is 0. */
  throughputs: Record<string, number>;
  scaleFactor: number;
  priorityWeight: number;
  remainingSteps: number;
  /** Seconds from now by which the job must finish (min_cost only). */
  deadlineSeconds?: number;
}

export interface AllocProblem {
  policy: Policy;
  cluster: Record<string, number>;
  jobs: AllocJob[];
  /** Price of one worker of each type for an hour, fen (min_cost). */
  prices?: Record<string, number>;
}

export interface AllocResult {
  allocation: Record<string, Record<string, number>>;
  /**
   * max_min_fairness: min over jobs of effective throughput × scaleFactor ÷ (priorityWeight × equal-share
   * throughput); min_makespan: the makespan in seconds; max_total_throughput: Σ effective ÷ equal-share throughput;
   * min_cost: fen per hour.
   */
  objective: number;
  /** Effective throughput of each job under the allocation (steps per second). */
  effectiveThroughput: Record<string, number>;
  solveMs: number;
}

export class AllocationError extends Error {
  constructor(
    readonly reason: 'infeasible' | 'solver',
    message: string,
  ) {
    super(message);
  }
}

let highsPromise: Promise<Highs> | null = null;
/** One HiGHS runtime per process: loading the WebAssembly costs tens of milliseconds, a model far less. */
export function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/**
 * The job's equal-share throughput: what it would get with an equal time share of every worker in the cluster,
 * Σ_k T_k · count_k ÷ Σ_k count_k (Gavel's normalisation, so jobs of different models compare).
 */
export function equalShare(throughputs: Record<string, number>, cluster: Record<string, number>): number {
  let num = 0;
  let den = 0;
  for (const [k, n] of Object.entries(cluster)) {
    num += (throughputs[k] ?? 0) * n;
    den += n;
  }
  return den > 0 ? num / den : 0;
}

/**
 * A heterogeneity-agnostic view of the same jobs: each job is believed to run equally fast on every worker type
 * (its mean throughput). Gavel's baselines are its policies fed this view; the jobs then progress at their real
 * throughputs.
 */
export function agnosticView(jobs: AllocJob[], cluster: Record<string, number>): AllocJob[] {
  const types = Object.keys(cluster);
  return jobs.map((j) => {
    const mean = types.reduce((s, k) => s + (j.throughputs[k] ?? 0), 0) / Math.max(1, types.length);
    return { ...j, throughputs: Object.fromEntries(types.map((k) => [k, (j.throughputs[k] ?? 0) > 0 ? mean : 0])) };
  });
}

/** Solves the policy's LP. Throws AllocationError('infeasible') when deadlines cannot all be met (min_cost). */
export async function allocate(p: AllocProblem, solverOptions: Record<string, unknown> = {}): Promise<AllocResult> {
  const started = performance.now();
  const h = await highs();
  const types = Object.keys(p.cluster);
  const J = p.jobs.length;
  const K = types.length;
  if (J === 0 || K === 0) return { allocation: {}, objective: 0, effectiveThroughput: {}, solveMs: 0 };
  const T = p.jobs.map((j) => types.map((k) => Math.max(0, j.throughputs[k] ?? 0)));
  const E = p.jobs.map((j) => equalShare(j.throughputs, p.cluster));
  // Columns: x[j][k] at j*K + k, then one auxiliary t (fairness level or 1/makespan) where the policy has one.
  const withT = p.policy === 'max_min_fairness' || p.policy === 'min_makespan';
  const nx = J * K;
  const numCols = nx + (withT ? 1 : 0);
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(h.infinity);
  // A job cannot use a type it has no throughput on, nor more of a type than the cluster has room for its scale.
  for (let j = 0; j < J; j++)
    for (let k = 0; k < K; k++) {
      const cap = p.cluster[types[k]!]! / p.jobs[j]!.scaleFactor;
      colUpper[j * K + k] = T[j]![k]! > 0 ? Math.min(1, cap) : 0;
    }

  // Rows in CSR: job rows (Σ_k x ≤ 1), type rows (Σ_j s·x ≤ count), then one policy row per job where it has one.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (cols: number[], vals: number[], lo: number, hi: number) => {
    for (let i = 0; i < cols.length; i++) {
      if (vals[i] === 0) continue;
      indices.push(cols[i]!);
      values.push(vals[i]!);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const ks = Array.from({ length: K }, (_, k) => k);
  for (let j = 0; j < J; j++)
    row(
      ks.map((k) => j * K + k),
      ks.map(() => 1),
      -h.infinity,
      1,
    );
  for (let k = 0; k < K; k++)
    row(
      p.jobs.map((_, j) => j * K + k),
      p.jobs.map((job) => job.scaleFactor),
      -h.infinity,
      p.cluster[types[k]!]!,
    );

  const tCol = nx;
  let sense = h.constants.objectiveSense.maximize;
  if (p.policy === 'max_min_fairness') {
    // t ≤ Σ_k T_jk x_jk · s_j ÷ (w_j · E_j) for every job that can run at all.
    colCost[tCol] = 1;
    for (let j = 0; j < J; j++) {
      const job = p.jobs[j]!;
      if (E[j]! <= 0) continue;
      const f = job.scaleFactor / (job.priorityWeight * E[j]!);
      row([...ks.map((k) => j * K + k), tCol], [...ks.map((k) => T[j]![k]! * f), -1], 0, h.infinity);
      // A tiny reward for throughput picks, among the allocations with the best minimum, an efficient one.
      for (let k = 0; k < K; k++) colCost[j * K + k] = (1e-4 * T[j]![k]! * f) / J;
    }
  } else if (p.policy === 'min_makespan') {
    // Maximise t = 1 ÷ makespan: Σ_k T_jk x_jk ≥ t · remaining_j for every job.
    colCost[tCol] = 1;
    const scale = Math.max(...p.jobs.map((j) => j.remainingSteps));
    for (let j = 0; j < J; j++)
      row(
        [...ks.map((k) => j * K + k), tCol],
        [...ks.map((k) => T[j]![k]!), -p.jobs[j]!.remainingSteps / scale],
        0,
        h.infinity,
      );
  } else if (p.policy === 'max_total_throughput') {
    for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) colCost[j * K + k] = E[j]! > 0 ? T[j]![k]! / E[j]! : 0;
  } else {
    // Cheapest allocation that finishes every job with a deadline in time: Σ_k T_jk x_jk ≥ remaining ÷ deadline.
    sense = h.constants.objectiveSense.minimize;
    for (let j = 0; j < J; j++) {
      const job = p.jobs[j]!;
      for (let k = 0; k < K; k++) colCost[j * K + k] = (p.prices?.[types[k]!] ?? 0) * job.scaleFactor;
      if (job.deadlineSeconds !== undefined)
        row(
          ks.map((k) => j * K + k),
          ks.map((k) => T[j]![k]!),
          job.remainingSteps / job.deadlineSeconds,
          h.infinity,
        );
    }
  }

  const numRows = rowLower.length;
  const model = h.createModel({
    numCols,
    numRows,
    sense,
    colCost,
    colLower,
    colUpper,
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: 'csr',
      numRows,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  });
  let x: Float64Array;
  try {
    // Max-min fairness is highly degenerate (every job's row ties at the optimum): HiGHS's primal simplex solves it
    // about 6× faster than its default dual simplex here (bench/compute-network); the others keep the default.
    model.options.set({
      output_flag: false,
      ...(p.policy === 'max_min_fairness' ? { simplex_strategy: 4 } : {}),
      ...solverOptions,
    } as never);
    model.run();
    const status = model.getModelStatus();
    if (status === h.constants.modelStatus.infeasible)
      throw new AllocationError('infeasible', 'no allocation meets every constraint');
    if (status !== h.constants.modelStatus.optimal)
      throw new AllocationError('solver', `HiGHS ended with model status ${status}`);
    x = model.getSolution().colValue;
  } finally {
    model.dispose();
  }

  const allocation: Record<string, Record<string, number>> = {};
  const effectiveThroughput: Record<string, number> = {};
  for (let j = 0; j < J; j++) {
    const a: Record<string, number> = {};
    let eff = 0;
    for (let k = 0; k < K; k++) {
      // Solver noise below 1e-9 is no allocation.
      const v = x[j * K + k]! > 1e-9 ? Math.min(1, x[j * K + k]!) : 0;
      a[types[k]!] = v;
      eff += T[j]![k]! * v;
    }
    allocation[p.jobs[j]!.id] = a;
    effectiveThroughput[p.jobs[j]!.id] = eff;
  }
  return {
    allocation,
    objective: objectiveOf(p, allocation, effectiveThroughput, E, types),
    effectiveThroughput,
    solveMs: performance.now() - started,
  };
}

/** The policy's objective recomputed from the allocation itself, in the units the API promises. */
function objectiveOf(
  p: AllocProblem,
  allocation: Record<string, Record<string, number>>,
  eff: Record<string, number>,
  E: number[],
  types: string[],
): number {
  const jobs = p.jobs;
  if (p.policy === 'max_min_fairness') {
    let m = Number.POSITIVE_INFINITY;
    jobs.forEach((j, i) => {
      if (E[i]! > 0) m = Math.min(m, (eff[j.id]! * j.scaleFactor) / (j.priorityWeight * E[i]!));
    });
    return Number.isFinite(m) ? m : 0;
  }
  if (p.policy === 'min_makespan')
    return Math.max(...jobs.map((j) => (eff[j.id]! > 0 ? j.remainingSteps / eff[j.id]! : Number.POSITIVE_INFINITY)));
  if (p.policy === 'max_total_throughput') return jobs.reduce((s, j, i) => s + (E[i]! > 0 ? eff[j.id]! / E[i]! : 0), 0);
  return jobs.reduce(
    (s, j) => s + types.reduce((c, k) => c + (p.prices?.[k] ?? 0) * j.scaleFactor * allocation[j.id]![k]!, 0),
    0,
  );
}
