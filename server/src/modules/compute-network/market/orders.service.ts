import crypto from 'node:crypto';
import {
  COMPUTE_PERMISSIONS as P,
  type Order,
  type OrderAction,
  type OrderInput,
  type OrderStatus,
  type UsageInput,
  METERED_CARD_METRICS,
  METERING_LABEL,
  type MeteringInput,
} from '@zhicheng/contracts/compute-network';
import type { Db } from '../../../platform/database/index.ts';
import type { Actor, RequestContext } from '../../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import { isDataCentreOperator, type CentreAccess } from '../registry/centre-access.ts';
import { amountFen, billedCardHours, ORDER_TRANSITIONS, peakCards, plausibleCardHours } from './market-rules.ts';
import type { MarketRepository, OrderVisibility } from './market.repository.ts';
import type { OrderRow } from './market.tables.ts';
import { OFFER, voucherEligible } from './offers.service.ts';

export const ORDER = { zh: '算力订单', en: 'order' };

/** Orders: an enterprise requests, the centre confirms, starts, meters and bills, the enterprise pays with proof. */
export class OrdersService {
  constructor(
    private readonly platform: Platform,
    private readonly repo: MarketRepository,
    private readonly access: CentreAccess,
  ) {}

  private get db() {
    return this.platform.db;
  }

  private async toOrder(o: OrderRow, names?: { centreName: string; modelName: string }): Promise<Order> {
    const n = names ?? (await this.repo.names(o));
    const events = await this.repo.events([o.id]);
    return {
      id: o.id,
      number: o.number,
      offerId: o.offerId,
      dataCentreId: o.dataCentreId,
      dataCentreName: n.centreName,
      modelId: o.modelId,
      modelName: n.modelName,
      buyerOrgId: o.buyerOrgId,
      buyerName: o.buyerName,
      supplierOrgId: o.supplierOrgId,
      supplierName: o.supplierName,
      cards: o.cards,
      hours: o.hours,
      startAt: o.startAt.toISOString(),
      priceFenPerCardHour: o.priceFenPerCardHour,
      minLeaseHours: o.minLeaseHours,
      estimateFen: o.estimateFen,
      status: o.status as OrderStatus,
      meteredCardHours: o.meteredCardHours,
      billedFen: o.billedFen,
      paymentReference: o.paymentReference,
      workloadNote: o.workloadNote,
      voucherEligible: o.voucherEligible,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
      events: events.map((e) => ({ at: e.at.toISOString(), status: e.status, by: e.actor, note: e.note })),
    };
  }

  /** Who sees which orders: the buyer its own, the supplier those on its centres, bureau staff within their scope. */
  private async visibility(actor: Actor): Promise<OrderVisibility> {
    if (actor.permissions.has(P.order)) return { buyerOrgId: actor.organisationId };
    if (isDataCentreOperator(actor))
      return actor.organisationKind === 'datacentre_operator'
        ? { supplierOrgId: actor.organisationId }
        : { supplierOrgId: '00000000-0000-0000-0000-000000000000' };
    if (!actor.permissions.has(P.read)) throw platformError('forbidden');
    return { centres: await this.access.visibility(actor) };
  }

  private async canSee(actor: Actor, o: OrderRow): Promise<boolean> {
    const v = await this.visibility(actor);
    if ('buyerOrgId' in v) return o.buyerOrgId === v.buyerOrgId;
    if ('supplierOrgId' in v) return o.supplierOrgId === v.supplierOrgId;
    const c = await this.access.centreOr404(o.dataCentreId);
    if ('all' in v.centres) return true;
    if ('orgId' in v.centres) return c.operatorOrgId === v.centres.orgId;
    return v.centres.counties.includes(c.countyCode);
  }

  async list(ctx: RequestContext, q: { status?: string; dataCentreId?: string; page: number; pageSize: number }) {
    this.platform.authz.require(ctx.actor, P.market);
    const v = await this.visibility(ctx.actor);
    const { rows, total } = await this.repo.listOrders(v, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const items: Order[] = [];
    for (const r of rows) items.push(await this.toOrder(r, r));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** One order; someone who may not see it learns nothing of it (404). */
  async get(ctx: RequestContext, id: string): Promise<Order> {
    this.platform.authz.require(ctx.actor, P.market);
    const o = await this.repo.order(id);
    if (!o || !(await this.canSee(ctx.actor, o))) throw notFound(ORDER);
    return this.toOrder(o);
  }

  /** For the voucher sub-area: the order row, without the caller's checks (it checks its own). */
  orderRow(id: string): Promise<OrderRow | undefined> {
    return this.repo.order(id);
  }

  async place(ctx: RequestContext, input: OrderInput): Promise<Order> {
    this.platform.authz.require(ctx.actor, P.order);
    const actor = ctx.actor;
    if (actor.organisationKind !== 'enterprise')
      throw platformError('forbidden', { zh: '仅企业可下单', en: 'Only enterprises place orders' });
    const buyer = await this.platform.identity.organisationOf(actor.organisationId);
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      // The offer's lock serialises orders on it: two buyers cannot both take its last cards.
      const offer = await this.repo.offer(input.offerId, true);
      if (!offer) throw invalidField('offerId', '算力商品不存在', 'unknown offer');
      const j = await this.repo.offerJoined(offer.id, this.platform.clock.now());
      if (!j) throw notFound(OFFER);
      const start = new Date(input.startAt);
      const end = new Date(start.getTime() + input.hours * 3_600_000);
      if (offer.status !== 'published' || start < offer.availableFrom || end > offer.availableUntil)
        throw computeError('offer_unavailable', undefined, [{ path: 'startAt', message: 'outside the window' }]);
      if (input.hours < offer.minLeaseHours)
        throw computeError(
          'below_min_lease',
          { zh: `最短 ${offer.minLeaseHours} 小时`, en: `at least ${offer.minLeaseHours} hours` },
          [{ path: 'hours', message: `at least ${offer.minLeaseHours}` }],
        );
      // Cards are held per time slice: only leases overlapping this one count, at their busiest moment within it.
      const held = peakCards(await this.repo.leasesHolding(offer.id, { from: start, to: end }));
      if (input.cards > offer.cards - held)
        throw computeError(
          'cards_exceed_offer',
          { zh: `剩余 ${offer.cards - held} 张`, en: `${offer.cards - held} left` },
          [{ path: 'cards', message: `at most ${offer.cards - held}` }],
        );
      if (j.supplierOrgId === actor.organisationId)
        throw platformError('forbidden', { zh: '不能购买本单位的算力', en: 'Cannot buy from your own organisation' });
      const now = this.platform.clock.now();
      const row: OrderRow = {
        id,
        number: `SC${now.toISOString().slice(0, 10).replace(/-/g, '')}-${id.slice(0, 8).toUpperCase()}`,
        offerId: offer.id,
        dataCentreId: offer.dataCentreId,
        modelId: offer.modelId,
        buyerOrgId: actor.organisationId,
        buyerName: buyer.name,
        supplierOrgId: j.supplierOrgId,
        supplierName: j.supplierName,
        cards: input.cards,
        hours: input.hours,
        startAt: start,
        priceFenPerCardHour: offer.priceFenPerCardHour,
        minLeaseHours: offer.minLeaseHours,
        estimateFen: amountFen(
          billedCardHours(input.cards, input.cards * input.hours, offer.minLeaseHours),
          offer.priceFenPerCardHour,
        ),
        status: 'requested',
        meteredCardHours: 0,
        billedFen: null,
        paymentReference: null,
        workloadNote: input.workloadNote ?? null,
        voucherEligible: voucherEligible(j, this.platform.config.provinceCode),
        simulated: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insertOrder(row);
      await this.repo.addEvent({ orderId: id, at: now, status: 'requested', actor: actor.username, note: null });
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.order.request',
        objectType: 'market_order',
        objectId: id,
        after: row,
      });
    });
    return this.get(ctx, id);
  }

  /** The party an action belongs to: the buyer's organisation or the supplier operating the centre. */
  private async assertParty(actor: Actor, o: OrderRow, by: 'buyer' | 'supplier'): Promise<void> {
    if (by === 'buyer') {
      this.platform.authz.require(actor, P.order);
      if (o.buyerOrgId !== actor.organisationId) throw notFound(ORDER);
      return;
    }
    this.platform.authz.require(actor, P.offer);
    const c = await this.access.centreOr404(o.dataCentreId);
    if (c.operatorOrgId !== actor.organisationId || actor.organisationKind !== 'datacentre_operator')
      throw notFound(ORDER);
  }

  async act(ctx: RequestContext, id: string, a: OrderAction): Promise<Order> {
    this.platform.authz.require(ctx.actor, P.market);
    const actor = ctx.actor;
    const t = ORDER_TRANSITIONS[a.action];
    await this.db.transaction(async (tx) => {
      const before = await this.repo.order(id, true);
      if (!before) throw notFound(ORDER);
      await this.assertParty(actor, before, t.by);
      if (!t.from.includes(before.status as OrderStatus))
        throw computeError('bad_transition', { zh: `当前状态 ${before.status}`, en: `status is ${before.status}` });
      const now = this.platform.clock.now();
      const set: Partial<OrderRow> = { status: t.to, updatedAt: now };
      if (a.action === 'bill')
        set.billedFen = amountFen(
          billedCardHours(before.cards, before.meteredCardHours, before.minLeaseHours),
          before.priceFenPerCardHour,
        );
      if (a.action === 'pay') set.paymentReference = a.paymentReference;
      await this.repo.updateOrder(id, set);
      const note = 'note' in a ? (a.note ?? null) : a.action === 'pay' ? a.paymentReference : null;
      await this.repo.addEvent({ orderId: id, at: now, status: t.to, actor: actor.username, note });
      await this.platform.audit.record(tx, ctx, {
        action: `compute.order.${a.action}`,
        objectType: 'market_order',
        objectId: id,
        before,
        after: { ...before, ...set },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Metered usage the centre's API reports: card-hours over an interval inside the lease, never more than all the
   * order's cards for the whole interval, intervals never overlapping (a record cannot be counted twice).
   */
  async recordUsage(ctx: RequestContext, id: string, u: UsageInput): Promise<Order> {
    this.platform.authz.require(ctx.actor, P.offer);
    const actor = ctx.actor;
    await this.db.transaction(async (tx) => {
      const before = await this.activeLeaseOf(actor, id);
      await this.addUsage(tx, ctx, before, new Date(u.from), new Date(u.to), u.cardHours, 'api');
    });
    return this.get(ctx, id);
  }

  /**
   * Metered usage computed from the centre's remote-write metrics (never typed): the per-card series labelled with
   * the order's number, counted per minute (contracts: METERED_CARD_METRICS). The interval defaults to the end of the
   * last record (or the lease's start) up to the current minute, capped at the lease's end.
   */
  async meterFromMetrics(ctx: RequestContext, id: string, m: MeteringInput): Promise<Order> {
    this.platform.authz.require(ctx.actor, P.offer);
    const actor = ctx.actor;
    await this.db.transaction(async (tx) => {
      const before = await this.activeLeaseOf(actor, id);
      const leaseEnd = new Date(before.startAt.getTime() + before.hours * 3_600_000);
      const now = this.platform.clock.now();
      const from = m.from ? new Date(m.from) : ((await this.repo.lastUsageEnd(id)) ?? before.startAt);
      const cap = Math.min(leaseEnd.getTime(), now.getTime());
      const to = m.to ? new Date(m.to) : new Date(cap - (cap % 60_000));
      if (to <= from) throw invalidField('to', '没有可计量的整分钟时段', 'no whole minute to meter yet');
      const seen = await this.repo.meteredCardMinutes({
        centreId: before.dataCentreId,
        orderNumber: before.number,
        metrics: METERED_CARD_METRICS,
        label: METERING_LABEL,
        cards: before.cards,
        from,
        to,
      });
      if (seen.minutes === 0)
        throw computeError('no_metered_usage', undefined, [
          { path: 'from', message: `no ${METERING_LABEL}="${before.number}" samples in the interval` },
        ]);
      // Rounded to 1/1000 card-hour: the redemption cross-check compares within 0.5%, invoices in fen.
      const cardHours = Math.round((seen.cardMinutes / 60) * 1000) / 1000;
      await this.addUsage(tx, ctx, before, from, to, cardHours, 'metrics');
    });
    return this.get(ctx, id);
  }

  /** The order locked, for its supplier, while its lease runs. */
  private async activeLeaseOf(actor: Actor, id: string): Promise<OrderRow> {
    const before = await this.repo.order(id, true);
    if (!before) throw notFound(ORDER);
    await this.assertParty(actor, before, 'supplier');
    if (before.status !== 'active')
      throw computeError('bad_transition', { zh: '租用未开始或已结算', en: 'the lease is not active' });
    return before;
  }

  private async addUsage(
    tx: Db,
    ctx: RequestContext,
    before: OrderRow,
    from: Date,
    to: Date,
    cardHours: number,
    source: 'api' | 'metrics',
  ): Promise<void> {
    const id = before.id;
    if (from < before.startAt) throw invalidField('from', '早于租用开始时间', 'before the lease started');
    if (!plausibleCardHours(before.cards, from, to, cardHours))
      throw invalidField('cardHours', '超过订单卡数 × 时段小时数', 'more than all cards for the whole interval');
    if (await this.repo.overlapsUsage(id, from, to))
      throw invalidField('from', '与已记录的计量时段重叠', 'overlaps a recorded interval');
    const now = this.platform.clock.now();
    const by = ctx.actor?.username ?? 'system';
    await this.repo.addUsage({
      orderId: id,
      periodFrom: from,
      periodTo: to,
      cardHours,
      source,
      recordedAt: now,
      recordedBy: by,
    });
    const metered = before.meteredCardHours + cardHours;
    await this.repo.updateOrder(id, { meteredCardHours: metered, updatedAt: now });
    await this.platform.audit.record(tx, ctx, {
      action: 'compute.order.usage',
      objectType: 'market_order',
      objectId: id,
      before: { meteredCardHours: before.meteredCardHours },
      after: { meteredCardHours: metered, from: from.toISOString(), to: to.toISOString(), cardHours, source },
    });
  }

  async usage(ctx: RequestContext, id: string) {
    await this.get(ctx, id);
    return (await this.repo.usage(id)).map((r) => ({
      from: r.periodFrom.toISOString(),
      to: r.periodTo.toISOString(),
      cardHours: r.cardHours,
      source: r.source,
    }));
  }
}
