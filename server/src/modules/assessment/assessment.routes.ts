import type { ZodApp } from '../../platform/module.ts';
import { campaignRoutes } from './campaigns.routes.ts';
import { catalogueRoutes } from './catalogues.routes.ts';
import { resultRoutes } from './results.routes.ts';
import { reviewRoutes } from './review.routes.ts';
import type { AssessmentServices } from './services.ts';
import { submissionRoutes } from './submissions.routes.ts';

/** Every route of the module, under /api/v1/assessment/, one file per service. */
export function assessmentRoutes(app: ZodApp, s: AssessmentServices) {
  catalogueRoutes(app, s.catalogues);
  campaignRoutes(app, s.campaigns, s.submissions);
  submissionRoutes(app, s.submissions, s.catalogues);
  reviewRoutes(app, s.review, s.coevaluation);
  resultRoutes(app, s.results);
}
