import {
  ASSESSMENT_PERMISSIONS as P,
  EVENT_TOPICS,
  SupervisorScoreSubmitted,
  type CoEvaluationInput,
  type AssessmentStatistics,
} from '@zhicheng/contracts';
import type { Db } from '../../platform/database/index.ts';
import { defineModule } from '../../platform/module.ts';
import { assessmentRoutes } from './assessment.routes.ts';
import { AssessmentService, serviceOfApi } from './assessment.service.ts';
import { seedAssessmentDemo } from './assessment.demo.ts';

export type { AssessmentService } from './assessment.service.ts';

/**
 * What other modules may call. Participation normally feeds co-evaluation through the
 * `participation.supervisor-score-submitted` event; recordCoEvaluation is the same entry for a direct call inside the
 * caller's transaction. Idempotent on scoreId; 'ignored' when the region has no submission in co-evaluation that year.
 */
export interface AssessmentApi {
  recordCoEvaluation(tx: Db, input: CoEvaluationInput): Promise<'recorded' | 'duplicate' | 'ignored'>;
  statistics(year: number): Promise<AssessmentStatistics>;
}

const BUREAU = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;

declare module '../../platform/module.ts' {
  interface ModuleApis {
    assessment: AssessmentApi;
  }
}

export const assessmentModule = defineModule({
  name: 'assessment',
  needs: ['regions'],
  permissions: {
    [P.catalogueManage]: ['province_operator'],
    [P.campaignManage]: ['province_operator'],
    [P.submissionRead]: [...BUREAU, 'citizen_supervisor'],
    [P.submissionFill]: ['city_operator', 'county_operator'],
    [P.submissionApprove]: ['city_approver', 'province_approver'],
    [P.submissionReturn]: ['city_approver', 'province_approver', 'province_operator'],
    [P.reviewScore]: ['expert'],
    [P.coevalScore]: ['citizen_supervisor'],
  },
  init(platform, deps) {
    const service = new AssessmentService(platform, deps.regions);
    const api: AssessmentApi = {
      recordCoEvaluation: (tx, input) => service.recordCoEvaluation(tx, input, 'participation'),
      statistics: (year) => service.statistics(year),
    };
    serviceOfApi.set(api, service);
    return {
      api,
      routes: (app) => assessmentRoutes(app, service),
      start: () => service.ensureDefaultCatalogues(),
      on: {
        [EVENT_TOPICS.supervisorScoreSubmitted]: async (payload, _ctx, meta) => {
          const parsed = SupervisorScoreSubmitted.safeParse(payload);
          if (!parsed.success) {
            // A malformed event would fail forever; log it and let it be marked delivered.
            platform.log.warn(
              { eventId: meta.id, issues: parsed.error.issues.slice(0, 3) },
              'assessment: ignoring malformed supervisor score',
            );
            return;
          }
          await service.recordCoEvaluation(platform.db, parsed.data, 'participation');
        },
      },
      seedDemo: (ctx) => seedAssessmentDemo(ctx, service),
    };
  },
});
