import crypto from 'node:crypto';
import type { ImportReport } from '@zhicheng/contracts';
import {
  ASSESSMENT_PERMISSIONS as P,
  type AssessmentEvidence,
  type AssessmentSubmission,
  type AssessmentSubmissionListQuery,
  type AssessmentSubmissionPage,
  type AssessmentSubmissionSummary,
  type CampaignDeadlines,
  DEADLINE_STAGE_NAMES,
  type IndicatorChanges,
  type IndicatorValues,
  type ReopenSubmissionRequest,
  type SubmissionRadar,
} from '@zhicheng/contracts/assessment';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { assessmentError } from './assessment.errors.ts';
import type { SubmissionRow } from './assessment.tables.ts';
import type { CataloguesService } from './catalogues.service.ts';
import { valuesFromRows, type SheetRow } from './excel-rows.ts';
import { rate } from './rating.ts';
import type { ResultsService } from './results.service.ts';
import { ReviewsRepository } from './reviews.repository.ts';
import { SubmissionsRepository } from './submissions.repository.ts';
import {
  mergeValues,
  numericValues,
  orderedValues,
  submissionProblems,
  valueChanges,
  valueProblems,
} from './validation.ts';
import {
  actionsFor,
  callerDuties,
  chinaDay,
  fillingWindow,
  isEditable,
  pastDeadline,
  reminderDue,
  stageWindow,
  waitingStage,
  withoutClosedStage,
} from './workflow.ts';

export const SUBMISSION_WHAT = { zh: '填报', en: 'submission' };

/**
 * A region's yearly submission: reading it, filling it in (values, Excel, evidence) and submitting it. Operators
 * fill in their own region only; reading follows region scope. Approval and review are ReviewService's.
 */
export class SubmissionsService {
  private readonly repo: SubmissionsRepository;
  private readonly reviews: ReviewsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly catalogues: CataloguesService,
    private readonly results: ResultsService,
  ) {
    this.repo = new SubmissionsRepository(platform.db);
    this.reviews = new ReviewsRepository(platform.db);
  }

  /** Campaign deadlines never change once opened: read once per campaign. */
  private readonly deadlineCache = new Map<string, CampaignDeadlines>();
  private async deadlines(campaignId: string): Promise<CampaignDeadlines> {
    let d = this.deadlineCache.get(campaignId);
    if (!d) this.deadlineCache.set(campaignId, (d = await this.repo.campaignDeadlines(campaignId)));
    return d;
  }

  /** After the self-assessment deadline a draft is closed until the province reopens it. */
  private async assertFillingOpen(s: SubmissionRow): Promise<void> {
    const w = fillingWindow(s, (await this.deadlines(s.campaignId)).selfAssessment, this.platform.clock.now());
    if (w.closed) throw assessmentError('assessment_deadline_passed');
  }

  /**
   * The province reopens one stage for one region after its deadline, until a day (inclusive), with a reason kept
   * in the history and the audit trail. Filling in: only a draft (a sent-back submission is open anyway). A review
   * stage (city review, province review, expert scoring): only the stage the submission waits in now.
   */
  async reopen(ctx: RequestContext, id: string, req: ReopenSubmissionRequest): Promise<AssessmentSubmission> {
    const stage = req.stage ?? 'selfAssessment';
    await this.platform.db.transaction(async () => {
      const s = await this.load(id, { forUpdate: true });
      await this.platform.authz.assertCovers(ctx.actor, P.campaignManage, s.regionCode);
      if (stage === 'selfAssessment' ? s.status !== 'draft' : waitingStage(s) !== stage)
        throw assessmentError('assessment_illegal_transition', {
          zh: `该填报当前不在“${DEADLINE_STAGE_NAMES[stage].zh}”环节`,
          en: `The submission is not in the ${DEADLINE_STAGE_NAMES[stage].en} stage`,
        });
      if (req.until < chinaDay(this.platform.clock.now()))
        throw invalidField('until', '重新开放截止日不能早于今天', 'The reopening cannot end before today');
      const at = this.platform.clock.now();
      const before = stage === 'selfAssessment' ? s.reopenedUntil : (s.stageReopened[stage] ?? null);
      if (stage === 'selfAssessment') await this.repo.update(id, { reopenedUntil: req.until }, at);
      else await this.repo.update(id, { stageReopened: { ...s.stageReopened, [stage]: req.until } }, at);
      await this.repo.addSteps([
        {
          submissionId: id,
          from: s.status,
          to: s.status,
          action: stage === 'selfAssessment' ? 'reopen' : `reopen_${stage}`,
          reason: `${req.reason}(${DEADLINE_STAGE_NAMES[stage].zh} 至 ${req.until})`,
          actor: ctx.actor?.username ?? null,
          at,
        },
      ]);
      await this.platform.audit.record(this.platform.db, ctx, {
        action: 'assessment.submission.reopen',
        objectType: 'submission',
        objectId: id,
        before: { stage, reopenedUntil: before },
        after: { stage, reopenedUntil: req.until, reason: req.reason },
      });
    });
    return this.get(ctx, id);
  }

  /** The review stage's window of a submission now (null when it waits in none). */
  async stageWindowOf(s: SubmissionRow) {
    return stageWindow(s, await this.deadlines(s.campaignId), this.platform.clock.now());
  }

  /** The campaign's deadlines of a submission (cached). */
  deadlinesOf(s: SubmissionRow): Promise<CampaignDeadlines> {
    return this.deadlines(s.campaignId);
  }

  /**
   * The daily reminder (a job): every draft or sent-back submission whose filling-in deadline is within three days
   * gets one reminder row per deadline day — the region's to-do shows it — audited. Returns how many were sent.
   */
  async remind(ctx: RequestContext): Promise<number> {
    const now = this.platform.clock.now();
    const day = chinaDay(now);
    let sent = 0;
    for (const s of await this.repo.openDrafts()) {
      const { deadline } = fillingWindow(s, s.deadlines.selfAssessment, now);
      if (!deadline || !reminderDue(deadline, day)) continue;
      await this.platform.db.transaction(async (tx) => {
        if (
          !(await this.repo.addReminder({
            submissionId: s.id,
            deadlineKind: 'selfAssessment',
            due: deadline,
            sentAt: now,
          }))
        )
          return;
        await this.platform.audit.record(tx, ctx, {
          action: 'assessment.submission.remind',
          objectType: 'submission',
          objectId: s.id,
          after: { deadline },
        });
        sent++;
      });
    }
    // The review stages: whoever must act next (city, province, experts) sees the reminder in their to-do.
    for (const s of await this.repo.reviewWaiting()) {
      const w = stageWindow(s, s.deadlines, now);
      if (!w?.deadline || !reminderDue(w.deadline, day)) continue;
      await this.platform.db.transaction(async (tx) => {
        if (
          !(await this.repo.addReminder({ submissionId: s.id, deadlineKind: w.stage, due: w.deadline!, sentAt: now }))
        )
          return;
        await this.platform.audit.record(tx, ctx, {
          action: 'assessment.submission.remind',
          objectType: 'submission',
          objectId: s.id,
          after: { stage: w.stage, deadline: w.deadline },
        });
        sent++;
      });
    }
    return sent;
  }

  async load(id: string, opts: { forUpdate?: boolean } = {}): Promise<SubmissionRow> {
    const s = await this.repo.byId(id, opts);
    if (!s) throw notFound(SUBMISSION_WHAT);
    return s;
  }

  async list(ctx: RequestContext, q: AssessmentSubmissionListQuery): Promise<AssessmentSubmissionPage> {
    this.platform.authz.require(ctx.actor, P.submissionRead);
    const { authz, config } = this.platform;
    const all = authz.scopeRoots(ctx.actor, P.submissionRead).includes(config.provinceCode);
    const codes = all ? null : await authz.scopeCodes(ctx.actor, P.submissionRead);
    if (q.parent) await authz.assertCovers(ctx.actor, P.submissionRead, q.parent);
    const { rows, total } = await this.repo.page({
      ...q,
      codes,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const items: AssessmentSubmissionSummary[] = [];
    const reminders = await this.repo.lastReminders(rows.map((r) => r.id));
    const late = await this.repo.lateSteps(rows.map((r) => r.id));
    for (const r of rows)
      items.push(
        await this.summary(r, r.rating ?? { stars: null, subGrade: null, score: null }, ctx.actor, reminders, late),
      );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    const s = await this.load(id);
    await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, s.regionCode);
    return this.detail(s, ctx.actor);
  }

  /** The submission of a region in a campaign (what an operator opens). */
  async ofRegion(ctx: RequestContext, campaignId: string, regionCode: string): Promise<AssessmentSubmission> {
    await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, regionCode);
    const s = await this.repo.byRegion(campaignId, regionCode);
    if (!s) throw notFound(SUBMISSION_WHAT);
    return this.detail(s, ctx.actor);
  }

  /** Who has not submitted yet, in the caller's scope. */
  async radar(ctx: RequestContext, campaignId: string): Promise<SubmissionRadar> {
    const list = await this.list(ctx, { campaignId, page: 1, pageSize: 500 });
    const byStatus: Record<string, number> = {};
    for (const s of list.items) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    return {
      total: list.total,
      byStatus,
      notSubmitted: list.items
        .filter((s) => isEditable(s.status))
        .map(({ regionCode, regionName, parentCode, status, filled, indicatorCount }) => ({
          regionCode,
          regionName,
          parentCode,
          status,
          filled,
          indicatorCount,
        })),
    };
  }

  /** Saves values as a draft (merged with what is there); optimistic on `version` unless it is null. */
  async saveValues(
    ctx: RequestContext,
    id: string,
    values: IndicatorValues,
    version: number | null,
  ): Promise<AssessmentSubmission> {
    await this.platform.db.transaction(async (tx) => {
      const s = await this.load(id, { forUpdate: true });
      await this.assertFiller(ctx, s);
      const cat = await this.catalogues.row(s.catalogueId);
      const [problem] = valueProblems(cat.indicators, values);
      if (problem) throw invalidField(problem.path, problem.zh, problem.en);
      if (!isEditable(s.status)) throw assessmentError('assessment_locked');
      await this.assertFillingOpen(s);
      if (version !== null && s.version !== version)
        throw platformError(
          'conflict',
          { zh: '数据已被他人修改,请刷新后重试', en: 'Someone else changed it; reload and retry' },
          [{ path: 'version', message: 'stale' }],
        );
      const merged = mergeValues(s.values, values);
      const valueArray = orderedValues(cat.indicators, merged);
      const filled = valueArray.filter((v) => v !== null).length;
      const at = this.platform.clock.now();
      await this.repo.update(id, { values: merged, valueArray, filled }, at);
      // Each indicator's history: what this save changed, by whom.
      const actor = ctx.actor?.username ?? null;
      await this.repo.addChanges(valueChanges(s.values, merged).map((c) => ({ ...c, submissionId: id, actor, at })));
      await this.results.recompute([{ ...s, values: merged, valueArray }], null);
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.submission.save',
        objectType: 'submission',
        objectId: id,
        before: s.values,
        after: merged,
      });
    });
    return this.get(ctx, id);
  }

  /** Submits for approval when the validation passes (range, evidence, explained year-over-year jumps). */
  async submit(ctx: RequestContext, id: string): Promise<AssessmentSubmission> {
    await this.platform.db.transaction(async () => {
      const s = await this.load(id, { forUpdate: true });
      await this.assertFiller(ctx, s);
      if (!isEditable(s.status)) throw assessmentError('assessment_illegal_transition');
      await this.assertFillingOpen(s);
      const errors = await this.problems(s);
      if (errors.length)
        throw assessmentError(
          'assessment_invalid_submission',
          { zh: `${errors[0]!.path} ${errors[0]!.message}`, en: `${errors[0]!.path} ${errors[0]!.message}` },
          errors,
        );
      // After the self-assessment deadline (a reopening or a send-back let it through) it is marked late.
      const selfDeadline = (await this.deadlines(s.campaignId)).selfAssessment;
      const late = pastDeadline(selfDeadline, this.platform.clock.now());
      if (late) await this.repo.update(id, { submittedLate: true }, this.platform.clock.now());
      await this.transition(ctx, s, 'submitted', 'submit', null, late);
    });
    return this.get(ctx, id);
  }

  async uploadEvidence(
    ctx: RequestContext,
    id: string,
    indicatorCode: string,
    file: { filename: string; type: string; data: Buffer },
  ): Promise<AssessmentEvidence> {
    const evidenceId = crypto.randomUUID();
    const at = this.platform.clock.now();
    await this.platform.db.transaction(async (tx) => {
      const s = await this.load(id, { forUpdate: true });
      const actor = await this.assertFiller(ctx, s);
      const cat = await this.catalogues.row(s.catalogueId);
      if (!cat.indicators.some((i) => i.code === indicatorCode))
        throw invalidField('indicatorCode', '指标不在指标体系中', 'not an indicator of this campaign');
      if (!isEditable(s.status)) throw assessmentError('assessment_locked');
      await this.assertFillingOpen(s);
      await this.repo.insertEvidence({
        id: evidenceId,
        submissionId: id,
        indicatorCode,
        filename: file.filename.slice(0, 200),
        type: file.type,
        size: file.data.length,
        data: file.data,
        uploadedBy: actor.userId,
        uploadedAt: at,
      });
      await this.repo.addChanges([
        {
          submissionId: id,
          indicatorCode,
          kind: 'evidence',
          before: null,
          after: file.filename.slice(0, 200),
          actor: actor.username,
          at,
        },
      ]);
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.evidence.upload',
        objectType: 'submission',
        objectId: id,
        after: { evidence: evidenceId, indicatorCode, size: file.data.length },
      });
    });
    return {
      id: evidenceId,
      indicatorCode,
      filename: file.filename,
      type: file.type,
      size: file.data.length,
      uploadedAt: at.toISOString(),
    };
  }

  /**
   * Each indicator's history (values, explanations, evidence uploads, with who and when), for the region's readers
   * and the experts drawn to review it — blind for them: the filer is named only as the filing unit.
   */
  async changes(ctx: RequestContext, id: string, indicatorCode?: string): Promise<IndicatorChanges> {
    const s = await this.load(id);
    const assigned =
      !!ctx.actor && (await this.reviews.assignments(id)).some((a) => a.expertUserId === ctx.actor!.userId);
    const reader = assigned ? null : await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, s.regionCode);
    const rows = await this.repo.changes(id, indicatorCode);
    return {
      items: rows.map((r) => ({
        ...r,
        actor: reader ? r.actor : '填报单位 / filing unit',
        at: r.at.toISOString(),
      })),
    };
  }

  /** An evidence file, for the region's readers and the experts drawn to review it. */
  async evidenceFile(ctx: RequestContext, id: string, evidenceId: string) {
    const s = await this.load(id);
    const assigned =
      ctx.actor && (await this.reviews.assignments(id)).some((a) => a.expertUserId === ctx.actor!.userId);
    if (!assigned) await this.platform.authz.assertCovers(ctx.actor, P.submissionRead, s.regionCode);
    const f = await this.repo.evidenceFile(id, evidenceId);
    if (!f) throw notFound({ zh: '佐证材料', en: 'evidence' });
    return f;
  }

  /** Excel rows (code, value | numerator + denominator, explanation) into the draft; all rows or none. */
  async importValues(ctx: RequestContext, id: string, rows: SheetRow[]): Promise<ImportReport> {
    const s = await this.load(id);
    await this.assertFiller(ctx, s);
    const { values, errors } = valuesFromRows((await this.catalogues.row(s.catalogueId)).indicators, rows);
    if (errors.length) return { imported: 0, errors };
    await this.saveValues(ctx, id, values, null);
    return { imported: Object.keys(values).length, errors: [] };
  }

  /**
   * Moves one submission on, with its history step and audit row (inside the caller's transaction). A return
   * records the reason and where it came from; any other step clears them.
   */
  async transition(
    ctx: RequestContext,
    s: SubmissionRow,
    to: SubmissionRow['status'],
    action: string,
    reason: string | null = null,
    late = false,
  ): Promise<void> {
    const at = this.platform.clock.now();
    const returned = to === 'returned';
    await this.repo.update(
      s.id,
      { status: to, returnedReason: returned ? reason : null, returnedFrom: returned ? s.status : null },
      at,
    );
    await this.repo.addSteps([
      { submissionId: s.id, from: s.status, to, action, reason, actor: ctx.actor?.username ?? null, at, late },
    ]);
    await this.platform.audit.record(this.platform.db, ctx, {
      action: `assessment.submission.${action}`,
      objectType: 'submission',
      objectId: s.id,
      before: { status: s.status },
      after: { status: to, reason, ...(late ? { late } : {}) },
    });
  }

  /** What submitting would refuse now. */
  private async problems(s: SubmissionRow) {
    const cat = await this.catalogues.row(s.catalogueId);
    const evidence = new Set((await this.repo.evidenceList(s.id)).map((e) => e.indicatorCode));
    return submissionProblems(cat, s.values, evidence, await this.repo.lastYearValues(s.year, s.regionCode));
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

  private async summary(
    s: SubmissionRow,
    rating: { stars: number | null; subGrade: string | null; score: number | null },
    actor: Actor | null,
    reminders?: Map<string, Date>,
    lateSteps?: Map<string, string[]>,
  ): Promise<AssessmentSubmissionSummary> {
    const cat = await this.catalogues.row(s.catalogueId);
    const reminded = (reminders ?? (await this.repo.lastReminders([s.id]))).get(s.id);
    const deadlines = await this.deadlines(s.campaignId);
    const window = fillingWindow(s, deadlines.selfAssessment, this.platform.clock.now());
    const stage = stageWindow(s, deadlines, this.platform.clock.now());
    const duties =
      actor &&
      callerDuties(
        actor.roles,
        [s.regionCode, s.parentCode, this.platform.config.provinceCode].filter((c): c is string => !!c),
      );
    return {
      id: s.id,
      campaignId: s.campaignId,
      year: s.year,
      regionCode: s.regionCode,
      regionName: s.regionName,
      regionLevel: s.regionLevel,
      parentCode: s.parentCode,
      status: s.status,
      stars: rating.stars,
      subGrade: (rating.subGrade as AssessmentSubmissionSummary['subGrade']) ?? null,
      score: rating.score,
      filled: s.filled,
      indicatorCount: cat.indicators.length,
      returnedReason: s.returnedReason,
      disagreement: s.disagreement,
      updatedAt: s.updatedAt.toISOString(),
      deadline: window.deadline,
      fillingClosed: window.closed,
      late: s.submittedLate,
      reopenedUntil: s.reopenedUntil,
      lastReminder: reminded?.toISOString() ?? null,
      stageWindow: stage,
      lateSteps: (lateSteps ?? (await this.repo.lateSteps([s.id]))).get(s.id) ?? [],
      // The caller's own actions: a county's parent is its city, and the province is above both. A draft closed by
      // its deadline offers no editing until the province reopens it; a closed review stage no approving.
      actions: withoutClosedStage(
        actionsFor(s, duties).filter((a) => !window.closed || (a !== 'edit' && a !== 'submit')),
        stage,
        duties,
      ),
    };
  }

  private async detail(s: SubmissionRow, actor: Actor | null): Promise<AssessmentSubmission> {
    const cat = await this.catalogues.row(s.catalogueId);
    const rating = rate(cat.indicators, numericValues(cat.indicators, s.values), cat.policy);
    const lastYear = await this.repo.lastYearValues(s.year, s.regionCode);
    const evidence = await this.repo.evidenceList(s.id);
    return {
      ...(await this.summary(s, { stars: rating.level, subGrade: rating.subGrade, score: rating.score }, actor)),
      version: s.version,
      catalogueId: s.catalogueId,
      values: s.values,
      previousValues: numericValues(cat.indicators, lastYear),
      evidence: evidence.map((e) => ({ ...e, uploadedAt: e.uploadedAt.toISOString() })),
      rating,
      experts: (await this.reviews.assignments(s.id)).map((a) => ({
        alias: a.alias,
        score: a.score,
        scoredAt: a.scoredAt?.toISOString() ?? null,
        late: a.scoredLate,
      })),
      coEvaluation: await this.reviews.coevalSummary(s.id),
      objections: (await this.reviews.objections(s.id)).map((o) => ({ ...o, filedAt: o.filedAt.toISOString() })),
      history: (await this.repo.history(s.id)).map((h) => ({ ...h, at: h.at.toISOString() })),
      problems: isEditable(s.status)
        ? submissionProblems(cat, s.values, new Set(evidence.map((e) => e.indicatorCode)), lastYear)
        : [],
    };
  }
}
