import {
  DIRECTORY_PERMISSIONS as P,
  DIRECTORY_ROLES,
  type DrawRequest,
  type ExpertInput,
  type OrgEligibility,
} from '@zhicheng/contracts/directory';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import { seedDirectoryDemo } from './directory.demo.ts';
import { directoryRoutes } from './directory.routes.ts';
import { directoryServices } from './services.ts';

export type { DrawOutcome, DrawnExpert } from './draws.service.ts';
import type { DrawOutcome } from './draws.service.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface DirectoryApi {
  /**
   * Draws experts for an object under review in the calling module, by field and number, excluding conflicts (same
   * unit, same region per `regionRule`, declared units/companies/regions/kin within three years). The seed's hash is
   * committed to the audit chain before the draw; the draw is public at /directory/draws/:id/verification. The
   * calling module authorizes its user; audited as `ctx`. Throws directory_not_enough_experts (409, nothing
   * recorded) or directory_redraw_reason (400) when the object was drawn for before and no reason is given.
   */
  drawExperts(ctx: RequestContext, request: DrawRequest): Promise<DrawOutcome>;
  /** A draw's current picks (replacements after declines included), for the module that asked for it. */
  drawState(drawId: string): Promise<DrawOutcome>;
  /**
   * Adds an expert to the library (idempotent on `userId`): for modules and fixtures that know experts by their
   * platform account. The caller authorizes its user; audited as `ctx`.
   */
  enrolExpert(ctx: RequestContext, input: z.input<typeof ExpertInput>): Promise<{ id: string; code: string }>;
  /**
   * Whether an organisation (by 统一社会信用代码) may take new work: false while a dishonesty record (失信) is in force.
   * Unknown organisations are eligible (`known: false`). For communities' facility matching, scenario builders.
   */
  orgEligibility(creditCode: string): Promise<OrgEligibility>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    directory: DirectoryApi;
  }
}

const BUREAU_READ = ['province_operator', 'province_approver', 'city_operator', 'city_approver'] as const;

/** 名录库: expert library and verifiable draws, project teams, providers, 科普展示中心. */
export const directoryModule = defineModule({
  name: 'directory',
  needs: ['regions'],
  roles: DIRECTORY_ROLES,
  permissions: {
    [P.expertManage]: ['directory_keeper'],
    [P.drawRequest]: ['province_operator', 'city_operator'],
    [P.drawRead]: [...BUREAU_READ, 'directory_keeper'],
    [P.invitationRespond]: ['expert'],
    [P.orgRead]: [...BUREAU_READ, 'county_operator', 'county_approver', 'directory_keeper'],
    [P.orgManage]: ['directory_keeper'],
    [P.centreRead]: [...BUREAU_READ],
    [P.centreManage]: ['province_operator'],
    [P.centreApply]: ['city_operator'],
    [P.centreDecide]: ['province_approver'],
    [P.centreScore]: ['expert'],
  },
  init(platform, deps) {
    const s = directoryServices(platform, deps.regions);
    const api: DirectoryApi = {
      drawExperts: (ctx, request) => s.draws.draw(ctx, request),
      drawState: (drawId) => s.draws.state(drawId),
      enrolExpert: async (ctx, input) => {
        const e = await s.experts.enrol(ctx, input);
        return { id: e.id, code: e.code };
      },
      orgEligibility: (creditCode) => s.orgs.eligibility(creditCode),
    };
    return {
      api,
      routes: (app) => directoryRoutes(app, s, deps.regions),
      seedDemo: (ctx) => seedDirectoryDemo(ctx, s),
    };
  },
});
