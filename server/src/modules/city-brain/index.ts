import { CITY_BRAIN_PERMISSIONS as P, CITY_BRAIN_ROLES } from '@zhicheng/contracts/city-brain';
import { defineModule } from '../../platform/module.ts';
import { seedCityBrainDemo } from './city-brain.demo.ts';
import { cityBrainRoutes } from './city-brain.routes.ts';
import { ExchangeService } from './exchange/exchange.service.ts';
import { HubLink } from './exchange/hub-link.ts';
import { IntakeService } from './exchange/intake.service.ts';
import { RegistryService } from './registry.service.ts';

/** One city's connection as the province's one-screen view shows it. */
export interface CityLink {
  subPlatformId: string;
  code: string;
  regionCode: string;
  name: string;
  status: 'never' | 'online' | 'stale' | 'offline';
  lastHeartbeatAt: string | null;
  lagSeconds: number | null;
  upPerMinute: number;
  /** A demo (示例) sub-platform, made up by the demo loader. */
  demo: boolean;
}

/** What other modules may call (typed for them through ModuleApis); read-only, run as the platform. */
export interface CityBrainApi {
  /** Every city brain's link (heartbeat status, lag, rate), in region-code order. */
  cityLinks(): Promise<CityLink[]>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    'city-brain': CityBrainApi;
  }
}

const READERS = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;

/** 齐鲁智脑 (City brain hub). */
export const cityBrainModule = defineModule({
  name: 'city-brain',
  needs: ['regions'],
  roles: CITY_BRAIN_ROLES,
  permissions: {
    [P.read]: READERS,
    [P.manage]: ['province_operator', 'city_operator'],
  },
  init(platform, deps) {
    const registry = new RegistryService(platform, deps.regions);
    const intake = new IntakeService(platform, registry.repo, deps.regions);
    const link = new HubLink(platform, platform.messaging, registry.repo, intake);
    const exchange = new ExchangeService(platform, registry, intake, link);
    registry.onChanged(() => link.syncSubPlatforms());
    const api: CityBrainApi = {
      cityLinks: async () => {
        const codes = await deps.regions.subtree(platform.config.provinceCode);
        const all = await registry.networkOf(codes);
        const demo = new Set((await registry.repo.all(codes)).filter((r) => r.isDemo).map((r) => r.id));
        return all
          .filter((s) => s.kind === 'city_brain')
          .map((s) => ({
            subPlatformId: s.id,
            code: s.code,
            regionCode: s.regionCode,
            name: s.name,
            status: s.link.status,
            lastHeartbeatAt: s.link.lastHeartbeatAt,
            lagSeconds: s.link.lagSeconds,
            upPerMinute: s.link.upPerMinute,
            demo: demo.has(s.id),
          }));
      },
    };
    return {
      api,
      routes: (app) => cityBrainRoutes(app, { registry, exchange }),
      // The hub's NATS link: intake consumer and the streams (only when there is an exchange, see Messaging).
      run: () => link.start(),
      stop: () => link.stop(),
      jobs: [{ name: 'deliver', everyMs: 5_000, run: () => exchange.deliver() }],
      seedDemo: (ctx) => seedCityBrainDemo(ctx, { registry }, deps.regions),
    };
  },
});
