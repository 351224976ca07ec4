import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { CentresService } from './centres.service.ts';
import { DrawsService } from './draws.service.ts';
import { ExpertsService } from './experts.service.ts';
import { OrgsService } from './orgs.service.ts';

/** The module's services, wired once (index.ts; tests from a platform). */
export function directoryServices(platform: Platform, regions: RegionsService) {
  const experts = new ExpertsService(platform, regions);
  const draws = new DrawsService(platform, regions, experts);
  return {
    experts,
    draws,
    orgs: new OrgsService(platform, regions),
    centres: new CentresService(platform, regions, experts, draws),
  };
}

export type DirectoryServices = ReturnType<typeof directoryServices>;
