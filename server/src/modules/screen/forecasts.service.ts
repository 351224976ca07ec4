import {
  SCREEN_WIDGETS,
  type FigureSource,
  type ForecastSeries,
  type ScreenForecasts,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import { autoEts, backTest, MIN_FIT, type BackTest, type ModelForecast } from './forecast.ts';
import type { Readings } from './figures.ts';
import type { OverviewService } from './overview.service.ts';

const LEVEL = 0.8;
export const MODEL_NAME = 'augurs AutoETS (ZZN) · @bsull/augurs';

/** The next labels after a series' last one: months (YYYY-MM) or years. */
export function nextLabels(last: string, frequency: 'month' | 'year', h: number): string[] {
  if (frequency === 'year') return Array.from({ length: h }, (_, k) => String(Number(last) + k + 1));
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: h }, (_, k) => {
    const i = y * 12 + (m - 1) + k + 1;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * One series' forecast with its proof: the back-test against Comb decides whether the forecast is shown at all.
 * Pure apart from the model (augurs), so the rule is tested on crafted series.
 */
/**
 * Fits by history: the back-test and the model are pure functions of the values, the horizon and the level, and
 * fitting them is most of a forecast request (≈ 450 ms for the province). Keyed by the values themselves, so a new
 * month's report is a new key and is fitted afresh; bounded, oldest out first.
 */
const fits = new Map<string, { bt: BackTest | null; f: ModelForecast | null }>();
const FITS_KEPT = 512;
function fitOnce(y: number[], horizon: number): { bt: BackTest | null; f: ModelForecast | null } {
  const key = `${horizon}|${LEVEL}|${y.join(',')}`;
  let hit = fits.get(key);
  if (!hit) {
    const bt = y.length > MIN_FIT ? backTest(y, horizon, LEVEL) : null;
    hit = { bt, f: bt?.modelWins ? autoEts(y, horizon, LEVEL) : null };
    fits.set(key, hit);
    if (fits.size > FITS_KEPT) fits.delete(fits.keys().next().value!);
  }
  return hit;
}

export function forecastSeries(s: {
  key: WidgetKey;
  unit: string;
  frequency: 'month' | 'year';
  target: number | null;
  history: { label: string; value: number }[];
  horizon: number;
  source: FigureSource;
}): ForecastSeries {
  const { bt, f } = fitOnce(
    s.history.map((p) => p.value),
    s.horizon,
  );
  const base = {
    key: s.key,
    title: { zh: SCREEN_WIDGETS[s.key].zh, en: SCREEN_WIDGETS[s.key].en },
    unit: s.unit,
    frequency: s.frequency,
    target: s.target,
    history: s.history,
    level: LEVEL,
    model: MODEL_NAME,
    backTest: bt,
    source: s.source,
  };
  if (!bt) return { ...base, status: 'too_short', forecast: [] };
  if (!bt.modelWins || !f) return { ...base, status: 'baseline_wins', forecast: [] };
  const labels = nextLabels(s.history.at(-1)!.label, s.frequency, s.horizon);
  return {
    ...base,
    status: 'shown',
    forecast: labels.map((label, k) => ({
      label,
      value: f.point[k]!,
      lower: f.lower?.[k] ?? null,
      upper: f.upper?.[k] ?? null,
    })),
  };
}

/** The forecasts of a region's figures that have a history: compute by month, star levels by year. */
export class ForecastsService {
  constructor(
    private readonly platform: Platform,
    private readonly overview: OverviewService,
  ) {}

  async forecasts(ctx: RequestContext, regionCode?: string): Promise<ScreenForecasts> {
    const code = await this.overview.authorize(ctx, regionCode);
    return this.of(code, await this.overview.recentReadingsOf(code));
  }

  /** The forecasts of an authorized region from readings already taken (the briefing takes them once). */
  of(code: string, r: Readings): ScreenForecasts {
    const items: ForecastSeries[] = [];
    const c = r.compute;
    if (c) {
      const src: FigureSource = {
        module: 'compute-network',
        label: { zh: '纳统月报(已审核)逐月', en: 'Approved monthly reports by month' },
        href: '/compute/statistics',
        asOf: c.source.asOf,
        simulated: c.source.simulated,
      };
      const months = c.trend.filter((p) => p.totalEflops > 0);
      items.push(
        forecastSeries({
          key: 'compute.ai-share',
          unit: '%',
          frequency: 'month',
          target: null,
          history: months.map((p) => ({ label: p.period, value: round4(p.aiEflops / p.totalEflops) })),
          horizon: 3,
          source: src,
        }),
        forecastSeries({
          key: 'compute.total-eflops',
          unit: 'EFLOPS',
          frequency: 'month',
          target: null,
          history: months.map((p) => ({ label: p.period, value: round4(p.totalEflops) })),
          horizon: 3,
          source: src,
        }),
        forecastSeries({
          key: 'compute.racks-in-use',
          unit: '架',
          frequency: 'month',
          target: null,
          history: months.map((p) => ({ label: p.period, value: p.racksInUse })),
          horizon: 3,
          source: src,
        }),
      );
    }
    const a = r.assessment;
    if (a)
      items.push(
        forecastSeries({
          key: 'assessment.county-4star-share',
          unit: '%',
          frequency: 'year',
          target: 0.4,
          history: a.history.flatMap((h) => (h.share === null ? [] : [{ label: String(h.year), value: h.share }])),
          horizon: 2,
          source: {
            module: 'assessment',
            label: { zh: '历年已发布评估结果', en: 'Published results by year' },
            href: '/assessment',
            asOf: a.publishedAt,
            simulated: a.sample,
          },
        }),
      );
    const cm = r.communities;
    if (cm?.byYear.length) {
      const src: FigureSource = {
        module: 'communities',
        label: { zh: '历年分型认定(已确认)', en: 'Confirmed tiers by campaign year' },
        href: '/communities',
        asOf: null,
        simulated: cm.demo,
      };
      // The targets are the province's; a city or county has none of its own.
      const province = code === r.provinceCode;
      items.push(
        forecastSeries({
          key: 'communities.basic-growth',
          unit: '个',
          frequency: 'year',
          target: province ? cm.targets.basicGrowth : null,
          history: cm.byYear.map((y) => ({ label: String(y.year), value: y.basicGrowth })),
          horizon: 2,
          source: src,
        }),
        forecastSeries({
          key: 'communities.benchmark',
          unit: '个',
          frequency: 'year',
          target: province ? cm.targets.benchmark : null,
          history: cm.byYear.map((y) => ({ label: String(y.year), value: y.benchmark })),
          horizon: 2,
          source: src,
        }),
      );
    }
    return {
      region: { code, name: r.region.name },
      generatedAt: this.platform.clock.now().toISOString(),
      items,
    };
  }
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
