import { REGION_PERMISSIONS } from '@zhicheng/contracts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Db } from '../../platform/database/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { Authorizer } from '../../platform/authorization/index.ts';
import { RegionsRepository } from './regions.repository.ts';
import { regionsRoutes } from './regions.routes.ts';
import { RegionsService } from './regions.service.ts';

export type { RegionsService } from './regions.service.ts';

/**
 * The regions service exists before the rest of the platform: authorization needs the region tree. The composition
 * root creates it with createRegionsService and hands it to regionsModule.init.
 */
export function createRegionsService(db: Db, audit: AuditLog, authz: () => Authorizer): RegionsService {
  return new RegionsService(db, new RegionsRepository(db), audit, authz);
}

export const regionsModule: ModuleDefinition<{ service: RegionsService }, RegionsService> = {
  name: 'regions',
  permissions: {
    [REGION_PERMISSIONS.manage]: ['system_admin', 'province_operator', 'city_operator', 'county_operator'],
  },
  init: (_platform, deps) => ({
    api: deps.service,
    routes: (app) => regionsRoutes(app, deps.service),
  }),
};
