import { z } from 'zod';
import { INT4_MAX, IsoDate, IsoDateTime, Measure, pageOf, RegionCode } from '../common.contract.ts';

/**
 * 问需于民 campaigns and surveys, responses, analysis and 你提我办 action items: part of the participation contract
 * (import it as `@zhicheng/contracts/participation`).
 */

/** A mainland mobile number, as a respondent or applicant types it. */
export const MobilePhone = z.string().regex(/^1\d{10}$/, { message: '11-digit mobile number' });

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

export type AnswerValueOf = string | number | string[];

/**
 * Whether a question is shown: it has no condition, or its condition's choice question has one of the options
 * chosen. The server checks answers by this rule and the answer page shows questions by it.
 */
export function questionShown(q: Question, valueOf: (questionId: string) => AnswerValueOf | undefined): boolean {
  if (!q.showIf) return true;
  const v = valueOf(q.showIf.questionId);
  if (v === undefined) return false;
  const chosen = Array.isArray(v) ? v : [String(v)];
  return q.showIf.anyOf.some((o) => chosen.includes(o));
}

/** An answer that counts as not given (a required question left like this is unanswered). */
export const isEmptyAnswer = (v: AnswerValueOf | undefined) =>
  v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Question types a cross-tab by region can be made of. */
export const CROSS_TAB_TYPES: readonly QuestionType[] = ['single', 'multiple', 'rating'];

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
  phone: MobilePhone.optional(),
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
  phone: MobilePhone.optional(),
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
export type Followup = z.infer<typeof Followup>;
export type PublicFollowup = z.infer<typeof PublicFollowup>;
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>;
export type UpdateCampaignRequest = z.infer<typeof UpdateCampaignRequest>;
export type PaperResponseRequest = z.infer<typeof PaperResponseRequest>;
export type ResponseListQuery = z.infer<typeof ResponseListQuery>;
export type ResponsePage = z.infer<typeof ResponsePage>;
export type StatsQuery = z.infer<typeof StatsQuery>;
export type CreateActionRequest = z.input<typeof CreateActionRequest>;
export type UpdateActionRequest = z.infer<typeof UpdateActionRequest>;
export type FollowupAnswer = z.infer<typeof FollowupAnswer>;
