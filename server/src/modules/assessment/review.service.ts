import {
  ASSESSMENT_PERMISSIONS as P,
  type AssessmentSubmission,
  type BulkApproveResponse,
  type ReviewTask,
} from '@zhicheng/contracts/assessment';
import type { Role } from '@zhicheng/contracts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { AppError, invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { assessmentError } from './assessment.errors.ts';
import type { CataloguesService } from './catalogues.service.ts';
import { conflictOfInterest } from './expert-draw.ts';
import type { ResultsService } from './results.service.ts';
import { ReviewsRepository } from './reviews.repository.ts';
import { SubmissionsRepository } from './submissions.repository.ts';
import { SUBMISSION_WHAT, type SubmissionsService } from './submissions.service.ts';
import { approvalStep, childrenPending, isScorable, lateIn, sendBackCheck, waitingStage } from './workflow.ts';

/** What counts as filing or editing a submission: its filer may not approve it (four eyes). */
const SUBMISSION_EDITS = [
  'assessment.submission.save',
  'assessment.submission.submit',
  'assessment.evidence.upload',
] as const;

const notAssigned = () =>
  platformError('forbidden', { zh: '您未被抽取评审此填报', en: 'You are not assigned to this submission' });

/**
 * The review of submissions: the approval steps (city, then province; a city after its counties), sending back
 * with a reason, and the drawn experts' blind scoring. Whoever filed or edited a submission cannot approve it.
 */
export class ReviewService {
  private readonly repo: ReviewsRepository;
  private readonly submissionRows: SubmissionsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly catalogues: CataloguesService,
    private readonly submissions: SubmissionsService,
    private readonly results: ResultsService,
  ) {
    this.repo = new ReviewsRepository(platform.db);
    this.submissionRows = new SubmissionsRepository(platform.db);
  }

  /** One approval step, then the submission as it is now. */
  async approve(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    await this.approveOnly(ctx, id);
    return this.submissions.get(ctx, id);
  }

  /** The approval itself (no detail read back): what bulk approval and the benchmark call. */
  async approveOnly(ctx: RequestContext, id: string): Promise<void> {
    await this.platform.db.transaction(async () => {
      const s = await this.submissions.load(id, { forUpdate: true });
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.submissionApprove, s.regionCode);
      await assertNotOwnWork(this.platform.db, ctx, { type: 'submission', id, editActions: SUBMISSION_EDITS });
      const step = approvalStep(s, {
        city: await this.holdsOver(actor, ['city_approver'], s.regionCode),
        province: await this.holdsOver(actor, ['province_approver'], s.regionCode),
      });
      if ('refused' in step) throw assessmentError('assessment_illegal_transition', step.refused);
      // The stage's deadline: closed after it until the province reopens it; an approval after it is marked late.
      const window = await this.submissions.stageWindowOf(s);
      if (window?.closed) throw assessmentError('assessment_stage_deadline_passed');
      const late = lateIn(window?.stage ?? null, await this.submissions.deadlinesOf(s), this.platform.clock.now());
      if (step.to === 'province_approved' && s.regionLevel === 'city') {
        const pending = childrenPending(await this.submissionRows.childStatuses(s.campaignId, s.regionCode));
        if (pending)
          throw assessmentError('assessment_children_pending', {
            zh: `下级区县尚有 ${pending} 个未通过省级审核`,
            en: `${pending} counties are not approved by the province yet`,
          });
      }
      await this.submissions.transition(ctx, s, step.to, 'approve', null, late);
      await this.results.recompute([s], null);
    });
  }

  /** Approves several regions, each on its own: one refusal does not stop the others. */
  async bulkApprove(ctx: RequestContext, campaignId: string, regionCodes: string[]): Promise<BulkApproveResponse> {
    this.platform.authz.require(ctx.actor, P.submissionApprove);
    const approved: string[] = [];
    const refused: BulkApproveResponse['refused'] = [];
    // Counties before cities, so a city whose counties are approved in the same batch can follow them.
    const sorted = [...new Set(regionCodes)].sort(
      (a, b) => Number(a.endsWith('00')) - Number(b.endsWith('00')) || a.localeCompare(b),
    );
    for (const code of sorted) {
      try {
        const s = await this.submissionRows.byRegion(campaignId, code);
        if (!s) throw notFound(SUBMISSION_WHAT);
        await this.approveOnly(ctx, s.id);
        approved.push(code);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        refused.push({ regionCode: code, code: e.code, message: e.messages.zh });
      }
    }
    return { approved, refused };
  }

  /** Sends back with a reason: the province at any stage, a city approver its counties before the province. */
  async sendBack(ctx: RequestContext, id: string, reason: string): Promise<AssessmentSubmission> {
    if (reason.trim().length < 2) throw invalidField('reason', '请填写退回原因', 'a reason is required');
    await this.platform.db.transaction(async () => {
      const s = await this.submissions.load(id, { forUpdate: true });
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.submissionReturn, s.regionCode);
      const province = await this.holdsOver(actor, ['province_approver', 'province_operator'], s.regionCode);
      const refusal = sendBackCheck(s, {
        province,
        city: await this.holdsOver(actor, ['city_approver'], s.regionCode),
      });
      if (refusal) throw assessmentError('assessment_illegal_transition', refusal.refused);
      // A city's send-back is its review step: closed after the stage's deadline (the province may still send back).
      const window = await this.submissions.stageWindowOf(s);
      if (window?.closed && !province) throw assessmentError('assessment_stage_deadline_passed');
      const late = lateIn(window?.stage ?? null, await this.submissions.deadlinesOf(s), this.platform.clock.now());
      await this.repo.unassign(s.id);
      await this.submissionRows.update(s.id, { disagreement: false }, this.platform.clock.now());
      await this.submissions.transition(ctx, s, 'returned', 'send_back', reason, late);
    });
    return this.submissions.get(ctx, id);
  }

  // ------------------------------------------------------------ expert review

  async myReviews(ctx: RequestContext): Promise<{ items: ReviewTask[] }> {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const items: ReviewTask[] = [];
    for (const a of await this.repo.assignmentsOf(ctx.actor.userId)) items.push(await this.task(ctx, a.submissionId));
    return { items };
  }

  /** Blind: no region name, no other expert's score. Only an assigned expert may open it. */
  async task(ctx: RequestContext, submissionId: string): Promise<ReviewTask> {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const s = await this.submissions.load(submissionId);
    const mine = (await this.repo.assignments(s.id)).find((a) => a.expertUserId === ctx.actor!.userId);
    if (!mine) throw notAssigned();
    const cat = await this.catalogues.row(s.catalogueId);
    return {
      submissionId: s.id,
      alias: s.alias,
      year: s.year,
      regionLevel: s.regionLevel,
      status: s.status,
      myScore: mine.score,
      myComment: mine.comment,
      values: s.values,
      indicators: cat.indicators.map(({ code, name, unit, domain, weight }) => ({ code, name, unit, domain, weight })),
      evidence: (await this.submissionRows.evidenceList(s.id)).map((e) => ({
        ...e,
        uploadedAt: e.uploadedAt.toISOString(),
      })),
      scorable: isScorable(s.status),
      stageWindow: await this.submissions.stageWindowOf(s),
      myScoreLate: mine.scoredLate,
    };
  }

  /**
   * An expert's score. When the last drawn expert has scored, the submission is reviewed, flagged when the scores
   * lie further apart than the policy allows.
   */
  async score(ctx: RequestContext, submissionId: string, score: number, comment: string): Promise<ReviewTask> {
    this.platform.authz.require(ctx.actor, P.reviewScore);
    const actor = ctx.actor;
    await this.platform.db.transaction(async () => {
      const s = await this.submissions.load(submissionId, { forUpdate: true });
      // Defence in depth: an assignment against the rule must still not let an expert score their own region.
      const region = (await this.regions.lineage(s.regionCode)) ?? [];
      for (const b of actor.roles.filter((r) => r.role === 'expert'))
        if (conflictOfInterest((await this.regions.lineage(b.regionCode)) ?? [], region))
          throw assessmentError('assessment_conflict_of_interest');
      const assignments = await this.repo.assignments(s.id);
      if (!assignments.some((a) => a.expertUserId === actor.userId)) throw notAssigned();
      if (!isScorable(s.status)) throw assessmentError('assessment_illegal_transition');
      const window = await this.submissions.stageWindowOf(s);
      if (window?.closed) throw assessmentError('assessment_stage_deadline_passed');
      const late = lateIn(waitingStage(s), await this.submissions.deadlinesOf(s), this.platform.clock.now());
      await this.repo.score(s.id, actor.userId, score, comment, this.platform.clock.now(), late);
      await this.platform.audit.record(this.platform.db, ctx, {
        action: 'assessment.review.score',
        objectType: 'submission',
        objectId: s.id,
        after: { score, ...(late ? { late } : {}) },
      });
      const scores = assignments.map((a) => (a.expertUserId === actor.userId ? score : a.score));
      if (scores.every((x) => x !== null)) {
        const cat = await this.catalogues.row(s.catalogueId);
        const spread = Math.max(...(scores as number[])) - Math.min(...(scores as number[]));
        await this.submissionRows.update(
          s.id,
          { disagreement: spread > cat.policy.disagreementPoints },
          this.platform.clock.now(),
        );
        await this.submissions.transition(ctx, s, 'expert_reviewed', 'review_complete', null, late);
      }
    });
    return this.task(ctx, submissionId);
  }

  /** True when the actor holds one of `roles` at the region or above it. */
  private async holdsOver(actor: Actor, roles: Role[], code: string): Promise<boolean> {
    const lineage = (await this.regions.lineage(code)) ?? [];
    return actor.roles.some((b) => roles.includes(b.role) && lineage.includes(b.regionCode));
  }
}
