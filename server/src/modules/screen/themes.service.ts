import crypto from 'node:crypto';
import {
  SCREEN_LAYERS,
  SCREEN_PERMISSIONS as P,
  SCREEN_WIDGETS,
  type LayerKey,
  type Theme,
  type ThemeInput,
  type ThemeList,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { screenError } from './screen.errors.ts';
import type { ThemeRow } from './screen.tables.ts';
import { ThemesRepository } from './themes.repository.ts';

/** Every widget and layer in catalogue order: what a region shows until someone saves a theme for it. */
export function builtInTheme(regionCode: string): Theme {
  return {
    id: null,
    name: '全景(内置)',
    regionCode,
    widgets: Object.keys(SCREEN_WIDGETS) as WidgetKey[],
    layers: Object.keys(SCREEN_LAYERS) as LayerKey[],
    isDefault: false,
    updatedAt: null,
  };
}

const toTheme = (r: ThemeRow): Theme => ({
  id: r.id,
  name: r.name,
  regionCode: r.regionCode,
  // A widget retired from the catalogue drops out of old themes instead of breaking them.
  widgets: r.widgets.filter((w): w is WidgetKey => w in SCREEN_WIDGETS),
  layers: r.layers.filter((l): l is LayerKey => l in SCREEN_LAYERS),
  isDefault: r.isDefault,
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Leaders' themes: which widgets and layers a region's screen shows, in which order. A region's default theme
 * applies to its screen and, until they save their own, to the screens of the regions below it.
 */
export class ThemesService {
  private readonly repo: ThemesRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new ThemesRepository(platform.db);
  }

  async list(ctx: RequestContext, regionCode?: string): Promise<ThemeList> {
    const code = regionCode ?? this.platform.config.provinceCode;
    await this.platform.authz.assertCovers(ctx.actor, P.read, code);
    const lineage = (await this.regions.lineage(code)) ?? [code];
    const rows = await this.repo.ofRegions(lineage);
    // Nearest first: the region's own themes, then its city's, then the province's.
    rows.sort((a, b) => lineage.indexOf(a.regionCode) - lineage.indexOf(b.regionCode));
    const items = [...rows.map(toTheme), builtInTheme(code)];
    return { items, active: items.find((t) => t.isDefault) ?? builtInTheme(code) };
  }

  async create(ctx: RequestContext, input: ThemeInput): Promise<Theme> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    const row: ThemeRow = {
      id: crypto.randomUUID(),
      regionCode: input.regionCode,
      name: input.name,
      widgets: input.widgets,
      layers: input.layers,
      isDefault: input.isDefault ?? false,
      isDemo: false,
      createdBy: actor.userId,
      updatedAt: this.platform.clock.now(),
    };
    await this.save(ctx, row, null);
    return toTheme(row);
  }

  /** The demo loader's entry: the same rules, run as the platform. */
  async createDemo(ctx: RequestContext, input: ThemeInput): Promise<void> {
    await this.save(
      ctx,
      {
        id: crypto.randomUUID(),
        regionCode: input.regionCode,
        name: input.name,
        widgets: input.widgets,
        layers: input.layers,
        isDefault: input.isDefault ?? false,
        isDemo: true,
        createdBy: null,
        updatedAt: this.platform.clock.now(),
      },
      null,
    );
  }

  async update(ctx: RequestContext, id: string, input: ThemeInput): Promise<Theme> {
    const before = await this.owned(ctx, id);
    await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    const row: ThemeRow = {
      ...before,
      regionCode: input.regionCode,
      name: input.name,
      widgets: input.widgets,
      layers: input.layers,
      isDefault: input.isDefault ?? false,
      updatedAt: this.platform.clock.now(),
    };
    await this.save(ctx, row, before);
    return toTheme(row);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const before = await this.owned(ctx, id);
    await this.platform.db.transaction(async (tx) => {
      await this.repo.delete(id);
      await this.platform.audit.record(tx, ctx, {
        action: 'screen.theme.delete',
        objectType: 'screen.theme',
        objectId: id,
        before: toTheme(before),
      });
    });
  }

  private async owned(ctx: RequestContext, id: string): Promise<ThemeRow> {
    this.platform.authz.require(ctx.actor, P.manage);
    const row = await this.repo.byId(id);
    if (!row) throw screenError('theme_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.manage, row.regionCode);
    return row;
  }

  private async save(ctx: RequestContext, row: ThemeRow, before: ThemeRow | null): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      if (before && !(await this.repo.byId(row.id, true))) throw screenError('theme_not_found');
      if (await this.repo.nameTaken(row.regionCode, row.name, before?.id))
        throw screenError('theme_exists', undefined, [{ path: 'name', message: 'already used in this region' }]);
      if (row.isDefault) await this.repo.clearDefault(row.regionCode);
      if (before) await this.repo.update(row.id, row);
      else await this.repo.insert(row);
      await this.platform.audit.record(tx, ctx, {
        action: before ? 'screen.theme.update' : 'screen.theme.create',
        objectType: 'screen.theme',
        objectId: row.id,
        before: before ? toTheme(before) : undefined,
        after: toTheme(row),
      });
    });
  }
}
