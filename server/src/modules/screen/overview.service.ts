import crypto from 'node:crypto';
import { SCREEN_PERMISSIONS as P, type ScreenOverview } from '@zhicheng/contracts/screen';
import { systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import type { ModuleApis, Platform } from '../../platform/module.ts';
import { buildFigures, buildLayers, type AssessmentReading, type Readings, type ScreenLevel } from './figures.ts';
import type { RulesService } from './rules.service.ts';
import { screenError } from './screen.errors.ts';
import { Snapshots } from './snapshots.ts';
import { evaluateWarnings } from './warnings.ts';

export type ScreenDeps = Pick<
  ModuleApis,
  | 'regions'
  | 'assessment'
  | 'participation'
  | 'compute-network'
  | 'scenarios'
  | 'communities'
  | 'city-brain'
  | 'work-ledger'
>;

const LEVELS: readonly string[] = ['province', 'city', 'county'];

/**
 * Builds a region's screen from the other modules' APIs. The caller is authorized here (screen.read over the
 * region); the modules are then read as the platform (`system:screen`), because the screen shows a region's own
 * figures to whoever may see that region's screen, whatever their other permissions.
 */
export class OverviewService {
  private readonly sys = systemContext('screen');
  /**
   * The last screen built per region (Snapshots): a wall of screens and phones opening one region reads the
   * modules once. A cache any instance rebuilds from PostgreSQL, so nothing another instance needs lives here.
   */
  private readonly recent = new Snapshots<ScreenOverview>();
  /** The readings behind them, kept as long: the forecasts read the same modules (≈ 300 ms for the province). */
  private readonly recentReadings = new Snapshots<Awaited<ReturnType<OverviewService['readings']>>>();

  constructor(
    private readonly platform: Platform,
    private readonly deps: ScreenDeps,
    private readonly rules: RulesService,
  ) {}

  /** The region a user may open: the province by default; a street or community is refused by name. */
  async authorize(ctx: RequestContext, regionCode?: string): Promise<string> {
    const code = regionCode ?? this.platform.config.provinceCode;
    await this.platform.authz.assertCovers(ctx.actor, P.read, code);
    const level = await this.deps.regions.levelOf(code);
    if (!level || !LEVELS.includes(level))
      throw screenError('region_not_on_screen', undefined, [{ path: 'region', message: 'province, city or county' }]);
    return code;
  }

  async overview(ctx: RequestContext, regionCode?: string): Promise<ScreenOverview> {
    const code = await this.authorize(ctx, regionCode);
    return this.recent.get(code, () => this.compose(code));
  }

  /**
   * Forgets the recent screens (a theme or a rule changed). Other modules' changes reach a request within
   * SNAPSHOT_MS of a busy screen (at most STALE_MS after a quiet spell, each figure showing its own time), and at once
   * on the live stream, which always rebuilds.
   */
  invalidate(): void {
    this.recent.clear();
    this.recentReadings.clear();
  }

  /** An authorized region's readings, shared as the screens are (Snapshots: fresh, stale while rebuilt, single flight). */
  recentReadingsOf(code: string): ReturnType<OverviewService['readings']> {
    return this.recentReadings.get(code, () => this.readings(code));
  }

  /** The screen of an already authorized region (the live stream rebuilds it for every listener at once). */
  async build(code: string, given?: Awaited<ReturnType<OverviewService['readings']>>): Promise<ScreenOverview> {
    return this.recent.put(code, this.compose(code, given));
  }

  private async compose(code: string, given?: Awaited<ReturnType<OverviewService['readings']>>) {
    const readings = given ?? (await this.readings(code));
    const { trail, mapCode } = readings;
    const figures = buildFigures(readings);
    const layers = buildLayers(readings);
    const warnings = evaluateWarnings(figures, await this.rules.applying(code), this.platform.clock.now());
    const version = crypto
      .createHash('sha256')
      .update(JSON.stringify([figures, layers, warnings]))
      .digest('hex')
      .slice(0, 16);
    return {
      region: { code, name: readings.region.name, level: readings.region.level, trail },
      mapCode,
      generatedAt: this.platform.clock.now().toISOString(),
      version,
      simulated: [...figures.map((f) => f.source), ...layers.map((l) => l.source)].some((s) => s.simulated),
      figures,
      layers,
      warnings,
    };
  }

  /** What every module reports for an already authorized region (the screen, its forecasts and its briefing). */
  async readings(code: string): Promise<Readings & { trail: { code: string; name: string }[]; mapCode: string }> {
    const r = await this.deps.regions.get(code);
    const level = r.level as ScreenLevel;
    const trail = [...r.ancestors, r].map((x) => ({ code: x.code, name: x.name }));
    const mapCode = level === 'county' ? r.parentCode! : code;
    const children = (await this.deps.regions.list({ parent: mapCode })).map((c) => ({ code: c.code, name: c.name }));
    // Each module is read on its own: one that fails leaves its widgets out rather than blanking the screen.
    const year = this.platform.clock.now().getUTCFullYear();
    const [assessment, participation, compute, scenarios, communities, cityBrains, loop, eventsByCity, market, ledger] =
      await Promise.all([
        this.guard('assessment', () => this.assessment(code, level, r.parentCode)),
        this.guard('participation', async () => ({
          summary: await this.deps.participation.summary(code),
          topics: await this.deps.participation.demandTopics(code, { limit: 8 }),
        })),
        this.guard('compute-network', () => this.deps['compute-network'].regionTotals(this.sys, code)),
        this.guard('scenarios', () => this.deps.scenarios.boardSummary(code)),
        this.guard('communities', () => this.deps.communities.coverage(code)),
        this.guard('city-brain', () => this.deps['city-brain'].cityLinks()),
        this.guard('city-brain', () => this.deps['city-brain'].closedLoop(code)),
        this.guard('city-brain', () => this.deps['city-brain'].openEvents()),
        this.guard('compute-network', () => this.deps['compute-network'].marketSummary()),
        this.guard('work-ledger', async () => ({ year, ...(await this.deps['work-ledger'].colours(year)) })),
      ]);
    return {
      provinceCode: this.platform.config.provinceCode,
      region: { code, name: r.name, level, parentCode: r.parentCode },
      children,
      assessment,
      participation,
      compute,
      scenarios,
      communities,
      cityBrains,
      loop,
      eventsByCity,
      market,
      ledger,
      trail,
      mapCode,
    };
  }

  private async guard<T>(module: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (err) {
      this.platform.log.warn({ err, module }, 'screen: a module could not be read; its widgets are left out');
      return null;
    }
  }

  /** The newest published year, the counties under the region (a county: its city's) and their history. */
  private async assessment(code: string, level: ScreenLevel, parent: string | null): Promise<AssessmentReading | null> {
    const a = this.deps.assessment;
    const trend = await a.trend();
    const years = [...new Set(trend.points.filter((p) => p.total > 0).map((p) => p.year))].sort();
    const year = years.at(-1);
    if (year === undefined) return null;
    const countyParent = level === 'province' ? undefined : level === 'city' ? code : parent!;
    const countiesOf = (y: number) => a.results({ year: y, level: 'county', parent: countyParent });
    const [statistics, counties, cities, share] = await Promise.all([
      a.statistics(year),
      countiesOf(year),
      a.results({ year, level: 'city' }),
      a.countyShareAtLeast(year, 4),
    ]);
    const history =
      level === 'province'
        ? years.map((y) => {
            const p = trend.points.find((x) => x.year === y && x.level === 'county');
            return { year: y, share: p?.total ? Math.round((p.atLeast['4'] / p.total) * 10000) / 10000 : null };
          })
        : await Promise.all(
            years.map(async (y) => {
              const rows = await countiesOf(y);
              return {
                year: y,
                share: rows.length
                  ? Math.round((rows.filter((x) => x.stars >= 4).length / rows.length) * 10000) / 10000
                  : null,
              };
            }),
          );
    return {
      year,
      statistics,
      counties,
      cities,
      history,
      campaign: share.source?.name ?? null,
      publishedAt: share.publishedAt,
      sample: statistics.sample || share.sample,
    };
  }
}
