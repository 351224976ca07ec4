import { WORK_LEDGER_PERMISSIONS as P, WORK_LEDGER_ROLES, type TaskInput } from '@zhicheng/contracts/work-ledger';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import { TasksService } from './tasks.service.ts';
import { seedWorkLedgerDemo } from './work-ledger.demo.ts';
import { workLedgerRoutes } from './work-ledger.routes.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface WorkLedgerApi {
  /** Open tasks of a year by colour, for the one-screen view; `demo` when any is a demo (示例) task. */
  colours(year: number): Promise<{ green: number; yellow: number; red: number; closed: number; demo: boolean }>;
  /**
   * 督办: a task raised from outside the ledger (a warning on the one-screen view), as the caller, who must hold
   * work-ledger.manage over its region. Numbered 99.n of its year; returns the task's id and number.
   */
  openSupervision(ctx: RequestContext, input: Omit<TaskInput, 'code'>): Promise<{ id: string; code: string }>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    'work-ledger': WorkLedgerApi;
  }
}

const BUREAU = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;

/** 工作台账: yearly work points as tasks, 督查督办 (立项 → 交办 → reminder → 催办 → 考评), figures they move. */
export const workLedgerModule = defineModule({
  name: 'work-ledger',
  needs: ['regions', 'assessment', 'compute-network', 'communities'],
  roles: WORK_LEDGER_ROLES,
  permissions: {
    [P.read]: [...BUREAU],
    [P.manage]: ['province_operator'],
    [P.report]: ['province_operator', 'city_operator', 'county_operator'],
    [P.evaluate]: ['province_approver'],
  },
  init(platform, deps) {
    const tasks = new TasksService(platform, deps.regions, deps);
    const api: WorkLedgerApi = {
      colours: (year) => tasks.colours(year),
      openSupervision: async (ctx, input) => {
        const t = await tasks.openSupervision(ctx, input);
        return { id: t.id, code: t.code };
      },
    };
    return {
      api,
      routes: (app) => workLedgerRoutes(app, tasks, deps.regions),
      // Reminders (督办提醒) for tasks turning yellow or red; idempotent: at most one a week per task.
      jobs: [{ name: 'remind', everyMs: 6 * 3600_000, run: (ctx) => tasks.remind(ctx) }],
      seedDemo: (ctx) => seedWorkLedgerDemo(ctx, tasks),
    };
  },
});
