import { and, asc, count, eq, gt, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { AssessmentSubmissionStatus } from '@zhicheng/contracts/assessment';
import type { Db } from '../../platform/database/index.ts';
import {
  campaign,
  evidence,
  reminder,
  result,
  step,
  submission,
  valueChange,
  type SubmissionRow,
} from './assessment.tables.ts';

export type SubmissionInsert = typeof submission.$inferInsert;
/** What a recompute reads of a submission: `values` only where the ordered array is missing (older rows). */
export type RatingInput = Pick<
  SubmissionRow,
  'campaignId' | 'catalogueId' | 'year' | 'regionCode' | 'regionName' | 'regionLevel' | 'parentCode' | 'valueArray'
> & { values: SubmissionRow['values'] | null };

/** All SQL on submissions, their history and their evidence. `db` joins the caller's transaction. */
export class SubmissionsRepository {
  constructor(private readonly db: Db) {}

  async insert(rows: SubmissionInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.db.insert(submission).values(rows.slice(i, i + 200));
  }

  async byId(id: string, opts: { forUpdate?: boolean } = {}): Promise<SubmissionRow | undefined> {
    const q = this.db.select().from(submission).where(eq(submission.id, id));
    const [r] = opts.forUpdate ? await q.for('update') : await q;
    return r;
  }

  async byRegion(campaignId: string, regionCode: string): Promise<SubmissionRow | undefined> {
    const [r] = await this.db
      .select()
      .from(submission)
      .where(and(eq(submission.campaignId, campaignId), eq(submission.regionCode, regionCode)));
    return r;
  }

  async byYearAndRegion(year: number, regionCode: string): Promise<SubmissionRow | undefined> {
    const [r] = await this.db
      .select()
      .from(submission)
      .where(and(eq(submission.year, year), eq(submission.regionCode, regionCode)));
    return r;
  }

  /** A page of a campaign's submissions with their current rating; `codes` null means every region. */
  async page(q: {
    campaignId: string;
    codes: string[] | null;
    status?: AssessmentSubmissionStatus;
    level?: string;
    parent?: string;
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{
    rows: (SubmissionRow & { rating: { stars: number; subGrade: string | null; score: number } | null })[];
    total: number;
  }> {
    if (q.codes && !q.codes.length) return { rows: [], total: 0 };
    const where: (SQL | undefined)[] = [eq(submission.campaignId, q.campaignId)];
    if (q.codes) where.push(inArray(submission.regionCode, q.codes));
    if (q.status) where.push(eq(submission.status, q.status));
    if (q.level) where.push(eq(submission.regionLevel, q.level));
    if (q.parent) where.push(or(eq(submission.parentCode, q.parent), eq(submission.regionCode, q.parent)));
    if (q.q) where.push(or(ilike(submission.regionName, `%${q.q}%`), like(submission.regionCode, `${q.q}%`)));
    const cond = and(...where);
    const [total] = await this.db.select({ n: count() }).from(submission).where(cond);
    const rows = await this.db
      .select({ s: submission, stars: result.stars, subGrade: result.subGrade, score: result.score })
      .from(submission)
      .leftJoin(result, and(eq(result.campaignId, submission.campaignId), eq(result.regionCode, submission.regionCode)))
      .where(cond)
      .orderBy(asc(submission.regionCode))
      .limit(q.limit)
      .offset(q.offset);
    return {
      rows: rows.map(({ s, stars, subGrade, score }) => ({
        ...s,
        rating: stars === null ? null : { stars, subGrade, score: score ?? 0 },
      })),
      total: total?.n ?? 0,
    };
  }

  /** Keyset pages by region code, so a recompute never holds a whole campaign in memory. */
  ratingPage(campaignId: string, after: string, limit: number): Promise<RatingInput[]> {
    return this.db
      .select({
        campaignId: submission.campaignId,
        catalogueId: submission.catalogueId,
        year: submission.year,
        regionCode: submission.regionCode,
        regionName: submission.regionName,
        regionLevel: submission.regionLevel,
        parentCode: submission.parentCode,
        // Lean: the JSON values travel only for rows saved before the ordered array existed.
        values: sql`CASE WHEN ${submission.valueArray} IS NULL THEN ${submission.values} END`.mapWith(
          submission.values,
        ),
        valueArray: submission.valueArray,
      })
      .from(submission)
      .where(and(eq(submission.campaignId, campaignId), gt(submission.regionCode, after)))
      .orderBy(asc(submission.regionCode))
      .limit(limit);
  }

  childStatuses(
    campaignId: string,
    parentCode: string,
  ): Promise<{ regionCode: string; status: AssessmentSubmissionStatus }[]> {
    return this.db
      .select({ regionCode: submission.regionCode, status: submission.status })
      .from(submission)
      .where(and(eq(submission.campaignId, campaignId), eq(submission.parentCode, parentCode)));
  }

  inStatus(campaignId: string, status: AssessmentSubmissionStatus): Promise<SubmissionRow[]> {
    return this.db
      .select()
      .from(submission)
      .where(and(eq(submission.campaignId, campaignId), eq(submission.status, status)))
      .orderBy(asc(submission.regionCode));
  }

  /** Every change bumps the version (optimistic saves) and the time. */
  async update(
    id: string,
    set: Partial<
      Pick<
        SubmissionRow,
        | 'status'
        | 'values'
        | 'valueArray'
        | 'filled'
        | 'returnedReason'
        | 'returnedFrom'
        | 'disagreement'
        | 'submittedLate'
        | 'reopenedUntil'
        | 'stageReopened'
      >
    >,
    at: Date,
  ): Promise<void> {
    await this.db
      .update(submission)
      .set({ ...set, updatedAt: at, version: sql`${submission.version} + 1` })
      .where(eq(submission.id, id));
  }

  /** A campaign's deadlines (set when it is opened, never changed). */
  async campaignDeadlines(campaignId: string) {
    const [c] = await this.db
      .select({ deadlines: campaign.deadlines })
      .from(campaign)
      .where(eq(campaign.id, campaignId));
    return c?.deadlines ?? {};
  }

  /** Drafts and sent-back submissions of campaigns still in self-assessment, with their campaign's deadlines. */
  openDrafts() {
    return this.db
      .select({
        id: submission.id,
        campaignId: submission.campaignId,
        status: submission.status,
        reopenedUntil: submission.reopenedUntil,
        deadlines: campaign.deadlines,
      })
      .from(submission)
      .innerJoin(campaign, eq(campaign.id, submission.campaignId))
      .where(and(inArray(submission.status, ['draft', 'returned']), eq(campaign.stage, 'self_assessment')));
  }

  /** Records a reminder; false when this one (submission, deadline kind, day) was already sent. */
  async addReminder(r: { submissionId: string; deadlineKind: string; due: string; sentAt: Date }): Promise<boolean> {
    const rows = await this.db
      .insert(reminder)
      .values(r)
      .onConflictDoNothing()
      .returning({ id: reminder.submissionId });
    return rows.length > 0;
  }

  /** The newest reminder of each submission. */
  async lastReminders(ids: string[]): Promise<Map<string, Date>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .select({ id: reminder.submissionId, at: sql<Date>`max(${reminder.sentAt})`.mapWith((v) => new Date(v)) })
      .from(reminder)
      .where(inArray(reminder.submissionId, ids))
      .groupBy(reminder.submissionId);
    return new Map(rows.map((r) => [r.id, r.at]));
  }

  /** The actions taken after their stage's deadline, per submission. */
  async lateSteps(ids: string[]): Promise<Map<string, string[]>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .select({ id: step.submissionId, action: step.action })
      .from(step)
      .where(and(inArray(step.submissionId, ids), eq(step.late, true)))
      .orderBy(asc(step.id));
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.action]);
    return out;
  }

  /** Submissions waiting in a review stage (city, province, experts) of campaigns not yet published. */
  reviewWaiting() {
    return this.db
      .select({
        id: submission.id,
        status: submission.status,
        regionLevel: submission.regionLevel,
        stageReopened: submission.stageReopened,
        deadlines: campaign.deadlines,
      })
      .from(submission)
      .innerJoin(campaign, eq(campaign.id, submission.campaignId))
      .where(
        and(
          inArray(submission.status, ['submitted', 'city_approved', 'expert_review']),
          sql`${campaign.stage} <> 'published'`,
        ),
      );
  }

  /** Where every region of a campaign stands (the completeness check before a campaign action). */
  progress(campaignId: string) {
    return this.db
      .select({
        status: submission.status,
        regionCode: submission.regionCode,
        regionName: submission.regionName,
        regionLevel: submission.regionLevel,
        parentCode: submission.parentCode,
      })
      .from(submission)
      .where(eq(submission.campaignId, campaignId));
  }

  /** Moves every submission of a campaign in `from` to `to`, with a history step each; returns their ids. */
  async moveAll(
    campaignId: string,
    from: AssessmentSubmissionStatus,
    to: AssessmentSubmissionStatus,
    step: { action: string; actor: string | null; at: Date },
  ): Promise<string[]> {
    const moved = await this.db
      .update(submission)
      .set({ status: to, updatedAt: step.at, version: sql`${submission.version} + 1` })
      .where(and(eq(submission.campaignId, campaignId), eq(submission.status, from)))
      .returning({ id: submission.id });
    const ids = moved.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500)
      await this.addSteps(
        ids.slice(i, i + 500).map((submissionId) => ({ submissionId, from, to, ...step, reason: null })),
      );
    return ids;
  }

  async addSteps(
    steps: {
      submissionId: string;
      from: string | null;
      to: string;
      action: string;
      reason: string | null;
      actor: string | null;
      at: Date;
      late?: boolean;
    }[],
  ): Promise<void> {
    if (!steps.length) return;
    await this.db.insert(step).values(
      steps.map((s) => ({
        submissionId: s.submissionId,
        fromStatus: s.from,
        toStatus: s.to,
        action: s.action,
        reason: s.reason,
        actor: s.actor,
        at: s.at,
        late: s.late ?? false,
      })),
    );
  }

  history(submissionId: string) {
    return this.db
      .select({
        from: step.fromStatus,
        to: step.toStatus,
        action: step.action,
        reason: step.reason,
        actor: step.actor,
        at: step.at,
        late: step.late,
      })
      .from(step)
      .where(eq(step.submissionId, submissionId))
      .orderBy(asc(step.id));
  }

  /** Last year's values of the region (the year-over-year check and the form's 上年 column). */
  async lastYearValues(year: number, regionCode: string): Promise<SubmissionRow['values']> {
    const [r] = await this.db
      .select({ values: submission.values })
      .from(submission)
      .where(and(eq(submission.year, year - 1), eq(submission.regionCode, regionCode)));
    return r?.values ?? {};
  }

  // ------------------------------------------------------------ each indicator's history

  async addChanges(rows: (typeof valueChange.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(valueChange).values(rows.slice(i, i + 500));
  }

  /** A submission's indicator changes, oldest first; one indicator's when named. */
  changes(submissionId: string, indicatorCode?: string) {
    return this.db
      .select({
        indicatorCode: valueChange.indicatorCode,
        kind: valueChange.kind,
        before: valueChange.before,
        after: valueChange.after,
        actor: valueChange.actor,
        at: valueChange.at,
      })
      .from(valueChange)
      .where(
        and(
          eq(valueChange.submissionId, submissionId),
          indicatorCode === undefined ? undefined : eq(valueChange.indicatorCode, indicatorCode),
        ),
      )
      .orderBy(asc(valueChange.id));
  }

  // ------------------------------------------------------------ evidence

  async insertEvidence(row: typeof evidence.$inferInsert): Promise<void> {
    await this.db.insert(evidence).values(row);
  }

  evidenceList(submissionId: string) {
    return this.db
      .select({
        id: evidence.id,
        indicatorCode: evidence.indicatorCode,
        filename: evidence.filename,
        type: evidence.type,
        size: evidence.size,
        uploadedAt: evidence.uploadedAt,
      })
      .from(evidence)
      .where(eq(evidence.submissionId, submissionId))
      .orderBy(asc(evidence.uploadedAt));
  }

  async evidenceFile(
    submissionId: string,
    id: string,
  ): Promise<{ filename: string; type: string; data: Buffer } | undefined> {
    const [r] = await this.db
      .select({ filename: evidence.filename, type: evidence.type, data: evidence.data })
      .from(evidence)
      .where(and(eq(evidence.id, id), eq(evidence.submissionId, submissionId)));
    return r;
  }
}
