import crypto from 'node:crypto';
import {
  ASSESSMENT_PERMISSIONS as P,
  type CoEvaluationInput,
  type CoevalScoreRequest,
  type CoevalScoreResponse,
} from '@zhicheng/contracts/assessment';
import { isSystem, type RequestContext } from '../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { assessmentError } from './assessment.errors.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import type { CataloguesService } from './catalogues.service.ts';
import { ReviewsRepository } from './reviews.repository.ts';
import { SubmissionsRepository } from './submissions.repository.ts';
import type { SubmissionsService } from './submissions.service.ts';
import { submissionActions } from './workflow.ts';

export type CoEvaluationOutcome = 'recorded' | 'duplicate' | 'ignored';

/**
 * What the public says before results are published: co-evaluation scores (监督共评) by citizen supervisors and
 * media, here or through the participation module, and objections during the public notice (公示异议).
 */
export class CoEvaluationService {
  private readonly repo: ReviewsRepository;
  private readonly submissionRows: SubmissionsRepository;
  private readonly campaigns: CampaignsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly catalogues: CataloguesService,
    private readonly submissions: SubmissionsService,
  ) {
    this.repo = new ReviewsRepository(platform.db);
    this.submissionRows = new SubmissionsRepository(platform.db);
    this.campaigns = new CampaignsRepository(platform.db);
  }

  /**
   * A score handed over by another module (the participation module's event, or its direct call), inside the
   * caller's transaction and audited as the caller (an event handler's system context). Recorded only while the
   * region's submission for that year is in co-evaluation and the indicator is open to it; idempotent on scoreId.
   */
  async record(ctx: RequestContext, input: CoEvaluationInput): Promise<CoEvaluationOutcome> {
    if (!ctx.actor && !isSystem(ctx)) throw platformError('unauthenticated');
    return this.platform.db.transaction(async (tx) => {
      const outcome = await this.store(input, 'participation');
      if (outcome.result === 'recorded')
        await this.platform.audit.record(tx, ctx, {
          action: 'assessment.coeval.record',
          objectType: 'submission',
          objectId: outcome.submissionId,
          after: { scoreId: input.scoreId, score: input.score },
        });
      return outcome.result;
    });
  }

  /** A citizen supervisor's or media member's score, given here. */
  async score(ctx: RequestContext, submissionId: string, req: CoevalScoreRequest): Promise<CoevalScoreResponse> {
    const scoreId = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const s = await this.submissions.load(submissionId);
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.coevalScore, s.regionCode);
      if (s.status !== 'co_evaluation') throw assessmentError('assessment_illegal_transition');
      const indicatorCode = req.indicatorCode ?? null;
      if (indicatorCode) {
        const cat = await this.catalogues.row(s.catalogueId);
        if (!cat.indicators.some((i) => i.code === indicatorCode))
          throw invalidField('indicatorCode', '指标不在指标体系中', 'not an indicator');
        if (!(await this.openTo(s.campaignId)).has(indicatorCode))
          throw invalidField(
            'indicatorCode',
            '该指标未列入本活动的监督共评',
            'this indicator is not assigned to co-evaluation in this campaign',
          );
      }
      await this.store(
        {
          scoreId,
          year: s.year,
          regionCode: s.regionCode,
          indicatorCode,
          kind: indicatorCode ? 'indicator_verification' : 'service',
          score: req.score,
          confirmed: req.confirmed ?? null,
          supervisorRef: actor.userId,
          media: actor.organisationKind === 'media',
          submittedAt: this.platform.clock.now().toISOString(),
        },
        'direct',
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.coeval.score',
        objectType: 'submission',
        objectId: s.id,
        after: { scoreId, score: req.score },
      });
    });
    const s = await this.submissions.load(submissionId);
    return { scoreId, ...(await this.repo.coevalSummary(s.id)) };
  }

  /** Anyone signed in may object while the result is on public notice. */
  async fileObjection(ctx: RequestContext, submissionId: string, text: string): Promise<{ id: string }> {
    if (!ctx.actor) throw platformError('unauthenticated');
    const filedBy = ctx.actor.userId;
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const s = await this.submissions.load(submissionId);
      if (!submissionActions(s).includes('object'))
        throw assessmentError('assessment_illegal_transition', {
          zh: '仅公示期内可提出异议',
          en: 'Objections are taken during the public notice only',
        });
      await this.repo.addObjection({ id, submissionId, text, filedBy, filedAt: this.platform.clock.now() });
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.objection.file',
        objectType: 'submission',
        objectId: submissionId,
        after: { objection: id },
      });
    });
    return { id };
  }

  /** The province resolves an objection; never the one who filed it. */
  async resolveObjection(ctx: RequestContext, objectionId: string, resolution: string): Promise<void> {
    await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, this.platform.config.provinceCode);
    await this.platform.db.transaction(async (tx) => {
      const o = await this.repo.objection(objectionId, { forUpdate: true });
      if (!o) throw notFound({ zh: '异议', en: 'objection' });
      if (o.resolution) throw platformError('conflict');
      if (o.filedBy === ctx.actor?.userId) throw platformError('own_work');
      await this.repo.resolve(objectionId, resolution, this.platform.clock.now());
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.objection.resolve',
        objectType: 'objection',
        objectId: objectionId,
        after: { resolution },
      });
    });
  }

  private async store(
    input: CoEvaluationInput,
    source: 'participation' | 'direct',
  ): Promise<{ result: CoEvaluationOutcome; submissionId?: string }> {
    const s = await this.submissionRows.byYearAndRegion(input.year, input.regionCode);
    if (!s || s.status !== 'co_evaluation') return { result: 'ignored' };
    if (input.indicatorCode !== null && !(await this.openTo(s.campaignId)).has(input.indicatorCode))
      return { result: 'ignored' };
    const added = await this.repo.addCoevalScore({
      id: input.scoreId,
      submissionId: s.id,
      indicatorCode: input.indicatorCode,
      kind: input.kind,
      score: input.score,
      confirmed: input.confirmed,
      source,
      supervisorRef: input.supervisorRef,
      media: input.media,
      submittedAt: new Date(input.submittedAt),
    });
    return { result: added ? 'recorded' : 'duplicate', submissionId: s.id };
  }

  /** The campaign's indicator codes open to co-evaluation. */
  private async openTo(campaignId: string): Promise<Set<string>> {
    return new Set((await this.campaigns.byId(campaignId))?.coevalIndicators ?? []);
  }
}
