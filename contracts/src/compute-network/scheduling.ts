import { z } from 'zod';

/**
 * Heterogeneous scheduling (多元异构算力调度): Gavel's policies as linear programs over the job × worker-type
 * throughput matrix (solved with HiGHS), and a round-based simulator replaying Gavel's traces. Worker types may be
 * accelerator families in different data centres ("ascend-910b@jinan").
 */

export const SchedulingPolicy = z.enum(['max_min_fairness', 'min_makespan', 'max_total_throughput', 'min_cost']);
export type SchedulingPolicy = z.infer<typeof SchedulingPolicy>;

/** The largest problem the API solves in one request (the bench measures 10,000). */
export const MAX_ALLOCATION_JOBS = 10_000;
const WorkerType = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, { message: 'letters, digits, _ . @ -' });

export const AllocationRequest = z
  .object({
    policy: SchedulingPolicy,
    cluster: z.record(WorkerType, z.number().int().min(0).max(1_000_000)),
    jobs: z
      .array(
        z.object({
          id: z.string().min(1).max(64),
          throughputs: z.record(WorkerType, z.number().min(0).max(1e9)),
          scaleFactor: z.number().int().min(1).max(1024),
          priorityWeight: z.number().positive().max(1e6).default(1),
          remainingSteps: z.number().positive().max(1e15),
          deadlineSeconds: z.number().positive().max(1e9).optional(),
        }),
      )
      .min(1)
      .max(MAX_ALLOCATION_JOBS),
    /** fen per worker-hour of each type (min_cost; from the supermarket's offers). */
    prices: z.record(WorkerType, z.number().min(0).max(1e9)).optional(),
  })
  .superRefine((r, ctx) => {
    const types = Object.keys(r.cluster);
    if (!types.length) ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'at least one worker type' });
    const ids = new Set<string>();
    r.jobs.forEach((j, i) => {
      if (ids.has(j.id)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'id'], message: 'duplicate job id' });
      ids.add(j.id);
      for (const k of Object.keys(j.throughputs))
        if (!(k in r.cluster))
          ctx.addIssue({
            code: 'custom',
            path: ['jobs', i, 'throughputs', k],
            message: 'not a worker type of the cluster',
          });
    });
    if (r.policy === 'min_cost') {
      if (!r.prices) ctx.addIssue({ code: 'custom', path: ['prices'], message: 'min_cost needs prices' });
      else
        for (const k of types)
          if (!(k in r.prices)) ctx.addIssue({ code: 'custom', path: ['prices', k], message: 'missing price' });
    }
  });
export type AllocationRequest = z.infer<typeof AllocationRequest>;

export const AllocationResponse = z.object({
  allocation: z.record(z.string(), z.record(z.string(), z.number())),
  objective: z.number(),
  effectiveThroughput: z.record(z.string(), z.number()),
  solveMs: z.number(),
});
export type AllocationResponse = z.infer<typeof AllocationResponse>;

/** Gavel's published traces, shipped with the module (gavel/README.md). */
export const SimulationTrace = z.enum(['small_test', 'max_min_fairness', 'minimize_makespan']);
export type SimulationTrace = z.infer<typeof SimulationTrace>;

export const SimulationRequest = z.object({
  trace: SimulationTrace,
  /**
   * min_cost gives every trace job a deadline, derived deterministically (Gavel's traces have none): arrival + 3 × its
   * run time alone on its fastest worker type; prices default to 示例 V100 ¥15, P100 ¥9, K80 ¥3 per worker-hour.
   */
  policy: z.enum(['max_min_fairness', 'min_makespan', 'max_total_throughput', 'min_cost']),
  prices: z
    .object({ v100: z.number().min(0).max(1e7), p100: z.number().min(0).max(1e7), k80: z.number().min(0).max(1e7) })
    .optional(),
  /** Gavel's paper cluster by default: 36 V100 + 36 P100 + 36 K80. */
  cluster: z
    .object({
      v100: z.number().int().min(0).max(1000),
      p100: z.number().int().min(0).max(1000),
      k80: z.number().int().min(0).max(1000),
    })
    .refine((c) => c.v100 + c.p100 + c.k80 > 0, { message: 'at least one worker' })
    .default({ v100: 36, p100: 36, k80: 36 }),
});
export type SimulationRequest = z.infer<typeof SimulationRequest>;

export const SimulationRun = z.object({
  heterogeneityAware: z.boolean(),
  averageJctHours: z.number(),
  makespanHours: z.number(),
  jctHours: z.array(z.number()),
  rounds: z.number().int(),
  solves: z.number().int(),
  solveMs: z.number(),
  /** min_cost: what the run cost in fen, and how many jobs met their deadline (null for the other policies). */
  costFen: z.number().nullable(),
  deadlinesMet: z.number().int().nullable(),
});
export const SimulationResult = z.object({
  trace: SimulationTrace,
  policy: z.string(),
  jobs: z.number().int(),
  cluster: z.record(z.string(), z.number()),
  aware: SimulationRun,
  agnostic: SimulationRun,
  /** agnostic ÷ aware: how many times better the heterogeneity-aware policy is. */
  jctSpeedup: z.number(),
  makespanSpeedup: z.number(),
  /** min_cost: 1 − aware cost ÷ agnostic cost. */
  costSaving: z.number().nullable(),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

/**
 * A schedule on the supermarket (在售算力排程): the province describes jobs by model family, cards and steps; the
 * cluster is built from the published offers with free cards now (one worker type per offer, as many workers as it has
 * cards free, priced at its fen per card-hour) and each job's throughputs come from the province's throughput table.
 */
export const MAX_PLAN_JOBS = 200;
/** The cheapest offers per card-hour that enter the linear program; the rest are counted, not scheduled. */
export const MAX_PLAN_OFFERS = 200;
export const PlanRequest = z
  .object({
    policy: SchedulingPolicy,
    jobs: z
      .array(
        z.object({
          id: z.string().trim().min(1).max(64),
          family: z.string().trim().min(1).max(128),
          /** Cards the job runs on at once (Gavel's scale factor). */
          cards: z.number().int().min(1).max(1024),
          steps: z.number().int().min(1).max(1e12),
          deadlineHours: z.number().min(0.1).max(87_600).optional(),
          priorityWeight: z.number().positive().max(1e6).default(1),
        }),
      )
      .min(1)
      .max(MAX_PLAN_JOBS),
    /** Only offers a compute voucher may subsidise (AI compute located in the province). */
    voucherOnly: z.boolean().default(false),
    cityCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .superRefine((r, ctx) => {
    const ids = new Set<string>();
    r.jobs.forEach((j, i) => {
      if (ids.has(j.id)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'id'], message: 'duplicate job id' });
      ids.add(j.id);
      if (r.policy === 'min_cost' && j.deadlineHours === undefined)
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'deadlineHours'], message: 'min_cost needs a deadline' });
    });
  });
export type PlanRequest = z.infer<typeof PlanRequest>;

export const PlanWorkerType = z.object({
  /** The worker type's name in `allocation`: the offer's id. */
  key: z.string(),
  offerId: z.string(),
  dataCentreName: z.string(),
  cityCode: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  domestic: z.boolean(),
  cardsFree: z.number().int(),
  priceFenPerCardHour: z.number().int(),
  voucherEligible: z.boolean(),
  simulated: z.boolean(),
  /** Cards the allocation uses on average (Σ jobs cards × share of time). */
  cardsUsed: z.number(),
});
export type PlanWorkerType = z.infer<typeof PlanWorkerType>;

export const PlanJob = z.object({
  id: z.string(),
  family: z.string(),
  cards: z.number().int(),
  /** Steps per second under the allocation; 0 when the job got no share. */
  stepsPerSecond: z.number(),
  /** Hours to finish at that rate (null when it does not run). */
  hours: z.number().nullable(),
  /** Fen per hour the allocation costs for this job, and over the hours it runs. */
  costFenPerHour: z.number(),
  costFen: z.number().nullable(),
  meetsDeadline: z.boolean().nullable(),
  /** Worker types the table has no figure for this family and size on (the job cannot use them). */
  unratedModels: z.array(z.string()),
  placements: z.array(z.object({ workerType: z.string(), share: z.number() })),
});
export type PlanJob = z.infer<typeof PlanJob>;

export const PlanResult = z.object({
  policy: SchedulingPolicy,
  objective: z.number(),
  solveMs: z.number(),
  workerTypes: z.array(PlanWorkerType),
  jobs: z.array(PlanJob),
  /** Offers on sale with free cards now, and how many of them entered the program (the cheapest MAX_PLAN_OFFERS). */
  offersOnSale: z.number().int(),
  offersScheduled: z.number().int(),
  costFenPerHour: z.number(),
  /** True when any offer used is demo data (示例). */
  simulated: z.boolean(),
});
export type PlanResult = z.infer<typeof PlanResult>;
