import { useState } from 'react';
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { CROSS_TAB_TYPES, type CampaignDetail } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { SampleTag } from '../../../components/PageHeader';
import { RegionMap } from '../../../components/RegionMap';
import { useRegionInfo, useStats } from '../api';
import { Chart } from './Chart';
import { RegionFilter, useTabRegion } from './RegionFilter';

/** Live counts (refreshed every 15 s) by region, channel and day; each question's answers; a cross-tab by region. */
export function StatsTab({ c }: { c: CampaignDetail }) {
  const { t } = useI18n();
  const [region, setRegion] = useTabRegion();
  // The cross-tab's question: the user's choice; until one is chosen the server picks the first choice or rating
  // question of this campaign's own surveys (null: the user cleared it, no cross-tab).
  const [cross, setCross] = useState<string | null | undefined>(undefined);
  const q = useStats(c.id, { region, crossQuestion: cross ?? undefined });
  const s = q.data;
  // The province and its cities have maps of their children; below them the bars say it all.
  const level = useRegionInfo(s?.regionCode).data?.level;
  const focusLevelMap = level === 'province' || level === 'city';
  if (!s) return <Card loading />;
  return (
    <div data-testid="stats">
      <Space style={{ marginBottom: 12 }}>
        <RegionFilter value={region} onChange={setRegion} />
        {c.demo && <SampleTag />}
      </Space>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t('答卷总数', 'Responses')} value={s.total} data-testid="stats-total" />
          </Card>
        </Col>
        {s.byChannel.map((ch) => (
          <Col span={6} key={ch.channel}>
            <Card>
              <Statistic
                title={ch.channel === 'online' ? t('线上', 'Online') : t('线下(纸质)', 'Offline (paper)')}
                value={ch.count}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card title={t('各地区答卷数', 'By region')}>
            {focusLevelMap ? (
              <RegionMap
                code={s.regionCode}
                height={360}
                values={Object.fromEntries(s.byRegion.map((r) => [r.code, r.count]))}
                onDrill={(code) => setRegion(code)}
              />
            ) : null}
            <Chart
              height={focusLevelMap ? 200 : 360}
              option={{
                tooltip: {},
                grid: { left: 80, right: 20, top: 10, bottom: 20 },
                xAxis: { type: 'value' },
                yAxis: {
                  type: 'category',
                  data: s.byRegion
                    .slice(0, 15)
                    .map((r) => r.name)
                    .reverse(),
                },
                series: [
                  {
                    type: 'bar',
                    data: s.byRegion
                      .slice(0, 15)
                      .map((r) => r.count)
                      .reverse(),
                    itemStyle: { color: '#1256b0' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('每日答卷', 'By day')}>
            <Chart
              height={560}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 20, top: 20, bottom: 40 },
                xAxis: { type: 'category', data: s.byDay.map((d) => d.day) },
                yAxis: { type: 'value' },
                dataZoom: [{ type: 'inside' }],
                series: [{ type: 'line', smooth: true, areaStyle: {}, data: s.byDay.map((d) => d.count) }],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        {s.questions.map((qq) => (
          <Col span={12} key={qq.questionId} style={{ marginTop: 16 }}>
            <Card
              size="small"
              title={`${qq.title}${qq.mean !== null ? ` · ${t('平均', 'mean')} ${qq.mean}` : ''}`}
              extra={
                <Typography.Text type="secondary">
                  {t('作答', 'answered')} {qq.answered}
                </Typography.Text>
              }
            >
              {qq.options.length ? (
                <Chart
                  height={Math.max(160, qq.options.length * 26)}
                  option={{
                    tooltip: {},
                    grid: { left: 120, right: 30, top: 5, bottom: 20 },
                    xAxis: { type: 'value' },
                    yAxis: {
                      type: 'category',
                      data: qq.options.map((o) => o.label).reverse(),
                      axisLabel: { width: 110, overflow: 'truncate' },
                    },
                    series: [
                      {
                        type: 'bar',
                        data: qq.options.map((o) => o.count).reverse(),
                        label: { show: true, position: 'right' },
                      },
                    ],
                  }}
                />
              ) : (
                <Empty description={t('数值题,见平均值', 'Numeric: see the mean')} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        style={{ marginTop: 16 }}
        title={t('按地区交叉分析', 'Cross-tab by region')}
        extra={
          <Select
            style={{ width: 280 }}
            aria-label={t('交叉分析的题目', 'Question to cross-tabulate')}
            data-testid="cross-question"
            placeholder={t('选择题目', 'Choose a question')}
            value={cross === null ? undefined : (s.crossTab?.questionId ?? cross)}
            onChange={(v?: string) => setCross(v ?? null)}
            allowClear
            options={s.questions
              .filter((x) => CROSS_TAB_TYPES.includes(x.type))
              .map((x) => ({ value: x.questionId, label: x.title }))}
          />
        }
      >
        {s.crossTab && cross !== null ? (
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 20 }}
            dataSource={s.crossTab.rows}
            columns={[
              { title: t('地区', 'Region'), dataIndex: 'name', fixed: 'left', width: 100 },
              { title: t('作答', 'Answered'), dataIndex: 'total', width: 80 },
              ...s.crossTab.options.map((o, i) => ({
                title: o.label,
                key: o.id,
                render: (_: unknown, r: { total: number; counts: number[] }) =>
                  `${r.counts[i]} (${r.total ? Math.round((r.counts[i]! / r.total) * 100) : 0}%)`,
              })),
            ]}
            scroll={{ x: true }}
          />
        ) : (
          <Empty />
        )}
      </Card>
    </div>
  );
}
