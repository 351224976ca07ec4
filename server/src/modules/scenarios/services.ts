import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { CasesService } from './cases.service.ts';
import { TaxonomyService } from './taxonomy.service.ts';

/** The module's services, wired once in index.ts. */
export interface ScenariosServices {
  taxonomy: TaxonomyService;
  cases: CasesService;
  regions: RegionsService;
}

export function buildServices(platform: Platform, regions: RegionsService): ScenariosServices {
  const taxonomy = new TaxonomyService(platform);
  const cases = new CasesService(platform, regions, taxonomy);
  return { taxonomy, cases, regions };
}
