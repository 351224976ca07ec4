import { SCENARIOS_PERMISSIONS as P, SCENARIOS_ROLES, type BoardSummary } from '@zhicheng/contracts/scenarios';
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
  /** Accepted cases in a region's subtree by region and by domain, with the newest acceptance (the one-screen view). */
  boardSummary(regionCode: string): Promise<BoardSummary>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    scenarios: ScenariosApi;
  }
}

/** 优秀案例动态打榜 (Scenarios): the case library, its review and the standing board. */
export const scenariosModule = defineModule({
  name: 'scenarios',
  needs: ['regions', 'directory'],
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
    const s = buildServices(platform, deps.regions, deps.directory);
    const api: ScenariosApi = {
      countAccepted: async (regionCode) =>
        (
          await s.cases.repo.page(
            { regions: await deps.regions.subtree(regionCode), statuses: ['accepted'] },
            { limit: 0, offset: 0 },
          )
        ).total,
      boardSummary: async (regionCode) => {
        const rows = await s.cases.repo.acceptedCounts(await deps.regions.subtree(regionCode));
        const terms = await s.taxonomy.names();
        const sum = (key: (r: (typeof rows)[number]) => string) => {
          const m = new Map<string, number>();
          for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
          return [...m];
        };
        const times = rows.flatMap((r) => (r.acceptedAt ? [new Date(r.acceptedAt).getTime()] : []));
        return {
          regionCode,
          accepted: rows.reduce((a, r) => a + r.n, 0),
          byRegion: sum((r) => r.regionCode).map(([code, n]) => ({ code, n })),
          byDomain: sum((r) => r.domain)
            .map(([domain, n]) => ({ domain, name: terms.get(`domain:${domain}`)?.zh ?? domain, n }))
            .sort((a, b) => b.n - a.n),
          asOf: times.length ? new Date(Math.max(...times)).toISOString() : null,
          sample: rows.some((r) => r.demo),
        };
      },
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
