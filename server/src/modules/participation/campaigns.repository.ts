import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { inCodes } from './region-filter.ts';
import { campaign, response, survey, type CampaignRow, type SurveyRow } from './participation.tables.ts';

/** Campaigns and their surveys. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class CampaignsRepository {
  constructor(private readonly db: Db) {}

  async insertCampaign(row: typeof campaign.$inferInsert): Promise<void> {
    await this.db.insert(campaign).values(row);
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    const [c] = await this.db.select().from(campaign).where(eq(campaign.id, id));
    return c;
  }

  /** Campaigns of the given regions with their response counts, newest first. */
  async campaignsIn(regionCodes: string[]): Promise<(CampaignRow & { responses: number })[]> {
    const counts = this.responseCounts(response.campaignId);
    const rows = await this.db
      .select({ c: campaign, n: counts.n })
      .from(campaign)
      .leftJoin(counts, eq(counts.key, campaign.id))
      .where(inCodes(campaign.regionCode, regionCodes))
      .orderBy(desc(campaign.year), desc(campaign.createdAt));
    return rows.map(({ c, n }) => ({ ...c, responses: n ?? 0 }));
  }

  /** The newest campaign whose region is one of `regionCodes` (a region's lineage: it and its ancestors). */
  async latestCovering(regionCodes: string[]): Promise<CampaignRow | undefined> {
    const [c] = await this.db
      .select()
      .from(campaign)
      .where(inCodes(campaign.regionCode, regionCodes))
      .orderBy(desc(campaign.year), desc(campaign.createdAt))
      .limit(1);
    return c;
  }

  async updateCampaign(id: string, patch: { status?: 'open' | 'closed'; closesAt?: string | null }): Promise<void> {
    const set: Partial<typeof campaign.$inferInsert> = {};
    if (patch.status) set.status = patch.status;
    if (patch.closesAt !== undefined) set.closesAt = patch.closesAt === null ? null : new Date(patch.closesAt);
    if (Object.keys(set).length) await this.db.update(campaign).set(set).where(eq(campaign.id, id));
  }

  async responseCount(campaignId: string): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(response).where(eq(response.campaignId, campaignId));
    return r?.n ?? 0;
  }

  async insertSurvey(row: typeof survey.$inferInsert): Promise<void> {
    await this.db.insert(survey).values(row);
  }

  async survey(id: string): Promise<SurveyRow | undefined> {
    const [s] = await this.db.select().from(survey).where(eq(survey.id, id));
    return s;
  }

  /** A campaign's surveys, province first, each lineage's versions in order, with response counts. */
  async surveysOfCampaign(campaignId: string): Promise<(SurveyRow & { responses: number })[]> {
    const counts = this.responseCounts(response.surveyId);
    const rows = await this.db
      .select({ s: survey, n: counts.n })
      .from(survey)
      .leftJoin(counts, eq(counts.key, survey.id))
      .where(eq(survey.campaignId, campaignId))
      .orderBy(sql`length(${survey.regionCode})`, asc(survey.regionCode), asc(survey.lineageId), asc(survey.version));
    return rows.map(({ s, n }) => ({ ...s, responses: n ?? 0 }));
  }

  async publishedOfLineage(lineageId: string): Promise<SurveyRow | undefined> {
    const [s] = await this.db
      .select()
      .from(survey)
      .where(and(eq(survey.lineageId, lineageId), eq(survey.status, 'published')))
      .orderBy(desc(survey.version))
      .limit(1);
    return s;
  }

  async latestOfLineage(lineageId: string): Promise<SurveyRow | undefined> {
    const [s] = await this.db
      .select()
      .from(survey)
      .where(eq(survey.lineageId, lineageId))
      .orderBy(desc(survey.version))
      .limit(1);
    return s;
  }

  /** Edits a draft; false when it is no longer one (published in between). */
  async updateDraft(
    id: string,
    s: Pick<SurveyRow, 'title' | 'description' | 'consentVersion' | 'consentText' | 'verifiedOnly' | 'definition'>,
  ): Promise<boolean> {
    const r = await this.db
      .update(survey)
      .set(s)
      .where(and(eq(survey.id, id), eq(survey.status, 'draft')))
      .returning({ id: survey.id });
    return r.length === 1;
  }

  /** Publishes a draft and archives the lineage's previously published version. */
  async publish(s: SurveyRow, at: Date): Promise<void> {
    await this.db
      .update(survey)
      .set({ status: 'archived' })
      .where(and(eq(survey.lineageId, s.lineageId), eq(survey.status, 'published')));
    await this.db.update(survey).set({ status: 'published', publishedAt: at }).where(eq(survey.id, s.id));
  }

  private responseCounts(key: typeof response.campaignId | typeof response.surveyId) {
    return this.db
      .select({ key, n: count().as('n') })
      .from(response)
      .groupBy(key)
      .as('response_counts');
  }
}
