import { and, asc, count, desc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/database/index.ts';
import { inCodes } from './region-filter.ts';
import { campaign, response, type NewResponse, type ResponseRow } from './participation.tables.ts';

/** What staff see of a response: no encrypted contact, no device or idempotency keys. */
const listed = {
  id: response.id,
  surveyId: response.surveyId,
  regionCode: response.regionCode,
  channel: response.channel,
  verified: response.verified,
  phoneMasked: response.phoneMasked,
  submittedAt: response.submittedAt,
  answers: response.answers,
  isDemo: response.isDemo,
};
export type ListedResponse = Pick<ResponseRow, keyof typeof listed>;

/** Free-text search in the answers (jsonb as text), with LIKE's own characters taken out of the term. */
const answersMention = (word: string) => sql`${response.answers}::text LIKE ${`%${word.replace(/[%_\\"]/g, '')}%`}`;

/** Responses: the answer path's inserts, listing, counts and the jsonb aggregation analysis reads. */
export class ResponsesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Many responses in one statement, hence one commit; returns the ids stored (the others hit a unique key:
   * idempotency, device or paper form). Each row is durable when this returns.
   */
  async insertMany(rows: NewResponse[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const stored = await this.db.insert(response).values(rows).onConflictDoNothing().returning({ id: response.id });
    return new Set(stored.map((r) => r.id));
  }

  /** One response; false when a unique key already exists. */
  async insert(row: NewResponse): Promise<boolean> {
    return (await this.insertMany([row])).has(row.id);
  }

  async byIdempotencyKey(surveyId: string, key: string) {
    const [r] = await this.db
      .select({
        id: response.id,
        surveyId: response.surveyId,
        submittedAt: response.submittedAt,
        channel: response.channel,
        verified: response.verified,
      })
      .from(response)
      .where(and(eq(response.surveyId, surveyId), eq(response.idempotencyKey, key)));
    return r;
  }

  async page(
    campaignId: string,
    regionCodes: string[],
    q: { channel?: 'online' | 'offline'; q?: string; page: number; pageSize: number },
  ): Promise<{ items: ListedResponse[]; total: number }> {
    const where: SQL[] = [eq(response.campaignId, campaignId), inCodes(response.regionCode, regionCodes)];
    if (q.channel) where.push(eq(response.channel, q.channel));
    if (q.q) where.push(answersMention(q.q));
    const [total] = await this.db
      .select({ n: count() })
      .from(response)
      .where(and(...where));
    const items = await this.db
      .select(listed)
      .from(response)
      .where(and(...where))
      .orderBy(desc(response.submittedAt), asc(response.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { items, total: total?.n ?? 0 };
  }

  /** Every response of a campaign in the regions, oldest first (the Excel export), at most `limit`. */
  async all(campaignId: string, regionCodes: string[], limit: number): Promise<ListedResponse[]> {
    return this.db
      .select(listed)
      .from(response)
      .where(and(eq(response.campaignId, campaignId), inCodes(response.regionCode, regionCodes)))
      .orderBy(asc(response.submittedAt), asc(response.id))
      .limit(limit);
  }

  /** When the newest answer of a campaign from these regions arrived (null: none yet). */
  async lastAnswerAt(campaignId: string, regionCodes: string[]): Promise<Date | null> {
    const [r] = await this.db
      .select({ at: sql<string | Date | null>`max(${response.submittedAt})` })
      .from(response)
      .where(and(eq(response.campaignId, campaignId), inCodes(response.regionCode, regionCodes)));
    return r?.at ? new Date(r.at) : null;
  }

  /** Counts by region, channel and day (China Standard Time). */
  async counts(campaignId: string, regionCodes: string[]) {
    const scope = and(eq(response.campaignId, campaignId), inCodes(response.regionCode, regionCodes));
    const n = count();
    const byRegion = await this.db
      .select({ code: response.regionCode, n })
      .from(response)
      .where(scope)
      .groupBy(response.regionCode);
    const byChannel = await this.db
      .select({ channel: response.channel, n })
      .from(response)
      .where(scope)
      .groupBy(response.channel);
    const day = sql<string>`to_char(${response.submittedAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const byDay = await this.db.select({ day, n }).from(response).where(scope).groupBy(day).orderBy(day);
    return { byRegion, byChannel, byDay };
  }

  /**
   * Answer values of the given (non-text) questions, grouped: one row per question × value × region. Raw SQL: the
   * builder has no lateral jsonb_array_elements.
   */
  async answerGroups(
    campaignId: string,
    regionCodes: string[],
    questionIds: string[],
  ): Promise<{ q: string; v: unknown; region: string; n: number }[]> {
    if (!questionIds.length) return [];
    return queryRows(
      this.db,
      sql`SELECT a->>'questionId' AS q, a->'value' AS v, r.region_code AS region, count(*)::int AS n
      FROM ${response} r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
      WHERE r.campaign_id = ${campaignId} AND ${inCodes(sql`r.region_code`, regionCodes)}
        AND ${inCodes(sql`a->>'questionId'`, questionIds)}
      GROUP BY 1, 2, 3`,
    );
  }

  /** Free-text answers of the given questions with their response and region. Raw SQL, as answerGroups. */
  async textAnswers(
    campaignId: string,
    regionCodes: string[],
    questionIds: string[],
  ): Promise<{ id: string; region: string; text: string }[]> {
    if (!questionIds.length) return [];
    return queryRows(
      this.db,
      sql`SELECT r.id, r.region_code AS region, a->>'value' AS text
      FROM ${response} r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
      WHERE r.campaign_id = ${campaignId} AND ${inCodes(sql`r.region_code`, regionCodes)}
        AND ${inCodes(sql`a->>'questionId'`, questionIds)} AND jsonb_typeof(a->'value') = 'string'`,
    );
  }

  /**
   * Responses in the regions that left a phone: the one given, or those whose answers mention any of the words,
   * oldest first, at most 1000; with the phone masked.
   */
  async contactable(
    campaignId: string,
    regionCodes: string[],
    opts: { responseId?: string | null; words?: string[] },
  ): Promise<{ id: string; phoneMasked: string | null }[]> {
    const where: SQL[] = [
      eq(response.campaignId, campaignId),
      inCodes(response.regionCode, regionCodes),
      isNotNull(response.phoneEnc),
    ];
    if (opts.responseId) where.push(eq(response.id, opts.responseId));
    const words = (opts.words ?? []).filter(Boolean);
    if (words.length) where.push(or(...words.map(answersMention))!);
    return this.db
      .select({ id: response.id, phoneMasked: response.phoneMasked })
      .from(response)
      .where(and(...where))
      .orderBy(asc(response.submittedAt))
      .limit(1000);
  }

  /** Clears contact details once their campaign's retention period after closing has passed. */
  async purgeContacts(now: Date): Promise<number> {
    const purged = await this.db
      .update(response)
      .set({ phoneEnc: null, phoneMasked: null })
      .from(campaign)
      .where(
        and(
          eq(campaign.id, response.campaignId),
          isNotNull(response.phoneEnc),
          isNotNull(campaign.closesAt),
          sql`${campaign.closesAt} + make_interval(days => ${campaign.retentionDays}) < ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning({ id: response.id });
    return purged.length;
  }
}
