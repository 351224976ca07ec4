import {
  CITY_BRAIN_PERMISSIONS as P,
  CITY_BRAIN_ROLES,
  EventInput,
  type EventStatus,
} from '@zhicheng/contracts/city-brain';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import {
  seedCityBrainDemo,
  seedCityBrainDemoCatalogue,
  seedCityBrainDemoEvents,
  seedCityBrainDemoRequests,
} from './city-brain.demo.ts';
import { catalogueRoutes } from './catalogue/catalogue.routes.ts';
import { CatalogueService } from './catalogue/catalogue.service.ts';
import { cityBrainRoutes } from './city-brain.routes.ts';
import { eventRoutes } from './events/events.routes.ts';
import { EventsService } from './events/events.service.ts';
import { ExchangeService } from './exchange/exchange.service.ts';
import { HubLink } from './exchange/hub-link.ts';
import { IntakeService } from './exchange/intake.service.ts';
import { RegistryService } from './registry.service.ts';
import { DemoCities } from './simulator/demo-cities.ts';

/** One city's connection as the province's one-screen view shows it. */
export interface CityLink {
  subPlatformId: string;
  code: string;
  regionCode: string;
  name: string;
  status: 'never' | 'online' | 'stale' | 'offline';
  lastHeartbeatAt: string | null;
  lagSeconds: number | null;
  upPerMinute: number;
  /** A demo (示例) sub-platform, made up by the demo loader. */
  demo: boolean;
}

/** The newest value of one vital sign (城市体征) a city brain reported. */
export interface CityVitalSign {
  cityCode: string;
  regionCode: string;
  indicator: string;
  value: number;
  unit: string;
  observedAt: string;
}

/** A region's closed loop of events (事件闭环) as the one-screen view shows it; counts only. */
export interface ClosedLoop {
  regionCode: string;
  /** Events by their current step (上报 … 评价, 不予立案). */
  byStatus: { status: EventStatus; n: number }[];
  total: number;
  open: number;
  /** Events past their current step's limit. */
  overdue: number;
  /** Steps taken, and those taken within their limit (the on-time rate). */
  steps: number;
  onTimeSteps: number;
  /** Messages the hub refused (dead letters), province-wide: the exchange is one. */
  deadLetters: number;
  /** The newest event's report time. */
  asOf: string | null;
  demo: boolean;
}

/** What other modules may call (typed for them through ModuleApis); reads run as the platform. */
export interface CityBrainApi {
  /** Every city brain's link (heartbeat status, lag, rate), in region-code order. */
  cityLinks(): Promise<CityLink[]>;
  /** Open and overdue events per city (事件流转), in region-code order; cities without events are absent. */
  openEvents(): Promise<{ regionCode: string; open: number; overdue: number }[]>;
  /** The newest value of each indicator per city brain; `cityCode` narrows to one city. */
  latestVitalSigns(cityCode?: string): Promise<CityVitalSign[]>;
  /** A region's closed loop: events by step, on-time steps, open and overdue events, dead letters. */
  closedLoop(regionCode: string): Promise<ClosedLoop>;
  /**
   * 上报 an event into the closed loop at a desk, as the caller (another module acting on a user's behalf, such as
   * a warning on the one-screen view): the caller must hold city-brain.handle-events over the region.
   */
  raiseEvent(ctx: RequestContext, input: EventInput): Promise<{ id: string }>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    'city-brain': CityBrainApi;
  }
}

const READERS = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;

/** 齐鲁智脑 (City brain hub). */
export const cityBrainModule = defineModule({
  name: 'city-brain',
  needs: ['regions'],
  roles: CITY_BRAIN_ROLES,
  permissions: {
    [P.read]: READERS,
    [P.manage]: ['province_operator', 'city_operator'],
    [P.handleEvents]: ['province_operator', 'city_operator', 'county_operator'],
    [P.verifyEvents]: ['province_approver', 'city_approver'],
    [P.approveData]: ['province_approver', 'city_approver'],
  },
  init(platform, deps) {
    const registry = new RegistryService(platform, deps.regions);
    const intake = new IntakeService(platform, registry.repo, deps.regions);
    const link = new HubLink(platform, platform.messaging, registry.repo, intake);
    const exchange = new ExchangeService(platform, registry, intake, link);
    registry.onChanged(() => link.syncSubPlatforms());
    const events = new EventsService(platform, deps.regions, registry.repo, exchange);
    intake.use(events.intakeHandlers());
    const catalogue = new CatalogueService(platform, deps.regions, registry.repo);
    intake.use(catalogue.intakeHandlers());
    const demoCities = new DemoCities(platform, registry, deps.regions);
    const api: CityBrainApi = {
      cityLinks: async () => {
        const codes = await deps.regions.subtree(platform.config.provinceCode);
        const all = await registry.networkOf(codes);
        const demo = new Set((await registry.repo.all(codes)).filter((r) => r.isDemo).map((r) => r.id));
        return all
          .filter((s) => s.kind === 'city_brain')
          .map((s) => ({
            subPlatformId: s.id,
            code: s.code,
            regionCode: s.regionCode,
            name: s.name,
            status: s.link.status,
            lastHeartbeatAt: s.link.lastHeartbeatAt,
            lagSeconds: s.link.lagSeconds,
            upPerMinute: s.link.upPerMinute,
            demo: demo.has(s.id),
          }));
      },
      openEvents: () => events.openByCity(),
      closedLoop: async (regionCode) => ({
        ...(await events.loopOf(regionCode)),
        deadLetters: await intake.repo.countDeadLetters(),
      }),
      raiseEvent: async (ctx, input) => ({ id: (await events.raise(ctx, EventInput.parse(input))).id }),
      latestVitalSigns: async (cityCode) => {
        const subs = (await registry.repo.all(await deps.regions.subtree(platform.config.provinceCode))).filter(
          (s) => s.kind === 'city_brain' && (!cityCode || s.regionCode === cityCode),
        );
        const city = new Map(subs.map((s) => [s.id, s.regionCode]));
        return (await exchange.latestVitalSigns([...city.keys()])).map((v) => ({
          cityCode: city.get(v.subPlatformId)!,
          regionCode: v.regionCode,
          indicator: v.indicator,
          value: v.value,
          unit: v.unit,
          observedAt: v.observedAt.toISOString(),
        }));
      },
    };
    return {
      api,
      routes: (app) => {
        cityBrainRoutes(app, { registry, exchange });
        eventRoutes(app, events);
        catalogueRoutes(app, catalogue);
      },
      // The hub's NATS link: intake consumer and the streams (only when there is an exchange, see Messaging).
      // In demo mode, the simulated city brains join once the hub is up (in the background: start-up does not wait).
      run: async () => {
        await link.start();
        demoCities.start();
      },
      stop: async () => {
        await demoCities.stop();
        await link.stop();
      },
      jobs: [
        { name: 'deliver', everyMs: 5_000, run: () => exchange.deliver() },
        { name: 'supervise', everyMs: 60_000, run: (ctx) => events.supervise(ctx) },
      ],
      seedDemo: async (ctx) => {
        await seedCityBrainDemo(ctx, { registry }, deps.regions);
        await seedCityBrainDemoEvents(ctx, { registry }, deps.regions);
        await seedCityBrainDemoCatalogue(ctx, { registry, catalogue }, deps.regions);
        await seedCityBrainDemoRequests(ctx, { registry, catalogue }, deps.regions);
      },
    };
  },
});
