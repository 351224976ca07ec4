import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/database/index.ts';
import { toPgArray } from '../pg-array.ts';
import { visibleCentres, type Visibility } from '../registry/registry.repository.ts';
import { dataCentre, deviceModel, zone } from '../registry/registry.tables.ts';
import {
  marketOrder,
  marketOrderEvent,
  offer,
  orderUsage,
  workloadThroughput,
  type OfferRow,
  type OrderRow,
  type ThroughputRow,
} from './market.tables.ts';
import type { Lease } from './market-rules.ts';

/**
 * Orders in these states hold their cards on the offer, for their lease only ([start, start + hours)): leases
 * staggered in time share the offer's cards (orders.service.ts checks the peak over the new lease's time slices).
 */
export const HOLDING = ['requested', 'confirmed', 'active'] as const;

export interface OfferFilter {
  q?: string;
  modelId?: string;
  vendor?: string;
  domestic?: boolean;
  cityCode?: string;
  billing?: string;
  minCards?: number;
  maxPriceFen?: number;
  dataCentreId?: string;
  status?: string;
  /** Only offers of centres this organisation operates (an operator's own, withdrawn ones included). */
  supplierOrgId?: string;
  sort?: 'price' | 'cards' | 'newest';
}

/** Which orders a caller sees: a buyer's, a supplier's, or those on centres a visibility admits. */
export type OrderVisibility = { buyerOrgId: string } | { supplierOrgId: string } | { centres: Visibility };

/**
 * Cards held per offer by leases not yet over, as one grouped scan joined by hash: a correlated subquery here would
 * run once per candidate row before the sort (20,000 lookups for a province-wide search), this runs once. Summing
 * every lease still to run is the cautious figure a list shows ("free for any lease from now"); an order is checked
 * against the peak over its own time slices, which may leave it more.
 */
const heldByOffer = (now: Date) => sql`(SELECT offer_id, sum(cards)::int AS n FROM compute.market_order
  WHERE status IN ('requested','confirmed','active')
    AND start_at + hours * interval '1 hour' > ${now.toISOString()}::timestamptz
  GROUP BY offer_id) AS held_by_offer`;
const held = sql<number>`coalesce(held_by_offer.n, 0)`;

const offerColumns = {
  offer,
  centreName: dataCentre.name,
  supplierName: dataCentre.operatorName,
  supplierOrgId: dataCentre.operatorOrgId,
  cityCode: dataCentre.cityCode,
  countyCode: dataCentre.countyCode,
  centreSimulated: dataCentre.simulated,
  zoneName: zone.name,
  zoneType: zone.type,
  modelName: deviceModel.name,
  vendor: deviceModel.vendor,
  domestic: deviceModel.domestic,
  modelKind: deviceModel.kind,
  held,
};
export type OfferJoined = {
  offer: OfferRow;
  centreName: string;
  supplierName: string;
  supplierOrgId: string;
  cityCode: string;
  countyCode: string;
  centreSimulated: boolean;
  zoneName: string | null;
  zoneType: string | null;
  modelName: string;
  vendor: string;
  domestic: boolean;
  modelKind: string;
  held: number;
};

/** All SQL on the supermarket's tables. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class MarketRepository {
  constructor(private readonly db: Db) {}

  private joinedOffers(now: Date) {
    return this.db
      .select(offerColumns)
      .from(offer)
      .innerJoin(dataCentre, eq(dataCentre.id, offer.dataCentreId))
      .innerJoin(deviceModel, eq(deviceModel.id, offer.modelId))
      .leftJoin(zone, eq(zone.id, dataCentre.zoneId))
      .leftJoin(heldByOffer(now), sql`held_by_offer.offer_id = ${offer.id}`);
  }

  private offerWhere(f: OfferFilter, now: Date): SQL | undefined {
    const w: SQL[] = [];
    if (f.supplierOrgId) w.push(eq(dataCentre.operatorOrgId, f.supplierOrgId));
    if (f.status) w.push(eq(offer.status, f.status));
    // A buyer's search shows only what can still be bought.
    if (!f.supplierOrgId && !f.status) w.push(eq(offer.status, 'published'), gte(offer.availableUntil, now));
    if (f.q)
      w.push(
        or(
          ilike(dataCentre.name, `%${f.q}%`),
          ilike(deviceModel.name, `%${f.q}%`),
          ilike(dataCentre.operatorName, `%${f.q}%`),
        )!,
      );
    if (f.modelId) w.push(eq(offer.modelId, f.modelId));
    if (f.vendor) w.push(eq(deviceModel.vendor, f.vendor));
    if (f.domestic !== undefined) w.push(eq(deviceModel.domestic, f.domestic));
    if (f.cityCode) w.push(eq(dataCentre.cityCode, f.cityCode));
    if (f.billing) w.push(eq(offer.billing, f.billing));
    if (f.minCards) w.push(sql`${offer.cards} - ${held} >= ${f.minCards}`);
    if (f.maxPriceFen) w.push(lte(offer.priceFenPerCardHour, f.maxPriceFen));
    if (f.dataCentreId) w.push(eq(offer.dataCentreId, f.dataCentreId));
    return w.length ? and(...w) : undefined;
  }

  async searchOffers(
    f: OfferFilter,
    now: Date,
    page: { limit: number; offset: number },
  ): Promise<{ rows: OfferJoined[]; total: number }> {
    const cond = this.offerWhere(f, now);
    const order =
      f.sort === 'cards'
        ? [desc(offer.cards), asc(offer.id)]
        : f.sort === 'newest'
          ? [desc(offer.createdAt), asc(offer.id)]
          : [asc(offer.priceFenPerCardHour), asc(offer.id)];
    const rows = await this.joinedOffers(now)
      .where(cond)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset);
    // The count joins only what the filter reads: held cards are summed over every order only when `minCards` asks.
    const counted = this.db
      .select({ n: count() })
      .from(offer)
      .innerJoin(dataCentre, eq(dataCentre.id, offer.dataCentreId))
      .innerJoin(deviceModel, eq(deviceModel.id, offer.modelId));
    const [n] = await (
      f.minCards ? counted.leftJoin(heldByOffer(now), sql`held_by_offer.offer_id = ${offer.id}`) : counted
    ).where(cond);
    return { rows: rows as OfferJoined[], total: n?.n ?? 0 };
  }

  /**
   * Published offers with cards free now, cheapest per card-hour first, for a schedule on the supermarket; `total`
   * counts them all.
   */
  async offersWithFreeCards(
    now: Date,
    f: { cityCode?: string; inProvince?: string },
    limit: number,
  ): Promise<{ rows: OfferJoined[]; total: number }> {
    const cond = and(
      eq(offer.status, 'published'),
      lte(offer.availableFrom, now),
      gte(offer.availableUntil, now),
      sql`${offer.cards} - ${held} > 0`,
      f.cityCode ? eq(dataCentre.cityCode, f.cityCode) : undefined,
      f.inProvince ? sql`left(${dataCentre.countyCode}, 2) = ${f.inProvince.slice(0, 2)}` : undefined,
    );
    const rows = await this.joinedOffers(now)
      .where(cond)
      .orderBy(asc(offer.priceFenPerCardHour), asc(offer.id))
      .limit(limit);
    const [n] = await this.db
      .select({ n: count() })
      .from(offer)
      .innerJoin(dataCentre, eq(dataCentre.id, offer.dataCentreId))
      .leftJoin(heldByOffer(now), sql`held_by_offer.offer_id = ${offer.id}`)
      .where(cond);
    return { rows: rows as OfferJoined[], total: n?.n ?? 0 };
  }

  async offerJoined(id: string, now: Date): Promise<OfferJoined | undefined> {
    const [r] = await this.joinedOffers(now).where(eq(offer.id, id));
    return r as OfferJoined | undefined;
  }

  /** `forUpdate` locks the offer: orders on it are checked against its cards under this lock. */
  async offer(id: string, forUpdate = false): Promise<OfferRow | undefined> {
    const q = this.db.select().from(offer).where(eq(offer.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async saveOffer(row: OfferRow): Promise<void> {
    const { id: _id, ...set } = row;
    await this.db.insert(offer).values(row).onConflictDoUpdate({ target: offer.id, set });
  }
  async insertOffers(rows: OfferRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(offer).values(rows.slice(i, i + 500));
  }

  /** Cards the centre already offers of a model in published offers, besides `exceptId`. */
  async cardsOffered(centreId: string, modelId: string, exceptId: string | null): Promise<number> {
    const [r] = await this.db
      .select({ n: sql<number>`coalesce(sum(${offer.cards}), 0)::int` })
      .from(offer)
      .where(
        and(
          eq(offer.dataCentreId, centreId),
          eq(offer.modelId, modelId),
          eq(offer.status, 'published'),
          exceptId ? sql`${offer.id} <> ${exceptId}` : undefined,
        ),
      );
    return Number(r?.n ?? 0);
  }

  /**
   * The leases holding cards on the offer that overlap [from, to) (all of them without an interval): what the peak
   * of a new lease's time slices is computed from (market-rules.ts `peakCards`).
   */
  async leasesHolding(offerId: string, within?: { from: Date; to: Date }): Promise<Lease[]> {
    const end = sql`${marketOrder.startAt} + ${marketOrder.hours} * interval '1 hour'`;
    const rows = await this.db
      .select({ start: marketOrder.startAt, hours: marketOrder.hours, cards: marketOrder.cards })
      .from(marketOrder)
      .where(
        and(
          eq(marketOrder.offerId, offerId),
          inArray(marketOrder.status, [...HOLDING]),
          within ? sql`${marketOrder.startAt} < ${within.to.toISOString()}::timestamptz` : undefined,
          within ? sql`${end} > ${within.from.toISOString()}::timestamptz` : undefined,
        ),
      );
    return rows.map((r) => ({
      start: r.start,
      end: new Date(r.start.getTime() + r.hours * 3_600_000),
      cards: r.cards,
    }));
  }

  // ── throughput table ──
  throughputs(family?: string): Promise<ThroughputRow[]> {
    return this.db
      .select()
      .from(workloadThroughput)
      .where(family ? eq(workloadThroughput.family, family) : undefined)
      .orderBy(asc(workloadThroughput.family), asc(workloadThroughput.scale), asc(workloadThroughput.modelId));
  }
  async families(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ f: workloadThroughput.family })
      .from(workloadThroughput)
      .orderBy(asc(workloadThroughput.family));
    return rows.map((r) => r.f);
  }
  async insertThroughputsIfMissing(rows: ThroughputRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insert(workloadThroughput)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing();
  }
  async saveThroughput(row: ThroughputRow): Promise<ThroughputRow | undefined> {
    const [before] = await this.db
      .select()
      .from(workloadThroughput)
      .where(
        and(
          eq(workloadThroughput.family, row.family),
          eq(workloadThroughput.scale, row.scale),
          eq(workloadThroughput.modelId, row.modelId),
        ),
      );
    await this.db
      .insert(workloadThroughput)
      .values(row)
      .onConflictDoUpdate({
        target: [workloadThroughput.family, workloadThroughput.scale, workloadThroughput.modelId],
        set: { stepsPerSecond: row.stepsPerSecond, source: row.source, updatedAt: row.updatedAt },
      });
    return before;
  }

  /**
   * Offers ranked by what the workload would cost on them: the job's steps per second on the accelerator at its
   * card count (the table's figure at that scale, else the one-card figure × cards), hours = steps ÷ (that × 3600),
   * billed at least the minimum lease. Computed in SQL so a search over tens of thousands of offers returns only
   * the best `limit`.
   */
  async rankOffers(
    w: { family: string; cards: number; steps: number; cityCode?: string },
    now: Date,
    limit: number,
  ): Promise<(OfferJoined & { sps: number; hours: number; billedHours: number; costFen: number })[]> {
    const sps = sql<number>`coalesce(tx.steps_per_second, t1.steps_per_second * ${w.cards})`;
    const hours = sql<number>`(${w.steps}::double precision / nullif(${sps}, 0) / 3600.0)`;
    const billed = sql<number>`greatest(${hours}, ${offer.minLeaseHours}::double precision)`;
    const cost = sql<number>`round(${billed} * ${w.cards} * ${offer.priceFenPerCardHour})::bigint`;
    const rows = await this.db
      .select({ ...offerColumns, sps, hours, billedHours: billed, costFen: cost })
      .from(offer)
      .innerJoin(dataCentre, eq(dataCentre.id, offer.dataCentreId))
      .innerJoin(deviceModel, eq(deviceModel.id, offer.modelId))
      .leftJoin(zone, eq(zone.id, dataCentre.zoneId))
      .leftJoin(heldByOffer(now), sql`held_by_offer.offer_id = ${offer.id}`)
      .leftJoin(
        sql`compute.workload_throughput tx`,
        sql`tx.family = ${w.family} AND tx.scale = ${w.cards} AND tx.model_id = ${offer.modelId}`,
      )
      .leftJoin(
        sql`compute.workload_throughput t1`,
        sql`t1.family = ${w.family} AND t1.scale = 1 AND t1.model_id = ${offer.modelId}`,
      )
      .where(
        and(
          eq(offer.status, 'published'),
          gte(offer.availableUntil, now),
          sql`${offer.cards} - ${held} >= ${w.cards}`,
          sql`${sps} > 0`,
          w.cityCode ? eq(dataCentre.cityCode, w.cityCode) : undefined,
        ),
      )
      .orderBy(asc(cost), asc(offer.id))
      .limit(limit);
    return rows.map((r) => ({
      ...(r as OfferJoined),
      sps: Number(r.sps),
      hours: Number(r.hours),
      billedHours: Number(r.billedHours),
      costFen: Number(r.costFen),
    }));
  }

  /** Accelerator models on sale that the table cannot rate for this family. */
  async unratedModels(family: string, now: Date): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ m: offer.modelId })
      .from(offer)
      .where(
        and(
          eq(offer.status, 'published'),
          gte(offer.availableUntil, now),
          sql`NOT EXISTS (SELECT 1 FROM compute.workload_throughput t WHERE t.family = ${family} AND t.model_id = ${offer.modelId})`,
        ),
      );
    return rows.map((r) => r.m).sort();
  }

  // ── orders ──
  async order(id: string, forUpdate = false): Promise<OrderRow | undefined> {
    const q = this.db.select().from(marketOrder).where(eq(marketOrder.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async insertOrder(row: OrderRow): Promise<void> {
    await this.db.insert(marketOrder).values(row);
  }
  async updateOrder(id: string, set: Partial<OrderRow>): Promise<void> {
    await this.db.update(marketOrder).set(set).where(eq(marketOrder.id, id));
  }
  async addEvent(e: { orderId: string; at: Date; status: string; actor: string; note: string | null }): Promise<void> {
    await this.db.insert(marketOrderEvent).values(e);
  }
  async events(orderIds: string[]) {
    if (!orderIds.length) return [];
    return this.db
      .select()
      .from(marketOrderEvent)
      .where(inArray(marketOrderEvent.orderId, orderIds))
      .orderBy(asc(marketOrderEvent.id));
  }
  async listOrders(
    v: OrderVisibility,
    q: { status?: string; dataCentreId?: string },
    page: { limit: number; offset: number },
  ): Promise<{ rows: (OrderRow & { centreName: string; modelName: string })[]; total: number }> {
    const w: SQL[] = [];
    if ('buyerOrgId' in v) w.push(eq(marketOrder.buyerOrgId, v.buyerOrgId));
    else if ('supplierOrgId' in v) w.push(eq(marketOrder.supplierOrgId, v.supplierOrgId));
    else {
      const vc = visibleCentres(v.centres);
      if (vc) w.push(vc);
    }
    if (q.status) w.push(eq(marketOrder.status, q.status));
    if (q.dataCentreId) w.push(eq(marketOrder.dataCentreId, q.dataCentreId));
    const cond = w.length ? and(...w) : undefined;
    const rows = await this.db
      .select({ o: marketOrder, centreName: dataCentre.name, modelName: deviceModel.name })
      .from(marketOrder)
      .innerJoin(dataCentre, eq(dataCentre.id, marketOrder.dataCentreId))
      .innerJoin(deviceModel, eq(deviceModel.id, marketOrder.modelId))
      .where(cond)
      .orderBy(desc(marketOrder.createdAt), asc(marketOrder.id))
      .limit(page.limit)
      .offset(page.offset);
    const [n] = await this.db
      .select({ n: count() })
      .from(marketOrder)
      .innerJoin(dataCentre, eq(dataCentre.id, marketOrder.dataCentreId))
      .where(cond);
    return { rows: rows.map((r) => ({ ...r.o, centreName: r.centreName, modelName: r.modelName })), total: n?.n ?? 0 };
  }
  async names(orderRow: OrderRow): Promise<{ centreName: string; modelName: string }> {
    const [r] = await this.db
      .select({ centreName: dataCentre.name, modelName: deviceModel.name })
      .from(dataCentre)
      .innerJoin(deviceModel, eq(deviceModel.id, orderRow.modelId))
      .where(eq(dataCentre.id, orderRow.dataCentreId));
    return r ?? { centreName: '', modelName: orderRow.modelId };
  }

  async addUsage(u: typeof orderUsage.$inferInsert): Promise<void> {
    await this.db.insert(orderUsage).values(u);
  }
  usage(orderId: string) {
    return this.db.select().from(orderUsage).where(eq(orderUsage.orderId, orderId)).orderBy(asc(orderUsage.periodFrom));
  }
  async overlapsUsage(orderId: string, from: Date, to: Date): Promise<boolean> {
    const [r] = await this.db
      .select({ n: count() })
      .from(orderUsage)
      .where(
        and(
          eq(orderUsage.orderId, orderId),
          sql`${orderUsage.periodFrom} < ${to}`,
          sql`${orderUsage.periodTo} > ${from}`,
        ),
      );
    return (r?.n ?? 0) > 0;
  }

  /** Orders by status with their billed sum, whether any is simulated, and the newest change (the one-screen view). */
  orderTally() {
    return this.db
      .select({
        status: marketOrder.status,
        n: sql<number>`count(*)::int`,
        billedFen: sql<number>`coalesce(sum(${marketOrder.billedFen}), 0)::float8`,
        simulated: sql<boolean>`bool_or(${marketOrder.simulated})`,
        updatedAt: sql<string | Date | null>`max(${marketOrder.updatedAt})`,
      })
      .from(marketOrder)
      .groupBy(marketOrder.status);
  }

  /** Where the next metering interval starts: the end of the last record, if any. */
  async lastUsageEnd(orderId: string): Promise<Date | undefined> {
    const [r] = await this.db
      .select({ to: orderUsage.periodTo })
      .from(orderUsage)
      .where(eq(orderUsage.orderId, orderId))
      .orderBy(desc(orderUsage.periodTo))
      .limit(1);
    return r?.to;
  }

  /**
   * Card-minutes of a lease from the centre's remote-write aggregates: per 1-minute bucket in [from, to), the
   * per-card series labelled with the order that reported a sample, at most the order's cards (a mislabelled export
   * cannot bill more cards than were leased). Also how many cards (series) and minutes were seen.
   */
  async meteredCardMinutes(q: {
    centreId: string;
    orderNumber: string;
    metrics: readonly string[];
    label: string;
    cards: number;
    from: Date;
    to: Date;
  }): Promise<{ cardMinutes: number; minutes: number; series: number }> {
    const rows = await queryRows<{ card_minutes: string | number; minutes: string | number; series: string | number }>(
      this.db,
      sql`WITH leased AS (
            SELECT s.id FROM compute.metric_series s
            WHERE s.data_centre_id = ${q.centreId}::uuid AND s.metric_name = ANY(${toPgArray([...q.metrics])}::text[])
              AND s.labels ->> ${q.label} = ${q.orderNumber}),
          per_minute AS (
            SELECT m.bucket, count(*) AS n FROM compute.metric_sample m JOIN leased l ON l.id = m.series_id
            WHERE m.bucket >= ${q.from.toISOString()}::timestamptz AND m.bucket < ${q.to.toISOString()}::timestamptz
              AND m.count > 0
            GROUP BY m.bucket)
          SELECT coalesce(sum(least(n, ${q.cards})), 0) AS card_minutes, count(*) AS minutes,
                 (SELECT count(*) FROM leased) AS series
          FROM per_minute`,
    );
    const r = rows[0];
    return {
      cardMinutes: Number(r?.card_minutes ?? 0),
      minutes: Number(r?.minutes ?? 0),
      series: Number(r?.series ?? 0),
    };
  }
}
