import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { DrawsService } from './draws.service.ts';
import { ExpertsService } from './experts.service.ts';
import { OrgsService } from './orgs.service.ts';

/** The module's services, wired once (index.ts; tests from a platform). */
export function directoryServices(platform: Platform, regions: RegionsService) {
  const experts = new ExpertsService(platform, regions);
  return { experts, draws: new DrawsService(platform, regions, experts), orgs: new OrgsService(platform, regions) };
}

export type DirectoryServices = ReturnType<typeof directoryServices>;
