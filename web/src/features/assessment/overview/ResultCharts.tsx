import { Card, Tabs } from 'antd';
import type { AssessmentStatistics } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { ReactEChartsCore, echarts } from '../../../components/charts';
import { useHeatmap, useTrend } from '../api';
import { STAR_COLORS } from '../components/labels';

const STAR_KEYS = ['1', '2', '3', '4', '5'] as const;

/** The distribution by stars, the year-over-year shares against the targets, and the cities' indicator heat map. */
export function ResultCharts({ year, stats }: { year: number; stats: AssessmentStatistics | undefined }) {
  const { t, pick } = useI18n();
  const trend = useTrend();
  const heat = useHeatmap(year);
  const levelName = (l: 'city' | 'county') => (l === 'city' ? t('设区市', 'Cities') : t('县(市、区)', 'Counties'));

  const distOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [levelName('city'), levelName('county')] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: STAR_KEYS.map((n) => `${n}★`) },
    yAxis: { type: 'value', name: t('个数', 'count') },
    series: (['city', 'county'] as const).map((l) => {
      const s = stats?.levels.find((x) => x.level === l);
      // Exactly N★ = at least N★ minus at least N+1★.
      const exact = STAR_KEYS.map((n, k) => (s ? s.atLeast[n] - (k < 4 ? s.atLeast[STAR_KEYS[k + 1]!] : 0) : 0));
      return {
        name: levelName(l),
        type: 'bar',
        data: exact,
        itemStyle: { color: l === 'city' ? '#2f6fb5' : '#f0a35e' },
      };
    }),
  };

  const points = trend.data?.points ?? [];
  const years = [...new Set(points.map((p) => p.year))];
  const share = (l: string, n: '3' | '4') =>
    years.map((y) => {
      const p = points.find((x) => x.year === y && x.level === l);
      return p && p.total ? Math.round((p.atLeast[n] / p.total) * 1000) / 10 : null;
    });
  const target = (key: string) => stats?.targets.find((x) => x.key === key);
  const marks = [target('next-county-4'), target('2025-county-4')]
    .filter((x) => !!x && x.share !== null)
    .map((x) => ({ yAxis: Math.round(x!.share! * 100), name: pick(x!.label) }));
  const trendOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: {},
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('县≥3★', 'Counties ≥3★'), type: 'line', data: share('county', '3') },
      {
        name: t('县≥4★', 'Counties ≥4★'),
        type: 'line',
        data: share('county', '4'),
        markLine: { data: marks, label: { formatter: '{b}' } },
      },
      { name: t('市≥4★', 'Cities ≥4★'), type: 'line', data: share('city', '4') },
    ],
  };

  const h = heat.data;
  const heatOption = h && {
    tooltip: {
      position: 'top',
      formatter: (p: { value: number[] }) =>
        `${h.regions[p.value[1]!]?.name} · ${h.indicators[p.value[0]!]?.name}: ${p.value[2]}★`,
    },
    grid: { left: 70, right: 10, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: h.indicators.map((i) => i.code), axisLabel: { rotate: 60, fontSize: 9 } },
    yAxis: { type: 'category', data: h.regions.map((r) => r.name) },
    visualMap: { min: 0, max: 5, show: false, inRange: { color: STAR_COLORS } },
    series: [{ type: 'heatmap', data: h.cells.map(([r, i, s]) => [i, r, s]) }],
  };

  return (
    <Card>
      <Tabs
        items={[
          {
            key: 'dist',
            label: t('星级分布', 'Distribution'),
            children: <ReactEChartsCore echarts={echarts} option={distOption} style={{ height: 400 }} />,
          },
          {
            key: 'trend',
            label: t('逐年趋势', 'Year over year'),
            children: <ReactEChartsCore echarts={echarts} option={trendOption} style={{ height: 400 }} />,
          },
          {
            key: 'heat',
            label: t('指标热力图(市)', 'Heat map (cities)'),
            children: heatOption ? (
              <ReactEChartsCore echarts={echarts} option={heatOption} style={{ height: 400 }} />
            ) : null,
          },
        ]}
      />
    </Card>
  );
}
