import {
  SCREEN_WIDGETS,
  type Figure,
  type ScreenWarning,
  type WarningCondition,
  type WarningLevel,
  type WidgetKey,
} from '@zhicheng/contracts/screen';

/** A rule as the evaluation needs it (stored rows and the built-in defaults alike). */
export interface Rule {
  id: string;
  name: string;
  widget: WidgetKey;
  condition: WarningCondition;
  threshold: number;
  level: WarningLevel;
  owner: string;
  enabled: boolean;
}

const SEVERITY: Record<WarningLevel, number> = { red: 0, orange: 1, yellow: 2 };
const DAY_MS = 86_400_000;

const fmt = (v: number, unit: string) =>
  unit === '%' ? `${(v * 100).toFixed(1)}%` : `${Math.round(v * 100) / 100}${unit.startsWith('/') ? '' : unit}`;

/** Points a z-score needs before the newest one: fewer say nothing about what is usual. */
export const ANOMALY_MIN_HISTORY = 4;

/**
 * How far a trend's newest point lies from the points before it, in their standard deviations (sample). Null when
 * the figure is not a series, too short, or flat (no spread to measure a jump against).
 */
export function zScore(f: Figure): { z: number; last: number; mean: number } | null {
  const series = (f.items ?? []).map((i) => i.value);
  if (f.kind !== 'trend' || series.length < ANOMALY_MIN_HISTORY + 1) return null;
  const last = series.at(-1)!;
  const before = series.slice(0, -1);
  const mean = before.reduce((a, v) => a + v, 0) / before.length;
  const sd = Math.sqrt(before.reduce((a, v) => a + (v - mean) ** 2, 0) / (before.length - 1));
  if (!(sd > 1e-12)) return null;
  return { z: (last - mean) / sd, last, mean };
}

/**
 * The warnings that fire on a screen's figures: each rule checks one widget's figure against its target, a bound,
 * or the age of its source. A figure that is absent (its module could not be read) or has no value fires nothing
 * but a stale rule: not knowing is itself worth a warning when the feed is late.
 */
export function evaluateWarnings(figures: readonly Figure[], rules: readonly Rule[], now: Date): ScreenWarning[] {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const out: ScreenWarning[] = [];
  for (const r of rules) {
    if (!r.enabled) continue;
    const f = byKey.get(r.widget);
    if (!f) continue;
    const title = SCREEN_WIDGETS[r.widget];
    const base = {
      ruleId: r.id,
      rule: r.name,
      widget: r.widget,
      level: r.level,
      owner: r.owner,
      href: f.source.href,
      simulated: f.source.simulated,
    };
    if (r.condition === 'stale') {
      const age = f.source.asOf ? (now.getTime() - new Date(f.source.asOf).getTime()) / DAY_MS : null;
      if (age !== null && age <= r.threshold) continue;
      out.push({
        ...base,
        value: age === null ? null : Math.floor(age),
        limit: r.threshold,
        message:
          age === null
            ? { zh: `${title.zh}:数据源无更新时间`, en: `${title.en}: the source has no time` }
            : {
                zh: `${title.zh}:数据已 ${Math.floor(age)} 天未更新(上限 ${r.threshold} 天)`,
                en: `${title.en}: not updated for ${Math.floor(age)} days (limit ${r.threshold})`,
              },
      });
      continue;
    }
    if (r.condition === 'anomaly') {
      const z = zScore(f);
      if (z === null || Math.abs(z.z) <= r.threshold) continue;
      const dir = z.z > 0 ? { zh: '骤升', en: 'jumped up' } : { zh: '骤降', en: 'dropped' };
      out.push({
        ...base,
        value: Math.round(z.z * 100) / 100,
        limit: r.threshold,
        message: {
          zh: `${title.zh}:最新值 ${fmt(z.last, f.unit)} ${dir.zh},偏离此前均值 ${fmt(z.mean, f.unit)} ${Math.abs(z.z).toFixed(1)} 个标准差(阈值 ${r.threshold})`,
          en: `${title.en}: the newest value ${fmt(z.last, f.unit)} ${dir.en}, ${Math.abs(z.z).toFixed(1)} standard deviations from the mean ${fmt(z.mean, f.unit)} before it (limit ${r.threshold})`,
        },
      });
      continue;
    }
    if (f.value === null) continue;
    let limit: number;
    let fires: boolean;
    if (r.condition === 'below_target') {
      if (f.target === null) continue;
      limit = f.target * r.threshold;
      fires = f.value < limit - 1e-9;
    } else {
      limit = r.threshold;
      fires = r.condition === 'below' ? f.value < limit - 1e-9 : f.value > limit + 1e-9;
    }
    if (!fires) continue;
    const word = r.condition === 'above' ? { zh: '高于', en: 'above' } : { zh: '低于', en: 'below' };
    const what = r.condition === 'below_target' ? { zh: '目标', en: 'target' } : { zh: '阈值', en: 'threshold' };
    out.push({
      ...base,
      value: f.value,
      limit,
      message: {
        zh: `${title.zh} ${fmt(f.value, f.unit)},${word.zh}${what.zh} ${fmt(limit, f.unit)}`,
        en: `${title.en} ${fmt(f.value, f.unit)}, ${word.en} the ${what.en} ${fmt(limit, f.unit)}`,
      },
    });
  }
  return out.sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level] || a.rule.localeCompare(b.rule, 'zh'));
}

/**
 * The rules a province starts with (written at start, then edited like any other): the published targets, the
 * published AI share, and how late each feed may be.
 */
export const DEFAULT_RULES: Omit<Rule, 'id' | 'enabled'>[] = [
  {
    name: '县(市、区)四星级占比低于目标',
    widget: 'assessment.county-4star-share',
    condition: 'below_target',
    threshold: 1,
    level: 'orange',
    owner: '省大数据局 评估评价牵头处室',
  },
  {
    name: '县(市、区)三星级占比低于目标',
    widget: 'assessment.county-3star-share',
    condition: 'below_target',
    threshold: 1,
    level: 'red',
    owner: '省大数据局 评估评价牵头处室',
  },
  {
    name: '设区市四星级占比低于目标',
    widget: 'assessment.city-4star-share',
    condition: 'below_target',
    threshold: 1,
    level: 'orange',
    owner: '省大数据局 评估评价牵头处室',
  },
  {
    name: '济南、青岛五星级未全部达成',
    widget: 'assessment.city-5star',
    condition: 'below_target',
    threshold: 1,
    level: 'yellow',
    owner: '济南市、青岛市大数据局',
  },
  {
    name: '本级星级低于目标',
    widget: 'assessment.region-stars',
    condition: 'below_target',
    threshold: 1,
    level: 'yellow',
    owner: '本级大数据主管部门',
  },
  {
    name: '智能算力占比低于30%',
    widget: 'compute.ai-share',
    condition: 'below',
    threshold: 0.3,
    level: 'yellow',
    owner: '省大数据局 算力网络处室',
  },
  {
    name: '纳统月报超过45天未更新',
    widget: 'compute.total-eflops',
    condition: 'stale',
    threshold: 45,
    level: 'yellow',
    owner: '省大数据局 算力网络处室',
  },
  {
    name: '评估结果超过400天未更新',
    widget: 'assessment.county-4star-share',
    condition: 'stale',
    threshold: 400,
    level: 'yellow',
    owner: '省大数据局 评估评价牵头处室',
  },
  {
    name: '每日答卷异常波动',
    widget: 'participation.by-day',
    condition: 'anomaly',
    threshold: 3,
    level: 'yellow',
    owner: '问需于民活动组织部门',
  },
  {
    name: '算力规模月度异常波动',
    widget: 'compute.trend',
    condition: 'anomaly',
    threshold: 3,
    level: 'yellow',
    owner: '省大数据局 算力网络处室',
  },
  {
    name: '问需答卷超过30天无新增',
    widget: 'participation.responses',
    condition: 'stale',
    threshold: 30,
    level: 'yellow',
    owner: '问需于民活动组织部门',
  },
];
