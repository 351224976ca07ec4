import crypto from 'node:crypto';
import {
  ASSESSMENT_PERMISSIONS as P,
  Indicator as IndicatorSchema,
  RatingPolicy as RatingPolicySchema,
  type AssessmentCampaign,
  type IndicatorCatalogue,
  type IndicatorCatalogueSummary,
  type CoEvaluationInput,
  type Indicator,
  type IndicatorValue,
  type StarLevelStatistics,
  type OpenCampaignRequest,
  type RatingPolicy,
  type RegionReport,
  type AssessmentResultRow,
  type Role,
  type SimulateRequest,
  type SimulateResponse,
  type AssessmentStatistics,
  type AssessmentSubmission,
  type AssessmentSubmissionStatus,
  type AssessmentSubmissionSummary,
  type AssessmentTarget,
} from '@zhicheng/contracts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { Db } from '../../platform/database/index.ts';
import { AppError, invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { RegionsService } from '../regions/index.ts';
import {
  AssessmentRepository,
  iso,
  isoOrNull,
  num,
  numOrNull,
  type CampaignRow,
  type CatalogueRow,
  type ResultInsert,
  type SubmissionRow,
} from './assessment.repository.ts';
import { DEFAULT_CATALOGUES } from './catalogues.ts';
import { cheapestPath } from './gap.ts';
import { explainText, rate, thresholdProblem, valueOf } from './rating.ts';

type Code = (typeof import('@zhicheng/contracts').ASSESSMENT_ERROR_CODES)[number];

const MESSAGES: Record<Code, [number, string, string]> = {
  assessment_illegal_transition: [409, '当前状态不允许此操作', 'The submission is not in a state that allows this'],
  assessment_children_pending: [
    409,
    '下级区县尚未全部审核通过,不能审核本级',
    'Not all subordinate counties are approved yet',
  ],
  assessment_locked: [409, '数据已提交或审核,已锁定', 'The data is submitted or approved and locked'],
  assessment_invalid_submission: [422, '填报内容未通过校验', 'The submission does not pass validation'],
  assessment_conflict_of_interest: [403, '专家不得评审本地区', 'An expert may not review their own region'],
  assessment_catalogue_locked: [
    409,
    '该指标体系版本已被评估活动使用,不可修改',
    'This catalogue version is used by a campaign and cannot change',
  ],
  assessment_no_campaign: [404, '没有该年度的评估活动', 'No campaign for that year'],
  assessment_notice_open: [
    409,
    '公示期未结束或仍有未处理的异议',
    'The notice period is still open or objections are unresolved',
  ],
  assessment_not_enough_experts: [
    409,
    '可抽取的专家不足(须回避本地区)',
    'Not enough eligible experts (own-region experts are excluded)',
  ],
};

/** The module's stable error codes. */
/** What counts as filing or editing a submission: its filer may not approve it (four eyes). */
const SUBMISSION_EDITS = [
  'assessment.submission.save',
  'assessment.submission.submit',
  'assessment.evidence.upload',
] as const;

export class AssessmentError extends AppError {
  constructor(code: Code, refine?: { zh?: string; en?: string }, fieldErrors?: { path: string; message: string }[]) {
    const [status, zh, en] = MESSAGES[code];
    super(code, status, { zh: refine?.zh ?? zh, en: refine?.en ?? en }, fieldErrors);
  }
}

const EDITABLE: AssessmentSubmissionStatus[] = ['draft', 'returned'];
const RETURNABLE: AssessmentSubmissionStatus[] = [
  'submitted',
  'city_approved',
  'province_approved',
  'expert_review',
  'expert_reviewed',
  'co_evaluation',
  'public_notice',
];
const APPROVED_BY_PROVINCE: AssessmentSubmissionStatus[] = [
  'province_approved',
  'expert_review',
  'expert_reviewed',
  'co_evaluation',
  'public_notice',
  'published',
];

/** Published targets (鲁政办字〔2020〕136号 and the 2024 reply's next step). */
export const TARGETS: AssessmentTarget[] = [
  {
    key: '2022-city-3',
    year: 2022,
    level: 'city',
    stars: 3,
    share: 1,
    count: null,
    label: { zh: '2022年:16市全部达到三星级以上', en: '2022: all 16 cities at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2022-county-3',
    year: 2022,
    level: 'county',
    stars: 3,
    share: 0.8,
    count: null,
    label: { zh: '2022年:80%县(市、区)达到三星级以上', en: '2022: 80% of counties at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-county-3',
    year: 2025,
    level: 'county',
    stars: 3,
    share: 1,
    count: null,
    label: { zh: '2025年:县(市、区)全部达到三星级以上', en: '2025: all counties at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-city-4',
    year: 2025,
    level: 'city',
    stars: 4,
    share: 1,
    count: null,
    label: { zh: '2025年:设区市全部达到四星级以上', en: '2025: all cities at ≥4★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-county-4',
    year: 2025,
    level: 'county',
    stars: 4,
    share: 0.6,
    count: null,
    label: { zh: '2025年:60%县(市、区)达到四星级以上', en: '2025: 60% of counties at ≥4★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-city-5',
    year: 2025,
    level: 'city',
    stars: 5,
    share: null,
    count: 3,
    label: { zh: '2025年:至少3个五星级标杆城市', en: '2025: at least 3 five-star cities' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: 'next-county-4',
    year: 2026,
    level: 'county',
    stars: 4,
    share: 0.4,
    count: null,
    label: { zh: '下一步:40%以上县(市、区)达到四星级', en: 'Next step: ≥40% of counties at 4★' },
    source: '2024-09-18 答复',
  },
];

const ORDER_ALIAS = 'ABCDEFGHIJ';

/** Co-evaluation by citizen supervisors and media covers the citizen-facing domain unless the province chooses. */
export const COEVAL_DEFAULT_DOMAIN = '数字惠民';

/**
 * Stars per indicator are stored compactly as a digit string in catalogue order ("34523…"); catalogue versions in
 * use never change, so the position is stable. Older rows may hold an object keyed by code.
 */
export function starAt(stored: unknown, code: string, index: number): number {
  if (typeof stored === 'string') return index >= 0 && index < stored.length ? Number(stored[index]) : 0;
  return Number((stored as Record<string, number> | null)?.[code] ?? 0);
}

/** The service behind a module instance's api, for tests and benchmarks (not for other modules). */
export const serviceOfApi = new WeakMap<object, AssessmentService>();

export class AssessmentService {
  private readonly catalogueCache = new Map<string, CatalogueRow>();

  constructor(
    private readonly platform: Platform,
    readonly regions: RegionsService,
    readonly repo = new AssessmentRepository(),
  ) {}

  private get db(): Db {
    return this.platform.db;
  }
  private now(): Date {
    return this.platform.clock.now();
  }
  private async audit(
    tx: Db,
    ctx: RequestContext,
    action: string,
    objectType: string,
    objectId: string | null,
    before?: unknown,
    after?: unknown,
  ) {
    await this.platform.audit.record(tx, ctx, { action: `assessment.${action}`, objectType, objectId, before, after });
  }

  // ================================================================ catalogues

  /** Loads the default catalogues once; existing versions are kept. */
  async ensureDefaultCatalogues(db: Db = this.db): Promise<void> {
    for (const c of DEFAULT_CATALOGUES) {
      if ((await this.repo.latestVersion(db, c.key)) > 0) continue;
      await this.repo.insertCatalogue(db, {
        id: crypto.randomUUID(),
        key: c.key,
        version: 1,
        name: c.name,
        standard: c.standard,
        level: c.level,
        policy: c.policy,
        indicators: c.indicators,
        createdAt: this.now(),
      });
    }
  }

  async catalogueRow(id: string, db: Db = this.db): Promise<CatalogueRow> {
    const hit = this.catalogueCache.get(id);
    if (hit) return hit;
    const row = await this.repo.catalogue(db, id);
    if (!row) throw notFound({ zh: '指标体系', en: 'catalogue' });
    row.policy = RatingPolicySchema.parse(row.policy);
    // Locked versions never change again, so they can be remembered.
    if (row.locked) this.catalogueCache.set(id, row);
    return row;
  }

  private summary(c: CatalogueRow): IndicatorCatalogueSummary {
    return {
      id: c.id,
      key: c.key,
      version: c.version,
      name: c.name,
      standard: c.standard,
      level: c.level,
      locked: c.locked,
      indicatorCount: c.indicators.length,
      createdAt: iso(c.createdAt),
    };
  }

  async listCatalogues(): Promise<IndicatorCatalogueSummary[]> {
    return (await this.repo.listCatalogues(this.db)).map((c) => this.summary(c));
  }

  async getCatalogue(id: string): Promise<IndicatorCatalogue> {
    const c = await this.catalogueRow(id);
    return { ...this.summary(c), policy: c.policy, indicators: c.indicators };
  }

  /** Checks a whole catalogue; returns problems by indicator index. */
  static catalogueProblems(indicators: Indicator[]): { index: number; field: string; message: string }[] {
    const out: { index: number; field: string; message: string }[] = [];
    const seen = new Set<string>();
    indicators.forEach((i, index) => {
      if (seen.has(i.code)) out.push({ index, field: 'code', message: `duplicate code ${i.code}` });
      seen.add(i.code);
      const t = thresholdProblem(i);
      if (t) out.push({ index, field: 'thresholds', message: t });
      if (i.parentCode && !indicators.some((p) => p.code === i.parentCode))
        out.push({ index, field: 'parentCode', message: `unknown parent ${i.parentCode}` });
    });
    return out;
  }

  /** A new version of a catalogue (copy of `fromId` with changes); versions are never edited in place. */
  async createVersion(
    ctx: RequestContext,
    req: { fromId: string; name?: string; policy?: Partial<RatingPolicy>; indicators?: Indicator[] },
  ): Promise<IndicatorCatalogueSummary> {
    this.platform.authz.require(ctx.actor, P.catalogueManage);
    const from = await this.catalogueRow(req.fromId);
    const indicators = req.indicators ?? from.indicators;
    const problems = AssessmentService.catalogueProblems(indicators);
    if (problems.length)
      throw invalidField(
        `indicators.${problems[0]!.index}.${problems[0]!.field}`,
        problems[0]!.message,
        problems[0]!.message,
      );
    const policy = RatingPolicySchema.parse({ ...from.policy, ...(req.policy ?? {}) });
    return this.db.transaction(async (tx) => {
      const version = (await this.repo.latestVersion(tx, from.key)) + 1;
      const id = crypto.randomUUID();
      await this.repo.insertCatalogue(tx, {
        id,
        key: from.key,
        version,
        name: req.name ?? from.name,
        standard: from.standard,
        level: from.level,
        policy,
        indicators,
        createdAt: this.now(),
      });
      await this.audit(tx, ctx, 'catalogue.create', 'catalogue', id, undefined, { key: from.key, version });
      return this.summary((await this.repo.catalogue(tx, id))!);
    });
  }

  /** Rows of an Excel catalogue → indicators, with row-level errors; nothing is saved unless every row is valid. */
  async importCatalogue(ctx: RequestContext, fromId: string, rows: { row: number; values: Record<string, string> }[]) {
    this.platform.authz.require(ctx.actor, P.catalogueManage);
    const errors: { row: number; field: string; message: string }[] = [];
    const indicators: Indicator[] = [];
    const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
    const yes = (s: string | undefined) => ['1', 'true', '是', 'y', 'yes'].includes((s ?? '').toLowerCase());
    for (const r of rows) {
      const v = r.values;
      const candidate = {
        code: v.code,
        domain: v.domain,
        parentCode: v.parentCode || null,
        name: v.name,
        definition: v.definition ?? '',
        unit: v.unit ?? '',
        direction: v.direction === 'lower' || v.direction === '越低越好' ? 'lower' : 'higher',
        formula: v.factor
          ? { kind: 'ratio', numerator: v.numerator ?? '', denominator: v.denominator ?? '', factor: Number(v.factor) }
          : { kind: 'direct' },
        thresholds: [n(v.t1), n(v.t2), n(v.t3), n(v.t4), n(v.t5)],
        weight: n(v.weight) ?? 0,
        evidenceRequired: yes(v.evidenceRequired),
        veto: yes(v.veto),
        bonusPoints: n(v.bonusPoints),
        min: n(v.min),
        max: n(v.max),
        sample: v.sample === undefined || v.sample === '' ? true : yes(v.sample),
      };
      const p = IndicatorSchema.safeParse(candidate);
      if (!p.success) {
        for (const issue of p.error.issues)
          errors.push({ row: r.row, field: issue.path.join('.') || 'row', message: issue.message });
        continue;
      }
      indicators.push(p.data);
    }
    if (!errors.length) {
      const problems = AssessmentService.catalogueProblems(indicators);
      for (const pr of problems) errors.push({ row: rows[pr.index]!.row, field: pr.field, message: pr.message });
    }
    if (!indicators.length && !errors.length) errors.push({ row: 0, field: 'file', message: 'no indicator rows' });
    if (errors.length) return { catalogue: null, errors };
    return { catalogue: await this.createVersion(ctx, { fromId, indicators }), errors: [] };
  }

  // ================================================================ simulator

  async simulate(req: SimulateRequest): Promise<SimulateResponse> {
    let indicators: {
      code: string;
      weight: number;
      direction: 'higher' | 'lower';
      thresholds: number[];
      veto?: boolean;
      bonusPoints?: number | null;
    }[];
    let policy: RatingPolicy;
    if (req.catalogueId) {
      const c = await this.catalogueRow(req.catalogueId);
      indicators = c.indicators;
      policy = c.policy;
    } else {
      indicators = req.catalogue!.indicators;
      policy = RatingPolicySchema.parse(req.catalogue!.policy ?? {});
      const problems = AssessmentService.catalogueProblems(
        indicators.map((i) => ({ ...i, parentCode: null }) as unknown as Indicator),
      );
      if (problems.length)
        throw invalidField(
          `catalogue.indicators.${problems[0]!.index}.${problems[0]!.field}`,
          problems[0]!.message,
          problems[0]!.message,
        );
    }
    const known = new Set(indicators.map((i) => i.code));
    const unknown = Object.keys(req.values).find((k) => !known.has(k));
    if (unknown) throw invalidField(`values.${unknown}`, '指标不在指标体系中', 'not an indicator of the catalogue');
    const rating = rate(indicators, req.values, policy);
    return { ...rating, gapToNext: await cheapestPath(indicators, rating, policy) };
  }

  // ================================================================ campaigns

  private async toCampaign(c: CampaignRow, db: Db = this.db): Promise<AssessmentCampaign> {
    return {
      id: c.id,
      year: c.year,
      name: c.name,
      stage: c.stage as AssessmentCampaign['stage'],
      cityCatalogueId: c.cityCatalogueId,
      countyCatalogueId: c.countyCatalogueId,
      deadlines: c.deadlines,
      expertsPerSubmission: c.expertsPerSubmission,
      noticeDays: c.noticeDays,
      noticeEndsAt: isoOrNull(c.noticeEndsAt),
      expertSeed: numOrNull(c.expertSeed),
      sample: c.sample,
      counts: await this.repo.statusCounts(db, c.id),
      createdAt: iso(c.createdAt),
      publishedAt: isoOrNull(c.publishedAt),
      coEvaluationIndicators: c.coevalIndicators ?? [],
    };
  }

  async listCampaigns(): Promise<AssessmentCampaign[]> {
    const rows = await this.repo.listCampaigns(this.db);
    return Promise.all(rows.map((r) => this.toCampaign(r)));
  }

  async getCampaign(id: string): Promise<AssessmentCampaign> {
    const c = await this.repo.campaign(this.db, id);
    if (!c) throw notFound({ zh: '评估活动', en: 'campaign' });
    return this.toCampaign(c);
  }

  /** The citizen-facing indicators (the 数字惠民 domain) of the catalogues: what co-evaluation scores by default. */
  defaultCoEvaluationIndicators(cats: ({ indicators: Indicator[] } | null | undefined)[]): string[] {
    return [
      ...new Set(
        cats.flatMap((c) => c?.indicators.filter((i) => i.domain === COEVAL_DEFAULT_DOMAIN).map((i) => i.code) ?? []),
      ),
    ];
  }

  /** Opens the year's campaign: one draft submission per city and county, catalogue versions locked. */
  async openCampaign(
    ctx: RequestContext,
    req: OpenCampaignRequest,
    opts: { sample?: boolean } = {},
  ): Promise<AssessmentCampaign> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, '370000');
    const cats: Partial<Record<'city' | 'county', CatalogueRow>> = {};
    if (req.cityCatalogueId) cats.city = await this.catalogueRow(req.cityCatalogueId);
    if (req.countyCatalogueId) cats.county = await this.catalogueRow(req.countyCatalogueId);
    if (!cats.city && !cats.county)
      throw invalidField('cityCatalogueId', '至少选择一个指标体系', 'choose at least one catalogue');
    if (cats.city && cats.city.level !== 'city')
      throw invalidField('cityCatalogueId', '须为城市级指标体系', 'must be a city catalogue');
    if (cats.county && cats.county.level !== 'county')
      throw invalidField('countyCatalogueId', '须为县级指标体系', 'must be a county catalogue');
    if (await this.repo.campaignByYear(this.db, req.year))
      throw platformError(
        'conflict',
        { zh: `${req.year}年度评估活动已存在`, en: `A ${req.year} campaign exists already` },
        [{ path: 'year', message: 'exists' }],
      );
    const regions = [
      ...(cats.city ? await this.regions.list({ level: 'city' }) : []),
      ...(cats.county ? await this.regions.list({ level: 'county' }) : []),
    ].filter((r) => !req.regionCodes || req.regionCodes.includes(r.code));
    if (req.regionCodes) {
      const missing = req.regionCodes.find((c) => !regions.some((r) => r.code === c));
      if (missing)
        throw invalidField('regionCodes', `${missing} 不是市或县级区划`, `${missing} is not a city or county`);
    }
    const catalogueCodes = new Set([cats.city, cats.county].flatMap((c) => c?.indicators.map((i) => i.code) ?? []));
    let coevalIndicators: string[];
    if (req.coEvaluationIndicators) {
      const unknown = req.coEvaluationIndicators.find((code) => !catalogueCodes.has(code));
      if (unknown)
        throw invalidField(
          'coEvaluationIndicators',
          `${unknown} 不在本活动的指标体系中`,
          `${unknown} is not an indicator of the campaign's catalogues`,
        );
      coevalIndicators = [...new Set(req.coEvaluationIndicators)];
    } else {
      coevalIndicators = this.defaultCoEvaluationIndicators([cats.city, cats.county]);
    }
    const id = crypto.randomUUID();
    const now = this.now();
    const rng = SeededRandom.fromString(`alias-${id}`);
    await this.db.transaction(async (tx) => {
      await this.repo.insertCampaign(tx, {
        id,
        year: req.year,
        name: req.name,
        stage: 'self_assessment',
        cityCatalogueId: req.cityCatalogueId,
        countyCatalogueId: req.countyCatalogueId,
        deadlines: req.deadlines as Record<string, string>,
        expertsPerSubmission: req.expertsPerSubmission,
        noticeDays: req.noticeDays,
        sample: !!opts.sample,
        createdAt: now,
        coevalIndicators,
      });
      await this.repo.lockCatalogues(
        tx,
        [req.cityCatalogueId, req.countyCatalogueId].filter((x): x is string => !!x),
      );
      await this.repo.insertSubmissions(
        tx,
        regions.map((r) => ({
          id: crypto.randomUUID(),
          campaignId: id,
          catalogueId: cats[r.level as 'city' | 'county']!.id,
          year: req.year,
          regionCode: r.code,
          regionName: r.name,
          regionLevel: r.level,
          parentCode: r.parentCode,
          status: 'draft' as const,
          values: {},
          filled: 0,
          returnedReason: null,
          returnedFrom: null,
          disagreement: false,
          alias: `S-${req.year}-${String(rng.int(100000, 999999))}`,
          version: 0,
          updatedAt: now,
        })),
      );
      await this.audit(tx, ctx, 'campaign.open', 'campaign', id, undefined, {
        year: req.year,
        regions: regions.length,
        by: actor.username,
      });
    });
    for (const c of Object.values(cats)) this.catalogueCache.delete(c!.id);
    return this.getCampaign(id);
  }

  /** Province actions moving the whole campaign on: draw experts, start co-evaluation, open the notice, publish. */
  async advance(
    ctx: RequestContext,
    id: string,
    action: 'draw_experts' | 'start_co_evaluation' | 'open_notice' | 'publish',
    opts: { seed?: number } = {},
  ): Promise<AssessmentCampaign> {
    await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, '370000');
    const c = await this.repo.campaign(this.db, id);
    if (!c) throw notFound({ zh: '评估活动', en: 'campaign' });
    const actor = ctx.actor!.username;
    const now = this.now();
    const illegal = () =>
      new AssessmentError('assessment_illegal_transition', {
        zh: `活动当前阶段(${c.stage})不允许此操作`,
        en: `The campaign stage (${c.stage}) does not allow this`,
      });
    if (action === 'draw_experts') {
      if (!['self_assessment', 'review', 'expert_review'].includes(c.stage)) throw illegal();
      const experts = await this.platform.identity.findUserIdsByRole('expert' as Role);
      const lineages = new Map<string, string[]>();
      for (const e of experts) lineages.set(e.regionCode, (await this.regions.lineage(e.regionCode)) ?? []);
      const seed = opts.seed ?? numOrNull(c.expertSeed) ?? SeededRandom.newSeed();
      const pendingSubs = await this.repo.submissionsInStatus(this.db, id, 'province_approved');
      for (const s of pendingSubs) lineages.set(s.regionCode, (await this.regions.lineage(s.regionCode)) ?? []);
      await this.db.transaction(async (tx) => {
        const subs = await this.repo.submissionsInStatus(tx, id, 'province_approved');
        const rng = new SeededRandom(seed);
        const rows: {
          submissionId: string;
          expertUserId: string;
          expertRegion: string;
          alias: string;
          seed: number;
        }[] = [];
        for (const s of subs) {
          const own = (lineages.get(s.regionCode) ?? []).filter((code) => !code.endsWith('0000'));
          const eligible = experts.filter(
            (e) => !(lineages.get(e.regionCode) ?? []).some((code) => own.includes(code)),
          );
          const unique = [...new Map(eligible.map((e) => [e.userId, e])).values()].sort((a, b) =>
            a.userId.localeCompare(b.userId),
          );
          if (!unique.length)
            throw new AssessmentError('assessment_not_enough_experts', {
              zh: `${s.regionName} 没有可回避本地区的专家`,
              en: `No eligible expert for ${s.regionCode}`,
            });
          rng
            .shuffle(unique)
            .slice(0, c.expertsPerSubmission)
            .forEach((e, k) =>
              rows.push({
                submissionId: s.id,
                expertUserId: e.userId,
                expertRegion: e.regionCode,
                alias: `专家${ORDER_ALIAS[k]}`,
                seed,
              }),
            );
        }
        await this.repo.insertAssignments(tx, rows);
        await this.repo.setStatusForCampaign(tx, id, 'province_approved', 'expert_review', now, actor, 'draw_experts');
        await this.repo.updateCampaign(tx, id, { stage: 'expert_review', expertSeed: seed });
        await this.audit(tx, ctx, 'campaign.draw_experts', 'campaign', id, undefined, {
          seed,
          assignments: rows.length,
        });
      });
    } else if (action === 'start_co_evaluation') {
      if (!['expert_review', 'co_evaluation'].includes(c.stage)) throw illegal();
      await this.db.transaction(async (tx) => {
        await this.repo.setStatusForCampaign(
          tx,
          id,
          'expert_reviewed',
          'co_evaluation',
          now,
          actor,
          'start_co_evaluation',
        );
        await this.repo.updateCampaign(tx, id, { stage: 'co_evaluation' });
        await this.audit(tx, ctx, 'campaign.start_co_evaluation', 'campaign', id);
      });
    } else if (action === 'open_notice') {
      if (!['co_evaluation', 'public_notice'].includes(c.stage)) throw illegal();
      await this.db.transaction(async (tx) => {
        await this.repo.setStatusForCampaign(tx, id, 'co_evaluation', 'public_notice', now, actor, 'open_notice');
        await this.repo.updateCampaign(tx, id, {
          stage: 'public_notice',
          noticeEndsAt: new Date(now.getTime() + c.noticeDays * 86_400_000),
        });
        await this.audit(tx, ctx, 'campaign.open_notice', 'campaign', id);
      });
    } else {
      if (c.stage !== 'public_notice') throw illegal();
      const ends = c.noticeEndsAt ? new Date(iso(c.noticeEndsAt)) : now;
      if (now < ends || (await this.repo.openObjections(this.db, id)) > 0)
        throw new AssessmentError('assessment_notice_open');
      await this.db.transaction(async (tx) => {
        const subs = await this.repo.submissionsInStatus(tx, id, 'public_notice');
        await this.recompute(tx, subs, now);
        const ids = await this.repo.setStatusForCampaign(tx, id, 'public_notice', 'published', now, actor, 'publish');
        await this.repo.publishResults(tx, id, ids, now);
        await this.repo.updateCampaign(tx, id, { stage: 'published', publishedAt: now });
        await this.audit(tx, ctx, 'campaign.publish', 'campaign', id, undefined, { published: ids.length });
      });
    }
    return this.getCampaign(id);
  }

  // ================================================================ submissions

  private async hasRoleCovering(actor: Actor, roles: Role[], code: string): Promise<boolean> {
    const lineage = (await this.regions.lineage(code)) ?? [];
    return actor.roles.some((b) => roles.includes(b.role) && lineage.includes(b.regionCode));
  }

  private async load(id: string, db: Db = this.db, forUpdate = false): Promise<SubmissionRow> {
    const s = await this.repo.submission(db, id, forUpdate);
    if (!s) throw notFound({ zh: '填报', en: 'submission' });
    return s;
  }

  async listSubmissions(
    ctx: RequestContext,
    q: {
      campaignId: string;
      status?: AssessmentSubmissionStatus;
      level?: string;
      parent?: string;
      q?: string;
      page: number;
      pageSize: number;
    },
  ) {
    this.platform.authz.require(ctx.actor, P.submissionRead);
    const roots = this.platform.authz.scopeRoots(ctx.actor, P.submissionRead);
    const codes = roots.includes('370000') ? null : await this.platform.authz.scopeCodes(ctx.actor, P.submissionRead);
    if (q.parent) await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, q.parent);
    const { rows, total } = await this.repo.listSubmissions(this.db, {
      campaignId: q.campaignId,
      codes,
      status: q.status,
      level: q.level,
      parent: q.parent,
      q: q.q,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const items: AssessmentSubmissionSummary[] = [];
    for (const r of rows) items.push(await this.toSummary(r, { stars: r.stars, subGrade: r.subGrade, score: r.score }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  private async toSummary(
    s: SubmissionRow,
    res: { stars: number | null; subGrade: string | null; score: unknown },
  ): Promise<AssessmentSubmissionSummary> {
    const cat = await this.catalogueRow(s.catalogueId);
    return {
      id: s.id,
      campaignId: s.campaignId,
      year: s.year,
      regionCode: s.regionCode,
      regionName: s.regionName,
      regionLevel: s.regionLevel,
      parentCode: s.parentCode,
      status: s.status,
      stars: res.stars === null || res.stars === undefined ? null : Number(res.stars),
      subGrade: (res.subGrade as AssessmentSubmissionSummary['subGrade']) ?? null,
      score: numOrNull(res.score),
      filled: s.filled,
      indicatorCount: cat.indicators.length,
      returnedReason: s.returnedReason,
      disagreement: s.disagreement,
      updatedAt: iso(s.updatedAt),
    };
  }

  async getSubmission(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    const s = await this.load(id);
    await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, s.regionCode);
    return this.detail(s);
  }

  /** The submission of a region in a campaign (what an operator opens). */
  async submissionFor(ctx: RequestContext, campaignId: string, regionCode: string): Promise<AssessmentSubmission> {
    await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, regionCode);
    const s = await this.repo.submissionByRegion(this.db, campaignId, regionCode);
    if (!s) throw notFound({ zh: '填报', en: 'submission' });
    return this.detail(s);
  }

  private async detail(s: SubmissionRow): Promise<AssessmentSubmission> {
    const cat = await this.catalogueRow(s.catalogueId);
    const rating = rate(cat.indicators, this.numbers(cat, s.values), cat.policy);
    const prev = (await this.repo.previousValues(this.db, s.year, s.regionCode)) ?? {};
    const prevCat = cat;
    const assignments = await this.repo.assignments(this.db, s.id);
    return {
      ...(await this.toSummary(s, { stars: rating.level, subGrade: rating.subGrade, score: rating.score })),
      version: s.version,
      catalogueId: s.catalogueId,
      values: s.values,
      previousValues: Object.fromEntries(prevCat.indicators.map((i) => [i.code, valueOf(i.formula, prev[i.code])])),
      evidence: (await this.repo.evidenceList(this.db, s.id)).map((e) => ({
        ...e,
        size: num(e.size),
        uploadedAt: iso(e.uploadedAt),
      })),
      rating,
      experts: assignments.map((a) => ({ alias: a.alias, score: numOrNull(a.score), scoredAt: isoOrNull(a.scoredAt) })),
      coEvaluation: await this.repo.coevalSummary(this.db, s.id),
      objections: (await this.repo.objections(this.db, s.id)).map((o) => ({ ...o, filedAt: iso(o.filedAt) })),
      history: (await this.repo.steps(this.db, s.id)).map((h) => ({ ...h, at: iso(h.at) })),
    };
  }

  /** Values in catalogue order (the value_array column). */
  valueArray(cat: CatalogueRow, values: Record<string, IndicatorValue>): (number | null)[] {
    return cat.indicators.map((i) => valueOf(i.formula, values[i.code]));
  }

  numbers(cat: CatalogueRow, values: Record<string, IndicatorValue>): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const i of cat.indicators) out[i.code] = valueOf(i.formula, values[i.code]);
    return out;
  }

  /** Operators fill in their OWN region (the region their role is bound to), not their children's. */
  private async assertFiller(ctx: RequestContext, s: SubmissionRow): Promise<Actor> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.submissionFill, s.regionCode);
    if (!this.platform.authz.scopeRoots(actor, P.submissionFill).includes(s.regionCode))
      throw platformError('out_of_region_scope', {
        zh: '只能填报本级区划的数据',
        en: 'You fill in your own region only',
      });
    return actor;
  }

  private checkValues(cat: CatalogueRow, values: Record<string, IndicatorValue>): void {
    const byCode = new Map(cat.indicators.map((i) => [i.code, i]));
    for (const [code, v] of Object.entries(values)) {
      const ind = byCode.get(code);
      if (!ind) throw invalidField(`values.${code}`, '指标不在本活动的指标体系中', 'not an indicator of this campaign');
      if (v.denominator === 0)
        throw invalidField(`values.${code}.denominator`, '分母不能为 0', 'denominator must not be 0');
      const x = valueOf(ind.formula, v);
      if (x === null) continue;
      if (ind.min !== null && x < ind.min)
        throw invalidField(`values.${code}.value`, `不能小于 ${ind.min}`, `must be at least ${ind.min}`);
      if (ind.max !== null && x > ind.max)
        throw invalidField(`values.${code}.value`, `不能大于 ${ind.max}`, `must be at most ${ind.max}`);
    }
  }

  /** Saves values as a draft (merging with what is there); optimistic on `version`. */
  async saveValues(
    ctx: RequestContext,
    id: string,
    values: Record<string, IndicatorValue>,
    version: number | null,
  ): Promise<AssessmentSubmission> {
    const s0 = await this.load(id);
    await this.assertFiller(ctx, s0);
    const cat = await this.catalogueRow(s0.catalogueId);
    this.checkValues(cat, values);
    await this.db.transaction(async (tx) => {
      const s = await this.load(id, tx, true);
      if (!EDITABLE.includes(s.status)) throw new AssessmentError('assessment_locked');
      if (version !== null && s.version !== version)
        throw platformError(
          'conflict',
          { zh: '数据已被他人修改,请刷新后重试', en: 'Someone else changed it; reload and retry' },
          [{ path: 'version', message: 'stale' }],
        );
      const merged = { ...s.values };
      for (const [k, v] of Object.entries(values)) {
        if (v.value === null && v.numerator === null && !v.explanation) delete merged[k];
        else merged[k] = { ...merged[k], ...v };
      }
      const filled = cat.indicators.filter((i) => valueOf(i.formula, merged[i.code]) !== null).length;
      const valueArray = this.valueArray(cat, merged);
      await this.repo.updateSubmission(tx, id, { values: merged, valueArray, filled }, this.now());
      await this.recompute(tx, [{ ...s, values: merged, valueArray }], null);
      await this.audit(tx, ctx, 'submission.save', 'submission', id, s.values, merged);
    });
    return this.getSubmission(ctx, id);
  }

  /** The validation run on submit: range, required evidence, and year-over-year jumps needing an explanation. */
  async validate(s: SubmissionRow, db: Db = this.db): Promise<{ path: string; message: string }[]> {
    const cat = await this.catalogueRow(s.catalogueId, db);
    const errors: { path: string; message: string }[] = [];
    const evidence = new Set((await this.repo.evidenceList(db, s.id)).map((e) => e.indicatorCode));
    const prev = (await this.repo.previousValues(db, s.year, s.regionCode)) ?? {};
    for (const ind of cat.indicators) {
      const v = s.values[ind.code];
      const x = valueOf(ind.formula, v);
      if (x === null) continue;
      if ((ind.min !== null && x < ind.min) || (ind.max !== null && x > ind.max))
        errors.push({ path: `values.${ind.code}.value`, message: `out of range ${ind.min ?? '-∞'}–${ind.max ?? '∞'}` });
      if (ind.evidenceRequired && !evidence.has(ind.code))
        errors.push({ path: `evidence.${ind.code}`, message: '需上传佐证材料 / evidence required' });
      const p = valueOf(ind.formula, prev[ind.code]);
      if (
        p !== null &&
        p !== 0 &&
        (Math.abs(x - p) / Math.abs(p)) * 100 > cat.policy.yoyJumpPct &&
        !v?.explanation?.trim()
      ) {
        errors.push({
          path: `values.${ind.code}.explanation`,
          message: `较上年变化超过 ${cat.policy.yoyJumpPct}%,须说明原因 / a change above ${cat.policy.yoyJumpPct}% needs an explanation`,
        });
      }
    }
    return errors;
  }

  async submit(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    const s0 = await this.load(id);
    await this.assertFiller(ctx, s0);
    await this.db.transaction(async (tx) => {
      const s = await this.load(id, tx, true);
      if (!EDITABLE.includes(s.status)) throw new AssessmentError('assessment_illegal_transition');
      const errors = await this.validate(s, tx);
      if (errors.length)
        throw new AssessmentError(
          'assessment_invalid_submission',
          {
            zh: `填报未通过校验:${errors[0]!.path} ${errors[0]!.message}`,
            en: `Validation failed: ${errors[0]!.path} ${errors[0]!.message}`,
          },
          errors,
        );
      await this.transition(tx, ctx, s, 'submitted', 'submit');
    });
    return this.getSubmission(ctx, id);
  }

  private async transition(
    tx: Db,
    ctx: RequestContext,
    s: SubmissionRow,
    to: AssessmentSubmissionStatus,
    action: string,
    reason: string | null = null,
    extra: { returnedFrom?: string | null } = {},
  ) {
    await this.repo.updateSubmission(
      tx,
      s.id,
      {
        status: to,
        returnedReason: to === 'returned' ? reason : null,
        returnedFrom: to === 'returned' ? (extra.returnedFrom ?? s.status) : null,
      },
      this.now(),
    );
    await this.repo.addStep(tx, {
      submissionId: s.id,
      from: s.status,
      to,
      action,
      reason,
      actor: ctx.actor?.username ?? null,
      at: this.now(),
    });
    await this.audit(tx, ctx, `submission.${action}`, 'submission', s.id, { status: s.status }, { status: to, reason });
  }

  /** One approval step: the city approves its counties, then the province; a city only after all its counties. */
  async approve(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    await this.approveOnly(ctx, id);
    return this.getSubmission(ctx, id);
  }

  /** The approval itself (no detail read back): what bulk approval and the benchmark call. */
  async approveOnly(ctx: RequestContext, id: string): Promise<void> {
    // Authorization reads the region tree through the platform handle: do it before the transaction (PGlite has one
    // connection), then re-read the row under lock.
    const s0 = await this.load(id);
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.submissionApprove, s0.regionCode);
    const isCity = await this.hasRoleCovering(actor, ['city_approver'], s0.regionCode);
    const isProvince = await this.hasRoleCovering(actor, ['province_approver'], s0.regionCode);
    const run = async (tx: Db) => {
      const s = await this.load(id, tx, true);
      await assertNotOwnWork(tx, ctx, { type: 'submission', id, editActions: SUBMISSION_EDITS });
      let to: AssessmentSubmissionStatus;
      if (s.status === 'submitted' && s.regionLevel === 'county') {
        if (!isCity)
          throw new AssessmentError('assessment_illegal_transition', {
            zh: '县级填报须先由市级审核',
            en: 'A county submission is approved by its city first',
          });
        to = 'city_approved';
      } else if (
        (s.status === 'city_approved' && s.regionLevel === 'county') ||
        (s.status === 'submitted' && s.regionLevel === 'city')
      ) {
        if (!isProvince)
          throw new AssessmentError('assessment_illegal_transition', {
            zh: '此步须由省级审核',
            en: 'This step is the province’s',
          });
        if (s.regionLevel === 'city') {
          const pending = (await this.repo.childrenStatuses(tx, s.campaignId, s.regionCode)).filter(
            (c) => !APPROVED_BY_PROVINCE.includes(c.status as AssessmentSubmissionStatus),
          );
          if (pending.length)
            throw new AssessmentError('assessment_children_pending', {
              zh: `下级区县尚有 ${pending.length} 个未通过省级审核`,
              en: `${pending.length} counties are not approved by the province yet`,
            });
        }
        to = 'province_approved';
      } else {
        throw new AssessmentError('assessment_illegal_transition', {
          zh: `当前状态(${s.status})不能审核`,
          en: `Cannot approve in status ${s.status}`,
        });
      }
      await this.transition(tx, ctx, s, to, 'approve');
      await this.recompute(tx, [s], null);
    };
    await this.db.transaction(run);
  }

  async bulkApprove(ctx: RequestContext, campaignId: string, regionCodes: string[]) {
    this.platform.authz.require(ctx.actor, P.submissionApprove);
    const approved: string[] = [];
    const refused: { regionCode: string; code: string; message: string }[] = [];
    // Counties before cities, so a city whose counties are approved in the same batch can follow them.
    const sorted = [...new Set(regionCodes)].sort(
      (a, b) => Number(a.endsWith('00')) - Number(b.endsWith('00')) || a.localeCompare(b),
    );
    for (const code of sorted) {
      const s = await this.repo.submissionByRegion(this.db, campaignId, code);
      try {
        if (!s) throw notFound({ zh: '填报', en: 'submission' });
        await this.approveOnly(ctx, s.id);
        approved.push(code);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        refused.push({ regionCode: code, code: e.code, message: e.messages.zh });
      }
    }
    return { approved, refused };
  }

  async sendBack(ctx: RequestContext, id: string, reason: string): Promise<AssessmentSubmission> {
    if (reason.trim().length < 2) throw invalidField('reason', '请填写退回原因', 'a reason is required');
    const s0 = await this.load(id);
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.submissionReturn, s0.regionCode);
    const provinceLevel = await this.hasRoleCovering(actor, ['province_approver', 'province_operator'], s0.regionCode);
    const cityApprover = await this.hasRoleCovering(actor, ['city_approver'], s0.regionCode);
    await this.db.transaction(async (tx) => {
      const s = await this.load(id, tx, true);
      if (!RETURNABLE.includes(s.status))
        throw new AssessmentError('assessment_illegal_transition', {
          zh: `当前状态(${s.status})不能退回`,
          en: `Cannot send back in status ${s.status}`,
        });
      const cityStep = s.regionLevel === 'county' && ['submitted', 'city_approved'].includes(s.status) && cityApprover;
      if (!provinceLevel && !cityStep)
        throw new AssessmentError('assessment_illegal_transition', {
          zh: '此阶段只能由省级退回',
          en: 'Only the province can send back at this stage',
        });
      await this.repo.deleteAssignments(tx, s.id);
      await this.repo.updateSubmission(tx, s.id, { disagreement: false }, this.now());
      await this.transition(tx, ctx, s, 'returned', 'send_back', reason);
    });
    return this.getSubmission(ctx, id);
  }

  async uploadEvidence(
    ctx: RequestContext,
    id: string,
    indicatorCode: string,
    file: { filename: string; type: string; data: Buffer },
  ) {
    const s0 = await this.load(id);
    await this.assertFiller(ctx, s0);
    const cat = await this.catalogueRow(s0.catalogueId);
    if (!cat.indicators.some((i) => i.code === indicatorCode))
      throw invalidField('indicatorCode', '指标不在指标体系中', 'not an indicator of this campaign');
    const evId = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      const s = await this.load(id, tx, true);
      if (!EDITABLE.includes(s.status)) throw new AssessmentError('assessment_locked');
      await this.repo.insertEvidence(tx, {
        id: evId,
        submissionId: id,
        indicatorCode,
        filename: file.filename.slice(0, 200),
        type: file.type,
        data: file.data,
        uploadedBy: ctx.actor!.userId,
        at: this.now(),
      });
      await this.audit(tx, ctx, 'evidence.upload', 'submission', id, undefined, {
        evidence: evId,
        indicatorCode,
        size: file.data.length,
      });
    });
    return {
      id: evId,
      indicatorCode,
      filename: file.filename,
      type: file.type,
      size: file.data.length,
      uploadedAt: this.now().toISOString(),
    };
  }

  async evidenceFile(ctx: RequestContext, id: string, evidenceId: string) {
    const s = await this.load(id);
    const assigned =
      ctx.actor && (await this.repo.assignments(this.db, id)).some((a) => a.expertUserId === ctx.actor!.userId);
    if (!assigned) await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, s.regionCode);
    const f = await this.repo.evidenceFile(this.db, id, evidenceId);
    if (!f) throw notFound({ zh: '佐证材料', en: 'evidence' });
    return f;
  }

  /** Excel rows (code, value | numerator+denominator, explanation) into the draft; all rows or none. */
  async importValues(ctx: RequestContext, id: string, rows: { row: number; values: Record<string, string> }[]) {
    const s = await this.load(id);
    await this.assertFiller(ctx, s);
    const cat = await this.catalogueRow(s.catalogueId);
    const errors: { row: number; field: string; message: string }[] = [];
    const values: Record<string, IndicatorValue> = {};
    const byCode = new Map(cat.indicators.map((i) => [i.code, i]));
    const n = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
    for (const r of rows) {
      const ind = byCode.get(r.values.code ?? '');
      if (!ind) {
        errors.push({ row: r.row, field: 'code', message: `未知指标代码 ${r.values.code} / unknown indicator` });
        continue;
      }
      const v: IndicatorValue = {
        value: n(r.values.value),
        numerator: n(r.values.numerator),
        denominator: n(r.values.denominator),
      };
      if (r.values.explanation) v.explanation = r.values.explanation;
      const bad = (['value', 'numerator', 'denominator'] as const).find(
        (k) => v[k] !== undefined && !Number.isFinite(v[k]),
      );
      if (bad) {
        errors.push({ row: r.row, field: bad, message: '须为数字 / must be a number' });
        continue;
      }
      try {
        this.checkValues(cat, { [ind.code]: v });
      } catch (e) {
        errors.push({
          row: r.row,
          field: (e as AppError).fieldErrors?.[0]?.path ?? 'value',
          message: (e as AppError).messages.zh,
        });
        continue;
      }
      values[ind.code] = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
    }
    if (errors.length) return { imported: 0, errors };
    if (!Object.keys(values).length)
      return { imported: 0, errors: [{ row: 0, field: 'file', message: '没有数据行 / no rows' }] };
    await this.saveValues(ctx, id, values, null);
    return { imported: Object.keys(values).length, errors: [] };
  }

  async radar(ctx: RequestContext, campaignId: string) {
    const list = await this.listSubmissions(ctx, { campaignId, page: 1, pageSize: 500 });
    const byStatus: Record<string, number> = {};
    for (const s of list.items) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    return {
      total: list.total,
      byStatus,
      notSubmitted: list.items
        .filter((s) => EDITABLE.includes(s.status))
        .map((s) => ({
          regionCode: s.regionCode,
          regionName: s.regionName,
          parentCode: s.parentCode,
          status: s.status,
          filled: s.filled,
          indicatorCount: s.indicatorCount,
        })),
    };
  }

  // ================================================================ expert review

  async myReviews(ctx: RequestContext) {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const mine = await this.repo.assignmentsOf(this.db, ctx.actor.userId);
    const out = [];
    for (const a of mine) out.push(await this.reviewTask(ctx, a.submissionId));
    return { items: out };
  }

  /** Blind: no region name, no other expert's score. Only an assigned expert may open it. */
  async reviewTask(ctx: RequestContext, submissionId: string) {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const s = await this.load(submissionId);
    const mine = (await this.repo.assignments(this.db, s.id)).find((a) => a.expertUserId === ctx.actor!.userId);
    if (!mine)
      throw platformError('forbidden', { zh: '您未被抽取评审此填报', en: 'You are not assigned to this submission' });
    const cat = await this.catalogueRow(s.catalogueId);
    return {
      submissionId: s.id,
      alias: s.alias,
      year: s.year,
      regionLevel: s.regionLevel,
      status: s.status,
      myScore: numOrNull(mine.score),
      myComment: mine.comment,
      values: s.values,
      indicators: cat.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        domain: i.domain,
        weight: i.weight,
      })),
      evidence: (await this.repo.evidenceList(this.db, s.id)).map((e) => ({
        ...e,
        size: num(e.size),
        uploadedAt: iso(e.uploadedAt),
      })),
    };
  }

  async scoreReview(ctx: RequestContext, submissionId: string, score: number, comment: string) {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const actor = ctx.actor;
    // Defence in depth: an assignment against the rule must still not let an expert score their own region.
    const s0 = await this.load(submissionId);
    for (const b of actor.roles.filter((r) => r.role === 'expert')) {
      const own = ((await this.regions.lineage(s0.regionCode)) ?? []).filter((c) => !c.endsWith('0000'));
      const mine = ((await this.regions.lineage(b.regionCode)) ?? []).filter((c) => !c.endsWith('0000'));
      if (mine.some((c) => own.includes(c))) throw new AssessmentError('assessment_conflict_of_interest');
    }
    await this.db.transaction(async (tx) => {
      const s = await this.load(submissionId, tx, true);
      const assignments = await this.repo.assignments(tx, s.id);
      if (!assignments.some((a) => a.expertUserId === actor.userId))
        throw platformError('forbidden', { zh: '您未被抽取评审此填报', en: 'You are not assigned to this submission' });
      if (s.status !== 'expert_review') throw new AssessmentError('assessment_illegal_transition');
      await this.repo.scoreAssignment(tx, s.id, actor.userId, score, comment, this.now());
      await this.audit(tx, ctx, 'review.score', 'submission', s.id, undefined, { score });
      const scores = assignments.map((a) => (a.expertUserId === actor.userId ? score : numOrNull(a.score)));
      if (scores.every((x) => x !== null)) {
        const cat = await this.catalogueRow(s.catalogueId, tx);
        const spread = Math.max(...(scores as number[])) - Math.min(...(scores as number[]));
        await this.repo.updateSubmission(
          tx,
          s.id,
          { disagreement: spread > cat.policy.disagreementPoints },
          this.now(),
        );
        await this.transition(tx, ctx, s, 'expert_reviewed', 'review_complete');
      }
    });
    return this.reviewTask(ctx, submissionId);
  }

  // ================================================================ co-evaluation and notice

  /**
   * A co-evaluation score, from a citizen supervisor here or from the participation module's event. Recorded only
   * while the region's submission for that year is in co-evaluation; idempotent on scoreId.
   */
  async recordCoEvaluation(
    tx: Db,
    input: CoEvaluationInput,
    source: 'participation' | 'direct' = 'participation',
  ): Promise<'recorded' | 'duplicate' | 'ignored'> {
    const s = await this.repo.submissionsByYearRegion(tx, input.year, input.regionCode);
    if (!s || s.status !== 'co_evaluation') return 'ignored';
    if (input.indicatorCode !== null && !(await this.coevalAssigned(tx, s.campaignId)).has(input.indicatorCode))
      return 'ignored';
    const ok = await this.repo.insertCoeval(tx, {
      id: input.scoreId,
      submissionId: s.id,
      indicatorCode: input.indicatorCode,
      kind: input.kind,
      score: input.score,
      confirmed: input.confirmed,
      source,
      supervisorRef: input.supervisorRef,
      media: input.media,
      at: new Date(input.submittedAt),
    });
    return ok ? 'recorded' : 'duplicate';
  }

  /** The campaign's indicator codes open to co-evaluation. */
  private async coevalAssigned(db: Db, campaignId: string): Promise<Set<string>> {
    return new Set((await this.repo.campaign(db, campaignId))?.coevalIndicators ?? []);
  }

  async coevalScore(
    ctx: RequestContext,
    submissionId: string,
    req: { indicatorCode: string | null; score: number; confirmed: boolean | null },
  ) {
    const s = await this.load(submissionId);
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.coevalScore, s.regionCode);
    if (s.status !== 'co_evaluation') throw new AssessmentError('assessment_illegal_transition');
    const cat = await this.catalogueRow(s.catalogueId);
    if (req.indicatorCode && !cat.indicators.some((i) => i.code === req.indicatorCode))
      throw invalidField('indicatorCode', '指标不在指标体系中', 'not an indicator');
    if (req.indicatorCode && !(await this.coevalAssigned(this.db, s.campaignId)).has(req.indicatorCode))
      throw invalidField(
        'indicatorCode',
        '该指标未列入本活动的监督共评',
        'this indicator is not assigned to co-evaluation in this campaign',
      );
    const scoreId = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.recordCoEvaluation(
        tx,
        {
          scoreId,
          year: s.year,
          regionCode: s.regionCode,
          indicatorCode: req.indicatorCode,
          kind: req.indicatorCode ? 'indicator_verification' : 'service',
          score: req.score,
          confirmed: req.confirmed,
          supervisorRef: actor.userId,
          media: actor.organisationKind === 'media',
          submittedAt: this.now().toISOString(),
        },
        'direct',
      );
      await this.audit(tx, ctx, 'coeval.score', 'submission', s.id, undefined, { scoreId, score: req.score });
    });
    return { scoreId, ...(await this.repo.coevalSummary(this.db, s.id)) };
  }

  async fileObjection(ctx: RequestContext, submissionId: string, text: string) {
    if (!ctx.actor) throw platformError('unauthenticated');
    const s = await this.load(submissionId);
    if (s.status !== 'public_notice')
      throw new AssessmentError('assessment_illegal_transition', {
        zh: '仅公示期内可提出异议',
        en: 'Objections are taken during the public notice only',
      });
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertObjection(tx, { id, submissionId, text, filedBy: ctx.actor!.userId, at: this.now() });
      await this.audit(tx, ctx, 'objection.file', 'submission', submissionId, undefined, { objection: id });
    });
    return { id };
  }

  async resolveObjection(ctx: RequestContext, objectionId: string, resolution: string) {
    await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, '370000');
    const o = await this.repo.objection(this.db, objectionId);
    if (!o) throw notFound({ zh: '异议', en: 'objection' });
    if (o.resolution) throw platformError('conflict');
    if (o.filedBy === ctx.actor?.userId) throw platformError('own_work');
    await this.db.transaction(async (tx) => {
      await this.repo.resolveObjection(tx, objectionId, resolution, this.now());
      await this.audit(tx, ctx, 'objection.resolve', 'objection', objectionId, undefined, { resolution });
    });
  }

  // ================================================================ ratings and results

  /** Re-rates submissions and writes their result rows (publishedAt null keeps an existing publication). */
  async recompute(tx: Db, subs: SubmissionRow[], publishedAt: Date | null, sample = false): Promise<void> {
    const rows: ResultInsert[] = [];
    const cats = new Map<string, CatalogueRow>();
    for (const s of subs) {
      let cat = cats.get(s.catalogueId);
      if (!cat) cats.set(s.catalogueId, (cat = await this.catalogueRow(s.catalogueId, tx)));
      // Words are rebuilt on read (explainText); the stored explanation is the numbers.
      const inds = cat.indicators;
      const arr = s.valueArray;
      const r =
        arr && arr.length === inds.length
          ? rate(inds, {}, cat.policy, { text: false, valueAt: (k) => arr[k] })
          : rate(inds, {}, cat.policy, {
              text: false,
              valueAt: (k) => valueOf(inds[k]!.formula, s.values?.[inds[k]!.code]),
            });
      rows.push({
        campaignId: s.campaignId,
        regionCode: s.regionCode,
        year: s.year,
        regionName: s.regionName,
        regionLevel: s.regionLevel,
        parentCode: s.parentCode,
        // The stored explanation keeps the ten heaviest hold-backs; the full list is recomputed on demand.
        stars: r.level,
        subGrade: r.subGrade,
        score: r.score,
        bonus: r.bonus,
        shares: r.explanation.shares,
        explanation: { ...r.explanation, heldBack: r.explanation.heldBack.slice(0, 10) },
        indicatorStars: r.indicators.map((i) => i.stars).join(''),
        sample,
        computedAt: this.now(),
        publishedAt,
      });
    }
    await this.repo.upsertResults(tx, rows);
  }

  async statistics(year: number): Promise<AssessmentStatistics> {
    const rows = await this.repo.statistics(this.db, year);
    const levels: StarLevelStatistics[] = (['city', 'county'] as const).map((level) => {
      const mine = rows.filter((r) => r.level === level);
      const at = (n: number) => mine.filter((r) => Number(r.stars) >= n).reduce((s, r) => s + Number(r.n), 0);
      return {
        level,
        total: mine.reduce((s, r) => s + Number(r.n), 0),
        atLeast: { '1': at(1), '2': at(2), '3': at(3), '4': at(4), '5': at(5) },
      };
    });
    const targets = TARGETS.map((t) => {
      const l = levels.find((x) => x.level === t.level)!;
      const count = l.atLeast[String(t.stars) as '1'];
      const actual = t.count !== null ? count : l.total ? count / l.total : 0;
      return {
        ...t,
        actual: Math.round(actual * 10000) / 10000,
        met: l.total > 0 && (t.count !== null ? count >= t.count : actual >= t.share! - 1e-9),
      };
    });
    return { year, levels, targets, sample: rows.some((r) => r.sample) };
  }

  async trend() {
    const rows = await this.repo.trend(this.db);
    const years = [...new Set(rows.map((r) => Number(r.year)))].sort();
    return {
      points: years.flatMap((year) =>
        (['city', 'county'] as const).map((level) => {
          const mine = rows.filter((r) => Number(r.year) === year && r.level === level);
          const at = (n: number) => mine.filter((r) => Number(r.stars) >= n).reduce((s, r) => s + Number(r.n), 0);
          return {
            year,
            level,
            total: mine.reduce((s, r) => s + Number(r.n), 0),
            atLeast: { '1': at(1), '2': at(2), '3': at(3), '4': at(4), '5': at(5) },
          };
        }),
      ),
    };
  }

  async results(q: { year: number; level?: string; parent?: string }): Promise<AssessmentResultRow[]> {
    const rows = await this.repo.results(this.db, q);
    const rankIn = new Map<string, number>();
    return rows.map((r) => {
      const k = r.regionLevel;
      const rank = (rankIn.get(k) ?? 0) + 1;
      rankIn.set(k, rank);
      return {
        regionCode: r.regionCode,
        regionName: r.regionName,
        regionLevel: r.regionLevel as AssessmentResultRow['regionLevel'],
        parentCode: r.parentCode,
        year: Number(r.year),
        stars: Number(r.stars),
        subGrade: r.subGrade as AssessmentResultRow['subGrade'],
        score: num(r.score),
        bonus: num(r.bonus),
        rank,
        previousStars: r.previousStars === null ? null : Number(r.previousStars),
        sample: r.sample,
      };
    });
  }

  async regionReport(code: string): Promise<RegionReport> {
    const region = await this.regions.get(code);
    const rows = await this.repo.regionResults(this.db, region.code);
    const history: RegionReport['history'] = [];
    for (const r of rows) {
      const all = await this.results({ year: Number(r.year), level: r.regionLevel });
      const me = all.find((x) => x.regionCode === r.regionCode)!;
      const campaign = await this.repo.campaign(this.db, r.campaignId);
      const catId = r.regionLevel === 'city' ? campaign?.cityCatalogueId : campaign?.countyCatalogueId;
      const cat = catId ? await this.catalogueRow(catId) : null;
      const sub = await this.repo.submissionByRegion(this.db, r.campaignId, r.regionCode);
      const values = cat && sub ? this.numbers(cat, sub.values) : {};
      const explanation = r.explanation as RegionReport['history'][number]['explanation'];
      if (cat && !explanation.text?.zh)
        explanation.text = explainText(
          { level: me.stars, subGrade: me.subGrade, bonus: me.bonus, explanation },
          cat.policy,
        );
      history.push({
        ...me,
        explanation,
        indicators: (cat?.indicators ?? []).map((i, k) => ({
          code: i.code,
          name: i.name,
          domain: i.domain,
          weight: i.weight,
          stars: starAt(r.indicatorStars, i.code, k),
          value: values[i.code] ?? null,
          missing: (values[i.code] ?? null) === null,
        })),
      });
    }
    const last = rows[rows.length - 1];
    const peers = last
      ? (
          await this.results({ year: Number(last.year), level: last.regionLevel, parent: last.parentCode ?? undefined })
        ).map((p) => ({ regionCode: p.regionCode, regionName: p.regionName, stars: p.stars, score: p.score }))
      : [];
    return { regionCode: region.code, regionName: region.name, regionLevel: region.level, history, peers };
  }

  async heatmap(q: { year: number; level: 'city' | 'county' | 'community'; parent?: string }) {
    const rows = await this.repo.heatmap(this.db, q);
    const first = rows[0];
    let indicators: { code: string; name: string }[] = [];
    if (first) {
      const campaign = await this.repo.campaign(this.db, first.campaignId);
      const catId = q.level === 'city' ? campaign?.cityCatalogueId : campaign?.countyCatalogueId;
      if (catId)
        indicators = (await this.catalogueRow(catId)).indicators
          .filter((i) => !i.bonusPoints)
          .map((i) => ({ code: i.code, name: i.name }));
    }
    const cells: [number, number, number][] = [];
    const all = first
      ? (
          await this.catalogueRow(
            (await this.repo.campaign(this.db, first.campaignId))![
              q.level === 'city' ? 'cityCatalogueId' : 'countyCatalogueId'
            ]!,
          )
        ).indicators
      : [];
    const pos = new Map(all.map((i, k) => [i.code, k]));
    rows.forEach((r, ri) =>
      indicators.forEach((ind, ii) =>
        cells.push([ri, ii, starAt(r.indicatorStars, ind.code, pos.get(ind.code) ?? -1)]),
      ),
    );
    return { year: q.year, regions: rows.map((r) => ({ code: r.regionCode, name: r.regionName })), indicators, cells };
  }

  /** Full recompute of every rating of every campaign (the benchmark's figure). */
  async recomputeAll(db: Db = this.db): Promise<number> {
    const campaigns = await this.repo.listCampaigns(db);
    // Two campaigns at a time: while one is rated in this process, the database writes the other's results.
    // (PGlite has one connection and simply serialises them.)
    let next = 0;
    let n = 0;
    const worker = async () => {
      while (next < campaigns.length) {
        const c = campaigns[next++]!;
        for (let after = ''; ;) {
          const subs = await this.repo.submissionsPage(db, c.id, after, 2000);
          if (!subs.length) break;
          await db.transaction(async (tx) => this.recompute(tx, subs, null, c.sample));
          n += subs.length;
          after = subs[subs.length - 1]!.regionCode;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return n;
  }
}
