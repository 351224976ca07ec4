import { SCENARIOS_PERMISSIONS as P, SCENARIOS_ROLES } from '@zhicheng/contracts/scenarios';
import { defineModule } from '../../platform/module.ts';
import { seedScenariosDemo } from './scenarios.demo.ts';
import { boardRoutes } from './board.routes.ts';
import { scenariosRoutes } from './scenarios.routes.ts';
import { spreadRoutes } from './spread.routes.ts';
import { buildServices } from './services.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface ScenariosApi {
  /** Cases on the board (accepted) in a region's subtree: the one-screen view counts them. */
  countAccepted(regionCode: string): Promise<number>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    scenarios: ScenariosApi;
  }
}

/** 优秀案例动态打榜 (Scenarios): the case library, its review and the standing board. */
export const scenariosModule = defineModule({
  name: 'scenarios',
  needs: ['regions'],
  roles: SCENARIOS_ROLES,
  permissions: {
    [P.read]: [
      'province_operator',
      'province_approver',
      'city_operator',
      'city_approver',
      'county_operator',
      'county_approver',
    ],
    [P.file]: ['province_operator', 'city_operator', 'county_operator'],
    [P.decide]: ['province_approver', 'city_approver'],
    [P.configure]: ['province_operator'],
    [P.review]: ['expert'],
  },
  init(platform, deps) {
    const s = buildServices(platform, deps.regions);
    const api: ScenariosApi = {
      countAccepted: async (regionCode) =>
        (
          await s.cases.repo.page(
            { regions: await deps.regions.subtree(regionCode), statuses: ['accepted'] },
            { limit: 0, offset: 0 },
          )
        ).total,
    };
    return {
      api,
      // Reached by this module's own tests only (through the composed module), never by another module.
      services: s,
      routes: (app) => {
        scenariosRoutes(app, s);
        boardRoutes(app, s);
        spreadRoutes(app, s);
      },
      // Keeps each case's standing current within a second of a vote or a review (see BoardService.refresh).
      jobs: [
        { name: 'board-refresh', everyMs: 500, run: () => s.board.refresh() },
        // Re-estimates the round mean the expert scores shrink toward, and recounts everything from scratch.
        { name: 'board-recompute', everyMs: 10 * 60_000, run: () => s.board.recomputeOpen() },
      ],
      seedDemo: (ctx) => seedScenariosDemo(ctx, s),
    };
  },
});
