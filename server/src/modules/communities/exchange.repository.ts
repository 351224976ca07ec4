import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { community, match, matchRound, need, offer } from './communities.tables.ts';

/** All SQL on the facility exchange. */
export class ExchangeRepository {
  constructor(private readonly db: Db) {}

  async insertOffer(row: typeof offer.$inferInsert) {
    await this.db.insert(offer).values(row);
  }

  async insertNeed(row: typeof need.$inferInsert) {
    await this.db.insert(need).values(row);
  }

  /** Offers serving the county (its code in the offer's list). */
  offersFor(county: string) {
    return this.db
      .select()
      .from(offer)
      .where(sql`${offer.counties} @> ${JSON.stringify([county])}::jsonb`)
      .orderBy(offer.createdAt, offer.id);
  }

  needsOf(county: string, status?: string) {
    return this.db
      .select({ need, communityName: community.name, streetCode: community.streetCode })
      .from(need)
      .innerJoin(community, eq(community.code, need.communityCode))
      .where(and(eq(need.countyCode, county), status ? eq(need.status, status) : undefined))
      .orderBy(desc(need.priority), need.createdAt, need.id);
  }

  /** Pairs already confirmed for each offer: what is left of its capacity. */
  async usedByOffer(offerIds: string[]): Promise<Map<string, number>> {
    if (!offerIds.length) return new Map();
    const rows = await this.db
      .select({ id: match.offerId, n: sql<number>`count(*)::int` })
      .from(match)
      .where(and(inArray(match.offerId, offerIds), inArray(match.status, ['confirmed', 'agreed', 'installed'])))
      .groupBy(match.offerId);
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  async insertRound(row: typeof matchRound.$inferInsert, pairs: (typeof match.$inferInsert)[]) {
    await this.db.insert(matchRound).values(row);
    if (pairs.length) await this.db.insert(match).values(pairs);
  }

  async round(id: string, forUpdate = false) {
    const q = this.db.select().from(matchRound).where(eq(matchRound.id, id));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  }

  roundsOf(county: string) {
    return this.db
      .select()
      .from(matchRound)
      .where(eq(matchRound.countyCode, county))
      .orderBy(desc(matchRound.createdAt));
  }

  pairsOf(roundId: string) {
    return this.db
      .select({ match, need, offer, communityName: community.name, streetCode: community.streetCode })
      .from(match)
      .innerJoin(need, eq(need.id, match.needId))
      .innerJoin(offer, eq(offer.id, match.offerId))
      .innerJoin(community, eq(community.code, need.communityCode))
      .where(eq(match.roundId, roundId))
      .orderBy(need.communityCode, need.id);
  }

  needsByIds(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .select({ need, communityName: community.name })
      .from(need)
      .innerJoin(community, eq(community.code, need.communityCode))
      .where(inArray(need.id, ids));
  }

  async confirmRound(id: string, by: string | null, at: Date, needIds: string[]) {
    await this.db
      .update(matchRound)
      .set({ status: 'confirmed', confirmedBy: by, confirmedAt: at })
      .where(eq(matchRound.id, id));
    await this.db.update(match).set({ status: 'confirmed' }).where(eq(match.roundId, id));
    if (needIds.length) await this.db.update(need).set({ status: 'matched' }).where(inArray(need.id, needIds));
  }
}
