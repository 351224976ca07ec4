import crypto from 'node:crypto';
import {
  ASSESSMENT_PERMISSIONS as P,
  CAMPAIGN_STAGE_NAMES,
  type AssessmentCampaign,
  type CampaignAction,
  type CampaignActionPreview,
  type CampaignActionRequest,
  type OpenCampaignRequest,
} from '@zhicheng/contracts/assessment';
import { isSystem, type RequestContext } from '../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { RegionsService } from '../regions/index.ts';
import { assessmentError } from './assessment.errors.ts';
import type { CampaignRow, CatalogueRow } from './assessment.tables.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { coEvaluationDefault, type CataloguesService } from './catalogues.service.ts';
import type { ExpertDrawer } from './expert-drawer.ts';
import type { ResultsService } from './results.service.ts';
import { ReviewsRepository } from './reviews.repository.ts';
import { SubmissionsRepository } from './submissions.repository.ts';
import { CAMPAIGN_STEPS, campaignActions, noticeOpen, stageCompleteness } from './workflow.ts';

export const CAMPAIGN_WHAT = { zh: '评估活动', en: 'campaign' };
const DAY_MS = 86_400_000;

/**
 * The year's campaign: opening it (one draft submission per city and county, catalogue versions locked) and the
 * province's actions moving it on — drawing experts, co-evaluation, the public notice, publication.
 */
export class CampaignsService {
  private readonly repo: CampaignsRepository;
  private readonly submissions: SubmissionsRepository;
  private readonly reviews: ReviewsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly catalogues: CataloguesService,
    private readonly results: ResultsService,
    private readonly experts: ExpertDrawer,
  ) {
    this.repo = new CampaignsRepository(platform.db);
    this.submissions = new SubmissionsRepository(platform.db);
    this.reviews = new ReviewsRepository(platform.db);
  }

  async list(): Promise<AssessmentCampaign[]> {
    const out: AssessmentCampaign[] = [];
    for (const c of await this.repo.list()) out.push(await this.toCampaign(c));
    return out;
  }

  async get(id: string): Promise<AssessmentCampaign> {
    const c = await this.repo.byId(id);
    if (!c) throw notFound(CAMPAIGN_WHAT);
    return this.toCampaign(c);
  }

  /**
   * Opens the year's campaign for the province's regions (or the ones named). The demo opens one as the system
   * (`sample`: its data is labelled 示例).
   */
  async open(
    ctx: RequestContext,
    req: OpenCampaignRequest,
    opts: { sample?: boolean } = {},
  ): Promise<AssessmentCampaign> {
    const province = this.platform.config.provinceCode;
    if (!isSystem(ctx)) await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, province);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const cats = await this.cataloguesFor(req);
      if (await this.repo.byYear(req.year))
        throw platformError(
          'conflict',
          { zh: `${req.year}年度评估活动已存在`, en: `A ${req.year} campaign exists already` },
          [{ path: 'year', message: 'exists' }],
        );
      const regions = [
        ...(cats.city ? await this.regions.list({ parent: province, level: 'city', descendants: true }) : []),
        ...(cats.county ? await this.regions.list({ parent: province, level: 'county', descendants: true }) : []),
      ].filter((r) => !req.regionCodes || req.regionCodes.includes(r.code));
      const missing = req.regionCodes?.find((c) => !regions.some((r) => r.code === c));
      if (missing)
        throw invalidField('regionCodes', `${missing} 不是市或县级区划`, `${missing} is not a city or county`);
      const now = this.platform.clock.now();
      await this.repo.insert({
        id,
        year: req.year,
        name: req.name,
        stage: 'self_assessment',
        cityCatalogueId: req.cityCatalogueId,
        countyCatalogueId: req.countyCatalogueId,
        deadlines: req.deadlines,
        expertsPerSubmission: req.expertsPerSubmission,
        noticeDays: req.noticeDays,
        sample: !!opts.sample,
        createdAt: now,
        coevalIndicators: this.coEvaluationIndicators(req, cats),
      });
      await this.catalogues.lock([cats.city?.id, cats.county?.id].filter((x): x is string => !!x));
      // Aliases hide the region from the experts (blind review); seeded by the campaign so they are stable.
      const rng = SeededRandom.fromString(`alias-${id}`);
      await this.submissions.insert(
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
          alias: `S-${req.year}-${String(rng.int(100000, 999999))}`,
          updatedAt: now,
        })),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.campaign.open',
        objectType: 'campaign',
        objectId: id,
        after: { year: req.year, regions: regions.length, by: ctx.actor?.username ?? ctx.system?.name },
      });
    });
    return this.get(id);
  }

  /**
   * What an action would do now, for the confirmation the province reads before it: how many regions move, how many
   * stay behind (by city, and which), and whether the step is complete or needs a recorded reason.
   */
  async preview(ctx: RequestContext, id: string, action: CampaignAction): Promise<CampaignActionPreview> {
    await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, this.platform.config.provinceCode);
    const c = await this.repo.byId(id);
    if (!c) throw notFound(CAMPAIGN_WHAT);
    return {
      action,
      allowed: CAMPAIGN_STEPS[action].stages.includes(c.stage),
      ...(await this.completeness(id, action)),
    };
  }

  private async completeness(id: string, action: CampaignAction) {
    const cities = await this.regions.list({ parent: this.platform.config.provinceCode, level: 'city' });
    return stageCompleteness(await this.submissions.progress(id), action, new Map(cities.map((r) => [r.code, r.name])));
  }

  /**
   * Province actions moving the whole campaign on (see workflow.ts CAMPAIGN_STEPS). A step over regions that have
   * not reached it is refused unless the province gives a reason, which the audit row keeps with the counts.
   */
  async advance(
    ctx: RequestContext,
    id: string,
    action: CampaignAction,
    opts: CampaignActionRequest = {},
  ): Promise<AssessmentCampaign> {
    await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, this.platform.config.provinceCode);
    await this.platform.db.transaction(async (tx) => {
      const c = await this.repo.byId(id, { forUpdate: true });
      if (!c) throw notFound(CAMPAIGN_WHAT);
      const step = CAMPAIGN_STEPS[action];
      if (!step.stages.includes(c.stage))
        throw assessmentError('assessment_illegal_transition', {
          zh: `活动当前阶段(${CAMPAIGN_STAGE_NAMES[c.stage].zh})不允许此操作`,
          en: `The campaign stage (${CAMPAIGN_STAGE_NAMES[c.stage].en}) does not allow this`,
        });
      const done = await this.completeness(id, action);
      if (!done.complete && !opts.reason)
        throw assessmentError(
          'assessment_stage_incomplete',
          {
            zh: `${done.behind} 个区划未到此环节,${done.ready} 个可继续`,
            en: `${done.behind} regions are behind, ${done.ready} can go on`,
          },
          [{ path: 'reason', message: '须填写理由 / a reason is required' }],
        );
      const override = done.complete
        ? {}
        : { reason: opts.reason, ready: done.ready, behind: done.behind, total: done.total };
      const now = this.platform.clock.now();
      const move = () =>
        this.submissions.moveAll(id, step.from, step.to, { action, actor: ctx.actor?.username ?? null, at: now });
      let after: Record<string, unknown> | undefined;
      if (action === 'draw_experts') {
        const seed = opts.seed ?? c.expertSeed ?? SeededRandom.newSeed();
        const subs = await this.submissions.inStatus(id, step.from);
        const drawn = await this.experts.draw(
          ctx,
          subs.map((s) => ({ submissionId: s.id, regionCode: s.regionCode, regionName: s.regionName })),
          c.expertsPerSubmission,
          seed,
        );
        await this.reviews.assign(drawn);
        await move();
        await this.repo.update(id, { stage: step.stage, expertSeed: seed });
        after = { seed, assignments: drawn.length, ...override };
      } else if (action === 'publish') {
        if (noticeOpen(now, c.noticeEndsAt, await this.repo.openObjections(id)))
          throw assessmentError('assessment_notice_open');
        await this.results.recompute(await this.submissions.inStatus(id, step.from), now);
        const ids = await move();
        await this.results.publish(id, ids, now);
        await this.repo.update(id, { stage: step.stage, publishedAt: now });
        after = { published: ids.length, ...override };
      } else {
        await move();
        await this.repo.update(id, {
          stage: step.stage,
          ...(action === 'open_notice' ? { noticeEndsAt: new Date(now.getTime() + c.noticeDays * DAY_MS) } : {}),
        });
        after = done.complete ? undefined : override;
      }
      await this.platform.audit.record(tx, ctx, {
        action: `assessment.campaign.${action}`,
        objectType: 'campaign',
        objectId: id,
        after,
      });
    });
    return this.get(id);
  }

  /** The catalogues a campaign rates cities and counties with, checked against their level. */
  private async cataloguesFor(req: OpenCampaignRequest): Promise<Partial<Record<'city' | 'county', CatalogueRow>>> {
    const cats: Partial<Record<'city' | 'county', CatalogueRow>> = {};
    if (req.cityCatalogueId) cats.city = await this.catalogues.row(req.cityCatalogueId);
    if (req.countyCatalogueId) cats.county = await this.catalogues.row(req.countyCatalogueId);
    if (!cats.city && !cats.county)
      throw invalidField('cityCatalogueId', '至少选择一个指标体系', 'choose at least one catalogue');
    if (cats.city && cats.city.level !== 'city')
      throw invalidField('cityCatalogueId', '须为城市级指标体系', 'must be a city catalogue');
    if (cats.county && cats.county.level !== 'county')
      throw invalidField('countyCatalogueId', '须为县级指标体系', 'must be a county catalogue');
    return cats;
  }

  /** The province's choice, each code from the campaign's catalogues; by default the 数字惠民 indicators. */
  private coEvaluationIndicators(req: OpenCampaignRequest, cats: Partial<Record<'city' | 'county', CatalogueRow>>) {
    if (!req.coEvaluationIndicators) return coEvaluationDefault([cats.city, cats.county]);
    const known = new Set([cats.city, cats.county].flatMap((c) => c?.indicators.map((i) => i.code) ?? []));
    const unknown = req.coEvaluationIndicators.find((code) => !known.has(code));
    if (unknown)
      throw invalidField(
        'coEvaluationIndicators',
        `${unknown} 不在本活动的指标体系中`,
        `${unknown} is not an indicator of the campaign's catalogues`,
      );
    return [...new Set(req.coEvaluationIndicators)];
  }

  private async toCampaign(c: CampaignRow): Promise<AssessmentCampaign> {
    return {
      id: c.id,
      year: c.year,
      name: c.name,
      stage: c.stage,
      cityCatalogueId: c.cityCatalogueId,
      countyCatalogueId: c.countyCatalogueId,
      deadlines: c.deadlines,
      expertsPerSubmission: c.expertsPerSubmission,
      noticeDays: c.noticeDays,
      noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
      expertSeed: c.expertSeed,
      sample: c.sample,
      counts: await this.repo.statusCounts(c.id),
      createdAt: c.createdAt.toISOString(),
      publishedAt: c.publishedAt?.toISOString() ?? null,
      coEvaluationIndicators: c.coevalIndicators,
      actions: campaignActions(c.stage),
    };
  }
}
