import { z } from 'zod';
import { ImportReport, INT4_MAX, IsoDate, Measure, RegionCode, Uuid } from './common.contract.ts';
import { SupervisorScoreSubmitted } from './events.contract.ts';

/**
 * 评估评价: indicator catalogues, the star-rating policy, annual campaigns with their review workflow, results and
 * statistics. StarThresholds and weights that are not published are flagged `sample` (示例) in data and UI.
 */

export const ASSESSMENT_PERMISSIONS = {
  catalogueManage: 'assessment.catalogue.manage',
  campaignManage: 'assessment.campaign.manage',
  submissionRead: 'assessment.submission.read',
  submissionFill: 'assessment.submission.fill',
  submissionApprove: 'assessment.submission.approve',
  submissionReturn: 'assessment.submission.return',
  reviewScore: 'assessment.review.score',
  coevalScore: 'assessment.coeval.score',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in assessment.errors.ts. */
export const ASSESSMENT_ERRORS = {
  assessment_illegal_transition: {
    zh: '当前状态不允许此操作',
    en: 'The submission is not in a state that allows this',
  },
  assessment_children_pending: {
    zh: '下级区县尚未全部审核通过,不能审核本级',
    en: 'Not all subordinate counties are approved yet',
  },
  assessment_locked: { zh: '数据已提交或审核,已锁定', en: 'The data is submitted or approved and locked' },
  assessment_invalid_submission: { zh: '填报内容未通过校验', en: 'The submission does not pass validation' },
  assessment_conflict_of_interest: { zh: '专家不得评审本地区', en: 'An expert may not review their own region' },
  assessment_catalogue_locked: {
    zh: '该指标体系版本已被评估活动使用,不可修改',
    en: 'This catalogue version is used by a campaign and cannot change',
  },
  assessment_no_campaign: { zh: '没有该年度的评估活动', en: 'No campaign for that year' },
  assessment_notice_open: {
    zh: '公示期未结束或仍有未处理的异议',
    en: 'The notice period is still open or objections are unresolved',
  },
  assessment_stage_incomplete: {
    zh: '尚有区划未完成上一环节;确需继续,请填写理由(将记入审计)',
    en: 'Some regions have not finished the previous step; to go on anyway, give a reason (it is audited)',
  },
  assessment_deadline_passed: {
    zh: '已过填报截止日期;须由省级重新开放后才能修改或提交',
    en: 'The deadline for filling in has passed; the province must reopen it before it can be changed or submitted',
  },
  assessment_stage_deadline_passed: {
    zh: '已过本环节截止日期;须由省级重新开放本环节后才能办理',
    en: 'The deadline of this stage has passed; the province must reopen the stage before it can be acted on',
  },
  assessment_not_enough_experts: {
    zh: '可抽取的专家不足(须回避本地区)',
    en: 'Not enough eligible experts (own-region experts are excluded)',
  },
} as const;
export type AssessmentErrorCode = keyof typeof ASSESSMENT_ERRORS;

export const AssessedLevel = z.enum(['city', 'county', 'community']);
export type AssessedLevel = z.infer<typeof AssessedLevel>;

export const IndicatorDirection = z.enum(['higher', 'lower']);
export type IndicatorDirection = z.infer<typeof IndicatorDirection>;

const finite = Measure;

/** Five thresholds, 1★ … 5★, monotone in the indicator's direction (checked by the rule, see validateIndicators). */
export const StarThresholds = z.tuple([finite, finite, finite, finite, finite]);

export const IndicatorFormula = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct') }),
  /** value = numerator ÷ denominator × factor (e.g. ×100 for a percentage). */
  z.object({
    kind: z.literal('ratio'),
    numerator: z.string().max(200),
    denominator: z.string().max(200),
    factor: finite.default(100),
  }),
]);
export type IndicatorFormula = z.infer<typeof IndicatorFormula>;

export const Indicator = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, . _ -' }),
  /** 一级 domain, e.g. 数字惠民. */
  domain: z.string().trim().min(1).max(64),
  /** Parent indicator code for a sub-item (三级), null for a 二级 indicator. */
  parentCode: z.string().max(64).nullable().default(null),
  name: z.string().trim().min(1).max(200),
  definition: z.string().max(2000).default(''),
  formula: IndicatorFormula.default({ kind: 'direct' }),
  unit: z.string().max(32).default(''),
  direction: IndicatorDirection.default('higher'),
  thresholds: StarThresholds,
  weight: z.number().min(0).max(1000),
  evidenceRequired: z.boolean().default(false),
  veto: z.boolean().default(false),
  /** 地方特色 加分项: points awarded when the 1★ threshold is met; not part of the base weight. */
  bonusPoints: z.number().min(0).max(100).nullable().default(null),
  /** Plausible range for validation; values outside it are refused. */
  min: finite.nullable().default(null),
  max: finite.nullable().default(null),
  /** StarThresholds/weight are made up (示例), not published. */
  sample: z.boolean().default(true),
});
export type Indicator = z.infer<typeof Indicator>;

export const RatingPolicy = z.object({
  /** Share of base weight that must reach N★ for the region to be N★ (published: 70%). */
  threshold: z.number().gt(0).max(1).default(0.7),
  /** At `subGradeLevel`, 成长型 when the share at that level reaches this ratio, else 基础型 (split unpublished: 示例 80%). */
  subGradeSplit: z.number().gt(0).max(1).default(0.8),
  subGradeLevel: z.number().int().min(1).max(5).default(4),
  /** Bonus points are capped at this total. */
  bonusCap: z.number().min(0).max(100).default(10),
  /** When true, capped bonus points are added (as percentage points of base weight) to every level's share. */
  bonusCountsForLevel: z.boolean().default(false),
  /** A year-over-year change above this percentage needs a written explanation. */
  yoyJumpPct: z.number().min(0).max(10000).default(50),
  /** Expert scores further apart than this (points of 100) are flagged as a disagreement. */
  disagreementPoints: z.number().min(0).max(100).default(15),
});
export type RatingPolicy = z.infer<typeof RatingPolicy>;
export const DEFAULT_POLICY: RatingPolicy = RatingPolicy.parse({});

export const SubGrade = z.enum(['basic', 'growth']);
export type SubGrade = z.infer<typeof SubGrade>;
export const SUB_GRADE_NAMES: Record<SubGrade, { zh: string; en: string }> = {
  basic: { zh: '基础型', en: 'basic' },
  growth: { zh: '成长型', en: 'growth' },
};

export const IndicatorOutcome = z.object({
  code: z.string(),
  stars: z.number().int().min(0).max(5),
  value: z.number().nullable(),
  weight: z.number(),
  missing: z.boolean(),
});

export const RatingExplanation = z.object({
  /** share[i] = share of base weight achieving ≥ (i+1)★, 0–1. */
  shares: z.array(z.number()).length(5),
  /** The level reached by weight before any veto cap. */
  levelByWeight: z.number().int(),
  vetoCaps: z.array(z.object({ code: z.string(), stars: z.number().int() })),
  missing: z.array(z.string()),
  /** Indicators below the next level, heaviest first: what held the region back. */
  heldBack: z.array(z.object({ code: z.string(), stars: z.number().int(), weight: z.number() })),
  text: z.object({ zh: z.string(), en: z.string() }),
});
export type RatingExplanation = z.infer<typeof RatingExplanation>;

export const StarRating = z.object({
  level: z.number().int().min(0).max(5),
  subGrade: SubGrade.nullable(),
  /** Weighted star score out of 100 (each base indicator contributes weight × stars ÷ 5). */
  score: z.number(),
  bonus: z.number(),
  indicators: z.array(IndicatorOutcome),
  explanation: RatingExplanation,
});
export type StarRating = z.infer<typeof StarRating>;

export const StarImprovement = z.object({
  code: z.string(),
  from: z.number().nullable(),
  to: z.number(),
  fromStars: z.number().int(),
  toStars: z.number().int(),
  weight: z.number(),
  cost: z.number(),
});
export type StarImprovement = z.infer<typeof StarImprovement>;

export const GapToNext = z.object({
  target: z.object({ level: z.number().int(), subGrade: SubGrade.nullable() }),
  feasible: z.boolean(),
  /** Sum of normalised gaps (each improvement's distance to its threshold ÷ the indicator's 1★–5★ span). */
  totalCost: z.number(),
  improvements: z.array(StarImprovement),
  solver: z.string(),
});
export type GapToNext = z.infer<typeof GapToNext>;

/** An indicator given inline (the simulator, another module's rule call): what the rating rule needs. */
export const InlineIndicator = z.object({
  code: z.string().trim().min(1).max(64),
  weight: z.number().min(0).max(1000),
  direction: IndicatorDirection.default('higher'),
  thresholds: StarThresholds,
  veto: z.boolean().optional(),
  bonusPoints: z.number().min(0).max(100).optional(),
});

export type InlineIndicator = z.input<typeof InlineIndicator>;

/** A catalogue given inline rather than by id. */
export const InlineCatalogue = z.object({
  policy: RatingPolicy.partial().optional(),
  indicators: z.array(InlineIndicator).min(1).max(500),
});
export type InlineCatalogue = z.input<typeof InlineCatalogue>;

export const SimulateRequest = z
  .object({
    catalogueId: Uuid.optional(),
    catalogue: InlineCatalogue.optional(),
    values: z.record(z.string().max(64), finite.nullable()),
  })
  .refine((v) => !!v.catalogueId !== !!v.catalogue, {
    message: 'give either catalogueId or catalogue',
    path: ['catalogue'],
  });
export type SimulateRequest = z.infer<typeof SimulateRequest>;

export const SimulateResponse = StarRating.extend({ gapToNext: GapToNext.nullable() });
export type SimulateResponse = z.infer<typeof SimulateResponse>;

// ---------------------------------------------------------------- catalogues

export const IndicatorCatalogueSummary = z.object({
  id: Uuid,
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  standard: z.string(),
  level: AssessedLevel,
  locked: z.boolean(),
  indicatorCount: z.number().int(),
  createdAt: z.string(),
});
export type IndicatorCatalogueSummary = z.infer<typeof IndicatorCatalogueSummary>;

export const IndicatorCatalogue = IndicatorCatalogueSummary.extend({
  policy: RatingPolicy,
  indicators: z.array(Indicator),
  /** The codes co-evaluation scores unless the province chooses (the citizen-facing 数字惠民 domain). */
  coEvaluationDefault: z.array(z.string()),
});
export type IndicatorCatalogue = z.infer<typeof IndicatorCatalogue>;

export const CreateCatalogueVersion = z.object({
  /** The version to copy; its key is kept and the version number increases. */
  fromId: Uuid,
  name: z.string().trim().min(1).max(200).optional(),
  policy: RatingPolicy.partial().optional(),
  indicators: z.array(Indicator).min(1).max(500).optional(),
});

export type CreateCatalogueVersion = z.infer<typeof CreateCatalogueVersion>;

/**
 * A new version of a catalogue under `key` (version 1 when the key is new), for a module that keeps its own
 * catalogue in this engine (smart communities: DB37/T 3890.3). Versions are never edited in place.
 */
export const SaveCatalogueVersion = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/),
  name: z.string().trim().min(1).max(200),
  standard: z.string().trim().max(200),
  level: AssessedLevel,
  policy: RatingPolicy.partial().optional(),
  indicators: z.array(Indicator).min(1).max(500),
});
export type SaveCatalogueVersion = z.input<typeof SaveCatalogueVersion>;

/** The platform's import report (rows imported, row errors), with the new version when every row was valid. */
export const CatalogueImportReport = ImportReport.extend({ catalogue: IndicatorCatalogueSummary.nullable() });
export type CatalogueImportReport = z.infer<typeof CatalogueImportReport>;

// ---------------------------------------------------------------- campaigns

export const AssessmentCampaignStage = z.enum([
  'self_assessment',
  'review',
  'expert_review',
  'co_evaluation',
  'public_notice',
  'published',
]);
export type AssessmentCampaignStage = z.infer<typeof AssessmentCampaignStage>;

export const CAMPAIGN_STAGE_NAMES: Record<AssessmentCampaignStage, { zh: string; en: string }> = {
  self_assessment: { zh: '自评填报', en: 'Self-assessment' },
  review: { zh: '审核', en: 'Review' },
  expert_review: { zh: '专家评审', en: 'Expert review' },
  co_evaluation: { zh: '监督共评', en: 'Co-evaluation' },
  public_notice: { zh: '公示', en: 'Public notice' },
  published: { zh: '已发布', en: 'Published' },
};

export const CampaignDeadlines = z.object({
  selfAssessment: IsoDate.optional(),
  cityApproval: IsoDate.optional(),
  provinceApproval: IsoDate.optional(),
  expertReview: IsoDate.optional(),
  coEvaluation: IsoDate.optional(),
});
export type CampaignDeadlines = z.infer<typeof CampaignDeadlines>;

/** The stages after filling in whose deadline closes them for one submission (the province may reopen each). */
export const ReviewStage = z.enum(['cityApproval', 'provinceApproval', 'expertReview']);
export type ReviewStage = z.infer<typeof ReviewStage>;
/** Every stage with a deadline the province may reopen for one submission. */
export const DeadlineStage = z.enum(['selfAssessment', 'cityApproval', 'provinceApproval', 'expertReview']);
export type DeadlineStage = z.infer<typeof DeadlineStage>;

export const DEADLINE_STAGE_NAMES: Record<DeadlineStage, { zh: string; en: string }> = {
  selfAssessment: { zh: '自评填报', en: 'Self-assessment' },
  cityApproval: { zh: '市级审核', en: 'City review' },
  provinceApproval: { zh: '省级审核', en: 'Province review' },
  expertReview: { zh: '专家评审', en: 'Expert scoring' },
};

/**
 * The deadline of the stage a submission waits in now (city review, province review or expert scoring): the
 * campaign's day, or the province's reopening when later; closed once it passed.
 */
export const StageWindow = z.object({
  stage: ReviewStage,
  deadline: IsoDate.nullable(),
  closed: z.boolean(),
  reopenedUntil: IsoDate.nullable(),
});
export type StageWindow = z.infer<typeof StageWindow>;

/** The province's actions moving a whole campaign on. */
export const CampaignAction = z.enum(['draw_experts', 'start_co_evaluation', 'open_notice', 'publish']);
export type CampaignAction = z.infer<typeof CampaignAction>;

/** The button words of the campaign actions (the web's confirmation names the step with them too). */
export const CAMPAIGN_ACTION_NAMES: Record<CampaignAction, { zh: string; en: string }> = {
  draw_experts: { zh: '抽取专家', en: 'Draw experts' },
  start_co_evaluation: { zh: '进入监督共评', en: 'Start co-evaluation' },
  open_notice: { zh: '开始公示', en: 'Open public notice' },
  publish: { zh: '发布结果', en: 'Publish' },
};

/**
 * A campaign action moves the whole campaign; the province sees first what it will do. `ready` submissions move,
 * `behind` ones have not reached the step yet (they stay behind), `ahead` ones are past it already.
 */
export const CampaignActionPreview = z.object({
  action: CampaignAction,
  allowed: z.boolean(),
  total: z.number().int(),
  ready: z.number().int(),
  behind: z.number().int(),
  ahead: z.number().int(),
  /** Every region reached the step: no reason is needed. */
  complete: z.boolean(),
  byCity: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      total: z.number().int(),
      ready: z.number().int(),
      behind: z.number().int(),
    }),
  ),
  /** The regions that stay behind (up to 200), with their status. */
  behindRegions: z.array(z.object({ regionCode: z.string(), regionName: z.string(), status: z.string() })),
});
export type CampaignActionPreview = z.infer<typeof CampaignActionPreview>;

export const CampaignActionRequest = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** Needed when some regions have not reached the step (see CampaignActionPreview.complete); audited. */
  reason: z.string().trim().min(5).max(1000).optional(),
});
export type CampaignActionRequest = z.infer<typeof CampaignActionRequest>;

export const OpenCampaignRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(200),
  cityCatalogueId: Uuid.nullable(),
  countyCatalogueId: Uuid.nullable(),
  deadlines: CampaignDeadlines.default({}),
  expertsPerSubmission: z.number().int().min(1).max(9).default(3),
  noticeDays: z.number().int().min(0).max(60).default(7),
  /** Regions to include; default every city and county of the province. */
  regionCodes: z.array(RegionCode).max(5000).optional(),
  /** Indicator codes open to co-evaluation (监督共评); default the 数字惠民 indicators of the catalogues. */
  coEvaluationIndicators: z.array(z.string().trim().min(1).max(64)).max(500).optional(),
});
export type OpenCampaignRequest = z.infer<typeof OpenCampaignRequest>;

export const AssessmentCampaign = z.object({
  id: Uuid,
  year: z.number().int(),
  name: z.string(),
  stage: AssessmentCampaignStage,
  cityCatalogueId: Uuid.nullable(),
  countyCatalogueId: Uuid.nullable(),
  deadlines: CampaignDeadlines,
  expertsPerSubmission: z.number().int(),
  noticeDays: z.number().int(),
  noticeEndsAt: z.string().nullable(),
  expertSeed: z.number().nullable(),
  sample: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  /** Indicator codes citizen supervisors and media may score in co-evaluation. */
  coEvaluationIndicators: z.array(z.string()),
  /** The actions the campaign's stage allows now (the workflow rule; the caller's permission is apart). */
  actions: z.array(CampaignAction),
});
export type AssessmentCampaign = z.infer<typeof AssessmentCampaign>;

export const AssessmentSubmissionStatus = z.enum([
  'draft',
  'returned',
  'submitted',
  'city_approved',
  'province_approved',
  'expert_review',
  'expert_reviewed',
  'co_evaluation',
  'public_notice',
  'published',
]);
export type AssessmentSubmissionStatus = z.infer<typeof AssessmentSubmissionStatus>;

export const SUBMISSION_STATUS_NAMES: Record<AssessmentSubmissionStatus, { zh: string; en: string }> = {
  draft: { zh: '填报中', en: 'Draft' },
  returned: { zh: '已退回', en: 'Sent back' },
  submitted: { zh: '已提交', en: 'Submitted' },
  city_approved: { zh: '市级已审核', en: 'City approved' },
  province_approved: { zh: '省级已审核', en: 'Province approved' },
  expert_review: { zh: '专家评审中', en: 'Expert review' },
  expert_reviewed: { zh: '专家已评审', en: 'Expert reviewed' },
  co_evaluation: { zh: '监督共评', en: 'Co-evaluation' },
  public_notice: { zh: '公示中', en: 'Public notice' },
  published: { zh: '已发布', en: 'Published' },
};

export const IndicatorValue = z.object({
  value: finite.nullable().optional(),
  numerator: finite.nullable().optional(),
  denominator: finite.nullable().optional(),
  /** Needed when the value jumps year over year beyond the policy's limit. */
  explanation: z.string().max(2000).optional(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export type IndicatorValues = Record<string, IndicatorValue>;

/** What a submission's status allows now (the workflow rule; the caller's permission and region are apart). */
export const SubmissionAction = z.enum(['edit', 'submit', 'approve', 'send_back', 'object']);
export type SubmissionAction = z.infer<typeof SubmissionAction>;

export const SaveValuesRequest = z.object({
  values: z.record(z.string().max(64), IndicatorValue),
  version: z.number().int().min(0).max(INT4_MAX),
});

export const AssessmentReasonRequest = z.object({ reason: z.string().trim().min(2).max(1000) });
export const BulkApproveRequest = z.object({ regionCodes: z.array(RegionCode).min(1).max(500) });
export const BulkApproveResponse = z.object({
  approved: z.array(z.string()),
  refused: z.array(z.object({ regionCode: z.string(), code: z.string(), message: z.string() })),
});
export type BulkApproveResponse = z.infer<typeof BulkApproveResponse>;

export const AssessmentEvidence = z.object({
  id: Uuid,
  indicatorCode: z.string(),
  filename: z.string(),
  type: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type AssessmentEvidence = z.infer<typeof AssessmentEvidence>;

/**
 * Co-evaluation counts one score per supervisor and indicator (or service score): the newest; earlier ones stay as
 * history (`replaced`) and never count twice.
 */
export const CoEvaluationSummary = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  unconfirmed: z.number().int(),
  replaced: z.number().int(),
});

export const AssessmentStepRecord = z.object({
  from: z.string().nullable(),
  to: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
  /** Taken after its stage's deadline (逾期). */
  late: z.boolean(),
});

export const AssessmentSubmissionSummary = z.object({
  id: Uuid,
  campaignId: Uuid,
  year: z.number().int(),
  regionCode: RegionCode,
  regionName: z.string(),
  regionLevel: z.string(),
  parentCode: z.string().nullable(),
  status: AssessmentSubmissionStatus,
  stars: z.number().int().nullable(),
  subGrade: SubGrade.nullable(),
  score: z.number().nullable(),
  filled: z.number().int(),
  indicatorCount: z.number().int(),
  returnedReason: z.string().nullable(),
  disagreement: z.boolean(),
  updatedAt: z.string(),
  actions: z.array(SubmissionAction),
  /** The day filling in closes for this region: the campaign's self-assessment deadline, or a reopening's end. */
  deadline: IsoDate.nullable(),
  /** The deadline has passed and nothing reopened it: only the province can reopen (send-backs excepted). */
  fillingClosed: z.boolean(),
  /** Submitted after the self-assessment deadline (逾期提交). */
  late: z.boolean(),
  /** The province reopened filling in until this day (inclusive). */
  reopenedUntil: IsoDate.nullable(),
  /** When the last deadline reminder went to this region (the daily job), if any. */
  lastReminder: z.string().nullable(),
  /** The deadline of the review stage the submission waits in now, if it waits in one. */
  stageWindow: StageWindow.nullable(),
  /** Review steps taken after their stage's deadline (the history's actions marked late). */
  lateSteps: z.array(z.string()),
});
export type AssessmentSubmissionSummary = z.infer<typeof AssessmentSubmissionSummary>;

export const AssessmentSubmission = AssessmentSubmissionSummary.extend({
  version: z.number().int(),
  catalogueId: Uuid,
  values: z.record(z.string(), IndicatorValue),
  previousValues: z.record(z.string(), z.number().nullable()),
  evidence: z.array(AssessmentEvidence),
  rating: StarRating.nullable(),
  experts: z.array(
    z.object({ alias: z.string(), score: z.number().nullable(), scoredAt: z.string().nullable(), late: z.boolean() }),
  ),
  coEvaluation: CoEvaluationSummary,
  objections: z.array(z.object({ id: Uuid, text: z.string(), filedAt: z.string(), resolution: z.string().nullable() })),
  history: z.array(AssessmentStepRecord),
  /** What submitting now would refuse (the same check the server runs on submit), naming each field. */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type AssessmentSubmission = z.infer<typeof AssessmentSubmission>;

/** One change of an indicator in a submission: a value, an explanation or an evidence upload, by whom and when. */
export const IndicatorChange = z.object({
  indicatorCode: z.string(),
  kind: z.enum(['value', 'explanation', 'evidence']),
  /** What it was (a value as written: 12.5 or 3/4; an explanation's text); null when there was nothing. */
  before: z.string().nullable(),
  /** What it became (for evidence: the file's name). */
  after: z.string().nullable(),
  /** Who changed it; blind reviewers (experts) see only 填报单位 / the filing region. */
  actor: z.string().nullable(),
  at: z.string(),
});
export type IndicatorChange = z.infer<typeof IndicatorChange>;
export const IndicatorChangesQuery = z.object({ indicator: z.string().trim().min(1).max(64).optional() });
export const IndicatorChanges = z.object({ items: z.array(IndicatorChange) });
export type IndicatorChanges = z.infer<typeof IndicatorChanges>;

/** The province reopens filling in for one region after the deadline, until a day, with a reason (audited). */
export const ReopenSubmissionRequest = z.object({
  /** Which stage to reopen: filling in (the default) or the review stage the submission waits in. */
  stage: DeadlineStage.default('selfAssessment'),
  until: IsoDate,
  reason: z.string().trim().min(5).max(1000),
});
export type ReopenSubmissionRequest = z.input<typeof ReopenSubmissionRequest>;

export const AssessmentSubmissionListQuery = z.object({
  campaignId: Uuid,
  status: AssessmentSubmissionStatus.optional(),
  level: AssessedLevel.optional(),
  parent: RegionCode.optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AssessmentSubmissionListQuery = z.infer<typeof AssessmentSubmissionListQuery>;

export const AssessmentSubmissionPage = z.object({
  items: z.array(AssessmentSubmissionSummary),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AssessmentSubmissionPage = z.infer<typeof AssessmentSubmissionPage>;

export const SubmissionRadar = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  notSubmitted: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      parentCode: z.string().nullable(),
      status: AssessmentSubmissionStatus,
      filled: z.number().int(),
      indicatorCount: z.number().int(),
    }),
  ),
});
export type SubmissionRadar = z.infer<typeof SubmissionRadar>;

/** What an expert sees: no region name, no other expert's score (blind review). */
export const ReviewTask = z.object({
  submissionId: Uuid,
  alias: z.string(),
  year: z.number().int(),
  regionLevel: z.string(),
  status: AssessmentSubmissionStatus,
  myScore: z.number().nullable(),
  myComment: z.string().nullable(),
  values: z.record(z.string(), IndicatorValue),
  indicators: z.array(Indicator.pick({ code: true, name: true, unit: true, domain: true, weight: true })),
  evidence: z.array(AssessmentEvidence),
  /** The submission is in expert review, so a score is taken now. */
  scorable: z.boolean(),
  /** The expert-review deadline of this submission (closed: scoring waits for the province to reopen it). */
  stageWindow: StageWindow.nullable(),
  /** My score came after the deadline. */
  myScoreLate: z.boolean(),
});
export type ReviewTask = z.infer<typeof ReviewTask>;

export const ReviewScoreRequest = z.object({
  score: z.number().min(0).max(100),
  comment: z.string().max(2000).default(''),
});
export const CoevalScoreRequest = z.object({
  indicatorCode: z.string().max(64).nullable(),
  score: z.number().min(0).max(100),
  confirmed: z.boolean().nullable().default(null),
});
export type CoevalScoreRequest = z.input<typeof CoevalScoreRequest>;

export const CoevalScoreResponse = CoEvaluationSummary.extend({ scoreId: Uuid });
export type CoevalScoreResponse = z.infer<typeof CoevalScoreResponse>;

export const ObjectionRequest = z.object({ text: z.string().trim().min(5).max(2000) });
export const ResolveObjectionRequest = z.object({ resolution: z.string().trim().min(2).max(2000) });

// ---------------------------------------------------------------- results and statistics

export const StarsAtLeast = z.object({
  '1': z.number().int(),
  '2': z.number().int(),
  '3': z.number().int(),
  '4': z.number().int(),
  '5': z.number().int(),
});

export const StarLevelStatistics = z.object({ level: AssessedLevel, total: z.number().int(), atLeast: StarsAtLeast });
export type StarLevelStatistics = z.infer<typeof StarLevelStatistics>;

export const AssessmentTarget = z.object({
  key: z.string(),
  year: z.number().int(),
  level: AssessedLevel,
  stars: z.number().int(),
  /** Share 0–1 of regions at ≥ `stars`, or a count when `count` is set. */
  share: z.number().nullable(),
  count: z.number().int().nullable(),
  label: z.object({ zh: z.string(), en: z.string() }),
  source: z.string(),
});
export type AssessmentTarget = z.infer<typeof AssessmentTarget>;

export const AssessmentStatistics = z.object({
  year: z.number().int(),
  levels: z.array(StarLevelStatistics),
  targets: z.array(AssessmentTarget.extend({ actual: z.number(), met: z.boolean() })),
  sample: z.boolean(),
});
export type AssessmentStatistics = z.infer<typeof AssessmentStatistics>;

export const AssessmentStatisticsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/**
 * The share of a level's regions at ≥ N★ in a year's published results, with where the figure comes from and when
 * it was published (the work ledger and the one-screen view cite it). `share` is null when nothing is published.
 */
export const AssessmentShare = z.object({
  year: z.number().int(),
  regionLevel: AssessedLevel,
  stars: z.number().int().min(1).max(5),
  atLeast: z.number().int(),
  total: z.number().int(),
  share: z.number().nullable(),
  source: z.object({ campaignId: Uuid, name: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  sample: z.boolean(),
});
export type AssessmentShare = z.infer<typeof AssessmentShare>;

export const AssessmentResultRow = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: AssessedLevel,
  parentCode: z.string().nullable(),
  year: z.number().int(),
  stars: z.number().int(),
  subGrade: SubGrade.nullable(),
  score: z.number(),
  bonus: z.number(),
  rank: z.number().int(),
  previousStars: z.number().int().nullable(),
  sample: z.boolean(),
});
export type AssessmentResultRow = z.infer<typeof AssessmentResultRow>;

export const AssessmentResultsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  level: AssessedLevel.optional(),
  parent: RegionCode.optional(),
});
export type AssessmentResultsQuery = z.infer<typeof AssessmentResultsQuery>;

export const AssessmentHeatmapQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  level: AssessedLevel.default('city'),
  parent: RegionCode.optional(),
});
export type AssessmentHeatmapQuery = z.infer<typeof AssessmentHeatmapQuery>;

export const RegionReport = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: z.string(),
  history: z.array(
    AssessmentResultRow.extend({
      explanation: RatingExplanation,
      indicators: z.array(IndicatorOutcome.extend({ name: z.string(), domain: z.string() })),
    }),
  ),
  peers: z.array(
    z.object({ regionCode: z.string(), regionName: z.string(), stars: z.number().int(), score: z.number() }),
  ),
});
export type RegionReport = z.infer<typeof RegionReport>;

export const AssessmentHeatmap = z.object({
  year: z.number().int(),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  indicators: z.array(z.object({ code: z.string(), name: z.string() })),
  /** [regionIndex, indicatorIndex, stars] */
  cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
});

export const AssessmentTrendPoint = z.object({
  year: z.number().int(),
  level: AssessedLevel,
  atLeast: StarsAtLeast,
  total: z.number().int(),
});
export const AssessmentTrend = z.object({ points: z.array(AssessmentTrendPoint) });

/**
 * A co-evaluation score as another module hands it over: the participation module's event payload itself, so the
 * two can never drift apart.
 */
export const CoEvaluationInput = SupervisorScoreSubmitted;
export type CoEvaluationInput = SupervisorScoreSubmitted;
export type AssessmentHeatmap = z.infer<typeof AssessmentHeatmap>;
export type AssessmentTrend = z.infer<typeof AssessmentTrend>;
