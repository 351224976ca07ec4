import type { ZodApp } from '../../platform/module.ts';
import { actionsRoutes } from './actions.routes.ts';
import type { ActionsService } from './actions.service.ts';
import type { AnalysisService } from './analysis.service.ts';
import type { CampaignsService } from './campaigns.service.ts';
import { responsesRoutes } from './responses.routes.ts';
import type { ResponsesService } from './responses.service.ts';
import { supervisorsRoutes } from './supervisors.routes.ts';
import type { SupervisorsService } from './supervisors.service.ts';
import { surveysRoutes } from './surveys.routes.ts';
import type { TasksService } from './tasks.service.ts';

/** The module's services, one per use-case group; the routes call exactly one of them per request. */
export interface ParticipationServices {
  campaigns: CampaignsService;
  responses: ResponsesService;
  analysis: AnalysisService;
  actions: ActionsService;
  supervisors: SupervisorsService;
  tasks: TasksService;
}

/** Every participation route under /api/v1/participation: HTTP only (schema, permission, one service call). */
export function participationRoutes(app: ZodApp, services: ParticipationServices): void {
  surveysRoutes(app, services);
  responsesRoutes(app, services);
  actionsRoutes(app, services);
  supervisorsRoutes(app, services);
}
