import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { AssessmentSubmission, Indicator, IndicatorCatalogueSummary, SimulateResponse } from '@zhicheng/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ReactEChartsCore, echarts } from '../../components/charts';
import { useProblem } from './FillPage';
import { SampleHint, STAR_COLORS, Stars, useCampaigns, useCatalogue } from './shared';

/** 达星模拟: try values and see the level, and the cheapest set of improvements to the next level (HiGHS). */
export function SimulatorPage() {
  const { t, pick } = useI18n();
  const { region } = useAuth();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const cats = useQuery({
    queryKey: ['assessment', 'catalogues'],
    queryFn: () => api.get<{ items: IndicatorCatalogueSummary[] }>('/api/v1/assessment/catalogues'),
  });
  const [catId, setCatId] = useState<string | null>(null);
  const defaultCat =
    cats.data?.items.find(
      (c) => c.key === (region && region.endsWith('00') ? 'DB37-3890.1-city' : 'DB37-3890.2-county'),
    )?.id ??
    cats.data?.items[0]?.id ??
    null;
  const cid = catId ?? defaultCat;
  const cat = useCatalogue(cid);
  const campaigns = useCampaigns();
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [result, setResult] = useState<SimulateResponse | null>(null);

  const loadMine = async () => {
    const camp = campaigns.data?.items[0];
    if (!camp || !region) return;
    try {
      const sub = await api.get<AssessmentSubmission>(`/api/v1/assessment/campaigns/${camp.id}/regions/${region}`);
      setCatId(sub.catalogueId);
      setValues(Object.fromEntries(Object.entries(sub.values).map(([k, v]) => [k, v.value ?? null])));
      message.success(t('已载入本地区填报数据', 'Loaded your region’s values'));
    } catch (e) {
      showProblem(e);
    }
  };
  const run = async () => {
    if (!cid) return;
    try {
      const v = Object.fromEntries(Object.entries(values).filter(([, x]) => x !== null && x !== undefined));
      setResult(await api.post<SimulateResponse>('/api/v1/assessment/simulate', { catalogueId: cid, values: v }));
    } catch (e) {
      showProblem(e);
    }
  };
  const apply = () => {
    if (!result?.gapToNext) return;
    setValues((v) => ({ ...v, ...Object.fromEntries(result.gapToNext!.improvements.map((i) => [i.code, i.to])) }));
  };
  const byCode = new Map((cat.data?.indicators ?? []).map((i) => [i.code, i]));
  const sharesOption = result && {
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
        markLine: { data: [{ yAxis: 70 }], label: { formatter: '70%' } },
      },
    ],
  };

  return (
    <div>
      <PageHeader
        title={
          <>
            {t('达星模拟', 'Star simulator')} <SampleHint sample />
          </>
        }
        sub={t(
          '输入指标值,测算星级,并用优化求解(HiGHS)给出达到下一星级的最小改进组合',
          'Enter values, see the level, and the cheapest improvements to the next level, solved with HiGHS',
        )}
        extra={
          <>
            <Select
              style={{ width: 360 }}
              value={cid ?? undefined}
              onChange={(v) => {
                setCatId(v);
                setResult(null);
              }}
              options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }))}
            />
            {region && <Button onClick={() => void loadMine()}>{t('载入本地区数据', 'Load my region')}</Button>}
            <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => void run()} data-testid="simulate">
              {t('测算', 'Simulate')}
            </Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Table<Indicator>
              size="small"
              rowKey="code"
              dataSource={cat.data?.indicators ?? []}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
                { title: t('指标', 'Indicator'), dataIndex: 'name' },
                {
                  title: t('阈值', 'Thresholds'),
                  width: 150,
                  render: (_, i) => (
                    <span style={{ fontSize: 12 }}>
                      {i.direction === 'lower' ? '≤' : '≥'} {i.thresholds.join('/')}
                    </span>
                  ),
                },
                {
                  title: t('值', 'Value'),
                  width: 120,
                  render: (_, i) => (
                    <InputNumber
                      size="small"
                      value={values[i.code] ?? null}
                      onChange={(v) => setValues((x) => ({ ...x, [i.code]: v === null ? null : Number(v) }))}
                      data-testid={`sim-${i.code}`}
                    />
                  ),
                },
                {
                  title: '★',
                  width: 50,
                  render: (_, i) => result?.indicators.find((o) => o.code === i.code)?.stars ?? '',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {result && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title={t('测算结果', 'Result')} data-testid="sim-result">
                <Stars n={result.level} subGrade={result.subGrade} /> · {t('得分', 'score')} {result.score} ·{' '}
                {t('加分', 'bonus')} {result.bonus}
                {sharesOption && <ReactEChartsCore echarts={echarts} option={sharesOption} style={{ height: 200 }} />}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {pick(result.explanation.text)}
                </Typography.Paragraph>
              </Card>
              {result.gapToNext && (
                <Card
                  size="small"
                  title={t(
                    `达到 ${result.gapToNext.target.level}★${result.gapToNext.target.subGrade === 'growth' ? ' 成长型' : ''} 的最小改进`,
                    `Cheapest path to ${result.gapToNext.target.level}★`,
                  )}
                  extra={
                    result.gapToNext.feasible && (
                      <Button size="small" onClick={apply}>
                        {t('代入并重算', 'Apply')}
                      </Button>
                    )
                  }
                  data-testid="sim-gap"
                >
                  {!result.gapToNext.feasible ? (
                    <Tag color="red">{t('不可达', 'not reachable')}</Tag>
                  ) : (
                    <Table
                      size="small"
                      rowKey="code"
                      pagination={false}
                      dataSource={result.gapToNext.improvements}
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
                      footer={() =>
                        `${t('归一化改进量合计', 'Total normalised effort')}: ${result.gapToNext!.totalCost} · ${result.gapToNext!.solver}`
                      }
                    />
                  )}
                </Card>
              )}
            </Space>
          )}
        </Col>
      </Row>
    </div>
  );
}
