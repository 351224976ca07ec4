import { z } from 'zod';
import { Bilingual, defineRoles, RegionCode } from './common.contract.ts';

/**
 * 一屏看山东 (Province screen). Routes under /api/v1/screen/. The screen owns no business figures: every number is
 * read from the module that measures it (through that module's API) and carries that module's source, time and
 * simulated flag, so a leader can always tell where a figure comes from and open the page behind it.
 */

/** Roles this module brings; the platform's (operators, approvers) need no entry here. */
export const SCREEN_ROLES = defineRoles({});

export const SCREEN_PERMISSIONS = {
  read: 'screen.read',
  manage: 'screen.manage',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in screen.errors.ts. */
export const SCREEN_ERRORS = {
  theme_exists: { zh: '本区划已有同名主题', en: 'This region already has a theme with that name' },
  theme_not_found: { zh: '主题不存在', en: 'Theme not found' },
  rule_exists: { zh: '本区划已有同名预警规则', en: 'This region already has a warning rule with that name' },
  rule_not_found: { zh: '预警规则不存在', en: 'Warning rule not found' },
  region_not_on_screen: {
    zh: '一屏看全省只到县级,请选择省、市或县(区)',
    en: 'The screen covers the province, its cities and counties only',
  },
  warning_not_firing: {
    zh: '该预警当前未触发(数据可能已变化),请刷新大屏后再处置',
    en: 'That warning is not firing now (the figures may have changed); refresh the screen',
  },
  briefing_font_missing: {
    zh: '服务器未安装中文字体,无法生成 PDF 简报(请安装 fonts-noto-cjk,或设置 ZC_CJK_FONT);Word 简报不受影响',
    en: 'The server has no CJK font for the PDF briefing (install fonts-noto-cjk or set ZC_CJK_FONT); the Word briefing still works',
  },
} as const;
export type ScreenErrorCode = keyof typeof SCREEN_ERRORS;

/**
 * The widgets a theme can show, in the catalogue's default order. A theme is data (which widgets, in which order),
 * so leaders' themes change without code; a new module adds its widgets here and its figures in the server.
 */
export const SCREEN_WIDGETS = {
  'assessment.county-4star-share': { module: 'assessment', zh: '县(市、区)四星级及以上占比', en: 'Counties at ≥ 4★' },
  'assessment.city-5star': { module: 'assessment', zh: '济南、青岛五星级', en: 'Jinan and Qingdao at 5★' },
  'assessment.city-4star-share': { module: 'assessment', zh: '设区市四星级及以上占比', en: 'Cities at ≥ 4★' },
  'assessment.county-3star-share': { module: 'assessment', zh: '县(市、区)三星级及以上占比', en: 'Counties at ≥ 3★' },
  'assessment.region-stars': { module: 'assessment', zh: '本级星级', en: 'Star level here' },
  'assessment.star-distribution': { module: 'assessment', zh: '下辖区划星级分布', en: 'Star levels below' },
  'assessment.top-regions': { module: 'assessment', zh: '评估得分前五', en: 'Top five by score' },
  'assessment.risers': { module: 'assessment', zh: '较上年升星', en: 'Up a star on last year' },
  'assessment.targets': { module: 'assessment', zh: '省定目标进度', en: 'Provincial targets' },
  'assessment.trend': { module: 'assessment', zh: '四星级及以上县占比走势', en: 'Counties at ≥ 4★ by year' },
  'participation.responses': { module: 'participation', zh: '问需于民答卷', en: 'Survey answers' },
  'participation.campaign': { module: 'participation', zh: '最新问需活动', en: 'Latest campaign' },
  'participation.top-demands': { module: 'participation', zh: '群众诉求热点', en: 'Top demands' },
  'participation.by-day': { module: 'participation', zh: '每日答卷', en: 'Answers by day' },
  'participation.by-channel': { module: 'participation', zh: '答卷渠道', en: 'Answers by channel' },
  'compute.data-centres': { module: 'compute-network', zh: '数据中心', en: 'Data centres' },
  'compute.total-eflops': { module: 'compute-network', zh: '算力总规模', en: 'Total compute' },
  'compute.ai-eflops': { module: 'compute-network', zh: '智能算力', en: 'AI compute' },
  'compute.ai-share': { module: 'compute-network', zh: '智能算力占比', en: 'AI share' },
  'compute.racks-in-use': { module: 'compute-network', zh: '在用标准机架', en: 'Racks in use' },
  'compute.rack-utilisation': { module: 'compute-network', zh: '机架利用率', en: 'Rack utilisation' },
  'compute.by-city': { module: 'compute-network', zh: '各市算力规模', en: 'Compute by city' },
  'compute.trend': { module: 'compute-network', zh: '算力规模月度走势', en: 'Compute by month' },
  'compute.voucher-committed': { module: 'compute-network', zh: '算力券已承诺额度', en: 'Vouchers committed' },
  'compute.voucher-remaining': { module: 'compute-network', zh: '算力券剩余额度', en: 'Voucher pool left' },
  'compute.orders': { module: 'compute-network', zh: '算力超市订单', en: 'Supermarket orders' },
  'scenarios.accepted': { module: 'scenarios', zh: '优秀案例上榜', en: 'Cases on the board' },
  'scenarios.spread': { module: 'scenarios', zh: '案例覆盖区划', en: 'Regions with cases' },
  'scenarios.by-domain': { module: 'scenarios', zh: '案例领域分布', en: 'Cases by domain' },
  'communities.basic-growth': {
    module: 'communities',
    zh: '基础型、成长型智慧社区',
    en: 'Basic and growth communities',
  },
  'communities.benchmark': { module: 'communities', zh: '标杆型智慧社区', en: 'Benchmark communities' },
  'communities.coverage': { module: 'communities', zh: '城市社区覆盖率', en: 'Urban community coverage' },
  'communities.by-tier': { module: 'communities', zh: '智慧社区分级', en: 'Communities by tier' },
  'communities.top-counties': { module: 'communities', zh: '社区覆盖率前五', en: 'Top five by coverage' },
  'city-brain.online': { module: 'city-brain', zh: '城市大脑在线', en: 'City brains online' },
  'city-brain.links': { module: 'city-brain', zh: '城市大脑连接状态', en: 'City brain links' },
  'city-brain.open-events': { module: 'city-brain', zh: '在办事件', en: 'Open events' },
  'city-brain.overdue-events': { module: 'city-brain', zh: '超时事件', en: 'Overdue events' },
  'city-brain.on-time-rate': { module: 'city-brain', zh: '环节按时办结率', en: 'Steps on time' },
  'city-brain.events-by-step': { module: 'city-brain', zh: '事件闭环环节分布', en: 'Events by step' },
  'city-brain.events-by-city': { module: 'city-brain', zh: '各市在办事件', en: 'Open events by city' },
  'city-brain.dead-letters': { module: 'city-brain', zh: '交换死信', en: 'Dead letters' },
  'work-ledger.colours': { module: 'work-ledger', zh: '工作台账红黄绿灯', en: 'Ledger tasks by colour' },
  'work-ledger.red': { module: 'work-ledger', zh: '红灯督办任务', en: 'Red tasks (督办)' },
} as const satisfies Record<string, { module: string; zh: string; en: string }>;
export type WidgetKey = keyof typeof SCREEN_WIDGETS;
export const WidgetKey = z.enum(Object.keys(SCREEN_WIDGETS) as [WidgetKey, ...WidgetKey[]]);

/** Map layers: a value per child region (a city on the province's map, a county on a city's). */
export const SCREEN_LAYERS = {
  'assessment.stars': { module: 'assessment', zh: '评估星级', en: 'Star levels' },
  'participation.responses': { module: 'participation', zh: '问需答卷', en: 'Survey answers' },
  'compute.total-eflops': { module: 'compute-network', zh: '算力规模', en: 'Compute' },
  'compute.data-centres': { module: 'compute-network', zh: '数据中心', en: 'Data centres' },
  'scenarios.accepted': { module: 'scenarios', zh: '优秀案例', en: 'Cases' },
  'communities.smart': { module: 'communities', zh: '智慧社区', en: 'Smart communities' },
  'city-brain.status': { module: 'city-brain', zh: '城市大脑连接', en: 'City brain links' },
  'city-brain.open-events': { module: 'city-brain', zh: '在办事件', en: 'Open events' },
} as const satisfies Record<string, { module: string; zh: string; en: string }>;
export type LayerKey = keyof typeof SCREEN_LAYERS;
export const LayerKey = z.enum(Object.keys(SCREEN_LAYERS) as [LayerKey, ...LayerKey[]]);

/** Where a figure comes from: the module, what in it, as of when, whether it is made up, and the page behind it. */
export const FigureSource = z.object({
  module: z.string(),
  label: Bilingual,
  /** The web page the figure comes from (a click opens it). */
  href: z.string(),
  asOf: z.string().nullable(),
  simulated: z.boolean(),
});
export type FigureSource = z.infer<typeof FigureSource>;

export const FigureItem = z.object({
  label: z.string(),
  value: z.number(),
  /** '%': a share 0–1; omitted: a plain number. */
  unit: z.string().optional(),
  /** A second figure shown beside the value (last year's stars, a share). */
  note: z.string().optional(),
  href: z.string().optional(),
});

export const Figure = z.object({
  key: WidgetKey,
  title: Bilingual,
  /** stat: one number (against a target when there is one); list: ranked items; bars: a category chart; trend: a line. */
  kind: z.enum(['stat', 'list', 'bars', 'trend']),
  value: z.number().nullable(),
  /** '%' values are shares 0–1 shown as percentages. */
  unit: z.string(),
  target: z.number().nullable(),
  /** Free text shown under the value (a campaign's title, 2 of 2). */
  caption: z.string().optional(),
  items: z.array(FigureItem).optional(),
  source: FigureSource,
});
export type Figure = z.infer<typeof Figure>;

export const Layer = z.object({
  key: LayerKey,
  title: Bilingual,
  unit: z.string(),
  /** stars: coloured by level 1–5; status: 3 online, 2 late, 1 offline, 0 never connected; continuous: a ramp. */
  scale: z.enum(['stars', 'status', 'continuous']),
  values: z.record(z.string(), z.number()),
  source: FigureSource,
});
export type Layer = z.infer<typeof Layer>;

// ---------------------------------------------------------------- warnings

export const WarningLevel = z.enum(['red', 'orange', 'yellow']);
export type WarningLevel = z.infer<typeof WarningLevel>;

/**
 * below_target: value under `threshold` × the figure's own target (1 = the target itself); below / above: value
 * under / over `threshold`; stale: the source older than `threshold` days; anomaly: a trend's newest point more than
 * `threshold` standard deviations from the points before it (a z-score jump, either way).
 */
export const WarningCondition = z.enum(['below_target', 'below', 'above', 'stale', 'anomaly']);
export type WarningCondition = z.infer<typeof WarningCondition>;

export const WarningRuleInput = z.object({
  name: z.string().trim().min(1).max(80),
  /** The rule applies to this region's screen and the screens below it. */
  regionCode: RegionCode,
  widget: WidgetKey,
  condition: WarningCondition,
  threshold: z.number().min(-1e12).max(1e12),
  level: WarningLevel,
  /** Who acts on it (a department or post), shown with the warning. */
  owner: z.string().trim().min(1).max(80),
  enabled: z.boolean().default(true),
});
export type WarningRuleInput = z.input<typeof WarningRuleInput>;

export const WarningRule = WarningRuleInput.extend({
  id: z.uuid(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type WarningRule = z.infer<typeof WarningRule>;
export const WarningRuleList = z.object({ items: z.array(WarningRule) });
export const WarningRuleParams = z.object({ id: z.uuid() });

export const ScreenWarning = z.object({
  ruleId: z.uuid(),
  rule: z.string(),
  widget: WidgetKey,
  level: WarningLevel,
  message: Bilingual,
  value: z.number().nullable(),
  /** What the value was compared with (the target × threshold, the bound, or the days allowed). */
  limit: z.number(),
  owner: z.string(),
  /** The page to act from: the figure's source page. */
  href: z.string(),
  simulated: z.boolean(),
});
export type ScreenWarning = z.infer<typeof ScreenWarning>;

export const ScreenRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  /** Root first, ending with this region: the drill-down trail. */
  trail: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const ScreenOverview = z.object({
  region: ScreenRegion,
  /** The region whose children the map draws (a county's map is its city's, with the county highlighted). */
  mapCode: z.string(),
  generatedAt: z.string(),
  /** Changes whenever a figure does; the live stream pushes only new versions. */
  version: z.string(),
  /** Any figure on the screen made up (示例)? */
  simulated: z.boolean(),
  figures: z.array(Figure),
  layers: z.array(Layer),
  /** Rules over the figures that fire now, most severe first. */
  warnings: z.array(ScreenWarning),
});
export type ScreenOverview = z.infer<typeof ScreenOverview>;

export const ScreenQuery = z.object({ region: RegionCode.optional() });

/** Acting on a warning: a 督办 task in the work ledger, or an event in the city-brain hub's closed loop. */
export const WarningAction = z.enum(['ledger_task', 'city_event']);
export type WarningAction = z.infer<typeof WarningAction>;

export const WarningActInput = z
  .object({
    /** The screen the warning is on. */
    region: RegionCode,
    ruleId: z.uuid(),
    action: WarningAction,
    /** An event's category in the closed loop (GB/T 30428 class); needed for city_event. */
    category: z
      .enum(['city_appearance', 'road_facility', 'public_safety', 'environment', 'traffic', 'public_health'])
      .optional(),
  })
  .refine((x) => x.action !== 'city_event' || x.category !== undefined, {
    message: 'an event needs its category',
    path: ['category'],
  });
export type WarningActInput = z.infer<typeof WarningActInput>;

export const WarningActResult = z.object({
  action: WarningAction,
  /** The task's or the event's id in its module. */
  id: z.string(),
  /** The ledger task's number (99.n), for a ledger task. */
  code: z.string().nullable(),
  /** The page of what was opened. */
  href: z.string(),
});
export type WarningActResult = z.infer<typeof WarningActResult>;
export type ScreenQuery = z.infer<typeof ScreenQuery>;
export const ScreenStreamQuery = z.object({ region: RegionCode });

// ---------------------------------------------------------------- themes

export const Theme = z.object({
  /** null: the built-in default (every widget in catalogue order), used until a region saves its own. */
  id: z.uuid().nullable(),
  name: z.string(),
  regionCode: z.string(),
  widgets: z.array(WidgetKey),
  layers: z.array(LayerKey),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Theme = z.infer<typeof Theme>;

export const ThemeInput = z.object({
  name: z.string().trim().min(1).max(60),
  regionCode: RegionCode,
  widgets: z
    .array(WidgetKey)
    .min(1)
    .max(100)
    .refine((w) => new Set(w).size === w.length, 'a widget appears once'),
  layers: z
    .array(LayerKey)
    .max(20)
    .refine((w) => new Set(w).size === w.length, 'a layer appears once'),
  isDefault: z.boolean().default(false),
});
export type ThemeInput = z.input<typeof ThemeInput>;

export const ThemeQuery = z.object({ region: RegionCode.optional() });
/** The themes a region's screen may use (its own and its ancestors', then the built-in one) and the one it uses. */
export const ThemeList = z.object({ items: z.array(Theme), active: Theme });
export type ThemeList = z.infer<typeof ThemeList>;
export const ThemeParams = z.object({ id: z.uuid() });

// ---------------------------------------------------------------- forecasts

export const ForecastStatus = z.enum(['shown', 'baseline_wins', 'too_short']);

export const ForecastSeries = z.object({
  key: WidgetKey,
  title: Bilingual,
  unit: z.string(),
  frequency: z.enum(['month', 'year']),
  target: z.number().nullable(),
  history: z.array(z.object({ label: z.string(), value: z.number() })),
  /**
   * shown: the model beat the Comb benchmark in the back-test and its forecast is shown; baseline_wins: it did not,
   * so no forecast is shown; too_short: too little history to hold any out.
   */
  status: ForecastStatus,
  /** Empty unless shown. */
  forecast: z.array(
    z.object({ label: z.string(), value: z.number(), lower: z.number().nullable(), upper: z.number().nullable() }),
  ),
  /** Prediction-interval level of `forecast` (0.8: 80%). */
  level: z.number(),
  model: z.string(),
  backTest: z
    .object({
      origins: z.number().int(),
      horizon: z.number().int(),
      modelMae: z.number(),
      combMae: z.number(),
      coverage: z.number().nullable(),
      modelWins: z.boolean(),
    })
    .nullable(),
  source: FigureSource,
});
export type ForecastSeries = z.infer<typeof ForecastSeries>;
export const ScreenForecasts = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  generatedAt: z.string(),
  items: z.array(ForecastSeries),
});
export type ScreenForecasts = z.infer<typeof ScreenForecasts>;

// ---------------------------------------------------------------- what-if

export const WhatIfInput = z.object({
  /** The region whose counties are counted (the province by default). */
  region: RegionCode.optional(),
  /** The star level the target counts (≥ stars). */
  stars: z.number().int().min(1).max(5).default(4),
  /** The target share 0–1 of counties at ≥ stars. */
  targetShare: z.number().min(0).max(1).default(0.4),
  /** Supposed star levels of some counties. */
  changes: z
    .array(z.object({ regionCode: RegionCode, stars: z.number().int().min(1).max(5) }))
    .max(500)
    .default([]),
});
export type WhatIfInput = z.input<typeof WhatIfInput>;

export const WhatIfCounty = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  stars: z.number().int(),
  supposed: z.number().int().nullable(),
  score: z.number(),
  /** Among the fewest counties whose rise would reach the target. */
  enough: z.boolean(),
});

export const WhatIfResult = z.object({
  year: z.number().int().nullable(),
  stars: z.number().int(),
  targetShare: z.number(),
  total: z.number().int(),
  atLeastBefore: z.number().int(),
  atLeastAfter: z.number().int(),
  shareBefore: z.number().nullable(),
  shareAfter: z.number().nullable(),
  /** How many more counties must reach the level after the supposed changes. */
  needed: z.number().int(),
  /** Counties below the level, the closest first (higher stars, then higher score). */
  candidates: z.array(WhatIfCounty),
  source: FigureSource,
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;
