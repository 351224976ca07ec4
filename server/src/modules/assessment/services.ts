import type { Platform } from '../../platform/module.ts';
import type { DirectoryApi } from '../directory/index.ts';
import type { RegionsService } from '../regions/index.ts';
import { CampaignsService } from './campaigns.service.ts';
import { CataloguesService } from './catalogues.service.ts';
import { CoEvaluationService } from './coevaluation.service.ts';
import { DirectoryExpertDrawer, type ExpertDrawer } from './expert-drawer.ts';
import { ResultsService } from './results.service.ts';
import { ReviewService } from './review.service.ts';
import { SubmissionsService } from './submissions.service.ts';

/** The module's services, one per aggregate, wired once (index.ts; tests and benchmarks from a platform). */
export function assessmentServices(
  platform: Platform,
  regions: RegionsService,
  directory: DirectoryApi,
  drawer?: ExpertDrawer,
) {
  const catalogues = new CataloguesService(platform);
  const results = new ResultsService(platform, regions, catalogues);
  const submissions = new SubmissionsService(platform, catalogues, results);
  const experts = drawer ?? new DirectoryExpertDrawer(directory);
  return {
    catalogues,
    results,
    submissions,
    campaigns: new CampaignsService(platform, regions, catalogues, results, experts),
    review: new ReviewService(platform, regions, catalogues, submissions, results),
    coevaluation: new CoEvaluationService(platform, catalogues, submissions),
  };
}

export type AssessmentServices = ReturnType<typeof assessmentServices>;
