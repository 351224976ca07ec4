import { CITY_BRAIN_PERMISSIONS as P, CITY_BRAIN_ROLES } from '@zhicheng/contracts/city-brain';
import { defineModule } from '../../platform/module.ts';
import { seedCityBrainDemo } from './city-brain.demo.ts';
import { cityBrainRoutes } from './city-brain.routes.ts';
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
    const api: CityBrainApi = {
      cityLinks: async () => {
        const all = await registry.networkOf(await deps.regions.subtree(platform.config.provinceCode));
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
          }));
      },
    };
    return {
      api,
      routes: (app) => cityBrainRoutes(app, { registry }),
      seedDemo: (ctx) => seedCityBrainDemo(ctx, { registry }, deps.regions),
    };
  },
});
