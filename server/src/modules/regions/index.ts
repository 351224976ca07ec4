import { REGION_PERMISSIONS } from '@zhicheng/contracts';
import { defineModule } from '../../platform/module.ts';
import { regionsRoutes } from './regions.routes.ts';
import { RegionsService } from './regions.service.ts';

export type { RegionsService } from './regions.service.ts';
export type { RegionMatch } from './region-names.ts';

declare module '../../platform/module.ts' {
  interface ModuleApis {
    regions: RegionsService;
  }
}

/**
 * The GB/T 2260 region tree: every other module scopes its data by it, and the platform's authorization reads it
 * through the region directory this module provides.
 */
export const regionsModule = defineModule({
  name: 'regions',
  needs: [],
  permissions: {
    [REGION_PERMISSIONS.manage]: ['system_admin', 'province_operator', 'city_operator', 'county_operator'],
  },
  init(platform) {
    const service = new RegionsService(platform);
    return {
      api: service,
      routes: (app) => regionsRoutes(app, service),
      // Loads the province's cities and counties before serving (idempotent; main prints how many were new).
      start: async () => {
        await service.seed();
      },
      provides: { regionDirectory: service },
    };
  },
});
