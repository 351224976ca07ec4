import { SCREEN_PERMISSIONS as P, SCREEN_ROLES } from '@zhicheng/contracts/screen';
import { defineModule } from '../../platform/module.ts';
import { LiveScreens } from './live.ts';
import { ActService } from './act.service.ts';
import { BriefingService } from './briefing.service.ts';
import { ForecastsService } from './forecasts.service.ts';
import { OverviewService } from './overview.service.ts';
import { RulesService } from './rules.service.ts';
import { seedScreenDemo } from './screen.demo.ts';
import { screenRoutes, type ScreenServices } from './screen.routes.ts';
import { ThemesService } from './themes.service.ts';
import { WhatIfService } from './whatif.service.ts';

/** Nothing other modules call yet: the screen only reads. */
export type ScreenApi = Record<string, never>;

declare module '../../platform/module.ts' {
  interface ModuleApis {
    screen: ScreenApi;
  }
}

/** How often an open screen is rebuilt (a setting, so a deployment or a test can change it without code). */
export const PUSH_INTERVAL_SETTING = 'screen.push-interval-ms';
const DEFAULT_PUSH_INTERVAL_MS = 10_000;

/** 一屏看山东: the province, its cities and counties on one screen, read from every module's API. */
export const screenModule = defineModule({
  name: 'screen',
  needs: [
    'regions',
    'assessment',
    'participation',
    'compute-network',
    'scenarios',
    'communities',
    'city-brain',
    'work-ledger',
  ],
  roles: SCREEN_ROLES,
  permissions: {
    [P.read]: [
      'province_operator',
      'province_approver',
      'city_operator',
      'city_approver',
      'county_operator',
      'county_approver',
    ],
    [P.manage]: ['province_operator', 'city_operator', 'county_operator'],
  },
  init(platform, deps) {
    const rules = new RulesService(platform, deps.regions);
    const overview = new OverviewService(platform, deps, rules);
    rules.onChange = () => overview.invalidate();
    const forecasts = new ForecastsService(platform, overview);
    const whatIf = new WhatIfService(overview);
    const themes = new ThemesService(platform, deps.regions);
    const s: ScreenServices = {
      overview,
      rules,
      forecasts,
      whatIf,
      themes,
      briefing: new BriefingService(platform, overview, forecasts, whatIf, themes),
      act: new ActService(platform, overview, deps),
      live: new LiveScreens(
        (code) => overview.build(code),
        async () =>
          Math.max(50, (await platform.settings.get<number>(PUSH_INTERVAL_SETTING)) ?? DEFAULT_PUSH_INTERVAL_MS),
        (err) => platform.log.warn({ err }, 'screen: live rebuild failed'),
      ),
    };
    return {
      api: {},
      routes: (app) => screenRoutes(app, s),
      // The province's built-in warning rules, once; after that they are data the bureau edits.
      start: async () => {
        await rules.ensureDefaults();
      },
      seedDemo: (ctx) => seedScreenDemo(ctx, themes),
    };
  },
});
