import type { DemoContext } from '../../../platform/module.ts';
import { SeededRandom } from '../../../platform/random.ts';
import type { ComputeServices } from '../compute-network.services.ts';
import { demoUuid } from '../demo-ids.ts';
import { GAVEL_THROUGHPUTS } from '../scheduling/gavel.ts';
import { amountFen, billedCardHours, freeCards } from './market-rules.ts';
import type { OfferRow, OrderRow } from './market.tables.ts';

/** Sample prices per card-hour in fen (示例: made up, in the range public price lists showed in 2024). */
const DEMO_PRICE_FEN: Record<string, number> = {
  'nvidia-a100-sxm': 1_800,
  'nvidia-a800-sxm': 1_700,
  'nvidia-h800-sxm': 3_600,
  'nvidia-v100-sxm2': 900,
  'nvidia-p100-sxm2': 450,
  'nvidia-k80': 150,
  'nvidia-a10': 500,
  'nvidia-t4': 300,
  'nvidia-l40s': 1_100,
  'huawei-ascend-910': 1_300,
  'huawei-ascend-310p': 250,
  'cambricon-mlu370-x8': 700,
  'kunlunxin-r200': 600,
};

export const DEMO_ENTERPRISES = [
  { username: 'ent.qilu-ai', org: '齐鲁智算科技有限公司(示例)', display: '齐鲁智算采购专员(示例)' },
  { username: 'ent.haiyun', org: '青岛海韵模型有限公司(示例)', display: '海韵模型采购专员(示例)' },
];

/**
 * Demo supermarket (示例): sample throughput estimates for cards Gavel did not measure (scaled from V100 by FP16
 * peak, labelled as estimates), offers of half each centre's free cards, two demo enterprises with orders in every
 * state. Prices and estimates are made up and say so.
 */
export async function seedMarketDemo(ctx: DemoContext, s: ComputeServices): Promise<void> {
  const { platform } = ctx;
  for (const e of DEMO_ENTERPRISES)
    await ctx.demoUser({
      username: e.username,
      displayName: e.display,
      role: 'enterprise_user',
      regionCode: platform.config.provinceCode,
      organisation: { name: e.org, kind: 'enterprise' },
    });
  await ctx.once('compute-network.market.v1', async () => {
    const now = platform.clock.now();
    const day = 86_400_000;
    const models = await s.registry.modelMap();
    const v100 = models.get('nvidia-v100-sxm2')!;
    const estimates = GAVEL_THROUGHPUTS.filter((r) => r.scale === 1).flatMap((r) =>
      Object.keys(DEMO_PRICE_FEN)
        .filter((id) => !['nvidia-v100-sxm2', 'nvidia-p100-sxm2', 'nvidia-k80'].includes(id))
        .map((id) => ({
          family: r.family,
          scale: 1,
          modelId: id,
          // Half the peak ratio: newer cards rarely reach their paper speed-up on these older models.
          stepsPerSecond: r.v100 * Math.max(0.3, ((models.get(id)?.fp16 ?? v100.fp16!) / v100.fp16!) * 0.5),
          source: '示例估算 simulated: V100 实测 × FP16 峰值比 × 0.5',
          updatedAt: now,
        })),
    );
    const centres = (await s.registry.repo.centres({ all: true })).rows.filter((c) => c.status === 'operating');
    const inv = await s.registry.repo.inventoryOf('all');
    const latest = await s.reports.repo.latestApproved('all');
    const rnd = SeededRandom.fromString('compute-market-demo');
    const offers: OfferRow[] = [];
    for (const c of centres) {
      const report = latest.get(c.id);
      if (!report) continue;
      const byModel = new Map<string, number>();
      for (const l of inv.get(c.id) ?? [])
        if (models.get(l.modelId)?.kind === 'accelerator')
          byModel.set(l.modelId, (byModel.get(l.modelId) ?? 0) + l.count);
      for (const [modelId, count] of [...byModel].slice(0, 2)) {
        const cards = Math.floor(freeCards(count, report.utilisationPct) / 2);
        const price = DEMO_PRICE_FEN[modelId];
        if (cards < 1 || !price) continue;
        offers.push({
          id: demoUuid(`offer:${c.id}:${modelId}`),
          dataCentreId: c.id,
          modelId,
          cards,
          memoryGb: modelId.includes('h800') || modelId.includes('a100') || modelId.includes('a800') ? 80 : 32,
          interconnect: modelId.startsWith('nvidia') ? 'NVLink + 200G RoCE' : 'HCCS + 200G RoCE',
          priceFenPerCardHour: Math.round(price * (0.85 + rnd.next() * 0.3)),
          billing: (['on_demand', 'monthly', 'reserved'] as const)[offers.length % 3]!,
          availableFrom: new Date(now.getTime() - 30 * day),
          availableUntil: new Date(now.getTime() + 180 * day),
          minLeaseHours: [1, 8, 24][offers.length % 3]!,
          note: '示例商品 simulated',
          status: 'published',
          simulated: true,
          createdAt: new Date(now.getTime() - 30 * day),
          updatedAt: new Date(now.getTime() - 30 * day),
        });
      }
    }
    // A few orders per demo enterprise, in every state, so both sides' pages have something to act on.
    const orgs = (await platform.identity.listOrganisations()).filter((o) => o.kind === 'enterprise');
    const buyers = DEMO_ENTERPRISES.map((e) => orgs.find((o) => o.name === e.org)!).filter(Boolean);
    const statuses = ['requested', 'confirmed', 'active', 'billed', 'paid', 'paid'] as const;
    const orders: OrderRow[] = [];
    const events: { orderId: string; at: Date; status: string; actor: string; note: string | null }[] = [];
    const centreById = new Map(centres.map((c) => [c.id, c]));
    offers.slice(0, statuses.length * buyers.length).forEach((o, i) => {
      const buyer = buyers[i % buyers.length]!;
      const status = statuses[Math.floor(i / buyers.length) % statuses.length]!;
      const c = centreById.get(o.dataCentreId)!;
      const cards = Math.min(o.cards, 8);
      const hours = 72;
      const id = demoUuid(`order:${o.id}:${i}`);
      const created = new Date(now.getTime() - (10 - i) * day);
      const metered = ['active', 'billed', 'paid'].includes(status) ? Math.round(cards * hours * 0.8) : 0;
      const billed = ['billed', 'paid'].includes(status)
        ? amountFen(billedCardHours(cards, metered, o.minLeaseHours), o.priceFenPerCardHour)
        : null;
      orders.push({
        id,
        number: `SC${created.toISOString().slice(0, 10).replace(/-/g, '')}-${id.slice(0, 8).toUpperCase()}`,
        offerId: o.id,
        dataCentreId: o.dataCentreId,
        modelId: o.modelId,
        buyerOrgId: buyer.id,
        buyerName: buyer.name,
        supplierOrgId: c.operatorOrgId,
        supplierName: c.operatorName,
        cards,
        hours,
        startAt: new Date(created.getTime() + day),
        priceFenPerCardHour: o.priceFenPerCardHour,
        minLeaseHours: o.minLeaseHours,
        estimateFen: amountFen(billedCardHours(cards, cards * hours, o.minLeaseHours), o.priceFenPerCardHour),
        status,
        meteredCardHours: metered,
        billedFen: billed,
        paymentReference: status === 'paid' ? `DEMO-PAY-${i}` : null,
        workloadNote: '示例订单 simulated',
        voucherEligible: true,
        simulated: true,
        createdAt: created,
        updatedAt: created,
      });
      const steps = ['requested', 'confirmed', 'active', 'billed', 'paid'];
      steps.slice(0, steps.indexOf(status) + 1).forEach((st, k) =>
        events.push({
          orderId: id,
          at: new Date(created.getTime() + k * 3_600_000),
          status: st,
          actor: 'demo',
          note: null,
        }),
      );
    });
    await platform.db.transaction(async () => {
      await s.market.insertThroughputsIfMissing(estimates);
      await s.market.insertOffers(offers);
      for (const o of orders) await s.market.insertOrder(o);
      for (const e of events) await s.market.addEvent(e);
    });
  });
}
