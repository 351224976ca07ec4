import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { coevalScore, expertAssignment, objection } from './assessment.tables.ts';

/**
 * All SQL on what others say about a submission: the drawn experts' scores, co-evaluation scores and objections
 * during the notice. `db` joins the caller's transaction.
 */
export class ReviewsRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------ experts

  async assign(rows: (typeof expertAssignment.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insert(expertAssignment)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing();
  }

  assignments(submissionId: string) {
    return this.db
      .select()
      .from(expertAssignment)
      .where(eq(expertAssignment.submissionId, submissionId))
      .orderBy(asc(expertAssignment.alias));
  }

  assignmentsOf(expertUserId: string) {
    return this.db
      .select({ submissionId: expertAssignment.submissionId })
      .from(expertAssignment)
      .where(eq(expertAssignment.expertUserId, expertUserId));
  }

  async score(
    submissionId: string,
    expertUserId: string,
    score: number,
    comment: string,
    at: Date,
    late = false,
  ): Promise<void> {
    await this.db
      .update(expertAssignment)
      .set({ score, comment, scoredAt: at, scoredLate: late })
      .where(and(eq(expertAssignment.submissionId, submissionId), eq(expertAssignment.expertUserId, expertUserId)));
  }

  /** A submission sent back is drawn afresh when it comes round again. */
  async unassign(submissionId: string): Promise<void> {
    await this.db.delete(expertAssignment).where(eq(expertAssignment.submissionId, submissionId));
  }

  // ------------------------------------------------------------ co-evaluation

  /** False when the score was recorded before (redelivered events are ignored by scoreId). */
  async addCoevalScore(row: typeof coevalScore.$inferInsert): Promise<boolean> {
    const r = await this.db
      .insert(coevalScore)
      .values(row)
      .onConflictDoNothing({ target: coevalScore.id })
      .returning({ id: coevalScore.id });
    return r.length > 0;
  }

  /**
   * One score per supervisor and indicator (the service score has none): the newest counts, earlier ones are
   * history. Stuffing by resubmitting therefore moves nothing but that supervisor's own score.
   */
  async coevalSummary(
    submissionId: string,
  ): Promise<{ count: number; average: number | null; unconfirmed: number; replaced: number }> {
    const what = sql`coalesce(${coevalScore.indicatorCode}, '')`;
    const latest = this.db
      .selectDistinctOn([coevalScore.supervisorRef, what], {
        score: coevalScore.score,
        confirmed: coevalScore.confirmed,
      })
      .from(coevalScore)
      .where(eq(coevalScore.submissionId, submissionId))
      .orderBy(coevalScore.supervisorRef, what, desc(coevalScore.submittedAt), desc(coevalScore.id))
      .as('latest');
    const [r] = await this.db
      .select({
        n: count(),
        avg: sql<number | null>`avg(${latest.score})`.mapWith(Number),
        unconfirmed: sql<number>`count(*) FILTER (WHERE ${latest.confirmed} = false)`.mapWith(Number),
      })
      .from(latest);
    const [all] = await this.db
      .select({ n: count() })
      .from(coevalScore)
      .where(eq(coevalScore.submissionId, submissionId));
    const n = r?.n ?? 0;
    const average = n && r?.avg != null ? r.avg : null;
    return {
      count: n,
      average: average === null ? null : Math.round(average * 100) / 100,
      unconfirmed: r?.unconfirmed ?? 0,
      replaced: (all?.n ?? 0) - n,
    };
  }

  // ------------------------------------------------------------ objections

  async addObjection(row: typeof objection.$inferInsert): Promise<void> {
    await this.db.insert(objection).values(row);
  }

  objections(submissionId: string) {
    return this.db
      .select({ id: objection.id, text: objection.text, filedAt: objection.filedAt, resolution: objection.resolution })
      .from(objection)
      .where(eq(objection.submissionId, submissionId))
      .orderBy(asc(objection.filedAt));
  }

  async objection(id: string, opts: { forUpdate?: boolean } = {}) {
    const q = this.db.select().from(objection).where(eq(objection.id, id));
    const [r] = opts.forUpdate ? await q.for('update') : await q;
    return r;
  }

  async resolve(id: string, resolution: string, at: Date): Promise<void> {
    await this.db.update(objection).set({ resolution, resolvedAt: at }).where(eq(objection.id, id));
  }
}
