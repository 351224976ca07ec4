import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { campaign, objection, submission, type CampaignRow } from './assessment.tables.ts';

/** All SQL on campaigns. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class CampaignsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: typeof campaign.$inferInsert): Promise<void> {
    await this.db.insert(campaign).values(row);
  }

  list(): Promise<CampaignRow[]> {
    return this.db.select().from(campaign).orderBy(desc(campaign.year));
  }

  async byId(id: string, opts: { forUpdate?: boolean } = {}): Promise<CampaignRow | undefined> {
    const q = this.db.select().from(campaign).where(eq(campaign.id, id));
    const [r] = opts.forUpdate ? await q.for('update') : await q;
    return r;
  }

  async byYear(year: number): Promise<CampaignRow | undefined> {
    const [r] = await this.db.select().from(campaign).where(eq(campaign.year, year));
    return r;
  }

  async update(
    id: string,
    set: Partial<Pick<CampaignRow, 'stage' | 'noticeEndsAt' | 'expertSeed' | 'publishedAt'>>,
  ): Promise<void> {
    if (Object.keys(set).length) await this.db.update(campaign).set(set).where(eq(campaign.id, id));
  }

  /** Submissions of the campaign by status (the campaign page's progress). */
  async statusCounts(campaignId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ status: submission.status, n: count() })
      .from(submission)
      .where(eq(submission.campaignId, campaignId))
      .groupBy(submission.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Objections filed during the notice and not yet resolved: publishing waits for them. */
  async openObjections(campaignId: string): Promise<number> {
    const [r] = await this.db
      .select({ n: count() })
      .from(objection)
      .innerJoin(submission, eq(submission.id, objection.submissionId))
      .where(and(eq(submission.campaignId, campaignId), isNull(objection.resolution)));
    return r?.n ?? 0;
  }
}
