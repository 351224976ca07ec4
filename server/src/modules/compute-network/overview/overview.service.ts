import {
  COMPUTE_PERMISSIONS as P,
  DEFAULT_PUE_LIMIT,
  type ComputeAlert,
  type ComputeRegionTotals,
  type ComputeTotals,
  type MapData,
  type Statistics,
  type ZoneType,
} from '@zhicheng/contracts/compute-network';
import { isSystem, type RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { METRICS_STALE_MS } from '../metrics/metrics.service.ts';
import { capacityOf } from '../registry/capacity.ts';
import { isDataCentreOperator, type CentreAccess } from '../registry/centre-access.ts';
import type { RegistryRepository, Visibility } from '../registry/registry.repository.ts';
import { toZone, type RegistryService } from '../registry/registry.service.ts';
import type { ReportsRepository } from '../reports/reports.repository.ts';
import { computeAlerts } from './alert-rules.ts';
import { computeStatistics } from './statistics.ts';

export interface MapFilter {
  cityCode?: string;
  zoneId?: string;
  modelId?: string;
  origin?: 'domestic' | 'imported';
  minFreeRacks?: number;
}

/** What the province looks at: statistics from approved reports, the compute map, and alerts. */
export class OverviewService {
  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryService,
    private readonly registryRepo: RegistryRepository,
    private readonly reports: ReportsRepository,
    private readonly access: CentreAccess,
  ) {}

  async statistics(ctx: RequestContext, q: { period?: string; cityCode?: string }): Promise<Statistics> {
    this.platform.authz.require(ctx.actor, P.read);
    if (q.cityCode && !isDataCentreOperator(ctx.actor))
      await this.platform.authz.assertCovers(ctx.actor, P.read, q.cityCode);
    return this.statisticsFor(await this.access.visibility(ctx.actor), q);
  }

  private async statisticsFor(v: Visibility, q: { period?: string; cityCode?: string }): Promise<Statistics> {
    const { rows } = await this.registryRepo.centres(v, { cityCode: q.cityCode });
    const ids = rows.map((r) => r.id);
    const [statReports, zones, names] = await Promise.all([
      this.reports.approvedReports('all' in v && !q.cityCode ? 'all' : ids),
      this.registry.zoneMap(),
      this.access.regionNames(rows.map((r) => r.cityCode)),
    ]);
    const period =
      q.period ?? (statReports.length ? statReports.reduce((m, r) => (r.period > m ? r.period : m), '0000-00') : null);
    const stats = computeStatistics(
      rows.map((r) => {
        const z = r.zoneId ? zones.get(r.zoneId) : undefined;
        return {
          id: r.id,
          cityCode: r.cityCode,
          cityName: names.get(r.cityCode) ?? r.cityCode,
          zoneId: r.zoneId,
          zoneName: z?.name ?? null,
          zoneType: (z?.type as ZoneType | undefined) ?? null,
        };
      }),
      statReports,
      period,
    );
    return { ...stats, simulated: rows.some((r) => r.simulated) };
  }

  /**
   * The province's totals for other modules (the one-screen view, the work ledger): a user sees what their scope
   * covers; a system context (a job, an event handler) sees the whole province.
   */
  async provinceTotals(ctx: RequestContext, q: { period?: string } = {}): Promise<ComputeTotals> {
    let v: Visibility = { all: true };
    if (!isSystem(ctx)) {
      this.platform.authz.require(ctx.actor, P.read);
      v = await this.access.visibility(ctx.actor);
    }
    const s = await this.statisticsFor(v, q);
    const asOf = s.period ? await this.reports.lastDecisionUpTo(s.period) : null;
    const { racksInUse, designRacks, rackUtilisationPct, totalEflops, aiEflops, aiSharePct, dataCentres, reported } =
      s.headline;
    return {
      period: s.period,
      source: { kind: 'approved_monthly_reports', asOf: asOf?.toISOString() ?? null, simulated: s.simulated },
      province: {
        racksInUse,
        designRacks,
        rackUtilisationPct,
        totalEflops,
        aiEflops,
        aiSharePct,
        dataCentres,
        reported,
      },
      byCity: s.byCity,
    };
  }

  /**
   * The totals of one region's data centres (a city's, a county's, or the province's), with the monthly trend, for
   * other modules: a user must cover the region; a system context may ask for any (the caller authorizes its user).
   */
  async regionTotals(ctx: RequestContext, regionCode: string): Promise<ComputeRegionTotals> {
    if (!isSystem(ctx)) await this.platform.authz.assertCovers(ctx.actor, P.read, regionCode);
    const s = await this.statisticsFor(await this.access.ofRegion(regionCode), {});
    const asOf = s.period ? await this.reports.lastDecisionUpTo(s.period) : null;
    const { racksInUse, designRacks, rackUtilisationPct, totalEflops, aiEflops, aiSharePct, dataCentres, reported } =
      s.headline;
    return {
      regionCode,
      period: s.period,
      source: { kind: 'approved_monthly_reports', asOf: asOf?.toISOString() ?? null, simulated: s.simulated },
      province: {
        racksInUse,
        designRacks,
        rackUtilisationPct,
        totalEflops,
        aiEflops,
        aiSharePct,
        dataCentres,
        reported,
      },
      byCity: s.byCity,
      trend: s.trend,
    };
  }

  async mapData(ctx: RequestContext, q: MapFilter): Promise<MapData> {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.access.visibility(ctx.actor);
    const { rows } = await this.registryRepo.centres(v, { cityCode: q.cityCode, zoneId: q.zoneId });
    const ids = rows.map((r) => r.id);
    const everything = 'all' in v && !q.cityCode && !q.zoneId;
    const [inv, models, zones, latest] = await Promise.all([
      this.registryRepo.inventoryOf(everything ? 'all' : ids),
      this.registry.modelMap(),
      this.registryRepo.zones(),
      this.reports.latestApproved(everything ? 'all' : ids),
    ]);
    const zoneById = new Map(zones.map((z) => [z.id, z]));
    const points: MapData['points'] = [];
    for (const r of rows) {
      const items = inv.get(r.id) ?? [];
      if (q.modelId && !items.some((it) => it.modelId === q.modelId)) continue;
      if (q.origin) {
        const want = q.origin === 'domestic';
        if (!items.some((it) => it.kind === 'intelligent' && models.get(it.modelId)?.domestic === want)) continue;
      }
      const free = Math.max(0, r.designRacks - r.racksInUse);
      if (q.minFreeRacks !== undefined && free < q.minFreeRacks) continue;
      const cap = capacityOf(items, models);
      const z = r.zoneId ? zoneById.get(r.zoneId) : undefined;
      points.push({
        id: r.id,
        name: r.name,
        lng: r.lng,
        lat: r.lat,
        cityCode: r.cityCode,
        zoneId: r.zoneId,
        zoneType: (z?.type as ZoneType | undefined) ?? null,
        designRacks: r.designRacks,
        racksInUse: r.racksInUse,
        freeRacks: free,
        totalPflops: cap.totalPflops,
        intelligentPflops: cap.intelligentPflops,
        utilisationPct: latest.get(r.id)?.utilisationPct ?? null,
        status: r.status as MapData['points'][number]['status'],
      });
    }
    return { points, zones: zones.map(toZone), simulated: rows.some((r) => r.simulated) };
  }

  /**
   * Alerts on the operating centres the caller may see, narrowed to a city or a county when one is given (the header's
   * region); a region outside the caller's scope is refused like the statistics' (a data-centre operator has no region
   * scope: its visibility is its own centres, which the filter only narrows).
   */
  async alerts(ctx: RequestContext, q: { cityCode?: string } = {}): Promise<ComputeAlert[]> {
    this.platform.authz.require(ctx.actor, P.read);
    if (q.cityCode && !isDataCentreOperator(ctx.actor))
      await this.platform.authz.assertCovers(ctx.actor, P.read, q.cityCode);
    const v = await this.access.visibility(ctx.actor);
    const { rows } = await this.registryRepo.centres(v, { status: 'operating', cityCode: q.cityCode });
    const ids = rows.map((r) => r.id);
    const [last, recent] = await Promise.all([
      this.reports.lastReportPeriods(ids),
      this.reports.recentApproved(ids, 4),
    ]);
    const limit = Number((await this.platform.settings.get<number>('compute.pueLimit')) ?? DEFAULT_PUE_LIMIT);
    return computeAlerts(rows, last, recent, {
      pueLimit: limit,
      now: this.platform.clock.now(),
      staleMs: METRICS_STALE_MS,
    });
  }
}
