import {
  PARTICIPATION_EVENTS,
  PARTICIPATION_PERMISSIONS as P,
  PARTICIPATION_ROLES,
  type DemandTopicShare,
  type ParticipationSummary,
  type SatisfactionFollowupRequest,
  type SatisfactionFollowupResult,
  type SupervisionTaskRequest,
  type Task,
} from '@zhicheng/contracts/participation';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import { ActionsService } from './actions.service.ts';
import { AnalysisService } from './analysis.service.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { CampaignsService } from './campaigns.service.ts';
import { seedParticipationDemo } from './participation.demo.ts';
import { participationRoutes, type ParticipationServices } from './participation.routes.ts';
import { PublishedSurveys } from './published-surveys.ts';
import { RegionScope } from './region-scope.ts';
import { ResponsesService } from './responses.service.ts';
import { SupervisorsService } from './supervisors.service.ts';
import { TasksService } from './tasks.service.ts';

/**
 * What other modules may call (typed for them through ModuleApis). Inputs are checked against the contract's
 * schemas as a route's body would be; write calls take the caller's context (a user's, or systemContext(…)).
 */
export interface ParticipationApi {
  /**
   * The demand topics residents named in the latest campaign covering a region (its own or an ancestor's), counted
   * over that region's answers, biggest first; empty when there is no campaign or no free text.
   */
  demandTopics(regionCode: string, opts?: { limit?: number }): Promise<DemandTopicShare[]>;
  /**
   * The latest campaign covering a region and its answers from the region's subtree, counted by answering region,
   * channel and day (the one-screen view's figures). Counts only; no answer content.
   */
  summary(regionCode: string): Promise<ParticipationSummary>;
  /**
   * A site check (or service score) of another module's object by a panel of citizen supervisors and media drawn
   * now; each score is published as `participation.subject-scored` (SubjectScored) for the asking module.
   */
  createSupervisionTask(ctx: RequestContext, input: SupervisionTaskRequest): Promise<Task>;
  /**
   * Satisfaction follow-ups about another module's object, by private link; each answer is published as
   * `participation.satisfaction-answered` (SatisfactionAnswered).
   */
  createSatisfactionFollowup(
    ctx: RequestContext,
    input: SatisfactionFollowupRequest,
  ): Promise<SatisfactionFollowupResult>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    participation: ParticipationApi;
  }
}

const STAFF = ['province_operator', 'city_operator', 'county_operator'] as const;

/** 问需于民 surveys and their analysis, 你提我办 action items, the 市民监督员 pool and co-evaluation tasks. */
export const participationModule = defineModule({
  name: 'participation',
  needs: ['regions'],
  roles: PARTICIPATION_ROLES,
  permissions: {
    [P.surveysManage]: STAFF,
    [P.responsesRead]: [...STAFF, 'province_approver', 'city_approver', 'county_approver'],
    [P.responsesEnter]: STAFF,
    [P.actionsManage]: STAFF,
    [P.supervisorsManage]: STAFF,
    [P.tasksScore]: ['citizen_supervisor'],
  },
  publishes: Object.values(PARTICIPATION_EVENTS),
  init(platform, deps) {
    const scope = new RegionScope(platform, deps.regions);
    const published = new PublishedSurveys(new CampaignsRepository(platform.db));
    const services: ParticipationServices = {
      campaigns: new CampaignsService(platform, scope, published),
      responses: new ResponsesService(platform, scope, published),
      analysis: new AnalysisService(platform, scope),
      actions: new ActionsService(platform, scope),
      supervisors: new SupervisorsService(platform, scope),
      tasks: new TasksService(platform, scope),
    };
    const api: ParticipationApi = {
      demandTopics: (regionCode, opts) => services.analysis.demandTopics(regionCode, opts),
      summary: (regionCode) => services.analysis.summary(regionCode),
      createSupervisionTask: (ctx, input) => services.tasks.createSupervisionTask(ctx, input),
      createSatisfactionFollowup: (ctx, input) => services.actions.createSatisfactionFollowup(ctx, input),
    };
    return {
      api,
      routes: (app) => participationRoutes(app, services),
      // Contact details past their campaign's retention period are cleared at start and hourly.
      jobs: [
        { name: 'purge-expired-contacts', everyMs: 3_600_000, run: () => services.responses.purgeExpiredContacts() },
      ],
      seedDemo: (ctx) => seedParticipationDemo(ctx, services, deps.regions),
    };
  },
});
