import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { MarketRepository } from './market/market.repository.ts';
import { OffersService } from './market/offers.service.ts';
import { OrdersService } from './market/orders.service.ts';
import { VouchersRepository } from './vouchers/vouchers.repository.ts';
import { VouchersService } from './vouchers/vouchers.service.ts';
import { SchedulingService } from './scheduling/scheduling.service.ts';
import { IngestTokens } from './metrics/ingest.service.ts';
import { MetricsRepository } from './metrics/metrics.repository.ts';
import { MetricsService } from './metrics/metrics.service.ts';
import { OverviewService } from './overview/overview.service.ts';
import { CentreAccess } from './registry/centre-access.ts';
import { RegistryRepository } from './registry/registry.repository.ts';
import { RegistryService } from './registry/registry.service.ts';
import { ReportsRepository } from './reports/reports.repository.ts';
import { ReportsService } from './reports/reports.service.ts';

/** The module's services, wired once: each sub-area's service over its repository, sharing the centre access rules. */
export function computeServices(platform: Platform, regions: RegionsService) {
  const registryRepo = new RegistryRepository(platform.db);
  const reportsRepo = new ReportsRepository(platform.db);
  const metricsRepo = new MetricsRepository(platform.db);
  const access = new CentreAccess(platform, regions, registryRepo);
  const registry = new RegistryService(platform, regions, registryRepo, access, reportsRepo);
  const marketRepo = new MarketRepository(platform.db);
  const vouchersRepo = new VouchersRepository(platform.db);
  const offers = new OffersService(platform, regions, marketRepo, registryRepo, reportsRepo, access);
  return {
    regions,
    access,
    registry,
    reports: new ReportsService(platform, reportsRepo, registry, registryRepo, access),
    overview: new OverviewService(platform, registry, registryRepo, reportsRepo, access),
    metrics: new MetricsService(platform, metricsRepo, access),
    tokens: new IngestTokens(platform, metricsRepo, access),
    market: marketRepo,
    offers,
    orders: new OrdersService(platform, marketRepo, access),
    vouchersRepo,
    scheduling: new SchedulingService(platform, marketRepo, offers),
    vouchers: new VouchersService(platform, vouchersRepo, marketRepo),
  };
}

export type ComputeServices = ReturnType<typeof computeServices>;
