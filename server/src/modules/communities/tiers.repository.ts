import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import {
  onsiteCheck,
  onsiteScore,
  tierAssessment,
  type OnsiteCheckRow,
  type TierAssessmentRow,
} from './communities.tables.ts';

/** All SQL on yearly tier reports. */
export class TiersRepository {
  constructor(private readonly db: Db) {}

  async get(code: string, year: number, forUpdate = false): Promise<TierAssessmentRow | undefined> {
    const q = this.db
      .select()
      .from(tierAssessment)
      .where(and(eq(tierAssessment.communityCode, code), eq(tierAssessment.year, year)));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  }

  async upsert(row: typeof tierAssessment.$inferInsert): Promise<void> {
    await this.db
      .insert(tierAssessment)
      .values(row)
      .onConflictDoUpdate({
        target: [tierAssessment.communityCode, tierAssessment.year],
        set: {
          catalogueId: row.catalogueId,
          catalogueVersion: row.catalogueVersion,
          values: row.values,
          level: row.level,
          score: row.score,
          ratedTier: row.ratedTier,
          status: row.status,
          note: null,
          reportedBy: row.reportedBy,
          reportedAt: row.reportedAt,
          decidedBy: null,
          decidedAt: null,
        },
      });
  }

  async insertMany(rows: (typeof tierAssessment.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(tierAssessment).values(rows.slice(i, i + 500));
  }

  async decide(code: string, year: number, set: Partial<TierAssessmentRow>): Promise<void> {
    await this.db
      .update(tierAssessment)
      .set(set)
      .where(and(eq(tierAssessment.communityCode, code), eq(tierAssessment.year, year)));
  }

  // ── on-site checks of 标杆型 candidates ──

  async onsiteCheckOf(code: string, year: number): Promise<OnsiteCheckRow | undefined> {
    const [row] = await this.db
      .select()
      .from(onsiteCheck)
      .where(and(eq(onsiteCheck.communityCode, code), eq(onsiteCheck.year, year)));
    return row;
  }
  async saveOnsiteCheck(row: OnsiteCheckRow): Promise<void> {
    await this.db.insert(onsiteCheck).values(row);
  }
  /** Records a panel score once; false when the task is not an on-site check of ours or the score is known. */
  async addOnsiteScore(s: typeof onsiteScore.$inferInsert): Promise<boolean> {
    const [known] = await this.db
      .select({ t: onsiteCheck.taskId })
      .from(onsiteCheck)
      .where(eq(onsiteCheck.taskId, s.taskId));
    if (!known) return false;
    const r = await this.db.insert(onsiteScore).values(s).onConflictDoNothing().returning({ id: onsiteScore.scoreId });
    return r.length > 0;
  }
  async onsiteScores(taskId: string) {
    return this.db.select().from(onsiteScore).where(eq(onsiteScore.taskId, taskId)).orderBy(asc(onsiteScore.score));
  }

  /**
   * Demo (示例): earlier campaign years, as copies of this year's confirmed smart communities — each year a
   * deterministic share of them (by a hash of the code, so a community smart in one year stays smart after), the same
   * values and so the same rating by the shared rule.
   */
  async seedDemoHistory(year: number, shares: Record<number, number>): Promise<void> {
    for (const [y, share] of Object.entries(shares)) {
      await this.db.execute(sql`
        INSERT INTO communities.tier_assessment (community_code, year, catalogue_id, catalogue_version, values, level,
          score, rated_tier, status, reported_at, decided_at, is_demo)
        SELECT community_code, ${Number(y)}, catalogue_id, catalogue_version, values, level, score, rated_tier,
          'confirmed', reported_at - ${year - Number(y)} * interval '1 year', decided_at - ${year - Number(y)} * interval '1 year', true
        FROM communities.tier_assessment
        WHERE year = ${year} AND status = 'confirmed' AND rated_tier IS NOT NULL
          AND abs(hashtext(community_code)) % 1000 < ${Math.round(share * 1000)}
        ON CONFLICT DO NOTHING`);
    }
  }
}
