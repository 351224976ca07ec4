import { z } from 'zod';
import { defineRoles, INT4_MAX, IsoDate, IsoDateTime, Measure, pageOf, RegionCode } from './common.contract.ts';

/** The participation module's own role: vetted citizens and media who co-evaluate (监督共评). */
export const PARTICIPATION_ROLES = defineRoles({
  citizen_supervisor: { zh: '市民监督员', en: 'Citizen supervisor', level: null, duty: 'participant' },
});

/** 问需于民 surveys, 你提我办 action items and the 市民监督员 pool. */

export const PARTICIPATION_PERMISSIONS = {
  /** Build, localise and publish surveys; run campaigns. */
  surveysManage: 'participation.surveys.manage',
  /** Read responses, statistics and demand topics of one's regions. */
  responsesRead: 'participation.responses.read',
  /** Enter paper (offline) responses. */
  responsesEnter: 'participation.responses.enter',
  /** Turn demands into action items and follow them up. */
  actionsManage: 'participation.actions.manage',
  /** Vet supervisors, create tasks, draw panels. */
  supervisorsManage: 'participation.supervisors.manage',
  /** A vetted citizen supervisor: see own tasks, score. */
  tasksScore: 'participation.tasks.score',
} as const;

export const PARTICIPATION_ERRORS = {
  survey_published: {
    zh: '问卷已发布,不能修改;请创建新版本',
    en: 'The survey is published and cannot change; create a new version',
  },
  survey_not_open: { zh: '问卷未发布或已关闭', en: 'The survey is not open for answers' },
  already_answered: { zh: '此设备已提交过本问卷', en: 'This device has already answered this survey' },
  verified_required: { zh: '本问卷需登录后填写', en: 'Please sign in to answer this survey' },
  mandatory_dropped: { zh: '不能删除上级设定的必答题', en: 'Mandatory questions of the template cannot be dropped' },
  invalid_answer: { zh: '答案不符合要求', en: 'Invalid answer' },
  panel_infeasible: { zh: '候选监督员不足,无法按配额抽取', en: 'Not enough eligible supervisors for the quotas' },
  not_panel_member: { zh: '您不是该任务的监督员', en: 'You are not on this task’s panel' },
  photo_required: { zh: '现场核验须先上传照片', en: 'Upload at least one photo before verifying on site' },
} as const;
export type ParticipationErrorCode = keyof typeof PARTICIPATION_ERRORS;

// ---------------------------------------------------------------- survey definition

export const QuestionType = z.enum(['single', 'multiple', 'rating', 'matrix', 'number', 'region', 'text']);
export type QuestionType = z.infer<typeof QuestionType>;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'letters, digits, _ or - (1–40)' });
export const Option = z.object({ id: Id, label: z.string().trim().min(1).max(200) });

export const Question = z.object({
  id: Id,
  type: QuestionType,
  title: z.string().trim().min(1).max(500),
  help: z.string().max(500).optional(),
  required: z.boolean().default(false),
  /** Set by the province template: a city or county localising it must keep the question unchanged. */
  mandatory: z.boolean().default(false),
  /** single, multiple, matrix (the columns). */
  options: z.array(Option).max(50).optional(),
  /** matrix rows. */
  rows: z.array(Option).max(30).optional(),
  /** rating: 1..scale (default 5). */
  scale: z.number().int().min(2).max(10).optional(),
  /** number bounds. */
  min: Measure.optional(),
  max: Measure.optional(),
  maxChoices: z.number().int().min(1).max(50).optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
  /** Free text that feeds demand-topic analysis. */
  demand: z.boolean().optional(),
  /** Conditional display: shown only when the referenced choice question has one of these options chosen. */
  showIf: z.object({ questionId: Id, anyOf: z.array(Id).min(1) }).optional(),
});
export type Question = z.infer<typeof Question>;

export const SurveyPage = z.object({
  id: Id,
  title: z.string().max(200).default(''),
  questions: z.array(Question).max(100),
});
export type SurveyPage = z.infer<typeof SurveyPage>;

export const SurveyDefinition = z.object({ pages: z.array(SurveyPage).min(1).max(20) });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const SurveyStatus = z.enum(['draft', 'published', 'archived']);

export const Survey = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  regionCode: RegionCode,
  regionName: z.string(),
  /** The survey it localises (the province or city template), if any. */
  baseSurveyId: z.uuid().nullable(),
  /** Stable across versions. */
  lineageId: z.uuid(),
  version: z.number().int(),
  status: SurveyStatus,
  title: z.string(),
  description: z.string(),
  consentVersion: z.string(),
  consentText: z.string(),
  verifiedOnly: z.boolean(),
  definition: SurveyDefinition,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Survey = z.infer<typeof Survey>;

export const SurveyInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  consentVersion: z.string().trim().min(1).max(32).default('v1'),
  consentText: z
    .string()
    .max(4000)
    .default('您的回答仅用于改进公共服务;联系方式可不填,填写后加密保存,活动结束后按期删除。'),
  verifiedOnly: z.boolean().default(false),
  definition: SurveyDefinition,
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const CreateSurveyRequest = SurveyInput.extend({
  regionCode: RegionCode,
  /** Localise this template (a published survey of the same campaign in an ancestor region). */
  baseSurveyId: z.uuid().optional(),
});
export type CreateSurveyRequest = z.infer<typeof CreateSurveyRequest>;

/** What the public answer page receives: no staff fields. */
export const PublicSurvey = Survey.pick({
  id: true,
  title: true,
  description: true,
  consentVersion: true,
  consentText: true,
  verifiedOnly: true,
  definition: true,
  regionCode: true,
  regionName: true,
  version: true,
}).extend({
  campaignId: z.uuid(),
  campaignTitle: z.string(),
  demo: z.boolean(),
});
export type PublicSurvey = z.infer<typeof PublicSurvey>;

// ---------------------------------------------------------------- campaigns

export const Campaign = z.object({
  id: z.uuid(),
  title: z.string(),
  year: z.number().int(),
  regionCode: RegionCode,
  regionName: z.string(),
  status: z.enum(['open', 'closed']),
  closesAt: z.string().nullable(),
  /** Contact details are purged this many days after the campaign closes. */
  retentionDays: z.number().int(),
  demo: z.boolean(),
  responseCount: z.number().int(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CreateCampaignRequest = z.object({
  title: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100),
  regionCode: RegionCode,
  closesAt: IsoDateTime.optional(),
  retentionDays: z.number().int().min(0).max(3650).default(180),
});

export const CampaignDetail = Campaign.extend({
  surveys: z.array(
    Survey.omit({ definition: true }).extend({ responseCount: z.number().int(), questionCount: z.number().int() }),
  ),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const UpdateCampaignRequest = z.object({
  status: z.enum(['open', 'closed']).optional(),
  closesAt: IsoDateTime.nullable().optional(),
});

// ---------------------------------------------------------------- responses

export const AnswerValue = z.union([z.string().max(4000), z.array(z.string().max(64)).max(50), Measure]);
export const Answer = z.object({ questionId: Id, value: AnswerValue });
export type Answer = z.infer<typeof Answer>;

export const SubmitResponseRequest = z.object({
  answers: z.array(Answer).max(300),
  /** A random token the answer page keeps in the phone's storage: one response per device per survey. */
  deviceToken: z.string().min(8).max(128).optional(),
  consentVersion: z.string().min(1).max(32),
  /** Optional, for a follow-up: encrypted at rest, shown masked, purged after the retention period. */
  phone: z
    .string()
    .regex(/^1\d{10}$/, { message: '11-digit mobile number' })
    .optional(),
});
export type SubmitResponseRequest = z.infer<typeof SubmitResponseRequest>;

export const Channel = z.enum(['online', 'offline']);
export type Channel = z.infer<typeof Channel>;

export const ResponseReceipt = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  submittedAt: z.string(),
  channel: Channel,
  verified: z.boolean(),
});
export type ResponseReceipt = z.infer<typeof ResponseReceipt>;

export const PaperResponseRequest = z.object({
  answers: z.array(Answer).max(300),
  phone: z
    .string()
    .regex(/^1\d{10}$/, { message: '11-digit mobile number' })
    .optional(),
  /** The paper form's serial number, so the same sheet is not entered twice. */
  paperRef: z.string().trim().min(1).max(64),
});

export const ResponseRow = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  regionCode: RegionCode,
  regionName: z.string(),
  channel: Channel,
  verified: z.boolean(),
  phoneMasked: z.string().nullable(),
  submittedAt: z.string(),
  answers: z.array(Answer),
  demo: z.boolean(),
});
export type ResponseRow = z.infer<typeof ResponseRow>;
export const ResponsePage = pageOf(ResponseRow);

export const ResponseListQuery = z.object({
  region: RegionCode.optional(),
  channel: Channel.optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const PaperImportResult = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

// ---------------------------------------------------------------- analysis

export const StatsQuery = z.object({ region: RegionCode.optional(), crossQuestion: z.string().max(40).optional() });

export const CampaignStats = z.object({
  regionCode: RegionCode,
  total: z.number().int(),
  byRegion: z.array(z.object({ code: RegionCode, name: z.string(), count: z.number().int() })),
  byChannel: z.array(z.object({ channel: Channel, count: z.number().int() })),
  byDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  questions: z.array(
    z.object({
      questionId: z.string(),
      title: z.string(),
      type: QuestionType,
      answered: z.number().int(),
      options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })),
      mean: z.number().nullable(),
    }),
  ),
  /** Option shares of one choice question in each child region. */
  crossTab: z
    .object({
      questionId: z.string(),
      options: z.array(z.object({ id: z.string(), label: z.string() })),
      rows: z.array(
        z.object({ code: RegionCode, name: z.string(), total: z.number().int(), counts: z.array(z.number().int()) }),
      ),
    })
    .nullable(),
});
export type CampaignStats = z.infer<typeof CampaignStats>;

export const DemandTopic = z.object({
  id: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  count: z.number().int(),
  share: z.number(),
  quotes: z.array(z.string()),
  byRegion: z.array(z.object({ code: RegionCode, name: z.string(), count: z.number().int() })),
});
export type DemandTopic = z.infer<typeof DemandTopic>;

export const TopicAnalysis = z.object({
  regionCode: RegionCode,
  documents: z.number().int(),
  topics: z.array(DemandTopic),
  keywords: z.array(z.object({ word: z.string(), weight: z.number() })),
  elapsedMs: z.number(),
});
export type TopicAnalysis = z.infer<typeof TopicAnalysis>;

export const TopicComparison = z.object({
  campaigns: z.array(
    z.object({ id: z.uuid(), title: z.string(), year: z.number().int(), documents: z.number().int() }),
  ),
  rows: z.array(z.object({ label: z.string(), keywords: z.array(z.string()), shares: z.array(z.number().nullable()) })),
});
export type TopicComparison = z.infer<typeof TopicComparison>;

// ---------------------------------------------------------------- 你提我办

export const ActionStatus = z.enum(['planned', 'in_progress', 'done']);
export const ActionItem = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  regionCode: RegionCode,
  regionName: z.string(),
  department: z.string(),
  title: z.string(),
  topicLabel: z.string().nullable(),
  responseId: z.uuid().nullable(),
  demandCount: z.number().int(),
  deadline: z.string(),
  status: ActionStatus,
  progressNote: z.string(),
  updatedAt: z.string(),
  followups: z.object({ asked: z.number().int(), answered: z.number().int(), meanSatisfaction: z.number().nullable() }),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const CreateActionRequest = z.object({
  regionCode: RegionCode,
  department: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(300),
  topicLabel: z.string().max(100).optional(),
  responseId: z.uuid().optional(),
  demandCount: z.number().int().min(0).max(INT4_MAX).default(0),
  deadline: IsoDate,
});
export const UpdateActionRequest = z.object({
  status: ActionStatus.optional(),
  progressNote: z.string().max(2000).optional(),
  deadline: IsoDate.optional(),
});

export const PublicProgress = z.object({
  campaign: z.object({
    id: z.uuid(),
    title: z.string(),
    year: z.number().int(),
    regionName: z.string(),
    demo: z.boolean(),
    responseCount: z.number().int(),
  }),
  items: z.array(
    ActionItem.omit({ responseId: true, followups: true }).extend({ satisfaction: z.number().nullable() }),
  ),
});
export type PublicProgress = z.infer<typeof PublicProgress>;

export const Followup = z.object({
  id: z.uuid(),
  token: z.string(),
  phoneMasked: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  answeredAt: z.string().nullable(),
});
export const FollowupAnswer = z.object({
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().max(500).optional(),
});
export const PublicFollowup = z.object({
  actionTitle: z.string(),
  department: z.string(),
  progressNote: z.string(),
  status: ActionStatus,
  answered: z.boolean(),
});

// ---------------------------------------------------------------- supervisors

export const AgeBand = z.enum(['18-29', '30-44', '45-59', '60+']);
export type AgeBand = z.infer<typeof AgeBand>;
export const Gender = z.enum(['female', 'male']);
export type Gender = z.infer<typeof Gender>;

export const SupervisorApplication = z.object({
  name: z.string().trim().min(1).max(32),
  phone: z.string().regex(/^1\d{10}$/, { message: '11-digit mobile number' }),
  regionCode: RegionCode,
  occupation: z.string().trim().min(1).max(64),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean().default(false),
  statement: z.string().max(1000).default(''),
});

export const SupervisorStatus = z.enum(['applied', 'approved', 'rejected']);
export const Supervisor = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  occupation: z.string(),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean(),
  status: SupervisorStatus,
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  username: z.string().nullable(),
  appliedAt: z.string(),
  demo: z.boolean(),
  /** Agreement with the panels this supervisor sat on (0–100), null before any scored task. */
  agreement: z.number().nullable(),
  outlierCount: z.number().int(),
});
export type Supervisor = z.infer<typeof Supervisor>;
export const SupervisorPage = pageOf(Supervisor);
export const SupervisorListQuery = z.object({
  status: SupervisorStatus.optional(),
  region: RegionCode.optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const VetRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  termStart: IsoDate.optional(),
  termEnd: IsoDate.optional(),
  note: z.string().max(500).optional(),
});
/** The initial password is shown once to the vetting official and never stored in clear. */
export const VetResult = z.object({
  status: SupervisorStatus,
  username: z.string().nullable(),
  initialPassword: z.string().nullable(),
});

export const Quotas = z.object({
  byRegion: z.record(RegionCode, z.number().int().min(0).max(INT4_MAX)).optional(),
  byAgeBand: z.partialRecord(AgeBand, z.number().int().min(0).max(INT4_MAX)).optional(),
  byGender: z.partialRecord(Gender, z.number().int().min(0).max(INT4_MAX)).optional(),
  /** At least this many media members. */
  minMedia: z.number().int().min(0).max(INT4_MAX).optional(),
});
export type Quotas = z.infer<typeof Quotas>;

export const TaskKind = z.enum(['service', 'indicator_verification']);
export const CreateTaskRequest = z.object({
  title: z.string().trim().min(1).max(200),
  kind: TaskKind,
  regionCode: RegionCode,
  year: z.number().int().min(2000).max(2100),
  indicatorCode: z.string().max(64).optional(),
  description: z.string().max(2000).default(''),
  panelSize: z.number().int().min(1).max(200),
  quotas: Quotas.default({}),
});

export const PanelMember = z.object({
  supervisorId: z.uuid(),
  nameMasked: z.string(),
  regionName: z.string(),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean(),
  score: z.number().nullable(),
  confirmed: z.boolean().nullable(),
  comment: z.string().nullable(),
  photoCount: z.number().int(),
  submittedAt: z.string().nullable(),
  deviation: z.number().nullable(),
  outlier: z.boolean(),
});
export const Task = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: TaskKind,
  regionCode: RegionCode,
  regionName: z.string(),
  year: z.number().int(),
  indicatorCode: z.string().nullable(),
  description: z.string(),
  panelSize: z.number().int(),
  quotas: Quotas,
  seed: z.number().nullable(),
  drawnAt: z.string().nullable(),
  status: z.enum(['open', 'drawn', 'closed']),
  panelMedian: z.number().nullable(),
  members: z.array(PanelMember),
});
export type Task = z.infer<typeof Task>;
export const TaskSummary = Task.omit({ members: true }).extend({ scored: z.number().int() });

export const DrawRequest = z.object({ seed: z.number().int().min(0).max(4294967295).optional() });
export const DrawCheck = z.object({ seed: z.number(), matches: z.boolean(), memberIds: z.array(z.uuid()) });

export const SubmitScoreRequest = z.object({
  score: z.number().min(0).max(100),
  confirmed: z.boolean().optional(),
  comment: z.string().max(1000).optional(),
});

export const MyTask = Task.omit({ members: true }).extend({
  myScore: z.number().nullable(),
  myPhotoCount: z.number().int(),
});
export type MyTask = z.infer<typeof MyTask>;
export type PaperImportResult = z.infer<typeof PaperImportResult>;
export type TaskSummary = z.infer<typeof TaskSummary>;
