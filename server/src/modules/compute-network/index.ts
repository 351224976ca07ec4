import {
  COMPUTE_PERMISSIONS as P,
  COMPUTE_ROLES,
  type ComputeRegionTotals,
  type ComputeTotals,
} from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import { demoLiveFeed, seedComputeDemo } from './compute-network.demo.ts';
import { computeServices } from './compute-network.services.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { overviewRoutes } from './overview/overview.routes.ts';
import { DEVICE_CATALOGUE } from './registry/catalogue.ts';
import { marketRoutes } from './market/market.routes.ts';
import { gavelThroughputRows } from './scheduling/gavel.ts';
import { vouchersRoutes } from './vouchers/vouchers.routes.ts';
import { schedulingRoutes } from './scheduling/scheduling.routes.ts';
import { registryRoutes } from './registry/registry.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface ComputeApi {
  /**
   * Province totals from approved monthly reports — racks in use, total and AI EFLOPS, AI share — per city, with
   * their source and as-of time. A system context sees the whole province; a user what their scope covers.
   */
  provinceTotals(ctx: RequestContext, q?: { period?: string }): Promise<ComputeTotals>;
  /**
   * One region's totals (its data centres: the province's, a city's or a county's) with the monthly trend. A user
   * must cover the region; a system context may ask for any region (the calling module authorizes its user).
   */
  regionTotals(ctx: RequestContext, regionCode: string): Promise<ComputeRegionTotals>;
  /**
   * The supermarket and the compute vouchers (算力券) province-wide, for the one-screen view: the newest year's policy
   * pool against what is committed and paid, claims and orders by status. Counts and sums only.
   */
  marketSummary(): Promise<ComputeMarketSummary>;
}

/** What marketSummary() reports; amounts in fen (分). */
export interface ComputeMarketSummary {
  voucher: { year: number; name: string; poolFen: number; committedFen: number; paidFen: number } | null;
  claims: { status: string; n: number }[];
  orders: { status: string; n: number; billedFen: number }[];
  asOf: string | null;
  simulated: boolean;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    'compute-network': ComputeApi;
  }
}

/**
 * Compute network (纳统监测, 算力地图, 算力超市): registry, monthly reports, live metrics, statistics and the map; the
 * supermarket's offers and orders, compute vouchers, heterogeneous scheduling.
 */
export const computeNetworkModule = defineModule({
  name: 'compute-network',
  needs: ['regions'],
  roles: COMPUTE_ROLES,
  permissions: {
    [P.read]: [
      'province_operator',
      'province_approver',
      'city_operator',
      'city_approver',
      'county_operator',
      'county_approver',
      'datacentre_operator',
    ],
    [P.manage]: ['province_operator'],
    [P.report]: ['datacentre_operator', 'province_operator'],
    [P.approve]: ['province_approver'],
    [P.market]: [
      'enterprise_user',
      'datacentre_operator',
      'province_operator',
      'province_approver',
      'city_operator',
      'city_approver',
      'county_operator',
      'county_approver',
    ],
    [P.offer]: ['datacentre_operator'],
    [P.order]: ['enterprise_user'],
    [P.party]: ['enterprise_user', 'datacentre_operator'],
    [P.voucherRead]: [
      'enterprise_user',
      'province_operator',
      'province_approver',
      'finance_officer',
      'voucher_auditor',
    ],
    [P.voucherApply]: ['enterprise_user'],
    [P.voucherReview]: ['province_operator'],
    [P.voucherApprove]: ['province_approver'],
    [P.voucherFinance]: ['finance_officer'],
    [P.voucherThirdParty]: ['voucher_auditor'],
    [P.schedule]: ['province_operator', 'province_approver', 'datacentre_operator'],
  },
  init(platform, deps) {
    const s = computeServices(platform, deps.regions);
    const api: ComputeApi = {
      provinceTotals: (ctx, q) => s.overview.provinceTotals(ctx, q),
      regionTotals: (ctx, regionCode) => s.overview.regionTotals(ctx, regionCode),
      marketSummary: async () => {
        const policy = (await s.vouchersRepo.policies())[0];
        const [claims, orders] = await Promise.all([
          policy ? s.vouchersRepo.claimTally(policy.id) : [],
          s.market.orderTally(),
        ]);
        const times = [...claims, ...orders].flatMap((r) => (r.updatedAt ? [new Date(r.updatedAt).getTime()] : []));
        return {
          voucher: policy
            ? {
                year: policy.year,
                name: policy.name,
                poolFen: policy.poolFen,
                committedFen: policy.committedFen,
                paidFen: policy.paidFen,
              }
            : null,
          claims: claims.map((c) => ({ status: c.status, n: c.n })),
          orders: orders.map((o) => ({ status: o.status, n: o.n, billedFen: o.billedFen })),
          asOf: times.length ? new Date(Math.max(...times)).toISOString() : null,
          // The demo's policy is named 示例; its claims and orders carry their own flag.
          simulated: [...claims, ...orders].some((r) => r.simulated) || Boolean(policy?.name.includes('示例')),
        };
      },
    };
    return {
      api,
      routes: async (app) => {
        registryRoutes(app, s.registry);
        reportsRoutes(app, s.reports, s.registry, s.tokens, platform.clock);
        overviewRoutes(app, s.overview);
        await metricsRoutes(app, s.metrics, s.tokens);
        marketRoutes(app, s.offers, s.orders);
        vouchersRoutes(app, s.vouchers);
        schedulingRoutes(app, s.scheduling);
      },
      // Vendor figures: loaded once; a row the province corrected is never overwritten.
      // Gavel's measured throughputs seed the province's table the same way.
      start: async () => {
        await s.registry.repo.insertModelsIfMissing(DEVICE_CATALOGUE);
        await s.market.insertThroughputsIfMissing(gavelThroughputRows(platform.clock.now()));
      },
      seedDemo: (ctx) => seedComputeDemo(ctx, s),
      // Demo mode only: the simulated live streams keep flowing (a sample a minute).
      jobs: platform.config.demo
        ? [{ name: 'demo-live-feed', everyMs: 60_000, run: (ctx) => demoLiveFeed(platform, s, ctx) }]
        : [],
    };
  },
});
