import crypto from 'node:crypto';
import {
  SCREEN_PERMISSIONS as P,
  type WarningRule,
  type WarningRuleInput,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import { type RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { RulesRepository } from './rules.repository.ts';
import { screenError } from './screen.errors.ts';
import type { WarningRuleRow } from './screen.tables.ts';
import { DEFAULT_RULES, type Rule } from './warnings.ts';

const toRule = (r: WarningRuleRow): WarningRule => ({
  id: r.id,
  name: r.name,
  regionCode: r.regionCode,
  widget: r.widget as WidgetKey,
  condition: r.condition,
  threshold: r.threshold,
  level: r.level,
  owner: r.owner,
  enabled: r.enabled,
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Warning rules per region: a rule applies to its region's screen and the screens below it. Thresholds are data,
 * changed by the region's operators (audited), not by code.
 */
export class RulesService {
  private readonly repo: RulesRepository;
  /** Called after a rule changed (the screen forgets its recent snapshots, whose warnings it decided). */
  onChange: () => void = () => {};

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new RulesRepository(platform.db);
  }

  /** The province's built-in rules, written once at start (a rule someone edited or deleted is not brought back). */
  async ensureDefaults(): Promise<number> {
    const province = this.platform.config.provinceCode;
    const key = `screen.default-rules.${province}`;
    if (await this.platform.settings.get(key)) return 0;
    const now = this.platform.clock.now();
    return this.platform.db.transaction(async () => {
      const n = await this.repo.insertMissing(
        DEFAULT_RULES.map((d) => ({
          id: crypto.randomUUID(),
          regionCode: province,
          ...d,
          enabled: true,
          isDefault: true,
          createdBy: null,
          updatedAt: now,
        })),
      );
      await this.platform.settings.set(key, { at: now.toISOString(), rules: n });
      // Not audited: like a migration's seed, these are part of installing the platform, not a change anyone made
      // (the settings row says when); a fresh installation's audit trail starts empty. Edits to them are audited.
      return n;
    });
  }

  /** The rules applying to a region's screen (its own and its ancestors'), for the evaluation. */
  async applying(regionCode: string): Promise<Rule[]> {
    const lineage = (await this.regions.lineage(regionCode)) ?? [regionCode];
    return (await this.repo.ofRegions(lineage)).map(toRule);
  }

  async list(ctx: RequestContext, regionCode?: string): Promise<{ items: WarningRule[] }> {
    const code = regionCode ?? this.platform.config.provinceCode;
    await this.platform.authz.assertCovers(ctx.actor, P.read, code);
    const lineage = (await this.regions.lineage(code)) ?? [code];
    const rows = await this.repo.ofRegions(lineage);
    rows.sort((a, b) => lineage.indexOf(a.regionCode) - lineage.indexOf(b.regionCode));
    return { items: rows.map(toRule) };
  }

  async create(ctx: RequestContext, input: WarningRuleInput): Promise<WarningRule> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    const row: WarningRuleRow = {
      id: crypto.randomUUID(),
      ...this.fields(input),
      isDefault: false,
      createdBy: actor.userId,
      updatedAt: this.platform.clock.now(),
    };
    await this.save(ctx, row, null);
    return toRule(row);
  }

  async update(ctx: RequestContext, id: string, input: WarningRuleInput): Promise<WarningRule> {
    const before = await this.owned(ctx, id);
    await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    const row: WarningRuleRow = { ...before, ...this.fields(input), updatedAt: this.platform.clock.now() };
    await this.save(ctx, row, before);
    return toRule(row);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const before = await this.owned(ctx, id);
    await this.platform.db.transaction(async (tx) => {
      await this.repo.delete(id);
      await this.platform.audit.record(tx, ctx, {
        action: 'screen.warning-rule.delete',
        objectType: 'screen.warning_rule',
        objectId: id,
        before: toRule(before),
      });
    });
    this.onChange();
  }

  private fields(input: WarningRuleInput) {
    return {
      regionCode: input.regionCode,
      name: input.name,
      widget: input.widget,
      condition: input.condition,
      threshold: input.threshold,
      level: input.level,
      owner: input.owner,
      enabled: input.enabled ?? true,
    };
  }

  private async owned(ctx: RequestContext, id: string): Promise<WarningRuleRow> {
    this.platform.authz.require(ctx.actor, P.manage);
    const row = await this.repo.byId(id);
    if (!row) throw screenError('rule_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.manage, row.regionCode);
    return row;
  }

  private async save(ctx: RequestContext, row: WarningRuleRow, before: WarningRuleRow | null): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      if (before && !(await this.repo.byId(row.id, true))) throw screenError('rule_not_found');
      if (await this.repo.nameTaken(row.regionCode, row.name, before?.id))
        throw screenError('rule_exists', undefined, [{ path: 'name', message: 'already used in this region' }]);
      if (before) await this.repo.update(row.id, row);
      else await this.repo.insert(row);
      await this.platform.audit.record(tx, ctx, {
        action: before ? 'screen.warning-rule.update' : 'screen.warning-rule.create',
        objectType: 'screen.warning_rule',
        objectId: row.id,
        before: before ? toRule(before) : undefined,
        after: toRule(row),
      });
    });
    this.onChange();
  }
}
