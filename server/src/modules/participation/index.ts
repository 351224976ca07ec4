import { PARTICIPATION_PERMISSIONS as P } from '@zhicheng/contracts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
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

export const participationModule: ModuleDefinition<{ regions: RegionsService }, ParticipationApi> = {
  name: 'participation',
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
    let purgeTimer: NodeJS.Timeout | undefined;
    return {
      api: { surveys, supervisors },
      routes: (app) => participationRoutes(app, surveys, supervisors),
      async start() {
        // Contact details past their campaign's retention period are cleared at start and hourly.
        const purge = () => surveys.purgeExpiredContacts().catch((err: unknown) => platform.log.error({ err }, 'participation: contact purge failed'));
        await purge();
        purgeTimer = setInterval(() => void purge(), 3_600_000);
        purgeTimer.unref();
      },
      stop() {
        if (purgeTimer) clearInterval(purgeTimer);
      },
      seedDemo: (ctx) => seedParticipationDemo(ctx, surveys, supervisors),
    };
  },
};

/** For benchmarks and other modules' demo data: the demand analysis and the simulated questionnaire. */
export { analyse, segmenter } from './topics.ts';
export { DEMO_DEFINITION, simulatedAnswers, simulatedDemand } from './participation.demo.ts';
