import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { Indicator, RatingPolicy, SimulateResponse } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { ReactEChartsCore, echarts } from '../../../components/charts';
import { STAR_COLORS, Stars } from '../components/labels';

/** The simulated rating (shares against the catalogue's bar) and the cheapest path to the next step (HiGHS). */
export function SimulationResult({
  result,
  policy,
  byCode,
  onApply,
}: {
  result: SimulateResponse;
  policy: RatingPolicy | undefined;
  byCode: Map<string, Indicator>;
  onApply: () => void;
}) {
  const { t, pick } = useI18n();
  const bar = Math.round((policy?.threshold ?? 0) * 100);
  const sharesOption = {
    grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: ['1★', '2★', '3★', '4★', '5★'] },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        data: result.explanation.shares.map((s, i) => ({
          value: Math.round(s * 1000) / 10,
          itemStyle: { color: STAR_COLORS[i + 1] },
        })),
        markLine: policy ? { data: [{ yAxis: bar }], label: { formatter: `${bar}%` } } : undefined,
      },
    ],
  };
  const gap = result.gapToNext;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('测算结果', 'Result')} data-testid="sim-result">
        <Stars n={result.level} subGrade={result.subGrade} /> · {t('得分', 'score')} {result.score} ·{' '}
        {t('加分', 'bonus')} {result.bonus}
        <ReactEChartsCore echarts={echarts} option={sharesOption} style={{ height: 200 }} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {pick(result.explanation.text)}
        </Typography.Paragraph>
      </Card>
      {gap && (
        <Card
          size="small"
          title={t(
            `达到 ${gap.target.level}★${gap.target.subGrade === 'growth' ? ' 成长型' : ''} 的最小改进`,
            `Cheapest path to ${gap.target.level}★`,
          )}
          extra={
            gap.feasible && (
              <Button size="small" onClick={onApply}>
                {t('代入并重算', 'Apply')}
              </Button>
            )
          }
          data-testid="sim-gap"
        >
          {!gap.feasible ? (
            <Tag color="red">{t('不可达', 'not reachable')}</Tag>
          ) : (
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={gap.improvements}
              columns={[
                {
                  title: t('指标', 'Indicator'),
                  dataIndex: 'code',
                  render: (c) => `${c} ${byCode.get(c)?.name ?? ''}`,
                },
                { title: t('现值', 'From'), dataIndex: 'from', width: 70, render: (v) => v ?? '—' },
                { title: t('目标', 'To'), dataIndex: 'to', width: 70 },
                { title: t('权重', 'Weight'), dataIndex: 'weight', width: 60 },
              ]}
              footer={() => `${t('归一化改进量合计', 'Total normalised effort')}: ${gap.totalCost} · ${gap.solver}`}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
