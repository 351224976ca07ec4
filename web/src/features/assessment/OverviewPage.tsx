import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  Col,
  Input,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type {
  AssessmentHeatmap,
  AssessmentResultRow,
  AssessmentStatistics,
  AssessmentTrend,
} from '@zhicheng/contracts';
import { api, download, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { RegionMap } from '../../components/RegionMap';
import { ReactEChartsCore, echarts } from '../../components/charts';
import { problemText } from '../../components/problem';
import { pct, SampleHint, STAR_COLORS, STAR_PIECES, Stars, useCampaigns } from './shared';

export function OverviewPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const years = useMemo(
    () =>
      [...new Set((campaigns.data?.items ?? []).filter((c) => c.stage === 'published').map((c) => c.year))].sort(
        (a, b) => b - a,
      ),
    [campaigns.data],
  );
  const [yearPicked, setYear] = useState<number | null>(null);
  const year = yearPicked ?? years[0] ?? new Date().getFullYear() - 1;
  const [mapCode, setMapCode] = useState('370000');
  const [mapName, setMapName] = useState('山东省');
  const [level, setLevel] = useState<'city' | 'county'>('county');
  const [search, setSearch] = useState('');

  const stats = useQuery({
    queryKey: ['assessment', 'stats', year],
    queryFn: () => api.get<AssessmentStatistics>(`/api/v1/assessment/statistics/overview${qs({ year })}`),
  });
  const trend = useQuery({
    queryKey: ['assessment', 'trend'],
    queryFn: () => api.get<AssessmentTrend>('/api/v1/assessment/trend'),
  });
  const mapResults = useQuery({
    queryKey: ['assessment', 'results', year, mapCode],
    queryFn: () =>
      api.get<{ items: AssessmentResultRow[] }>(
        `/api/v1/assessment/results${qs({ year, level: mapCode === '370000' ? 'city' : 'county', parent: mapCode === '370000' ? undefined : mapCode })}`,
      ),
  });
  const ranking = useQuery({
    queryKey: ['assessment', 'results', year, level],
    queryFn: () => api.get<{ items: AssessmentResultRow[] }>(`/api/v1/assessment/results${qs({ year, level })}`),
  });
  const heat = useQuery({
    queryKey: ['assessment', 'heat', year],
    queryFn: () => api.get<AssessmentHeatmap>(`/api/v1/assessment/heatmap${qs({ year, level: 'city' })}`),
  });

  const values = Object.fromEntries((mapResults.data?.items ?? []).map((r) => [r.regionCode, r.stars]));
  const levelStats = (l: 'city' | 'county') => stats.data?.levels.find((x) => x.level === l);
  const rows = (ranking.data?.items ?? []).filter(
    (r) => !search || r.regionName.includes(search) || r.regionCode.startsWith(search),
  );

  const distOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('设区市', 'Cities'), t('县(市、区)', 'Counties')] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: ['1★', '2★', '3★', '4★', '5★'] },
    yAxis: { type: 'value', name: t('个数', 'count') },
    series: (['city', 'county'] as const).map((l) => {
      const s = levelStats(l);
      const exact = [1, 2, 3, 4, 5].map((n) =>
        s ? s.atLeast[String(n) as '1'] - (n < 5 ? s.atLeast[String(n + 1) as '1'] : 0) : 0,
      );
      return {
        name: l === 'city' ? t('设区市', 'Cities') : t('县(市、区)', 'Counties'),
        type: 'bar',
        data: exact,
        itemStyle: { color: l === 'city' ? '#2f6fb5' : '#f0a35e' },
      };
    }),
  };
  const trendPoints = trend.data?.points ?? [];
  const trendYears = [...new Set(trendPoints.map((p) => p.year))];
  const share = (l: string, n: number) =>
    trendYears.map((y) => {
      const p = trendPoints.find((x) => x.year === y && x.level === l);
      return p && p.total ? Math.round((p.atLeast[String(n) as '1'] / p.total) * 1000) / 10 : null;
    });
  const trendOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: {},
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: trendYears.map(String) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('县≥3★', 'Counties ≥3★'), type: 'line', data: share('county', 3) },
      {
        name: t('县≥4★', 'Counties ≥4★'),
        type: 'line',
        data: share('county', 4),
        markLine: {
          data: [
            { yAxis: 40, name: t('下一步目标 40%', 'next step 40%') },
            { yAxis: 60, name: t('2025目标 60%', '2025 target 60%') },
          ],
          label: { formatter: '{b}' },
        },
      },
      { name: t('市≥4★', 'Cities ≥4★'), type: 'line', data: share('city', 4) },
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

  const exportXlsx = async () => {
    try {
      await download(`/api/v1/assessment/results/export${qs({ year })}`, `assessment-results-${year}.xlsx`);
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };

  return (
    <div>
      <PageHeader
        title={
          <>
            {t('评估总览', 'Assessment overview')} <SampleHint sample={stats.data?.sample} />
          </>
        }
        sub={t('已发布的年度星级评估结果、目标达成、地图与排名', 'Published star ratings, targets, map and rankings')}
        extra={
          <>
            <Select
              data-testid="year-select"
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[...new Set([...years, year])].map((y) => ({ value: y, label: `${y}${t('年', '')}` }))}
            />
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
              {t('导出Excel', 'Export Excel')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        {(['city', 'county'] as const).map((l) => {
          const s = levelStats(l);
          return [3, 4].map((n) => (
            <Col xs={12} xl={6} key={`${l}${n}`}>
              <Card size="small" data-testid={`kpi-${l}-${n}`}>
                <Statistic
                  title={`${l === 'city' ? t('设区市', 'Cities') : t('县(市、区)', 'Counties')} ≥ ${n}★`}
                  value={s?.atLeast[String(n) as '3'] ?? 0}
                  suffix={`/ ${s?.total ?? 0}`}
                />
                <Progress
                  percent={s?.total ? Math.round((s.atLeast[String(n) as '3'] / s.total) * 1000) / 10 : 0}
                  size="small"
                  strokeColor={STAR_COLORS[n]}
                />
              </Card>
            </Col>
          ));
        })}
        <Col span={24}>
          <Card size="small" title={t('目标对照', 'Targets')}>
            <Space wrap>
              {(stats.data?.targets ?? []).map((tg) => (
                <Tooltip key={tg.key} title={`${tg.source}`}>
                  <Tag color={tg.met ? 'green' : 'orange'} data-testid={`target-${tg.key}`}>
                    {pick(tg.label)}:{tg.count !== null ? `${tg.actual}` : pct(tg.actual)} {tg.met ? '✓' : '✗'}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('星级地图', 'Star map')}
            extra={
              mapCode !== '370000' && (
                <Button
                  size="small"
                  onClick={() => {
                    setMapCode('370000');
                    setMapName('山东省');
                  }}
                >
                  {t('返回全省', 'Back to province')}
                </Button>
              )
            }
          >
            <div data-testid="assessment-map">
              <RegionMap
                code={mapCode}
                trail={
                  mapCode === '370000'
                    ? [{ code: '370000', name: '山东省' }]
                    : [
                        { code: '370000', name: '山东省' },
                        { code: mapCode, name: mapName },
                      ]
                }
                values={values}
                visual={{ pieces: STAR_PIECES }}
                tooltip={(code, name, v) => `${name}: ${v ? `${v}★` : t('无结果', 'no result')}`}
                onDrill={(code, name) => {
                  if (code === '370000') {
                    setMapCode(code);
                    setMapName('山东省');
                  } else if (/^37\d{2}00$/.test(code)) {
                    setMapCode(code);
                    setMapName(name);
                  }
                }}
                height={460}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
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
        </Col>
        <Col span={24}>
          <Card
            title={t('排名', 'Ranking')}
            extra={
              <Space>
                <Segmented
                  value={level}
                  onChange={(v) => setLevel(v as 'city' | 'county')}
                  options={[
                    { value: 'county', label: t('县(市、区)', 'Counties') },
                    { value: 'city', label: t('设区市', 'Cities') },
                  ]}
                />
                <Input.Search
                  allowClear
                  placeholder={t('名称或代码', 'Name or code')}
                  onSearch={setSearch}
                  style={{ width: 180 }}
                />
              </Space>
            }
          >
            <Table<AssessmentResultRow>
              data-testid="ranking-table"
              size="small"
              rowKey="regionCode"
              loading={ranking.isLoading}
              dataSource={rows}
              pagination={{ pageSize: 15, showTotal: (n) => t(`共 ${n} 个`, `${n} in all`) }}
              columns={[
                { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70 },
                {
                  title: t('区划', 'Region'),
                  dataIndex: 'regionName',
                  render: (v, r) => <Link to={`/assessment/report/${r.regionCode}`}>{v}</Link>,
                },
                {
                  title: t('星级', 'Level'),
                  dataIndex: 'stars',
                  width: 220,
                  render: (v, r) => <Stars n={v} subGrade={r.subGrade} />,
                  sorter: (a, b) => a.stars - b.stars,
                },
                { title: t('得分', 'Score'), dataIndex: 'score', width: 90, sorter: (a, b) => a.score - b.score },
                { title: t('加分', 'Bonus'), dataIndex: 'bonus', width: 70 },
                {
                  title: t('较上年', 'vs last year'),
                  width: 100,
                  render: (_, r) =>
                    r.previousStars === null ? (
                      '—'
                    ) : r.stars > r.previousStars ? (
                      <Tag color="green">↑ {r.stars - r.previousStars}</Tag>
                    ) : r.stars < r.previousStars ? (
                      <Tag color="red">↓ {r.previousStars - r.stars}</Tag>
                    ) : (
                      <Tag>—</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
