import { useMemo } from 'react';
import { Card, Col, Row, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import type { Statistics } from '@zhicheng/contracts/compute-network';
import { useRegionFilter } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useStatistics } from './api';
import { fmt, ZoneTag } from './common';

export default function StatisticsPage() {
  const { t, lang } = useI18n();
  // The header's region (当前区划): a city's or a county's figures, the whole scope at the province.
  const s = useStatistics({ cityCode: useRegionFilter() });
  const trend = useMemo<EChartsOption | null>(() => {
    const tr = s.data?.trend ?? [];
    if (!tr.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 60, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: tr.map((x) => x.period) },
      yAxis: [
        { type: 'value', name: t('万架', '10k racks') },
        { type: 'value', name: 'EFLOPS' },
      ],
      series: [
        {
          name: t('在用机架(万)', 'Racks in use (10k)'),
          type: 'bar',
          data: tr.map((x) => Math.round(x.racksInUse / 100) / 100),
          itemStyle: { color: '#5b8ff9' },
        },
        { name: t('总算力', 'Total'), type: 'line', yAxisIndex: 1, data: tr.map((x) => x.totalEflops) },
        { name: t('智能算力', 'AI'), type: 'line', yAxisIndex: 1, data: tr.map((x) => x.aiEflops) },
      ],
    };
  }, [s.data, t]);
  const cityChart = useMemo<EChartsOption | null>(() => {
    const c = [...(s.data?.byCity ?? [])].sort((a, b) => b.totalEflops - a.totalEflops);
    if (!c.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 50 },
      xAxis: { type: 'category', data: c.map((x) => x.name), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value', name: 'PFLOPS' },
      series: [
        {
          name: t('通用+超算', 'General+super'),
          type: 'bar',
          stack: 'a',
          data: c.map((x) => Math.round((x.totalEflops - x.aiEflops) * 1000)),
        },
        { name: t('智能', 'AI'), type: 'bar', stack: 'a', data: c.map((x) => Math.round(x.aiEflops * 1000)) },
      ],
    };
  }, [s.data, t]);
  const cols = [
    {
      title: t('在用机架', 'Racks in use'),
      dataIndex: 'racksInUse',
      align: 'right' as const,
      render: (v: number) => fmt(v, 0),
    },
    {
      title: t('机架利用率', 'Rack use'),
      dataIndex: 'rackUtilisationPct',
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : `${v}%`),
    },
    { title: 'EFLOPS', dataIndex: 'totalEflops', align: 'right' as const, render: (v: number) => fmt(v, 3) },
    {
      title: t('智能 EFLOPS', 'AI EFLOPS'),
      dataIndex: 'aiEflops',
      align: 'right' as const,
      render: (v: number) => fmt(v, 3),
    },
    {
      title: t('智能占比', 'AI share'),
      dataIndex: 'aiSharePct',
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : `${v}%`),
    },
    {
      title: t('已报/数据中心', 'Reported/centres'),
      key: 'n',
      align: 'right' as const,
      render: (_: unknown, r: { reported: number; dataCentres: number }) => `${r.reported}/${r.dataCentres}`,
    },
  ];
  return (
    <div>
      <PageHeader
        title={
          <>
            {t('算力统计', 'Compute statistics')} {s.data?.simulated && <SampleTag en={lang === 'en'} />}
          </>
        }
        sub={t(
          `统计月份 ${s.data?.period ?? '—'};未报送月份沿用最近一次已审核月报`,
          `Month ${s.data?.period ?? '—'}; a centre that has not reported yet counts with its latest approved report`,
        )}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card title={t('月度趋势', 'Monthly trend')} size="small">
            {trend && <ReactEChartsCore echarts={echarts} option={trend} style={{ height: 300 }} notMerge />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('各市算力', 'Compute by city')} size="small">
            {cityChart && <ReactEChartsCore echarts={echarts} option={cityChart} style={{ height: 300 }} notMerge />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('按设区市', 'By city')} size="small">
            <Table<Statistics['byCity'][number]>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={s.data?.byCity ?? []}
              columns={[{ title: t('市', 'City'), dataIndex: 'name' }, ...cols]}
              data-testid="stats-by-city"
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('按分区(2+5+N)', 'By zone (2+5+N)')} size="small">
            <Table<Statistics['byZone'][number]>
              size="small"
              rowKey={(r) => r.id ?? 'none'}
              pagination={false}
              dataSource={s.data?.byZone ?? []}
              columns={[
                {
                  title: t('分区', 'Zone'),
                  dataIndex: 'name',
                  render: (n: string, r) => (
                    <>
                      {n} <ZoneTag type={r.type} />
                    </>
                  ),
                },
                ...cols,
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
