import { useParams } from 'react-router';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ReactEChartsCore, echarts } from '../../components/charts';
import { useRegionReport } from './api';
import { pct, SampleHint, STAR_COLORS, Stars } from './components/labels';

/** A region's printable report: level, explanation, indicators, history and peers. */
export default function ReportPage() {
  const { code } = useParams();
  const { t, pick } = useI18n();
  const rep = useRegionReport(code);
  const r = rep.data;
  const last = r?.history.at(-1);
  if (rep.isSuccess && !last) return <Empty description={t('暂无已发布结果', 'No published result yet')} />;
  const histOption = r && {
    grid: { left: 30, right: 10, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: r.history.map((h) => String(h.year)) },
    yAxis: { type: 'value', min: 0, max: 5 },
    series: [{ type: 'line', data: r.history.map((h) => h.stars), label: { show: true, formatter: '{c}★' } }],
  };
  const domains = last ? [...new Set(last.indicators.map((i) => i.domain))] : [];
  return (
    <div className="zc-print" data-testid="region-report">
      <PageHeader
        title={
          <>
            {r?.regionName} {t('新型智慧城市评估报告', 'assessment report')} <SampleHint sample={last?.sample} />
          </>
        }
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
        }
      />
      {last && r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions column={4} size="small">
              <Descriptions.Item label={t('年度', 'Year')}>{last.year}</Descriptions.Item>
              <Descriptions.Item label={t('星级', 'Level')}>
                <Stars n={last.stars} subGrade={last.subGrade} />
              </Descriptions.Item>
              <Descriptions.Item label={t('得分', 'Score')}>
                {last.score} (+{last.bonus})
              </Descriptions.Item>
              <Descriptions.Item label={t('同级排名', 'Rank')}>{last.rank}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph>{pick(last.explanation.text)}</Typography.Paragraph>
            <Space wrap>
              {last.explanation.shares.map((s, i) => (
                // Green up to the level reached by weight: those shares meet the catalogue's bar.
                <Tag key={i} color={i < last.explanation.levelByWeight ? 'green' : 'default'}>
                  {i + 1}★ {pct(s)}
                </Tag>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('历年星级', 'History')}>
            {histOption && <ReactEChartsCore echarts={echarts} option={histOption} style={{ height: 180 }} />}
          </Card>
          <Card size="small" title={t('分领域指标', 'Indicators by domain')}>
            {domains.map((d) => (
              <div key={d} style={{ marginBottom: 8 }}>
                <b>{d}</b>
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={last.indicators.filter((i) => i.domain === d)}
                  columns={[
                    { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
                    { title: t('指标', 'Indicator'), dataIndex: 'name' },
                    {
                      title: t('值', 'Value'),
                      dataIndex: 'value',
                      width: 90,
                      render: (v) => v ?? t('缺失', 'missing'),
                    },
                    {
                      title: '★',
                      dataIndex: 'stars',
                      width: 60,
                      render: (s) => <span style={{ color: STAR_COLORS[s] }}>{s}</span>,
                    },
                    { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70 },
                  ]}
                />
              </div>
            ))}
          </Card>
          <Card size="small" title={t('同级比较', 'Peers')}>
            <Space wrap>
              {r.peers.map((p) => (
                <Tag key={p.regionCode} color={p.regionCode === r.regionCode ? 'blue' : undefined}>
                  {p.regionName} {p.stars}★ {p.score}
                </Tag>
              ))}
            </Space>
          </Card>
        </Space>
      )}
    </div>
  );
}
