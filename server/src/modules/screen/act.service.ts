import type { WarningActInput, WarningActResult } from '@zhicheng/contracts/screen';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { ModuleApis, Platform } from '../../platform/module.ts';
import type { OverviewService } from './overview.service.ts';
import { screenError } from './screen.errors.ts';

const SEVERITY = { red: 'high', orange: 'medium', yellow: 'low' } as const;
/** How long a 督办 raised from a warning has, by the warning's level. */
const DAYS = { red: 7, orange: 15, yellow: 30 } as const;

/**
 * From a warning to action: a 督办 task in the work ledger or an event in the city brain's closed loop. The screen
 * only asks: each module creates its own record as the user, so its own permission decides (work-ledger.manage,
 * city-brain.events.handle) and its own audit row is written; the screen's row says which warning it came from,
 * in the same transaction, so either both are there or neither.
 */
export class ActService {
  constructor(
    private readonly platform: Platform,
    private readonly overview: OverviewService,
    private readonly deps: Pick<ModuleApis, 'work-ledger' | 'city-brain'>,
  ) {}

  async act(ctx: RequestContext, input: WarningActInput): Promise<WarningActResult> {
    const region = await this.overview.authorize(ctx, input.region);
    // The warning as it fires now (rebuilt, not the snapshot): acting on one that cleared would be wrong.
    const o = await this.overview.build(region);
    const w = o.warnings.find((x) => x.ruleId === input.ruleId);
    if (!w) throw screenError('warning_not_firing', undefined, [{ path: 'ruleId', message: 'not firing now' }]);
    const now = this.platform.clock.now();
    const text = `${w.message.zh}(一屏看山东预警「${w.rule}」,${o.region.name})`;
    return this.platform.db.transaction(async (tx) => {
      let result: WarningActResult;
      if (input.action === 'ledger_task') {
        const deadline = new Date(now.getTime() + DAYS[w.level] * 86_400_000).toISOString().slice(0, 10);
        const t = await this.deps['work-ledger'].openSupervision(ctx, {
          year: now.getUTCFullYear(),
          point: '一屏看山东预警督办',
          title: `督办:${text}`.slice(0, 300),
          leadUnit: w.owner.length >= 2 ? w.owner : `${w.owner}(责任部门)`,
          regionCode: region,
          deadline,
          target: `消除预警:${w.rule}`.slice(0, 300),
        });
        result = { action: 'ledger_task', id: t.id, code: t.code, href: `/work-ledger/tasks/${t.id}` };
      } else {
        const e = await this.deps['city-brain'].raiseEvent(ctx, {
          regionCode: region,
          category: input.category!,
          severity: SEVERITY[w.level],
          title: text.slice(0, 200),
          description: `责任部门:${w.owner};来源页面:${w.href}`,
        });
        result = { action: 'city_event', id: e.id, code: null, href: `/city-brain/events/${e.id}` };
      }
      await this.platform.audit.record(tx, ctx, {
        action: 'screen.warning.act',
        objectType: 'screen.warning',
        objectId: w.ruleId,
        after: { region, rule: w.rule, level: w.level, value: w.value, ...result },
      });
      return result;
    });
  }
}
