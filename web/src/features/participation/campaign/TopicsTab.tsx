import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { PARTICIPATION_PERMISSIONS as P, type CampaignDetail } from '@zhicheng/contracts/participation';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { SampleTag } from '../../../components/PageHeader';
import { useCampaigns, useTopicComparison, useTopics } from '../api';
import { AssignActionModal } from './AssignActionModal';
import { Chart } from './Chart';
import { RegionFilter, useTabRegion } from './RegionFilter';
import { WordCloud } from './WordCloud';

/** Demand topics of the free-text answers with quotes and a word cloud, compared with earlier years; a topic can be assigned to a department. */
export function TopicsTab({ c }: { c: CampaignDetail }) {
  const { t } = useI18n();
  const { can, region: myRegion } = useAuth();
  const [region, setRegion] = useTabRegion();
  const [assign, setAssign] = useState<{ label: string; count: number } | null>(null);
  const q = useTopics(c.id, region);
  const all = useCampaigns();
  // Up to three earlier campaigns, compared with this one (listed last).
  const others = (all.data?.items ?? []).filter((x) => x.id !== c.id && x.year < c.year).slice(0, 3);
  const cmp = useTopicComparison(others.length ? [...others.map((o) => o.id), c.id] : null, region);
  const a = q.data;
  if (!a) return <Card loading />;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <RegionFilter value={region} onChange={setRegion} />
        <Typography.Text type="secondary">
          {t(
            `共 ${a.documents} 条文字意见,分析用时 ${a.elapsedMs} 毫秒`,
            `${a.documents} free-text answers, analysed in ${a.elapsedMs} ms`,
          )}
        </Typography.Text>
        {c.demo && <SampleTag />}
      </Space>
      <Row gutter={16}>
        <Col span={14}>
          {a.topics.length === 0 && <Empty />}
          {a.topics.map((tp) => (
            <Card
              key={tp.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid="topic-card"
              title={
                <Space>
                  <Typography.Text strong>{tp.label}</Typography.Text>
                  <Tag color="blue">
                    {tp.count} {t('条', '')}
                  </Tag>
                  <Typography.Text type="secondary">{Math.round(tp.share * 100)}%</Typography.Text>
                </Space>
              }
              extra={
                tp.id !== 'other' &&
                can(P.actionsManage) && (
                  <Button size="small" onClick={() => setAssign({ label: tp.label, count: tp.count })}>
                    {t('转办', 'Assign')}
                  </Button>
                )
              }
            >
              <Space wrap style={{ marginBottom: 6 }}>
                {tp.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Space>
              {tp.quotes.map((qt) => (
                <Typography.Paragraph key={qt} style={{ margin: '2px 0', color: '#555' }} data-testid="topic-quote">
                  “{qt}”
                </Typography.Paragraph>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tp.byRegion
                  .slice(0, 6)
                  .map((r) => `${r.name} ${r.count}`)
                  .join(' · ')}
              </Typography.Text>
            </Card>
          ))}
        </Col>
        <Col span={10}>
          <Card title={t('词云', 'Word cloud')} size="small">
            <WordCloud words={a.keywords.slice(0, 60)} />
          </Card>
          <Card title={t('主题占比', 'Topic shares')} size="small" style={{ marginTop: 12 }}>
            <Chart
              height={300}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '70%'],
                    data: a.topics.map((tp) => ({ name: tp.label, value: tp.count })),
                  },
                ],
              }}
            />
          </Card>
          {cmp.data && (
            <Card title={t('跨年度对比(占比)', 'Across years (share)')} size="small" style={{ marginTop: 12 }}>
              <Table
                size="small"
                rowKey="label"
                pagination={false}
                dataSource={cmp.data.rows}
                columns={[
                  { title: t('主题', 'Topic'), dataIndex: 'label' },
                  ...cmp.data.campaigns.map((cc, i) => ({
                    title: String(cc.year),
                    key: cc.id,
                    render: (_: unknown, r: { shares: (number | null)[] }) =>
                      r.shares[i] === null ? '—' : `${Math.round(r.shares[i]! * 100)}%`,
                  })),
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <AssignActionModal
        campaignId={c.id}
        topic={assign}
        defaultRegion={region ?? myRegion}
        onClose={() => setAssign(null)}
      />
    </div>
  );
}
