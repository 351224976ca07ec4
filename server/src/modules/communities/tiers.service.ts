import {
  COMMUNITIES_PERMISSIONS as P,
  type CommunityTier,
  type OnsiteCheckRequest,
  type OnsiteCheck,
  type ReportIndicators,
  type TierAssessment,
  type TierDecision,
  type TierView,
} from '@zhicheng/contracts/communities';
import type { IndicatorCatalogue, InlineCatalogue } from '@zhicheng/contracts/assessment';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { SubjectScored } from '@zhicheng/contracts/participation';
import type { AssessmentApi } from '../assessment/index.ts';
import type { DirectoryApi } from '../directory/index.ts';
import type { ParticipationApi } from '../participation/index.ts';
import { communitiesError } from './communities.errors.ts';
import type { tierAssessment, TierAssessmentRow } from './communities.tables.ts';
import type { RegistryService } from './registry.service.ts';
import { TiersRepository } from './tiers.repository.ts';
import { demoValues, nextTier, onsitePassed, PUBLISHED_BASIC, TIER_LEVEL, tierOfLevel } from './tiers.ts';

/** The community catalogue kept in the assessment engine (DB37/T 3890.3 shape); its newest version decides. */
export const COMMUNITY_CATALOGUE_KEY = 'DB37-3890.3-community';
const OBJECT = 'communities.tier';
const REPORT_ACTIONS = ['communities.tier.report'] as const;
/** What participation's site-check task and the directory's draw are about: one community's 标杆型 claim of a year. */
const ONSITE_SUBJECT = 'benchmark_claim';

/**
 * Tiers through the assessment module's rating rule and catalogue versions (one engine for stars and tiers): a
 * community reports its indicator values for a year, the rule rates them, the county or city checks (four eyes),
 * and the province confirms 标杆型. Each community sees the cheapest improvements to its next tier.
 */
export class TiersService {
  private readonly repo: TiersRepository;
  private readonly catalogues = new Map<string, IndicatorCatalogue>();

  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryService,
    private readonly assessment: AssessmentApi,
    private readonly participation: ParticipationApi,
    private readonly directory: DirectoryApi,
  ) {
    this.repo = new TiersRepository(platform.db);
  }

  /** The newest version of the community catalogue; a version never changes once saved, so it is kept by id. */
  async catalogue(): Promise<IndicatorCatalogue> {
    const [latest] = await this.assessment.catalogueVersions(COMMUNITY_CATALOGUE_KEY);
    if (!latest) throw communitiesError('tier_not_reported', { zh: '社区指标体系缺失', en: 'No community catalogue' });
    let c = this.catalogues.get(latest.id);
    if (!c) {
      c = await this.assessment.catalogue(latest.id);
      this.catalogues.set(latest.id, c);
    }
    return c;
  }

  async report(ctx: RequestContext, code: string, year: number, input: ReportIndicators): Promise<TierAssessment> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.selfReport, code);
    const cat = await this.catalogue();
    // The engine refuses codes not in the catalogue (400 naming values.<code>).
    const rating = await this.assessment.rate(cat.id, input.values);
    await this.platform.db.transaction(async (tx) => {
      if (!(await this.registry.repo.byCode(code, true))) throw communitiesError('community_not_found');
      const prior = await this.repo.get(code, year, true);
      if (prior && prior.status !== 'reported' && prior.status !== 'returned')
        throw communitiesError('tier_wrong_status');
      await this.repo.upsert({
        communityCode: code,
        year,
        catalogueId: cat.id,
        catalogueVersion: cat.version,
        values: input.values,
        level: rating.level,
        score: rating.score,
        ratedTier: tierOfLevel(rating.level),
        status: 'reported',
        reportedBy: actor.userId,
        reportedAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.tier.report',
        objectType: OBJECT,
        objectId: `${code}:${year}`,
        before: prior ?? null,
        after: { values: input.values, level: rating.level },
      });
    });
    return this.toAssessment((await this.repo.get(code, year))!);
  }

  /** The county or city check: confirms 基础型/成长型, passes 标杆型 on to the province, or returns the report. */
  async check(ctx: RequestContext, code: string, year: number, d: TierDecision): Promise<TierAssessment> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.tierCheck, code);
    return this.decide(ctx, actor.userId, code, year, d, 'reported');
  }

  /**
   * The province confirms 标杆型 once the on-site check has passed (`onsitePassed`), or leaves the community at 成长型
   * (a return needs no check: the province may turn a claim down on the papers).
   */
  async confirmBenchmark(ctx: RequestContext, code: string, year: number, d: TierDecision): Promise<TierAssessment> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.benchmarkConfirm, code);
    if (d.decision === 'confirm') {
      const check = await this.onsiteResult(code, year);
      if (!check?.passed)
        throw communitiesError(
          'onsite_check_not_passed',
          check
            ? {
                zh: `已评分 ${check.scored}/${check.row.panelSize},确认属实 ${check.confirmed},中位数 ${check.median ?? '—'}`,
                en: `${check.scored}/${check.row.panelSize} scored, ${check.confirmed} confirmed, median ${check.median ?? '—'}`,
              }
            : { zh: '尚未发起实地核验', en: 'No on-site check has been started' },
        );
    }
    return this.decide(ctx, actor.userId, code, year, d, 'awaiting_province');
  }

  /**
   * Starts the on-site check of a 标杆型 candidate: participation draws a panel of citizen supervisors and media from
   * the pool of the community's city (or the province's), and the directory draws experts in 智慧社区 from outside
   * the community's city, its seed committed to the audit chain first. Both in one transaction with the record here,
   * so a refused draw leaves nothing behind. The panel's scores arrive later as participation's events.
   */
  async startOnsiteCheck(
    ctx: RequestContext,
    code: string,
    year: number,
    req: OnsiteCheckRequest,
  ): Promise<OnsiteCheck> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.onsiteCheck, code);
    const community = await this.registry.repo.byCode(code);
    if (!community) throw communitiesError('community_not_found');
    const pool = req.pool === 'city' ? `${code.slice(0, 4)}00` : this.platform.config.provinceCode;
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.get(code, year, true);
      if (!row) throw communitiesError('tier_not_reported');
      if (row.status !== 'awaiting_province') throw communitiesError('tier_wrong_status');
      if (await this.repo.onsiteCheckOf(code, year)) throw communitiesError('onsite_check_exists');
      const subject = { module: 'communities', objectType: ONSITE_SUBJECT, objectId: `${code}:${year}` };
      const title = `${year} 年标杆型智慧社区实地核验:${community.name}`.slice(0, 200);
      const task = await this.participation.createSupervisionTask(ctx, {
        subject: { ...subject, title: community.name },
        regionCode: pool,
        panelSize: req.panelSize,
        kind: 'site_check',
        title,
        description: '核验社区申报的标杆型指标在现场是否属实,并评分(0–100)。',
        year,
        quotas: { minMedia: req.minMedia },
      });
      const draw = await this.directory.drawExperts(ctx, {
        object: { ...subject, title, regionCode: code.slice(0, 6) },
        quotas: [{ field: 'smart-community', count: req.experts }],
        regionRule: 'same_city',
        mode: 'invite',
      });
      const now = this.platform.clock.now();
      await this.repo.saveOnsiteCheck({
        communityCode: code,
        year,
        taskId: task.id,
        drawId: draw.drawId,
        poolRegionCode: pool,
        panelSize: req.panelSize,
        startedBy: actor.userId,
        startedAt: now,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.tier.onsite-check',
        objectType: OBJECT,
        objectId: `${code}:${year}`,
        after: { taskId: task.id, drawId: draw.drawId, pool, panelSize: req.panelSize, experts: req.experts },
      });
    });
    return (await this.onsiteCheckOf(code, year))!;
  }

  /** A panel member's score from participation (its event handler; a redelivery or another module's task is ignored). */
  async recordOnsiteScore(e: SubjectScored): Promise<void> {
    if (e.subject.module !== 'communities' || e.subject.objectType !== ONSITE_SUBJECT) return;
    await this.repo.addOnsiteScore({
      scoreId: e.scoreId,
      taskId: e.taskId,
      score: e.score,
      confirmed: e.confirmed,
      media: e.media,
      submittedAt: new Date(e.submittedAt),
    });
  }

  /** The check's record and its panel's result, without the experts (what the confirmation needs). */
  private async onsiteResult(code: string, year: number) {
    const row = await this.repo.onsiteCheckOf(code, year);
    if (!row) return null;
    return { row, ...onsitePassed(row.panelSize, await this.repo.onsiteScores(row.taskId)) };
  }

  private async onsiteCheckOf(code: string, year: number): Promise<OnsiteCheck | null> {
    const found = await this.onsiteResult(code, year);
    if (!found) return null;
    const { row, ...result } = found;
    const draw = await this.directory.drawState(row.drawId);
    return {
      communityCode: code,
      year,
      taskId: row.taskId,
      drawId: row.drawId,
      poolRegionCode: row.poolRegionCode,
      panelSize: row.panelSize,
      startedAt: row.startedAt.toISOString(),
      ...result,
      experts: draw.picks.map((p) => ({ alias: p.alias, code: p.code, status: p.status })),
    };
  }

  private async decide(
    ctx: RequestContext,
    by: string,
    code: string,
    year: number,
    d: TierDecision,
    from: 'reported' | 'awaiting_province',
  ): Promise<TierAssessment> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.get(code, year, true);
      if (!row) throw communitiesError('tier_not_reported');
      if (row.status !== from) {
        throw communitiesError(row.status === 'awaiting_province' ? 'tier_province_confirms' : 'tier_wrong_status');
      }
      await assertNotOwnWork(this.platform.db, ctx, {
        type: OBJECT,
        id: `${code}:${year}`,
        editActions: REPORT_ACTIONS,
      });
      const rated = row.ratedTier as CommunityTier | null;
      let status: TierAssessmentRow['status'];
      let tier: CommunityTier | null | undefined; // undefined: the community's tier stays as it is
      if (d.decision === 'return') {
        status = 'returned';
        if (from === 'awaiting_province') tier = 'growth';
      } else if (from === 'reported' && rated === 'benchmark') {
        // 标杆型 waits for the province; meanwhile the community is what the rule also proves: 成长型.
        status = 'awaiting_province';
        tier = 'growth';
      } else {
        status = 'confirmed';
        tier = rated;
      }
      const now = this.platform.clock.now();
      await this.repo.decide(code, year, { status, note: d.note ?? null, decidedBy: by, decidedAt: now });
      if (tier !== undefined) {
        await this.registry.repo.update(code, { tier, tierYear: year, tierSource: 'rated', updatedAt: now });
      }
      await this.platform.audit.record(tx, ctx, {
        action: `communities.tier.${from === 'reported' ? 'check' : 'benchmark'}`,
        objectType: OBJECT,
        objectId: `${code}:${year}`,
        before: { status: row.status },
        after: { status, tier: tier ?? null, note: d.note ?? null },
      });
    });
    return this.toAssessment((await this.repo.get(code, year))!);
  }

  /** The community's rating with its explanation and the cheapest path to the next tier. */
  async view(ctx: RequestContext, code: string, year: number): Promise<TierView> {
    const c = await this.registry.get(ctx, code);
    const cat = await this.catalogue();
    const row = await this.repo.get(code, year);
    const values = row?.values ?? {};
    // A report rated on an older version is shown on it; missing codes on the newest one count as not reported.
    const ref = row && row.catalogueId !== cat.id ? await this.assessment.catalogue(row.catalogueId) : cat;
    const rating = await this.assessment.rate(ref.id, values);
    const current = row ? tierOfLevel(rating.level) : null;
    const next = nextTier(current);
    const gap = next ? await this.assessment.cheapestPath(ref.id, values, TIER_LEVEL[next]) : null;
    const byCode = new Map(ref.indicators.map((i) => [i.code, i]));
    return {
      community: { code: c.code, name: c.name, tier: c.tier },
      catalogue: { id: ref.id, key: ref.key, version: ref.version, name: ref.name },
      assessment: row ? this.toAssessment(row) : null,
      indicators: ref.indicators.map((i, k) => ({
        code: i.code,
        name: i.name,
        domain: i.domain,
        unit: i.unit,
        weight: i.weight,
        thresholds: [...i.thresholds],
        value: values[i.code] ?? null,
        stars: rating.indicators[k]?.stars ?? 0,
        published: PUBLISHED_BASIC[i.code] ?? null,
      })),
      nextTier: next,
      path: gap && {
        feasible: gap.feasible,
        totalCost: gap.totalCost,
        solver: gap.solver,
        improvements: gap.improvements.map((m) => ({
          code: m.code,
          name: byCode.get(m.code)?.name ?? m.code,
          unit: byCode.get(m.code)?.unit ?? '',
          from: m.from,
          to: m.to,
          fromStars: m.fromStars,
          toStars: m.toStars,
          cost: m.cost,
        })),
      },
      explanation: row ? rating.explanation.text : null,
      onsiteCheck: row ? await this.onsiteCheckOf(code, year) : null,
    };
  }

  /**
   * Demo (示例): made-up values that reach each planned tier, rated by the same rule, confirmed as the platform;
   * the community's tier is what the rule gave, never written directly.
   */
  async seedDemo(ctx: RequestContext, plan: { code: string; tier: CommunityTier | null }[], year: number) {
    const cat = await this.catalogue();
    const now = this.platform.clock.now();
    const rows: (typeof tierAssessment.$inferInsert)[] = [];
    const byTier = new Map<CommunityTier, string[]>();
    // The same catalogue given inline: the engine rates it without reading the version row ~3,000 times.
    const inline: InlineCatalogue = {
      policy: cat.policy,
      indicators: cat.indicators.map((i) => ({
        code: i.code,
        weight: i.weight,
        direction: i.direction,
        thresholds: i.thresholds,
        veto: i.veto,
        ...(i.bonusPoints ? { bonusPoints: i.bonusPoints } : {}),
      })),
    };
    for (const p of plan) {
      const values = demoValues(cat.indicators, p.tier ? TIER_LEVEL[p.tier] : 2, `demo-tier-${p.code}-${year}`);
      const rating = await this.assessment.rate(inline, values);
      const tier = tierOfLevel(rating.level);
      if (tier) byTier.set(tier, [...(byTier.get(tier) ?? []), p.code]);
      rows.push({
        communityCode: p.code,
        year,
        catalogueId: cat.id,
        catalogueVersion: cat.version,
        values,
        level: rating.level,
        score: rating.score,
        ratedTier: tier,
        status: 'confirmed',
        reportedAt: now,
        decidedAt: now,
        isDemo: true,
      });
    }
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insertMany(rows);
      for (const [tier, codes] of byTier) await this.registry.repo.setTier(codes, tier, year);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.tier.seed-demo',
        objectType: OBJECT,
        objectId: null,
        after: { count: rows.length, year },
      });
    });
    return byTier;
  }

  /**
   * Demo (示例): a 成长型 community whose made-up report now rates 标杆型 and has passed its county check, so the
   * province's on-site check can be tried on it. Returns false when the community's row is not 成长型.
   */
  async seedDemoCandidate(ctx: RequestContext, code: string, year: number): Promise<boolean> {
    const cat = await this.catalogue();
    const row = await this.repo.get(code, year);
    if (!row || row.ratedTier !== 'growth') return false;
    const values = demoValues(cat.indicators, TIER_LEVEL.benchmark, `demo-candidate-${code}-${year}`);
    const rating = await this.assessment.rate(cat.id, values);
    if (tierOfLevel(rating.level) !== 'benchmark') return false;
    await this.platform.db.transaction(async (tx) => {
      await this.repo.upsert({
        communityCode: code,
        year,
        catalogueId: cat.id,
        catalogueVersion: cat.version,
        values,
        level: rating.level,
        score: rating.score,
        ratedTier: 'benchmark',
        status: 'awaiting_province',
        reportedAt: this.platform.clock.now(),
        isDemo: true,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.tier.seed-demo',
        objectType: OBJECT,
        objectId: `${code}:${year}`,
        after: { status: 'awaiting_province', level: rating.level },
      });
    });
    return true;
  }

  /** Demo (示例): the four campaign years before `year`, for the trend (TiersRepository.seedDemoHistory). */
  async seedDemoHistory(ctx: RequestContext, year: number): Promise<void> {
    // Shares of this year's smart communities that were smart already (示例; the published series is not public).
    const shares = { [year - 4]: 0.38, [year - 3]: 0.56, [year - 2]: 0.73, [year - 1]: 0.88 };
    await this.platform.db.transaction(async (tx) => {
      await this.repo.seedDemoHistory(year, shares);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.tier.seed-demo',
        objectType: OBJECT,
        objectId: null,
        after: { history: shares },
      });
    });
  }

  private toAssessment(r: TierAssessmentRow): TierAssessment {
    return {
      communityCode: r.communityCode,
      year: r.year,
      catalogueId: r.catalogueId,
      catalogueVersion: r.catalogueVersion,
      values: r.values,
      level: r.level,
      score: r.score,
      ratedTier: r.ratedTier as CommunityTier | null,
      status: r.status as TierAssessment['status'],
      note: r.note,
      reportedAt: r.reportedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      demo: r.isDemo,
    };
  }
}
