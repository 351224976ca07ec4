import crypto from 'node:crypto';
import {
  COMPUTE_PERMISSIONS as P,
  type Billing,
  type Offer,
  type OfferInput,
  type OfferSearch,
  type OfferStatus,
  type RankedOffer,
  type Throughput,
  type Workload,
} from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import { invalidField, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import { computeError } from '../compute-network.errors.ts';
import { isDataCentreOperator, type CentreAccess } from '../registry/centre-access.ts';
import type { RegistryRepository } from '../registry/registry.repository.ts';
import type { ReportsRepository } from '../reports/reports.repository.ts';
import { fenPer1kSteps, freeCards, peakCards } from './market-rules.ts';
import type { MarketRepository, OfferFilter, OfferJoined } from './market.repository.ts';
import type { OfferRow } from './market.tables.ts';

export const OFFER = { zh: '算力商品', en: 'offer' };

/**
 * AI compute located in the province: an accelerator in a centre whose county lies in the province. This is what the
 * compute voucher may subsidise (Shandong's rule: only AI compute in Shandong).
 */
export function voucherEligible(j: { modelKind: string; countyCode: string }, provinceCode: string): boolean {
  return j.modelKind === 'accelerator' && j.countyCode.slice(0, 2) === provinceCode.slice(0, 2);
}

/** Offers (publish, edit, withdraw, search), ranking for a workload, and the throughput table they are ranked by. */
export class OffersService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly repo: MarketRepository,
    private readonly registry: RegistryRepository,
    private readonly reports: ReportsRepository,
    private readonly access: CentreAccess,
  ) {}

  private get db() {
    return this.platform.db;
  }

  toOffer(j: OfferJoined): Offer {
    const o = j.offer;
    return {
      id: o.id,
      dataCentreId: o.dataCentreId,
      dataCentreName: j.centreName,
      supplierName: j.supplierName,
      cityCode: j.cityCode,
      countyCode: j.countyCode,
      zoneName: j.zoneName,
      zoneType: j.zoneType,
      modelId: o.modelId,
      modelName: j.modelName,
      vendor: j.vendor,
      domestic: j.domestic,
      cards: o.cards,
      cardsAvailable: Math.max(0, o.cards - Number(j.held)),
      memoryGb: o.memoryGb,
      interconnect: o.interconnect,
      priceFenPerCardHour: o.priceFenPerCardHour,
      billing: o.billing as Billing,
      availableFrom: o.availableFrom.toISOString(),
      availableUntil: o.availableUntil.toISOString(),
      minLeaseHours: o.minLeaseHours,
      note: o.note,
      status: o.status as OfferStatus,
      voucherEligible: voucherEligible(j, this.platform.config.provinceCode),
      simulated: o.simulated || j.centreSimulated,
    };
  }

  async search(ctx: RequestContext, q: OfferSearch) {
    this.platform.authz.require(ctx.actor, P.market);
    const a = ctx.actor;
    const f: OfferFilter = {
      q: q.q,
      modelId: q.modelId,
      vendor: q.vendor,
      domestic: q.domestic === undefined ? undefined : q.domestic === 'true',
      cityCode: q.cityCode,
      billing: q.billing,
      minCards: q.minCards,
      maxPriceFen: q.maxPriceFen,
      dataCentreId: q.dataCentreId,
      sort: q.sort,
    };
    // Withdrawn offers are the supplier's business only: an operator sees its own in any state.
    if (q.status && q.status !== 'published') {
      if (!isDataCentreOperator(a) || a.organisationKind !== 'datacentre_operator') f.status = 'published';
      else {
        f.supplierOrgId = a.organisationId;
        f.status = q.status;
      }
    } else if (q.status) f.status = q.status;
    const { rows, total } = await this.repo.searchOffers(f, this.platform.clock.now(), {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => this.toOffer(r)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<Offer> {
    this.platform.authz.require(ctx.actor, P.market);
    const j = await this.repo.offerJoined(id, this.platform.clock.now());
    if (!j) throw notFound(OFFER);
    if (j.offer.status !== 'published' && j.supplierOrgId !== ctx.actor.organisationId) throw notFound(OFFER);
    return this.toOffer(j);
  }

  /**
   * Never more cards on sale than are free: the registry's inventory of the model less the latest approved report's
   * utilisation, less what the centre's other published offers of that model already put on sale. Runs under the
   * centre's row lock, so two offers published at once cannot both take the same free cards.
   */
  private async assertCardsFree(centreId: string, modelId: string, cards: number, exceptId: string | null) {
    const inv = (await this.registry.inventoryOf([centreId])).get(centreId) ?? [];
    const model = (await this.registry.models()).find((m) => m.id === modelId);
    const lines = inv.filter((i) => i.modelId === modelId);
    if (!model || model.kind !== 'accelerator' || !lines.length)
      throw computeError('not_accelerator', undefined, [{ path: 'modelId', message: 'not in inventory' }]);
    const report = (await this.reports.latestApproved([centreId])).get(centreId);
    if (!report) throw computeError('no_usage_report');
    const free = freeCards(
      lines.reduce((s, l) => s + l.count, 0),
      report.utilisationPct,
    );
    const offered = await this.repo.cardsOffered(centreId, modelId, exceptId);
    if (cards > free - offered)
      throw computeError(
        'cards_not_free',
        {
          zh: `空闲 ${free} 张(${report.period} 月报利用率 ${report.utilisationPct}%),其他商品已上架 ${offered} 张`,
          en: `${free} free (utilisation ${report.utilisationPct}% in ${report.period}), ${offered} already offered`,
        },
        [{ path: 'cards', message: `at most ${Math.max(0, free - offered)}` }],
      );
  }

  async publish(ctx: RequestContext, input: OfferInput): Promise<Offer> {
    this.platform.authz.require(ctx.actor, P.offer);
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      const c = await this.access.centreOr404(input.dataCentreId, true);
      await this.access.assertOn(ctx.actor, P.offer, c);
      if (c.status !== 'operating')
        throw invalidField('dataCentreId', '数据中心未投入运营', 'the data centre is not operating');
      await this.assertCardsFree(c.id, input.modelId, input.cards, null);
      const now = this.platform.clock.now();
      const row: OfferRow = {
        id,
        dataCentreId: c.id,
        modelId: input.modelId,
        cards: input.cards,
        memoryGb: input.memoryGb,
        interconnect: input.interconnect,
        priceFenPerCardHour: input.priceFenPerCardHour,
        billing: input.billing,
        availableFrom: new Date(input.availableFrom),
        availableUntil: new Date(input.availableUntil),
        minLeaseHours: input.minLeaseHours,
        note: input.note ?? null,
        status: 'published',
        simulated: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.saveOffer(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.offer.publish',
        objectType: 'offer',
        objectId: id,
        after: row,
      });
    });
    return this.get(ctx, id);
  }

  /** Edits or withdraws an offer; cards already held by orders stay on it (they cannot be taken off). */
  async update(ctx: RequestContext, id: string, input: OfferInput & { status?: OfferStatus }): Promise<Offer> {
    this.platform.authz.require(ctx.actor, P.offer);
    await this.db.transaction(async (tx) => {
      const before = await this.repo.offer(id, true);
      if (!before) throw notFound(OFFER);
      const c = await this.access.centreOr404(before.dataCentreId, true);
      await this.access.assertOn(ctx.actor, P.offer, c);
      if (input.dataCentreId !== before.dataCentreId || input.modelId !== before.modelId)
        throw invalidField('modelId', '不能更改商品的数据中心或型号,请另行上架', 'centre and model cannot change');
      const status = input.status ?? 'published';
      // The busiest moment of the leases on it: below that, some lease would lose cards it was sold.
      const held = peakCards(await this.repo.leasesHolding(id));
      if (input.cards < held)
        throw computeError('cards_exceed_offer', { zh: `订单已占用 ${held} 张`, en: `${held} held by orders` }, [
          { path: 'cards', message: `at least ${held}` },
        ]);
      if (status === 'published') await this.assertCardsFree(c.id, input.modelId, input.cards, id);
      const row: OfferRow = {
        ...before,
        cards: input.cards,
        memoryGb: input.memoryGb,
        interconnect: input.interconnect,
        priceFenPerCardHour: input.priceFenPerCardHour,
        billing: input.billing,
        availableFrom: new Date(input.availableFrom),
        availableUntil: new Date(input.availableUntil),
        minLeaseHours: input.minLeaseHours,
        note: input.note ?? null,
        status,
        updatedAt: this.platform.clock.now(),
      };
      await this.repo.saveOffer(row);
      await this.platform.audit.record(tx, ctx, {
        action: status === 'withdrawn' ? 'compute.offer.withdraw' : 'compute.offer.update',
        objectType: 'offer',
        objectId: id,
        before,
        after: row,
      });
    });
    return this.get(ctx, id);
  }

  /** The offers that can run the workload, cheapest total first (price ÷ throughput, at least the minimum lease). */
  async rank(ctx: RequestContext, w: Workload): Promise<{ items: RankedOffer[]; unrated: string[] }> {
    this.platform.authz.require(ctx.actor, P.market);
    const families = await this.repo.families();
    if (!families.includes(w.family))
      throw computeError('unknown_workload', undefined, [{ path: 'family', message: 'not in the throughput table' }]);
    const now = this.platform.clock.now();
    const rows = await this.repo.rankOffers(w, now, 200);
    const province = this.platform.config.provinceCode;
    const items = rows
      .filter((r) => !w.voucherOnly || voucherEligible(r, province))
      .map((r) => ({
        offer: this.toOffer(r),
        stepsPerSecond: r.sps,
        hours: r.hours,
        billedHours: r.billedHours,
        costFen: r.costFen,
        effectiveFenPer1kSteps: fenPer1kSteps(r.offer.priceFenPerCardHour, w.cards, r.sps),
        meetsDeadline: w.deadlineHours === undefined || r.hours <= w.deadlineHours,
        withinBudget: w.budgetFen === undefined || r.costFen <= w.budgetFen,
      }))
      // Feasible offers first (deadline and budget met), each group cheapest first.
      .sort(
        (a, b) =>
          Number(b.meetsDeadline && b.withinBudget) - Number(a.meetsDeadline && a.withinBudget) ||
          a.costFen - b.costFen,
      )
      .slice(0, 50);
    return { items, unrated: await this.repo.unratedModels(w.family, now) };
  }

  // ── the throughput table ──

  async throughputs(ctx: RequestContext, family?: string): Promise<{ items: Throughput[]; families: string[] }> {
    this.platform.authz.require(ctx.actor, P.market);
    const rows = await this.repo.throughputs(family);
    return {
      items: rows.map((r) => ({
        family: r.family,
        scale: r.scale,
        modelId: r.modelId,
        stepsPerSecond: r.stepsPerSecond,
        source: r.source,
      })),
      families: await this.repo.families(),
    };
  }

  /** The province corrects or adds a measured figure (a new accelerator, a new model family). */
  async saveThroughput(ctx: RequestContext, t: Throughput): Promise<void> {
    await this.platform.authz.assertCovers(ctx.actor, P.manage, this.platform.config.provinceCode);
    const model = (await this.registry.models()).find((m) => m.id === t.modelId);
    if (!model || model.kind !== 'accelerator')
      throw invalidField('modelId', '须为目录中的加速卡型号', 'must be an accelerator in the catalogue');
    await this.db.transaction(async (tx) => {
      const row = { ...t, updatedAt: this.platform.clock.now() };
      const before = await this.repo.saveThroughput(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.throughput.save',
        objectType: 'workload_throughput',
        objectId: `${t.family}|${t.scale}|${t.modelId}`,
        before,
        after: row,
      });
    });
  }
}
