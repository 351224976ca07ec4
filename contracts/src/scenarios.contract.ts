import { z } from 'zod';
import { defineRoles, ImportReport, IsoDate, PageQuery, pageOf, RegionCode } from './common.contract.ts';

/**
 * 优秀案例动态打榜 (Scenarios): the province's library of smart application scenarios (智慧应用场景), their review
 * from county to city to province, and the standing board that ranks them. Routes under /api/v1/scenarios/.
 */

/** Roles this module brings; the platform's (operators, approvers, experts) do the work here. */
export const SCENARIOS_ROLES = defineRoles({});

export const SCENARIOS_PERMISSIONS = {
  /** Staff read the library within their region (public pages show accepted cases to everyone). */
  read: 'scenarios.read',
  /** Operators file, edit and submit their region's cases, and record adoptions and promotion events. */
  file: 'scenarios.file',
  /** Approvers decide: a city recommends or returns its counties' cases, the province accepts or returns. */
  decide: 'scenarios.decide',
  /** The province configures the taxonomy, operating models and board rounds, and moderates held votes. */
  configure: 'scenarios.configure',
  /** Drawn experts score the cases assigned to them. */
  review: 'scenarios.review',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in scenarios.errors.ts. */
export const SCENARIOS_ERRORS = {
  scenarios_merge_pending: { zh: '这两个案例已有待确认的合并建议', en: 'A merge of these cases is awaiting consent' },
  scenarios_merge_not_pending: { zh: '该合并建议已处理', en: 'The merge proposal has been decided' },
  scenarios_not_author: {
    zh: '只有案例所属区划的填报人可以确认合并',
    en: 'Only the authors of the cases consent to a merge',
  },
  scenarios_attachment_limit: {
    zh: '该案例的照片或文档数量已达上限',
    en: 'The case has as many photos or documents as it may',
  },
  scenarios_bad_image: { zh: '无法识别的图片,或图片过大', en: 'The image cannot be read, or is too large' },
  scenarios_illegal_transition: {
    zh: '案例当前状态不允许此操作',
    en: 'The case is not in a state that allows this',
  },
  scenarios_unknown_term: { zh: '分类或运营模式不存在或已停用', en: 'Unknown or retired category or operating model' },
  scenarios_region_level: {
    zh: '案例须属于县(市、区)、市或省',
    en: 'A case belongs to a county, a city or the province',
  },
  scenarios_wrong_step: {
    zh: '此步骤须由案例所在市的审核人(推荐)或省级审核人(入榜)办理',
    en: 'This step belongs to the approver of the case’s city (recommend) or of the province (accept)',
  },
  scenarios_title_exists: { zh: '本区划已有同名案例', en: 'This region already has a case with that title' },
  scenarios_no_open_round: { zh: '当前没有进行中的打榜轮次', en: 'No board round is open' },
  scenarios_round_open: { zh: '已有进行中的轮次,请先结束它', en: 'Another round is open; close it first' },
  scenarios_round_closed: { zh: '该轮次已结束', en: 'The round is closed' },
  scenarios_not_on_board: { zh: '该案例未入榜', en: 'The case is not on the board' },
  scenarios_not_assigned: { zh: '您未被抽取评审此案例', en: 'You are not drawn to review this case' },
  scenarios_not_similar: { zh: '两个案例并不相似', en: 'The two cases are not similar' },
  scenarios_phone_wait: {
    zh: '验证码已发送,请 60 秒后再重新获取',
    en: 'A code was just sent; ask again after 60 seconds',
  },
  scenarios_phone_daily_limit: {
    zh: '该号码今日获取验证码次数已达上限',
    en: 'This number has asked for too many codes today',
  },
  scenarios_phone_code_expired: {
    zh: '验证码已失效,请重新获取',
    en: 'The code has expired or was tried too often; ask for a new one',
  },
  scenarios_phone_code_wrong: { zh: '验证码不正确', en: 'The code is not correct' },
  scenarios_conflict_of_interest: {
    zh: '专家不得评审本市案例',
    en: 'An expert does not review cases of their own city',
  },
} as const;
export type ScenariosErrorCode = keyof typeof SCENARIOS_ERRORS;

// ---------------------------------------------------------------------------------------------- taxonomy

/**
 * The configurable vocabulary: four domains (优政 惠民 兴业 强基) with their sub-categories, and the operating models
 * that record how a case is run for the long term (长效运营). Codes are stable; names and the active flag change.
 */
export const TermKind = z.enum(['domain', 'category', 'operating_model']);
export type TermKind = z.infer<typeof TermKind>;

export const TermCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'code: lower-case letters, digits and _ (2–40)' });

export const Term = z.object({
  kind: TermKind,
  code: TermCode,
  /** A category's domain; null for domains and operating models. */
  parent: TermCode.nullable(),
  zh: z.string(),
  en: z.string(),
  active: z.boolean(),
  sort: z.number().int(),
});
export type Term = z.infer<typeof Term>;

export const TermInput = z.object({
  parent: TermCode.nullable().default(null),
  zh: z.string().trim().min(1).max(40),
  en: z.string().trim().min(1).max(80),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(9999).default(100),
});
export type TermInput = z.infer<typeof TermInput>;

export const Taxonomy = z.object({ items: z.array(Term) });
export type Taxonomy = z.infer<typeof Taxonomy>;

// ---------------------------------------------------------------------------------------------- cases

/**
 * draft → submitted (a county's case awaits its city) → recommended (awaits the province) → accepted (on the board).
 * A city's or the province's own case goes from draft straight to recommended. Any reviewer may return it with a
 * reason (returned), and its author edits and submits again. `retired`: merged into another case with its authors'
 * consent.
 */
export const CaseStatus = z.enum(['draft', 'submitted', 'recommended', 'accepted', 'returned', 'retired']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Whole numbers a case reports: people, uses, fen. Stored as bigint; 10^15 bounds any real one. */
const Count = z.number().int().min(0).max(1e15);

export const CaseInput = z.object({
  regionCode: RegionCode,
  title: z.string().trim().min(4).max(80),
  domain: TermCode,
  category: TermCode,
  summary: z.string().trim().min(10).max(500),
  problem: z.string().trim().max(4000).default(''),
  approach: z.string().trim().max(4000).default(''),
  results: z.string().trim().max(4000).default(''),
  /** People served so far. */
  usersServed: Count.default(0),
  /** Uses in the latest month: the growth component of the board compares it between rounds. */
  monthlyUsage: Count.default(0),
  /** Savings per year, in fen. */
  savingsFen: Count.default(0),
  operatingModel: TermCode,
  /** How it is kept running (who pays, who operates): 长效运营 in the author's words. */
  operatingNote: z.string().trim().max(1000).default(''),
  investmentFen: Count.default(0),
  investmentSource: z.string().trim().max(200).default(''),
  goLive: IsoDate.nullable().default(null),
  responsibleUnit: z.string().trim().max(100).default(''),
  /** The project team or provider that built it. */
  builder: z.string().trim().max(100).default(''),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
});
export type CaseInput = z.infer<typeof CaseInput>;
export type CaseInputRaw = z.input<typeof CaseInput>;

export const CaseDecisionAction = z.enum(['submit', 'recommend', 'accept', 'return']);
export type CaseDecisionAction = z.infer<typeof CaseDecisionAction>;

export const CaseHistoryEntry = z.object({
  action: z.string(),
  fromStatus: CaseStatus.nullable(),
  toStatus: CaseStatus,
  byName: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

/** What a list shows. */
export const CaseSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  domain: z.string(),
  domainName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  operatingModel: z.string(),
  operatingModelName: z.string(),
  status: CaseStatus,
  usersServed: z.number(),
  investmentFen: z.number(),
  summary: z.string(),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** A photo (WebP, at most 1,600 px a side, made for the phone) or a PDF document of a case. */
export const CaseAttachment = z.object({
  id: z.uuid(),
  kind: z.enum(['photo', 'document']),
  filename: z.string(),
  type: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  uploadedAt: z.string(),
});
export type CaseAttachment = z.infer<typeof CaseAttachment>;
/** Per case: photos and documents kept, and the largest file taken (before a photo is re-encoded). */
export const ATTACHMENT_LIMITS = { photos: 12, documents: 10, maxBytes: 10 * 1024 * 1024, photoMaxSide: 1600 } as const;

/** A proposal to retire one case in favour of a near-duplicate: merged only when the authors of both consent. */
export const MergeProposal = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseTitle: z.string(),
  intoId: z.uuid(),
  intoTitle: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'merged', 'declined']),
  proposedAt: z.string(),
  /** Consent given by the authors of the case that would be retired, and of the case it would merge into. */
  caseConsent: z.boolean(),
  intoConsent: z.boolean(),
  declineNote: z.string().nullable(),
  /** Which side's consent the caller may give now (null: none). */
  canConsentFor: z.enum(['case', 'into']).nullable(),
});
export type MergeProposal = z.infer<typeof MergeProposal>;
export const MergeProposalInput = z.object({ reason: z.string().trim().min(2).max(500) });
export const MergeConsent = z.object({
  accept: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export type MergeConsent = z.infer<typeof MergeConsent>;

export const ScenarioCase = CaseSummary.extend({
  problem: z.string(),
  approach: z.string(),
  results: z.string(),
  monthlyUsage: z.number(),
  savingsFen: z.number(),
  operatingNote: z.string(),
  investmentSource: z.string(),
  goLive: z.string().nullable(),
  responsibleUnit: z.string(),
  builder: z.string(),
  tags: z.array(z.string()),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  history: z.array(CaseHistoryEntry),
  attachments: z.array(CaseAttachment),
  /** Merge proposals this case is part of, newest first (an accepted one names the case it was merged into). */
  merges: z.array(MergeProposal),
  /** What the caller may do now, so the page shows only buttons that will work. */
  allowed: z.array(z.enum(['edit', 'submit', 'recommend', 'accept', 'return'])),
});
export type ScenarioCase = z.infer<typeof ScenarioCase>;

export const CaseQuery = PageQuery.extend({
  region: RegionCode.optional(),
  status: CaseStatus.optional(),
  domain: TermCode.optional(),
  category: TermCode.optional(),
  operatingModel: TermCode.optional(),
  /** Words to find (Chinese is segmented as the library is). */
  q: z.string().trim().max(50).optional(),
  /** Only cases waiting for the caller's decision. */
  awaitingMe: z.enum(['true', 'false']).optional(),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

export const CasePage = pageOf(CaseSummary);
export type CasePage = z.infer<typeof CasePage>;

/**
 * An Excel import of cases: all rows or none (every bad cell named with its row), and for each imported row the
 * library's cases it resembles, so the reviewer sees a copy before anything moves on (nothing is merged).
 */
export const CaseImportReport = ImportReport.extend({
  ids: z.array(z.uuid()),
  duplicates: z.array(
    z.object({
      row: z.number().int(),
      caseId: z.uuid(),
      title: z.string(),
      similar: z.array(z.object({ id: z.uuid(), title: z.string(), similarity: z.number() })),
    }),
  ),
});
export type CaseImportReport = z.infer<typeof CaseImportReport>;

/** The export's filters: those of the library list, no paging (the reader's regions only). */
export const CaseExportQuery = CaseQuery.omit({ page: true, pageSize: true, awaitingMe: true });
export type CaseExportQuery = z.infer<typeof CaseExportQuery>;

export const ReturnInput = z.object({ reason: z.string().trim().min(2).max(500) });
export type ReturnInput = z.infer<typeof ReturnInput>;

export const CaseIdParams = z.object({ id: z.uuid() });
export const TermParams = z.object({ kind: TermKind, code: TermCode });

export * from './scenarios/board.ts';
import { Standing, Why } from './scenarios/board.ts';

/** A case as the public sees it (accepted cases only): no steps, no author data beyond the units. */
export const PublicCase = ScenarioCase.omit({ history: true, allowed: true, returnReason: true, merges: true }).extend({
  standing: Standing.extend({ why: Why.nullable() }).nullable(),
});
export type PublicCase = z.infer<typeof PublicCase>;

// ---------------------------------------------------------------------------------------------- duplicates, replication

export const Duplicate = z.object({
  otherId: z.uuid(),
  title: z.string(),
  regionName: z.string(),
  status: CaseStatus,
  similarity: z.number(),
  decision: z.enum(['open', 'linked', 'dismissed']),
  /** The matching sentences side by side. */
  passages: z.array(z.object({ mine: z.string(), theirs: z.string(), similarity: z.number() })),
});
export type Duplicate = z.infer<typeof Duplicate>;
export const DuplicateList = z.object({ items: z.array(Duplicate) });
export type DuplicateList = z.infer<typeof DuplicateList>;
export const DuplicateParams = z.object({ id: z.uuid(), otherId: z.uuid() });
export const DuplicateDecision = z.object({ decision: z.enum(['link', 'dismiss']) });

export const ReplicationInput = z.object({
  /** The adopting region (the caller's own). */
  adopterRegion: RegionCode,
  /** The adopter's own filed case, when it has one. */
  adopterCaseId: z.uuid().nullable().default(null),
  evidence: z.string().trim().min(4).max(1000),
  adoptedOn: IsoDate,
});
export type ReplicationInput = z.infer<typeof ReplicationInput>;

export const Replication = z.object({
  id: z.uuid(),
  sourceCaseId: z.uuid(),
  sourceTitle: z.string(),
  adopterRegion: z.string(),
  adopterName: z.string(),
  adopterCaseId: z.uuid().nullable(),
  evidence: z.string(),
  adoptedOn: z.string(),
  status: z.enum(['claimed', 'confirmed', 'rejected']),
  reason: z.string().nullable(),
  /** The promotion events (现场会/观摩会/巡讲) that showed the case to the adopter before it adopted. */
  followedEvents: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.string(), heldOn: z.string() })),
  demo: z.boolean(),
});
export type Replication = z.infer<typeof Replication>;
export const ReplicationList = z.object({ items: z.array(Replication) });
export const ReplicationDecision = z.object({
  decision: z.enum(['confirm', 'reject']),
  reason: z.string().trim().max(500).default(''),
});

export const PromotionKind = z.enum(['onsite', 'visit', 'tour']);
export const PROMOTION_NAMES = {
  onsite: { zh: '现场会', en: 'On-site meeting' },
  visit: { zh: '观摩会', en: 'Study visit' },
  tour: { zh: '巡讲', en: 'Touring talk' },
} as const;
export const PromotionInput = z.object({
  kind: PromotionKind,
  title: z.string().trim().min(2).max(80),
  heldOn: IsoDate,
  place: z.string().trim().min(2).max(100),
  hostRegion: RegionCode,
  caseIds: z.array(z.uuid()).min(1).max(50),
  attendingRegions: z.array(RegionCode).min(1).max(200),
});
export type PromotionInput = z.infer<typeof PromotionInput>;
export const Promotion = PromotionInput.extend({
  id: z.uuid(),
  demo: z.boolean(),
  /** Adoptions of the shown cases by attending regions after the event. */
  adoptionsAfter: z.number().int(),
});
export type Promotion = z.infer<typeof Promotion>;
export const PromotionList = z.object({ items: z.array(Promotion) });
/** Accepted cases (on the board) in a region's subtree, for the one-screen view: by region and by domain. */
export const BoardSummary = z.object({
  regionCode: z.string(),
  accepted: z.number().int(),
  byRegion: z.array(z.object({ code: z.string(), n: z.number().int() })),
  byDomain: z.array(z.object({ domain: z.string(), name: z.string(), n: z.number().int() })),
  /** The newest acceptance counted (null: none). */
  asOf: z.string().nullable(),
  sample: z.boolean(),
});
export type BoardSummary = z.infer<typeof BoardSummary>;
