import type { AssessmentResultRow, AssessmentStatistics } from '@zhicheng/contracts/assessment';
import type { ComputeRegionTotals } from '@zhicheng/contracts/compute-network';
import type { Coverage } from '@zhicheng/contracts/communities';
import type { DemandTopicShare, ParticipationSummary } from '@zhicheng/contracts/participation';
import type { BoardSummary } from '@zhicheng/contracts/scenarios';
import {
  SCREEN_LAYERS,
  SCREEN_WIDGETS,
  type Figure,
  type FigureSource,
  type Layer,
  type LayerKey,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import type { CityLink, ClosedLoop } from '../city-brain/index.ts';
import type { ComputeMarketSummary } from '../compute-network/index.ts';

/**
 * The screen's figures, made from what each module reported (pure: no database, so every rule here is unit-tested).
 * Nothing is computed that a module already computes; the screen only selects, rolls up to the map's regions, and
 * cites.
 */

export type ScreenLevel = 'province' | 'city' | 'county';

/**
 * Cities the 2024-09-18 reply names for 5★ ("济南、青岛和部分县(市、区)达到五星级"), by province: a fact of
 * Shandong's programme, so another province configures its own list here (empty: the widget shows no target).
 */
export const FIVE_STAR_CITIES: Record<string, readonly string[]> = { '370000': ['370100', '370200'] };

export interface AssessmentReading {
  year: number;
  statistics: AssessmentStatistics;
  /** Published results of the counties under the screen's region (a county's screen: its city's counties). */
  counties: AssessmentResultRow[];
  /** Published results of every city. */
  cities: AssessmentResultRow[];
  /** The share of the region's counties at ≥ 4★, by year. */
  history: { year: number; share: number | null }[];
  campaign: string | null;
  publishedAt: string | null;
  sample: boolean;
}

export interface Readings {
  provinceCode: string;
  region: { code: string; name: string; level: ScreenLevel; parentCode: string | null };
  /** The regions the map draws (the province's cities, a city's counties, a county's peers). */
  children: { code: string; name: string }[];
  assessment: AssessmentReading | null;
  participation: { summary: ParticipationSummary; topics: DemandTopicShare[] } | null;
  compute: ComputeRegionTotals | null;
  scenarios?: BoardSummary | null;
  communities?: Coverage | null;
  /** Every city brain's link; the screen keeps those in its region. */
  cityBrains?: CityLink[] | null;
  /** The region's closed loop of events (事件闭环). */
  loop?: ClosedLoop | null;
  /** Open and overdue events per city of the province. */
  eventsByCity?: { regionCode: string; open: number; overdue: number }[] | null;
  /** The supermarket's orders and the compute vouchers, province-wide. */
  market?: ComputeMarketSummary | null;
  /** The work ledger's tasks of the year by colour, province-wide. */
  ledger?: { year: number; green: number; yellow: number; red: number; closed: number; demo: boolean } | null;
}

const title = (key: WidgetKey) => ({ zh: SCREEN_WIDGETS[key].zh, en: SCREEN_WIDGETS[key].en });
const round4 = (x: number) => Math.round(x * 10000) / 10000;
const shareOf = (n: number, total: number) => (total ? round4(n / total) : null);

/**
 * A child region a code rolls up to: GB/T 2260 codes share their parent's leading digits (a city 3701xx under
 * 37, a county 370102 and its streets 370102xxx under 370102).
 */
export function rollUp(byCode: readonly { code: string; n: number }[], children: readonly string[]) {
  const prefixes = children.map((c) => [c, c.replace(/(00)+$/, '')] as const);
  const out: Record<string, number> = {};
  for (const { code, n } of byCode) {
    const hit = prefixes.find(([, p]) => code.startsWith(p));
    if (hit) out[hit[0]] = (out[hit[0]] ?? 0) + n;
  }
  return out;
}

function assessmentFigures(r: Readings, a: AssessmentReading): Figure[] {
  const regionHref =
    r.region.level === 'province' ? '/assessment' : `/assessment/report/${encodeURIComponent(r.region.code)}`;
  const src = (href = regionHref): FigureSource => ({
    module: 'assessment',
    label: {
      zh: `${a.campaign ?? `${a.year}年度评估`}(已发布结果)`,
      en: `${a.campaign ?? `${a.year} assessment`} (published results)`,
    },
    href,
    asOf: a.publishedAt,
    simulated: a.sample,
  });
  const target = (level: 'city' | 'county', stars: number) => {
    const ts = a.statistics.targets.filter((t) => t.level === level && t.stars === stars && t.share !== null);
    return ts.sort((x, y) => y.year - x.year)[0] ?? null;
  };
  const atLeast = (rows: AssessmentResultRow[], s: number) => rows.filter((x) => x.stars >= s).length;
  const scope = r.region.level === 'county' ? '所在市' : r.region.level === 'city' ? '本市' : '全省';
  const c4 = target('county', 4);
  const c3 = target('county', 3);
  const city4 = target('city', 4);
  const five = FIVE_STAR_CITIES[r.provinceCode] ?? [];
  const fiveRows = a.cities.filter((c) => five.includes(c.regionCode));
  const own = [...a.cities, ...a.counties].find((x) => x.regionCode === r.region.code);
  // A county's screen compares it with its city's counties; a city's and the province's with the level below.
  const below = r.region.level === 'province' ? a.cities : a.counties;
  const dist = [1, 2, 3, 4, 5].map((s) => ({ label: `${s}★`, value: below.filter((x) => x.stars === s).length }));
  const rowHref = (x: AssessmentResultRow) => `/screen/${x.regionCode}`;
  return [
    {
      key: 'assessment.county-4star-share',
      title: title('assessment.county-4star-share'),
      kind: 'stat',
      value: shareOf(atLeast(a.counties, 4), a.counties.length),
      unit: '%',
      target: c4?.share ?? null,
      caption: `${scope} ${atLeast(a.counties, 4)}/${a.counties.length} · 目标 ${c4 ? c4.label.zh : '—'}`,
      source: src(),
    },
    {
      key: 'assessment.city-5star',
      title: title('assessment.city-5star'),
      kind: 'stat',
      value: fiveRows.filter((c) => c.stars >= 5).length,
      unit: '个',
      target: five.length || null,
      caption: fiveRows.map((c) => `${c.regionName} ${c.stars}★`).join(' · '),
      items: fiveRows.map((c) => ({ label: c.regionName, value: c.stars, href: rowHref(c) })),
      source: src('/assessment'),
    },
    {
      key: 'assessment.city-4star-share',
      title: title('assessment.city-4star-share'),
      kind: 'stat',
      value: shareOf(atLeast(a.cities, 4), a.cities.length),
      unit: '%',
      target: city4?.share ?? null,
      caption: `全省 ${atLeast(a.cities, 4)}/${a.cities.length}${city4 ? ` · ${city4.label.zh}` : ''}`,
      source: src('/assessment'),
    },
    {
      key: 'assessment.county-3star-share',
      title: title('assessment.county-3star-share'),
      kind: 'stat',
      value: shareOf(atLeast(a.counties, 3), a.counties.length),
      unit: '%',
      target: c3?.share ?? null,
      caption: `${scope} ${atLeast(a.counties, 3)}/${a.counties.length}${c3 ? ` · ${c3.label.zh}` : ''}`,
      source: src(),
    },
    // The province has no star level of its own: the widget appears on a city's or a county's screen.
    ...(r.region.level === 'province'
      ? []
      : [
          {
            key: 'assessment.region-stars' as const,
            title: title('assessment.region-stars'),
            kind: 'stat' as const,
            value: own?.stars ?? null,
            unit: '★',
            target: r.region.level === 'city' ? (five.includes(r.region.code) ? 5 : 4) : 4,
            caption: own
              ? `${own.regionName} 得分 ${own.score.toFixed(1)} · 上年 ${own.previousStars ?? '—'}★ · 排名 ${own.rank}`
              : '暂无已发布结果',
            source: src(),
          } satisfies Figure,
        ]),
    {
      key: 'assessment.star-distribution',
      title: title('assessment.star-distribution'),
      kind: 'bars',
      value: below.length,
      unit: '个',
      target: null,
      items: dist,
      source: src(),
    },
    {
      key: 'assessment.top-regions',
      title: title('assessment.top-regions'),
      kind: 'list',
      value: null,
      unit: '分',
      target: null,
      items: [...below]
        .sort((x, y) => y.score - x.score)
        .slice(0, 5)
        .map((x) => ({
          label: x.regionName,
          value: Math.round(x.score * 10) / 10,
          note: `${x.stars}★`,
          href: rowHref(x),
        })),
      source: src(),
    },
    {
      key: 'assessment.risers',
      title: title('assessment.risers'),
      kind: 'list',
      value: below.filter((x) => x.previousStars !== null && x.stars > x.previousStars).length,
      unit: '个',
      target: null,
      items: below
        .filter((x) => x.previousStars !== null && x.stars > x.previousStars)
        .slice(0, 8)
        .map((x) => ({
          label: x.regionName,
          value: x.stars,
          note: `${x.previousStars}★→${x.stars}★`,
          href: rowHref(x),
        })),
      source: src(),
    },
    {
      key: 'assessment.targets',
      title: title('assessment.targets'),
      kind: 'list',
      value: a.statistics.targets.filter((t) => t.met).length,
      unit: `/${a.statistics.targets.length}`,
      target: null,
      caption: '全省口径',
      items: a.statistics.targets.map((t) => ({
        label: t.label.zh,
        value: t.actual,
        unit: t.count !== null ? '个' : '%',
        note: `${t.met ? '已达成' : '未达成'} · ${t.source}`,
      })),
      source: src('/assessment'),
    },
    {
      key: 'assessment.trend',
      title: title('assessment.trend'),
      kind: 'trend',
      value: a.history.at(-1)?.share ?? null,
      unit: '%',
      target: c4?.share ?? null,
      items: a.history.filter((h) => h.share !== null).map((h) => ({ label: String(h.year), value: h.share! })),
      source: src(),
    },
  ];
}

function participationFigures(r: Readings, p: NonNullable<Readings['participation']>): Figure[] {
  const s = p.summary;
  const src: FigureSource = {
    module: 'participation',
    label: {
      zh: s.campaign ? `问需于民 · ${s.campaign.title}` : '问需于民(暂无活动)',
      en: s.campaign ? `Citizen surveys · ${s.campaign.title}` : 'Citizen surveys (no campaign)',
    },
    href: s.campaign ? `/participation/campaigns/${s.campaign.id}` : '/participation',
    asOf: s.asOf,
    simulated: s.sample,
  };
  const covered = Object.keys(
    rollUp(
      s.byRegion,
      r.children.map((c) => c.code),
    ),
  ).length;
  const CHANNEL: Record<string, string> = { online: '线上', offline: '线下录入' };
  return [
    {
      key: 'participation.responses',
      title: title('participation.responses'),
      kind: 'stat',
      value: s.responses,
      unit: '份',
      target: null,
      caption: s.campaign ? `${s.campaign.year}年 · ${s.campaign.status === 'open' ? '进行中' : '已结束'}` : '暂无活动',
      source: src,
    },
    {
      key: 'participation.campaign',
      title: title('participation.campaign'),
      kind: 'stat',
      value: covered,
      unit: `/${r.children.length} 个区划有答卷`,
      target: null,
      caption: s.campaign?.title ?? '暂无活动',
      source: src,
    },
    {
      key: 'participation.top-demands',
      title: title('participation.top-demands'),
      kind: 'list',
      value: null,
      unit: '条',
      target: null,
      items: p.topics.map((t) => ({ label: t.label, value: t.count, note: `${Math.round(t.share * 1000) / 10}%` })),
      source: src,
    },
    {
      key: 'participation.by-day',
      title: title('participation.by-day'),
      kind: 'trend',
      value: s.byDay.at(-1)?.n ?? null,
      unit: '份',
      target: null,
      items: s.byDay.slice(-30).map((d) => ({ label: d.day.slice(5), value: d.n })),
      source: src,
    },
    {
      key: 'participation.by-channel',
      title: title('participation.by-channel'),
      kind: 'bars',
      value: s.responses,
      unit: '份',
      target: null,
      items: s.byChannel.map((c) => ({ label: CHANNEL[c.channel] ?? c.channel, value: c.n })),
      source: src,
    },
  ];
}

function computeFigures(r: Readings, c: ComputeRegionTotals): Figure[] {
  const src: FigureSource = {
    module: 'compute-network',
    label: {
      zh: `纳统月报(已审核)${c.period ? ` · ${c.period}` : ''}`,
      en: `Approved monthly reports${c.period ? ` · ${c.period}` : ''}`,
    },
    href: '/compute/statistics',
    asOf: c.source.asOf,
    simulated: c.source.simulated,
  };
  const h = c.province;
  const stat = (key: WidgetKey, value: number | null, unit: string, caption?: string): Figure => ({
    key,
    title: title(key),
    kind: 'stat',
    value,
    unit,
    target: null,
    ...(caption ? { caption } : {}),
    source: src,
  });
  const pct = (x: number | null) => (x === null ? null : round4(x / 100));
  return [
    stat('compute.data-centres', h.dataCentres, '个', `${h.reported} 个已报送`),
    stat('compute.total-eflops', round4(h.totalEflops), 'EFLOPS'),
    stat('compute.ai-eflops', round4(h.aiEflops), 'EFLOPS'),
    stat('compute.ai-share', pct(h.aiSharePct), '%'),
    stat('compute.racks-in-use', h.racksInUse, '架', `设计 ${h.designRacks} 架`),
    stat('compute.rack-utilisation', pct(h.rackUtilisationPct), '%'),
    {
      key: 'compute.by-city',
      title: title('compute.by-city'),
      kind: 'bars',
      value: round4(h.totalEflops),
      unit: 'EFLOPS',
      target: null,
      items: c.byCity
        .filter((x) => r.region.level === 'province' || x.code === r.region.code || x.code === r.region.parentCode)
        .map((x) => ({ label: x.name, value: round4(x.totalEflops), href: `/screen/${x.code}` })),
      source: src,
    },
    {
      key: 'compute.trend',
      title: title('compute.trend'),
      kind: 'trend',
      value: c.trend.length ? round4(c.trend.at(-1)!.totalEflops) : null,
      unit: 'EFLOPS',
      target: null,
      items: c.trend.slice(-12).map((x) => ({ label: x.period, value: round4(x.totalEflops) })),
      source: src,
    },
  ];
}

const ORDER_WORD: Record<string, string> = {
  requested: '待确认',
  confirmed: '已确认',
  active: '使用中',
  billed: '已结算',
  paid: '已支付',
  cancelled: '已取消',
  rejected: '已拒绝',
};
const wan = (fen: number) => Math.round(fen / 100) / 10_000;

/** The supermarket and the vouchers are the province's: the same figures on every screen, said so. */
function marketFigures(r: Readings, m: ComputeMarketSummary): Figure[] {
  const scope = r.region.level === 'province' ? '' : '全省口径 · ';
  const voucherSrc: FigureSource = {
    module: 'compute-network',
    label: {
      zh: m.voucher ? `算力券 · ${m.voucher.name}` : '算力券(暂无政策)',
      en: m.voucher ? `Compute vouchers · ${m.voucher.year}` : 'Compute vouchers (no policy)',
    },
    href: '/compute/vouchers',
    asOf: m.asOf,
    simulated: m.simulated,
  };
  const v = m.voucher;
  const orders = m.orders.reduce((a, o) => a + o.n, 0);
  return [
    {
      key: 'compute.voucher-committed',
      title: title('compute.voucher-committed'),
      kind: 'stat',
      value: v ? wan(v.committedFen) : null,
      unit: '万元',
      target: v ? wan(v.poolFen) : null,
      caption: v
        ? `${scope}${v.year}年资金池 ${wan(v.poolFen)} 万元 · 已拨付 ${wan(v.paidFen)} 万元`
        : '暂无算力券政策',
      source: voucherSrc,
    },
    {
      key: 'compute.voucher-remaining',
      title: title('compute.voucher-remaining'),
      kind: 'stat',
      value: v ? wan(v.poolFen - v.committedFen) : null,
      unit: '万元',
      target: null,
      caption: `${scope}申领 ${m.claims.reduce((a, c) => a + c.n, 0)} 笔`,
      source: voucherSrc,
    },
    {
      key: 'compute.orders',
      title: title('compute.orders'),
      kind: 'bars',
      value: orders,
      unit: '单',
      target: null,
      caption: `${scope}已结算 ${wan(m.orders.reduce((a, o) => a + o.billedFen, 0))} 万元`,
      items: m.orders.map((o) => ({ label: ORDER_WORD[o.status] ?? o.status, value: o.n })),
      source: {
        ...voucherSrc,
        label: { zh: '算力超市订单', en: 'Supermarket orders' },
        href: '/compute/market/orders',
      },
    },
  ];
}

function scenarioFigures(r: Readings, b: BoardSummary): Figure[] {
  const src: FigureSource = {
    module: 'scenarios',
    label: { zh: '优秀案例动态打榜(已上榜)', en: 'Case board (accepted)' },
    href: '/scenarios',
    asOf: b.asOf,
    simulated: b.sample,
  };
  const spread = rollUp(
    b.byRegion,
    r.children.map((c) => c.code),
  );
  return [
    {
      key: 'scenarios.accepted',
      title: title('scenarios.accepted'),
      kind: 'stat',
      value: b.accepted,
      unit: '个',
      target: null,
      source: src,
    },
    {
      key: 'scenarios.spread',
      title: title('scenarios.spread'),
      kind: 'stat',
      value: Object.keys(spread).length,
      unit: `/${r.children.length}`,
      target: null,
      caption: '有上榜案例的下辖区划',
      source: src,
    },
    {
      key: 'scenarios.by-domain',
      title: title('scenarios.by-domain'),
      kind: 'bars',
      value: b.accepted,
      unit: '个',
      target: null,
      items: b.byDomain.map((d) => ({ label: d.name, value: d.n })),
      source: src,
    },
  ];
}

function communityFigures(r: Readings, c: Coverage): Figure[] {
  const src: FigureSource = {
    module: 'communities',
    label: { zh: `智慧社区台账 · ${c.source}`, en: `Smart community registry · ${c.source}` },
    href: '/communities',
    asOf: null,
    simulated: c.demo,
  };
  // The 3,500 / 50 targets are the province's; a city's or county's screen shows its count without them.
  const province = r.region.level === 'province';
  const t = c.totals;
  return [
    {
      key: 'communities.basic-growth',
      title: title('communities.basic-growth'),
      kind: 'stat',
      value: t.basic + t.growth,
      unit: '个',
      target: province ? c.targets.basicGrowth : null,
      caption: `基础型 ${t.basic} · 成长型 ${t.growth}`,
      source: src,
    },
    {
      key: 'communities.benchmark',
      title: title('communities.benchmark'),
      kind: 'stat',
      value: t.benchmark,
      unit: '个',
      target: province ? c.targets.benchmark : null,
      source: src,
    },
    {
      key: 'communities.coverage',
      title: title('communities.coverage'),
      kind: 'stat',
      value: t.coverage,
      unit: '%',
      target: null,
      caption: `智慧社区 ${t.smart} / 居委会 ${t.residentsCommittees}`,
      source: src,
    },
    {
      key: 'communities.by-tier',
      title: title('communities.by-tier'),
      kind: 'bars',
      value: t.smart,
      unit: '个',
      target: null,
      items: [
        { label: '基础型', value: t.basic },
        { label: '成长型', value: t.growth },
        { label: '标杆型', value: t.benchmark },
      ],
      source: src,
    },
    {
      key: 'communities.top-counties',
      title: title('communities.top-counties'),
      kind: 'list',
      value: null,
      unit: '%',
      target: null,
      items: c.counties
        .filter((x) => x.coverage !== null && x.smart > 0)
        .sort((a, b) => b.coverage! - a.coverage! || b.smart - a.smart)
        .slice(0, 5)
        .map((x) => ({
          label: `${x.cityName}${x.countyName}`,
          value: x.coverage!,
          unit: '%',
          note: `${x.smart}/${x.residentsCommittees}`,
          href: `/screen/${x.countyCode}`,
        })),
      source: src,
    },
  ];
}

const LINK_RANK = { online: 3, stale: 2, offline: 1, never: 0 } as const;
const LINK_WORD = { online: '在线', stale: '延迟', offline: '离线', never: '未接入' } as const;

/** City brains inside the region (a county's screen shows its city's). */
function linksHere(r: Readings, links: CityLink[]) {
  const city = r.region.level === 'county' ? r.region.parentCode : r.region.code;
  return r.region.level === 'province' ? links : links.filter((l) => l.regionCode === city);
}

function cityBrainFigures(r: Readings, all: CityLink[]): Figure[] {
  const links = linksHere(r, all);
  const times = links.flatMap((l) => (l.lastHeartbeatAt ? [l.lastHeartbeatAt] : [])).sort();
  const src: FigureSource = {
    module: 'city-brain',
    label: { zh: '齐鲁智脑 · 子平台心跳', en: 'City-brain hub · heartbeats' },
    href: '/city-brain/sub-platforms',
    asOf: times.at(-1) ?? null,
    simulated: links.some((l) => l.demo),
  };
  const online = links.filter((l) => l.status === 'online').length;
  return [
    {
      key: 'city-brain.online',
      title: title('city-brain.online'),
      kind: 'stat',
      value: online,
      unit: `/${links.length}`,
      target: links.length || null,
      caption: (['stale', 'offline', 'never'] as const)
        .map((s) => `${LINK_WORD[s]} ${links.filter((l) => l.status === s).length}`)
        .join(' · '),
      source: src,
    },
    {
      key: 'city-brain.links',
      title: title('city-brain.links'),
      kind: 'list',
      value: null,
      unit: '',
      target: null,
      items: [...links]
        .sort((a, b) => LINK_RANK[a.status] - LINK_RANK[b.status])
        .map((l) => ({
          label: l.name,
          value: l.upPerMinute,
          unit: '条/分',
          note: `${LINK_WORD[l.status]}${l.lagSeconds !== null ? ` · 延迟 ${l.lagSeconds}s` : ''}`,
        })),
      source: src,
    },
  ];
}

const STEP_WORD: Record<string, string> = {
  reported: '上报',
  registered: '立案',
  dispatched: '派遣',
  handling: '处置',
  fed_back: '反馈',
  closed: '核查结案',
  evaluated: '评价',
  rejected: '不予立案',
};

/** The closed loop (事件闭环) of the region's events, and the open events of every city on the province's screen. */
function loopFigures(r: Readings, l: ClosedLoop, byCity: Readings['eventsByCity']): Figure[] {
  const src: FigureSource = {
    module: 'city-brain',
    label: { zh: '齐鲁智脑 · 事件流转', en: 'City-brain hub · event desk' },
    href: '/city-brain/events',
    asOf: l.asOf,
    simulated: l.demo,
  };
  const names = new Map(r.children.map((c) => [c.code, c.name]));
  const out: Figure[] = [
    {
      key: 'city-brain.open-events',
      title: title('city-brain.open-events'),
      kind: 'stat',
      value: l.open,
      unit: '件',
      target: null,
      caption: `共 ${l.total} 件 · 已结案 ${l.byStatus.filter((s) => s.status === 'closed' || s.status === 'evaluated').reduce((a, s) => a + s.n, 0)} 件`,
      source: src,
    },
    {
      key: 'city-brain.overdue-events',
      title: title('city-brain.overdue-events'),
      kind: 'stat',
      value: l.overdue,
      unit: '件',
      target: null,
      caption: '当前环节超过时限',
      source: src,
    },
    {
      key: 'city-brain.on-time-rate',
      title: title('city-brain.on-time-rate'),
      kind: 'stat',
      value: shareOf(l.onTimeSteps, l.steps),
      unit: '%',
      target: null,
      caption: `${l.onTimeSteps}/${l.steps} 个环节按时`,
      source: src,
    },
    {
      key: 'city-brain.events-by-step',
      title: title('city-brain.events-by-step'),
      kind: 'bars',
      value: l.total,
      unit: '件',
      target: null,
      items: Object.keys(STEP_WORD).map((k) => ({
        label: STEP_WORD[k]!,
        value: l.byStatus.find((s) => s.status === k)?.n ?? 0,
      })),
      source: src,
    },
    {
      key: 'city-brain.dead-letters',
      title: title('city-brain.dead-letters'),
      kind: 'stat',
      value: l.deadLetters,
      unit: '条',
      target: null,
      caption: '全省交换通道拒收的消息',
      source: {
        ...src,
        label: { zh: '齐鲁智脑 · 数据交换', en: 'City-brain hub · exchange' },
        href: '/city-brain/network',
      },
    },
  ];
  if (byCity && r.region.level === 'province')
    out.push({
      key: 'city-brain.events-by-city',
      title: title('city-brain.events-by-city'),
      kind: 'bars',
      value: byCity.reduce((a, c) => a + c.open, 0),
      unit: '件',
      target: null,
      items: byCity
        .filter((c) => names.has(c.regionCode))
        .map((c) => ({
          label: names.get(c.regionCode)!,
          value: c.open,
          note: `超时 ${c.overdue}`,
          href: `/screen/${c.regionCode}`,
        })),
      source: src,
    });
  return out;
}

/** The work ledger's tasks are the province's yearly work points: the same on every screen, said so. */
function ledgerFigures(r: Readings, g: NonNullable<Readings['ledger']>): Figure[] {
  const src: FigureSource = {
    module: 'work-ledger',
    label: { zh: `工作台账 · ${g.year}年`, en: `Work ledger · ${g.year}` },
    href: '/work-ledger',
    asOf: null,
    simulated: g.demo,
  };
  const open = g.green + g.yellow + g.red;
  const scope = r.region.level === 'province' ? '' : '全省口径 · ';
  return [
    {
      key: 'work-ledger.colours',
      title: title('work-ledger.colours'),
      kind: 'bars',
      value: open,
      unit: '项',
      target: null,
      caption: `${scope}在办 ${open} 项 · 已办结 ${g.closed} 项`,
      items: [
        { label: '绿灯', value: g.green },
        { label: '黄灯', value: g.yellow },
        { label: '红灯', value: g.red },
        { label: '已办结', value: g.closed },
      ],
      source: src,
    },
    {
      key: 'work-ledger.red',
      title: title('work-ledger.red'),
      kind: 'stat',
      value: g.red,
      unit: '项',
      target: null,
      caption: `${scope}逾期或进度落后,需督办`,
      source: src,
    },
  ];
}

/** Every figure the region's screen can show, in the widget catalogue's order. */
export function buildFigures(r: Readings): Figure[] {
  const all = [
    ...(r.assessment ? assessmentFigures(r, r.assessment) : []),
    ...(r.participation ? participationFigures(r, r.participation) : []),
    ...(r.compute ? computeFigures(r, r.compute) : []),
    ...(r.scenarios ? scenarioFigures(r, r.scenarios) : []),
    ...(r.communities ? communityFigures(r, r.communities) : []),
    ...(r.cityBrains ? cityBrainFigures(r, r.cityBrains) : []),
    ...(r.market ? marketFigures(r, r.market) : []),
    ...(r.loop ? loopFigures(r, r.loop, r.eventsByCity) : []),
    ...(r.ledger ? ledgerFigures(r, r.ledger) : []),
  ];
  const order = Object.keys(SCREEN_WIDGETS);
  return all.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** The map's layers: a value per region the map draws. */
export function buildLayers(r: Readings): Layer[] {
  const codes = r.children.map((c) => c.code);
  const layer = (key: LayerKey, l: Omit<Layer, 'key' | 'title'>): Layer => ({
    key,
    title: { zh: SCREEN_LAYERS[key].zh, en: SCREEN_LAYERS[key].en },
    ...l,
  });
  const out: Layer[] = [];
  const a = r.assessment;
  if (a) {
    const rows = r.region.level === 'province' ? a.cities : a.counties;
    out.push(
      layer('assessment.stars', {
        unit: '★',
        scale: 'stars',
        values: Object.fromEntries(
          rows.filter((x) => codes.includes(x.regionCode)).map((x) => [x.regionCode, x.stars]),
        ),
        source: {
          module: 'assessment',
          label: { zh: `${a.campaign ?? a.year}(已发布结果)`, en: `${a.campaign ?? a.year} (published)` },
          href: '/assessment',
          asOf: a.publishedAt,
          simulated: a.sample,
        },
      }),
    );
  }
  const p = r.participation;
  if (p)
    out.push(
      layer('participation.responses', {
        unit: '份',
        scale: 'continuous',
        values: rollUp(p.summary.byRegion, codes),
        source: {
          module: 'participation',
          label: { zh: p.summary.campaign?.title ?? '问需于民', en: p.summary.campaign?.title ?? 'Citizen surveys' },
          href: p.summary.campaign ? `/participation/campaigns/${p.summary.campaign.id}` : '/participation',
          asOf: p.summary.asOf,
          simulated: p.summary.sample,
        },
      }),
    );
  const c = r.compute;
  if (c) {
    // Compute is reported per data centre and totalled per city: a city's or county's map has no by-county figure.
    const byCity = r.region.level === 'province' ? c.byCity : [];
    const src: FigureSource = {
      module: 'compute-network',
      label: { zh: `纳统月报 ${c.period ?? ''}`.trim(), en: `Monthly reports ${c.period ?? ''}`.trim() },
      href: '/compute',
      asOf: c.source.asOf,
      simulated: c.source.simulated,
    };
    out.push(
      layer('compute.total-eflops', {
        unit: 'EFLOPS',
        scale: 'continuous',
        values: Object.fromEntries(byCity.map((x) => [x.code, round4(x.totalEflops)])),
        source: src,
      }),
      layer('compute.data-centres', {
        unit: '个',
        scale: 'continuous',
        values: Object.fromEntries(byCity.map((x) => [x.code, x.dataCentres])),
        source: src,
      }),
    );
  }
  const b = r.scenarios;
  if (b)
    out.push(
      layer('scenarios.accepted', {
        unit: '个',
        scale: 'continuous',
        values: rollUp(b.byRegion, codes),
        source: {
          module: 'scenarios',
          label: { zh: '优秀案例(已上榜)', en: 'Cases (accepted)' },
          href: '/scenarios',
          asOf: b.asOf,
          simulated: b.sample,
        },
      }),
    );
  const cm = r.communities;
  if (cm)
    out.push(
      layer('communities.smart', {
        unit: '个',
        scale: 'continuous',
        values: rollUp(
          cm.counties.map((x) => ({ code: x.countyCode, n: x.smart })),
          codes,
        ),
        source: {
          module: 'communities',
          label: { zh: `智慧社区台账 · ${cm.source}`, en: `Smart community registry · ${cm.source}` },
          href: '/communities',
          asOf: null,
          simulated: cm.demo,
        },
      }),
    );
  if (r.cityBrains) {
    const links = linksHere(r, r.cityBrains);
    // Drawn per city (the province's map); a city's map shows no per-county link.
    const values: Record<string, number> = {};
    for (const l of links)
      if (codes.includes(l.regionCode)) values[l.regionCode] = Math.max(values[l.regionCode] ?? 0, LINK_RANK[l.status]);
    out.push(
      layer('city-brain.status', {
        unit: '',
        scale: 'status',
        values,
        source: {
          module: 'city-brain',
          label: { zh: '齐鲁智脑 · 子平台心跳', en: 'City-brain hub · heartbeats' },
          href: '/city-brain/sub-platforms',
          asOf:
            links
              .flatMap((l) => (l.lastHeartbeatAt ? [l.lastHeartbeatAt] : []))
              .sort()
              .at(-1) ?? null,
          simulated: links.some((l) => l.demo),
        },
      }),
    );
  }
  if (r.eventsByCity && r.loop) {
    // Counted per city (the province's map); a city's map has no per-county figure from this read.
    const byCity = r.region.level === 'province' ? r.eventsByCity : [];
    out.push(
      layer('city-brain.open-events', {
        unit: '件',
        scale: 'continuous',
        values: Object.fromEntries(
          byCity.filter((c) => codes.includes(c.regionCode)).map((c) => [c.regionCode, c.open]),
        ),
        source: {
          module: 'city-brain',
          label: { zh: '齐鲁智脑 · 事件流转', en: 'City-brain hub · event desk' },
          href: '/city-brain/events',
          asOf: r.loop.asOf,
          simulated: r.loop.demo,
        },
      }),
    );
  }
  return out;
}
