import { COMMUNITIES_PERMISSIONS as P, COMMUNITIES_ROLES, type Coverage } from '@zhicheng/contracts/communities';
import { defineModule } from '../../platform/module.ts';
import { seedCommunitiesDemo } from './communities.demo.ts';
import { registryRoutes } from './registry.routes.ts';
import { RegistryService } from './registry.service.ts';
import { figuresRoutes } from './figures.routes.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { ExchangeService } from './exchange.service.ts';
import { FiguresService } from './figures.service.ts';
import { FiguresImportService } from './figures-import.service.ts';
import { tiersRoutes } from './tiers.routes.ts';
import { TiersService } from './tiers.service.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import { PARTICIPATION_EVENTS, SatisfactionAnswered, SubjectScored } from '@zhicheng/contracts/participation';
import { AgreementsService } from './agreements.service.ts';
import { RoundsService } from './rounds.service.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface CommunitiesApi {
  /** Smart-community coverage per county of a region (the province by default), against the national list. */
  coverage(regionCode?: string): Promise<Coverage>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    communities: CommunitiesApi;
  }
}

const BUREAU_READ = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;
const OPERATORS = ['province_operator', 'city_operator', 'county_operator'] as const;

/** 智慧社区: the registry of communities, their tiers, data reported upward, and the convenience-facility exchange. */
export const communitiesModule = defineModule({
  name: 'communities',
  needs: ['regions', 'assessment', 'directory', 'participation'],
  roles: COMMUNITIES_ROLES,
  permissions: {
    [P.read]: [...BUREAU_READ, 'community_worker'],
    [P.manage]: [...OPERATORS],
    [P.selfReport]: [...OPERATORS, 'community_worker'],
    [P.tierCheck]: ['county_approver', 'city_approver'],
    [P.benchmarkConfirm]: ['province_approver'],
    // The operator sends the check, the approver decides on its result (four eyes by role).
    [P.onsiteCheck]: ['province_operator'],
    [P.exchangeRead]: [...BUREAU_READ, 'community_worker', 'enterprise_user'],
    [P.exchangeOffer]: ['enterprise_user'],
    [P.exchangeRun]: ['county_operator', 'city_operator'],
    [P.exchangeConfirm]: ['county_approver', 'city_approver'],
  },
  init(platform, deps) {
    const registry = new RegistryService(platform, deps.regions);
    const tiers = new TiersService(platform, registry, deps.assessment, deps.participation, deps.directory);
    const figures = new FiguresService(platform, deps.regions, registry);
    const exchange = new ExchangeService(platform, deps.regions, registry, deps.directory);
    const rounds = new RoundsService(platform, deps.regions, exchange);
    const agreements = new AgreementsService(platform, deps.regions, exchange, deps.participation);
    const api: CommunitiesApi = {
      coverage: (regionCode) => registry.coverage(systemReader(), regionCode),
    };
    return {
      api,
      routes: (app) => {
        registryRoutes(app, registry);
        tiersRoutes(app, tiers);
        figuresRoutes(app, figures, new FiguresImportService(platform, registry, figures));
        exchangeRoutes(app, exchange, rounds, agreements);
      },
      on: {
        // A citizen supervisor or journalist scored a 标杆型 on-site check (runs in the delivery transaction).
        [PARTICIPATION_EVENTS.subjectScored]: async (payload, _ctx, meta) => {
          const parsed = SubjectScored.safeParse(payload);
          if (!parsed.success) {
            platform.log.warn({ eventId: meta.id }, 'communities: ignoring malformed site-check score');
            return;
          }
          await tiers.recordOnsiteScore(parsed.data);
        },
        // A resident answered the follow-up about an installed facility (runs in the delivery transaction).
        [PARTICIPATION_EVENTS.satisfactionAnswered]: async (payload, _ctx, meta) => {
          const parsed = SatisfactionAnswered.safeParse(payload);
          if (!parsed.success) {
            platform.log.warn({ eventId: meta.id }, 'communities: ignoring malformed satisfaction answer');
            return;
          }
          await agreements.recordSatisfaction(parsed.data);
        },
      },
      seedDemo: (ctx) =>
        seedCommunitiesDemo(ctx, registry, tiers, figures, { repo: exchange.repo, directory: deps.directory }),
    };
  },
});

/** Another module reading public figures acts as the platform (it authorized its own user already). */
const systemReader = () => systemContext('communities.api');
