import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { organisation, userAccount } from '../../platform/identity/identity.tables.ts';
import {
  community,
  match,
  matchRound,
  need,
  offer,
  provider,
  roundAdjustment,
  satisfaction,
} from './communities.tables.ts';

/** Statuses that hold a share of an offer's capacity. */
export const TAKEN = ['confirmed', 'agreed', 'installed'] as const;

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
      .where(and(inArray(match.offerId, offerIds), inArray(match.status, [...TAKEN])))
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
    return this.pairs(eq(match.roundId, roundId));
  }

  /** Pairs with their need, offer, community and residents' answers so far. */
  pairs(where: ReturnType<typeof eq>) {
    return this.db
      .select({
        match,
        need,
        offer,
        communityName: community.name,
        streetCode: community.streetCode,
        answers: sql<number>`(select count(*)::int from ${satisfaction} s where s.match_id = ${match.id})`,
        mean: sql<
          number | null
        >`(select avg(s.satisfaction)::float8 from ${satisfaction} s where s.match_id = ${match.id})`,
      })
      .from(match)
      .innerJoin(need, eq(need.id, match.needId))
      .innerJoin(offer, eq(offer.id, match.offerId))
      .innerJoin(community, eq(community.code, need.communityCode))
      .where(where)
      .orderBy(need.communityCode, need.id);
  }

  async pair(id: string, forUpdate = false) {
    if (forUpdate) await this.db.select({ id: match.id }).from(match).where(eq(match.id, id)).for('update');
    const [row] = await this.pairs(eq(match.id, id));
    return row;
  }

  /** Pairs of a provider's offers past the proposal (its agreements), newest round first. */
  providerPairs(organisationId: string) {
    return this.pairs(
      and(
        eq(offer.providerId, organisationId),
        inArray(match.status, ['confirmed', 'agreed', 'declined', 'installed']),
      )!,
    );
  }

  async setPair(id: string, patch: Partial<typeof match.$inferInsert>) {
    await this.db.update(match).set(patch).where(eq(match.id, id));
  }

  async setNeedStatus(id: string, status: string) {
    await this.db.update(need).set({ status }).where(eq(need.id, id));
  }

  /** Records a resident's answer once (a redelivered event writes nothing); false when the pair is not ours. */
  async insertSatisfaction(row: typeof satisfaction.$inferInsert): Promise<boolean> {
    const [known] = await this.db.select({ id: match.id }).from(match).where(eq(match.id, row.matchId));
    if (!known) return false;
    await this.db.insert(satisfaction).values(row).onConflictDoNothing();
    return true;
  }

  communityPairs(code: string) {
    return this.pairs(and(eq(need.communityCode, code), inArray(match.status, [...TAKEN, 'declined']))!);
  }

  /** Facilities the community asked for and has not had installed yet. */
  async openFacilities(code: string): Promise<Set<string>> {
    const rows = await this.db
      .selectDistinct({ f: need.facility })
      .from(need)
      .where(and(eq(need.communityCode, code), inArray(need.status, ['open', 'matched', 'agreed'])));
    return new Set(rows.map((r) => r.f));
  }

  offersOf(organisationId: string) {
    return this.db.select().from(offer).where(eq(offer.providerId, organisationId)).orderBy(desc(offer.createdAt));
  }

  async provider(organisationId: string) {
    const [row] = await this.db.select().from(provider).where(eq(provider.organisationId, organisationId));
    return row;
  }

  async providerByDirectoryOrg(directoryOrgId: string) {
    const [row] = await this.db.select().from(provider).where(eq(provider.directoryOrgId, directoryOrgId));
    return row;
  }

  providersOf(organisationIds: string[]) {
    if (!organisationIds.length) return Promise.resolve([]);
    return this.db.select().from(provider).where(inArray(provider.organisationId, organisationIds));
  }

  async insertProvider(row: typeof provider.$inferInsert) {
    await this.db.insert(provider).values(row);
  }

  async organisationOfUser(userId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: userAccount.organisationId })
      .from(userAccount)
      .where(eq(userAccount.id, userId));
    return row?.id;
  }

  /** The demo exchange in a few multi-row inserts (start-up time). */
  async seedDemo(
    offers: (typeof offer.$inferInsert)[],
    needs: (typeof need.$inferInsert)[],
    rounds: (typeof matchRound.$inferInsert)[],
    pairs: (typeof match.$inferInsert)[],
    answers: (typeof satisfaction.$inferInsert)[],
  ) {
    await this.db.transaction(async () => {
      if (offers.length) await this.db.insert(offer).values(offers);
      if (needs.length) await this.db.insert(need).values(needs);
      if (rounds.length) await this.db.insert(matchRound).values(rounds);
      if (pairs.length) await this.db.insert(match).values(pairs);
      if (answers.length) await this.db.insert(satisfaction).values(answers);
    });
  }

  /** The account's organisation as the system admin registered it (its legal name). */
  async organisationName(id: string): Promise<string | undefined> {
    const [row] = await this.db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, id));
    return row?.name;
  }

  /**
   * Every need below a region with the pair that took it on (the furthest one past the proposal), its offer and the
   * residents' answers: what the public outcomes are computed from.
   */
  outcomeRows(prefix: string) {
    return this.db
      .select({
        county: need.countyCode,
        createdAt: need.createdAt,
        facility: need.facility,
        isDemo: need.isDemo,
        status: match.status,
        providerId: offer.providerId,
        providerName: offer.providerName,
        model: offer.model,
        installedOn: match.installedOn,
        stoppedOn: match.stoppedOn,
        answers: sql<number>`coalesce((select count(*)::int from ${satisfaction} s where s.match_id = ${match.id}), 0)`,
        sum: sql<number>`coalesce((select sum(s.satisfaction)::int from ${satisfaction} s where s.match_id = ${match.id}), 0)`,
      })
      .from(need)
      .leftJoin(match, and(eq(match.needId, need.id), inArray(match.status, [...TAKEN])))
      .leftJoin(offer, eq(offer.id, match.offerId))
      .where(like(need.communityCode, `${prefix}%`));
  }

  needsByIds(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .select({ need, communityName: community.name, streetCode: community.streetCode })
      .from(need)
      .innerJoin(community, eq(community.code, need.communityCode))
      .where(inArray(need.id, ids));
  }

  async offerById(id: string) {
    const [row] = await this.db.select().from(offer).where(eq(offer.id, id));
    return row;
  }

  async insertPair(row: typeof match.$inferInsert) {
    await this.db.insert(match).values(row);
  }

  /** A proposed pair the county dropped: nothing refers to it yet (no agreement, no follow-up). */
  async deleteProposedPair(id: string) {
    await this.db.delete(match).where(and(eq(match.id, id), eq(match.status, 'proposed')));
  }

  async setRound(id: string, patch: Partial<typeof matchRound.$inferInsert>) {
    await this.db.update(matchRound).set(patch).where(eq(matchRound.id, id));
  }

  /** Numbers the adjustment after the round's last one (the caller holds the round's lock). */
  async insertAdjustment(row: Omit<typeof roundAdjustment.$inferInsert, 'seq'>) {
    const [last] = await this.db
      .select({ n: sql<number>`coalesce(max(${roundAdjustment.seq}), 0)::int` })
      .from(roundAdjustment)
      .where(eq(roundAdjustment.roundId, row.roundId));
    await this.db.insert(roundAdjustment).values({ ...row, seq: (last?.n ?? 0) + 1 });
  }

  /** A round's adjustments, oldest first, with the need's community and the providers' and adjuster's names. */
  adjustmentsOf(roundId: string) {
    return this.db
      .select({
        a: roundAdjustment,
        communityName: community.name,
        facility: need.facility,
        from: sql<string | null>`(select o.provider_name from ${offer} o where o.id = ${roundAdjustment.fromOfferId})`,
        fromProvider: sql<
          string | null
        >`(select o.provider_id::text from ${offer} o where o.id = ${roundAdjustment.fromOfferId})`,
        to: sql<string | null>`(select o.provider_name from ${offer} o where o.id = ${roundAdjustment.toOfferId})`,
        toProvider: sql<
          string | null
        >`(select o.provider_id::text from ${offer} o where o.id = ${roundAdjustment.toOfferId})`,
        by: userAccount.displayName,
      })
      .from(roundAdjustment)
      .innerJoin(need, eq(need.id, roundAdjustment.needId))
      .innerJoin(community, eq(community.code, need.communityCode))
      .leftJoin(userAccount, eq(userAccount.id, roundAdjustment.adjustedBy))
      .where(eq(roundAdjustment.roundId, roundId))
      .orderBy(roundAdjustment.seq);
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
