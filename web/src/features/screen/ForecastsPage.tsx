import { useMemo } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Descriptions, Row, Tag } from 'antd';
import type { EChartsOption } from 'echarts';
import type { ForecastSeries } from '@zhicheng/contracts/screen';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { PageHeader } from '../../components/PageHeader';
import { useForecasts } from './api';
import { formatAsOf, formatValue } from './format';

function optionOf(s: ForecastSeries): EChartsOption {
  const labels = [...s.history.map((p) => p.label), ...s.forecast.map((p) => p.label)];
  const pad = (n: number) => Array<null>(n).fill(null);
  const pct = s.unit === '%';
  const last = s.history.at(-1);
  const shown = s.status === 'shown';
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 56, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: labels },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: pct ? { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } : {},
    },
    series: [
      { name: '历史', type: 'line', data: [...s.history.map((p) => p.value), ...pad(s.forecast.length)] },
      ...(shown
        ? [
            {
              name: '预测',
              type: 'line' as const,
              lineStyle: { type: 'dashed' as const },
              data: [...pad(s.history.length - 1), last?.value ?? null, ...s.forecast.map((p) => p.value)],
            },
            // The interval as a band: the lower bound, then the width stacked on it.
            {
              name: `${Math.round(s.level * 100)}% 区间`,
              type: 'line' as const,
              stack: 'band',
              symbol: 'none',
              lineStyle: { opacity: 0 },
              data: [...pad(s.history.length), ...s.forecast.map((p) => p.lower)],
            },
            {
              name: `${Math.round(s.level * 100)}% 区间 `,
              type: 'line' as const,
              stack: 'band',
              symbol: 'none',
              lineStyle: { opacity: 0 },
              areaStyle: { color: 'rgba(58,160,255,0.25)' },
              data: [
                ...pad(s.history.length),
                ...s.forecast.map((p) => (p.upper !== null && p.lower !== null ? p.upper - p.lower : null)),
              ],
            },
          ]
        : []),
      ...(s.target !== null
        ? [
            {
              name: '目标',
              type: 'line' as const,
              symbol: 'none',
              lineStyle: { color: '#f5a623' },
              data: labels.map(() => s.target),
            },
          ]
        : []),
    ] as never,
  };
}

/** Forecasts of the figures with a history, each with its back-test against the M4 Comb benchmark. */
export default function ForecastsPage() {
  const { t, pick, lang } = useI18n();
  const { region: chosen } = useAuth();
  const province = useProvince();
  const region = chosen ?? province?.code ?? null;
  const q = useForecasts(region);
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const STATUS = {
    shown: [t('模型胜过基准,展示预测', 'Beat the benchmark: forecast shown'), 'green'],
    baseline_wins: [t('未胜过基准,不作预测展示', 'Did not beat the benchmark: no forecast shown'), 'orange'],
    too_short: [t('历史数据不足,无法回测', 'Too little history to back-test'), 'default'],
  } as const;
  return (
    <div>
      <PageHeader
        title={t('趋势预测与回测', 'Forecasts and back-tests')}
        sub={t(
          '每条预测先在历史末段滚动回测,与 M4 竞赛的 Comb 基准(SES、Holt、阻尼趋势三法平均)比较;不胜过基准的不作为预测展示',
          'Each forecast is first back-tested on the end of its history against the M4 Comb benchmark; one that does not beat it is not shown',
        )}
        extra={region && <Link to={`/screen/${region}`}>{t('打开大屏', 'Open the screen')}</Link>}
      />
      {q.error ? <Alert type="error" message={String(q.error)} /> : null}
      <Row gutter={[16, 16]}>
        {items.map((s) => (
          <Col xs={24} xl={12} key={s.key}>
            <Card
              title={pick(s.title)}
              data-testid={`forecast-${s.key}`}
              data-status={s.status}
              extra={<Tag color={STATUS[s.status][1]}>{STATUS[s.status][0]}</Tag>}
            >
              <ReactEChartsCore echarts={echarts} option={optionOf(s)} notMerge style={{ height: 260 }} />
              <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('模型', 'Model')}>{s.model}</Descriptions.Item>
                <Descriptions.Item label={t('回测', 'Back-test')}>
                  {s.backTest
                    ? t(
                        `${s.backTest.origins} 个起点 × ${s.backTest.horizon} 步`,
                        `${s.backTest.origins} origins × ${s.backTest.horizon} steps`,
                      )
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('模型误差 MAE', 'Model MAE')}>
                  {s.backTest ? formatValue(s.backTest.modelMae, s.unit, lang) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('Comb 基准 MAE', 'Comb MAE')}>
                  {s.backTest ? formatValue(s.backTest.combMae, s.unit, lang) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('区间覆盖率', 'Interval coverage')}>
                  {s.backTest?.coverage != null
                    ? `${Math.round(s.backTest.coverage * 100)}% (${t('标称', 'nominal')} ${Math.round(s.level * 100)}%)`
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('来源', 'Source')}>
                  <Link to={s.source.href}>
                    {pick(s.source.label)} · {formatAsOf(s.source.asOf)}
                    {s.source.simulated ? ` · ${t('模拟数据', 'simulated')}` : ''}
                  </Link>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
