import { PARTICIPATION_PERMISSIONS as P, PARTICIPATION_ROLES } from '@zhicheng/contracts';
import { defineModule } from '../../platform/module.ts';
import { seedParticipationDemo } from './participation.demo.ts';
import { participationRoutes } from './participation.routes.ts';
import { ParticipationService } from './participation.service.ts';
import { SupervisorsService } from './supervisors.service.ts';

export type { ParticipationService } from './participation.service.ts';
export type { SupervisorsService } from './supervisors.service.ts';

export interface ParticipationApi {
  surveys: ParticipationService;
  supervisors: SupervisorsService;
}

const STAFF = ['province_operator', 'city_operator', 'county_operator'] as const;

declare module '../../platform/module.ts' {
  interface ModuleApis {
    participation: ParticipationApi;
  }
}

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
  init(platform, deps) {
    const surveys = new ParticipationService(platform, deps.regions);
    const supervisors = new SupervisorsService(platform, deps.regions);
    return {
      api: { surveys, supervisors },
      routes: (app) => participationRoutes(app, surveys, supervisors),
      // Contact details past their campaign's retention period are cleared at start and hourly.
      jobs: [{ name: 'purge-expired-contacts', everyMs: 3_600_000, run: () => surveys.purgeExpiredContacts() }],
      seedDemo: (ctx) => seedParticipationDemo(ctx, surveys, supervisors),
    };
  },
});

/** For benchmarks and other modules' demo data: the demand analysis and the simulated questionnaire. */
export { analyse, segmenter } from './topics.ts';
export { DEMO_DEFINITION, simulatedAnswers, simulatedDemand } from './participation.demo.ts';
