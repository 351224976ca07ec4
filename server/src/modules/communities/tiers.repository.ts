import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { tierAssessment, type TierAssessmentRow } from './communities.tables.ts';

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
}
