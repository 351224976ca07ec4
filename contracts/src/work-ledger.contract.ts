import { z } from 'zod';
import {
  defineRoles,
  IsoDate,
  IsoMonth,
  MAX_YEAR,
  MIN_YEAR,
  Measure,
  PageQuery,
  pageOf,
  RegionCode,
} from './common.contract.ts';

/**
 * 工作台账 (Work ledger): the yearly work points (年度全省大数据工作要点) broken into tasks with a lead unit and
 * cooperating units, deadlines, milestones and a measurable target; 督查督办 practice: 立项 → 交办 → reminder → 催办
 * → 考评, each task green/yellow/red by its deadline. Routes under /api/v1/work-ledger/.
 */

export const WORK_LEDGER_ROLES = defineRoles({});

export const WORK_LEDGER_PERMISSIONS = {
  read: 'work-ledger.read',
  /** 立项, 交办, 催办: the province's supervision office. */
  manage: 'work-ledger.manage',
  /** Monthly progress with evidence, by the lead unit's region. */
  report: 'work-ledger.report',
  /** 考评: closing a task with its evaluation (not by whoever set it up). */
  evaluate: 'work-ledger.evaluate',
} as const;

export const WORK_LEDGER_ERRORS = {
  ledger_task_exists: { zh: '该年度已有相同编号的任务', en: 'A task with that number exists for the year' },
  ledger_illegal_step: { zh: '任务当前状态不允许此操作', en: 'The task’s status does not allow this' },
  ledger_not_overdue: { zh: '任务未逾期,无需催办', en: 'The task is not overdue; nothing to escalate' },
} as const;
export type WorkLedgerErrorCode = keyof typeof WORK_LEDGER_ERRORS;

/** Figures another module measures: a task tied to one updates itself. */
export const TargetMetric = z.enum(['assessment.county_share_4star', 'compute.ai_share', 'communities.smart_count']);
export type TargetMetric = z.infer<typeof TargetMetric>;
export const TARGET_METRICS: Record<TargetMetric, { zh: string; en: string; unit: string }> = {
  'assessment.county_share_4star': { zh: '四星级及以上县(市、区)占比', en: 'Share of counties at ≥ 4★', unit: '%' },
  'compute.ai_share': { zh: '智能算力占比', en: 'AI share of compute', unit: '%' },
  'communities.smart_count': { zh: '智慧社区数量', en: 'Smart communities', unit: '个' },
};

/** 立项 planned → 交办 assigned (the lead unit has it) → 考评 closed. */
export const TaskStatus = z.enum(['planned', 'assigned', 'closed']);
export type TaskStatus = z.infer<typeof TaskStatus>;
/** green on track; yellow: deadline within 15 days or a milestone late; red: past the deadline and not closed. */
export const Rag = z.enum(['green', 'yellow', 'red']);
export type Rag = z.infer<typeof Rag>;
export const Evaluation = z.enum(['excellent', 'good', 'pass', 'fail']);
export type Evaluation = z.infer<typeof Evaluation>;
export const EVALUATIONS: Record<Evaluation, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

export const Milestone = z.object({ title: z.string().trim().min(2).max(100), dueOn: IsoDate });

export const TaskInput = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    /** 序号 as the ledger numbers it: 1, 1.2, 3.4.1 */
    code: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,3}){0,3}$/, { message: 'like 1.2 or 3.4.1' }),
    /** 工作要点: the yearly work point the task serves. */
    point: z.string().trim().min(2).max(200),
    title: z.string().trim().min(2).max(300),
    leadUnit: z.string().trim().min(2).max(100),
    cooperatingUnits: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
    /** The region whose staff report progress (a city for a city's task; the province for province units). */
    regionCode: RegionCode,
    deadline: IsoDate,
    target: z.string().trim().min(2).max(300),
    metric: TargetMetric.optional(),
    /** The metric's value that counts as reached. */
    targetValue: Measure.optional(),
    milestones: z.array(Milestone).max(12).default([]),
  })
  .refine((t) => !t.metric || t.targetValue !== undefined, {
    message: 'a measured target needs its value',
    path: ['targetValue'],
  });
export type TaskInput = z.input<typeof TaskInput>;

export const ProgressInput = z.object({
  month: IsoMonth,
  percent: z.number().int().min(0).max(100),
  text: z.string().trim().min(2).max(2000),
  /** Where the evidence is: a document number, a link, an attachment name. */
  evidence: z.string().trim().min(2).max(500),
});
export type ProgressInput = z.infer<typeof ProgressInput>;

export const EscalationInput = z.object({ note: z.string().trim().min(2).max(500) });
export const EvaluationInput = z.object({ evaluation: Evaluation, comment: z.string().trim().min(2).max(1000) });
export type EvaluationInput = z.infer<typeof EvaluationInput>;

export const MetricReading = z.object({
  metric: TargetMetric,
  value: z.number().nullable(),
  target: z.number().nullable(),
  reached: z.boolean().nullable(),
  /** Where the figure comes from and as of when; null when the measuring module has nothing yet. */
  source: z.string().nullable(),
  asOf: z.string().nullable(),
});
export type MetricReading = z.infer<typeof MetricReading>;

export const Task = z.object({
  id: z.uuid(),
  year: z.number().int(),
  code: z.string(),
  point: z.string(),
  title: z.string(),
  leadUnit: z.string(),
  cooperatingUnits: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  deadline: z.string(),
  target: z.string(),
  metric: TargetMetric.nullable(),
  targetValue: z.number().nullable(),
  status: TaskStatus,
  rag: Rag,
  /** Why the colour: days left, a late milestone. */
  ragReason: z.string(),
  percent: z.number().int(),
  lastReportMonth: z.string().nullable(),
  escalations: z.number().int(),
  reminders: z.number().int(),
  evaluation: Evaluation.nullable(),
  demo: z.boolean(),
});
export type Task = z.infer<typeof Task>;

export const TaskDetail = Task.extend({
  milestones: z.array(Milestone.extend({ doneOn: z.string().nullable() })),
  progress: z.array(ProgressInput.extend({ reportedBy: z.string(), reportedAt: z.string() })),
  supervision: z.array(
    z.object({
      kind: z.enum(['assign', 'reminder', 'escalation', 'evaluation']),
      note: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
  reading: MetricReading.nullable(),
  evaluationComment: z.string().nullable(),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskQuery = PageQuery.extend({
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  status: TaskStatus.optional(),
  rag: Rag.optional(),
  q: z.string().trim().max(50).optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;
export const TaskPage = pageOf(Task);

export const LedgerBoard = z.object({
  year: z.number().int(),
  counts: z.object({
    green: z.number().int(),
    yellow: z.number().int(),
    red: z.number().int(),
    closed: z.number().int(),
  }),
  byPoint: z.array(
    z.object({
      point: z.string(),
      green: z.number().int(),
      yellow: z.number().int(),
      red: z.number().int(),
      closed: z.number().int(),
    }),
  ),
  measured: z.array(MetricReading.extend({ taskId: z.uuid(), code: z.string(), title: z.string() })),
});
export type LedgerBoard = z.infer<typeof LedgerBoard>;
