import { useParams } from 'react-router';
import { Card, Empty, Rate, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { usePublicProgress } from './api';
import { PhoneFrame } from './public/PhoneFrame';

const STATUS: Record<string, [string, string, string]> = {
  planned: ['待办理', 'Planned', 'default'],
  in_progress: ['办理中', 'In progress', 'processing'],
  done: ['已办结', 'Done', 'success'],
};

/** 你提我办's public page (/progress/:campaignId): what was done about the demands, with satisfaction. */
export default function ProgressPage() {
  const { campaignId = '' } = useParams();
  const { t, lang } = useI18n();
  const q = usePublicProgress(campaignId);
  if (q.isLoading)
    return (
      <PhoneFrame>
        <Skeleton active />
      </PhoneFrame>
    );
  if (!q.data)
    return (
      <PhoneFrame>
        <Result status="warning" title={problemText(q.error, lang)} />
      </PhoneFrame>
    );
  const { campaign, items } = q.data;
  return (
    <PhoneFrame title={t('你提我办 · 办理进展', 'You ask, we act · progress')}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {campaign.title} {campaign.demo && <SampleTag />}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t(
            `共收到 ${campaign.responseCount} 份意见,形成 ${items.length} 项办理事项`,
            `${campaign.responseCount} responses, ${items.length} action items`,
          )}
        </Typography.Paragraph>
      </Card>
      {items.length === 0 && <Empty style={{ marginTop: 24 }} description={t('暂无办理事项', 'No action items yet')} />}
      {items.map((it) => (
        <Card key={it.id} size="small" style={{ marginTop: 12 }} data-testid="progress-item">
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text strong>{it.title}</Typography.Text>
            <Tag color={STATUS[it.status]![2]}>{lang === 'zh' ? STATUS[it.status]![0] : STATUS[it.status]![1]}</Tag>
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
            {it.regionName} · {it.department} · {t('期限', 'Due')} {it.deadline}
            {it.topicLabel ? ` · ${t('需求', 'Demand')}: ${it.topicLabel}` : ''}
            {it.demandCount ? ` (${it.demandCount})` : ''}
          </Typography.Paragraph>
          <Steps
            size="small"
            responsive={false}
            current={it.status === 'planned' ? 0 : it.status === 'in_progress' ? 1 : 2}
            status={it.status === 'done' ? 'finish' : 'process'}
            items={[{ title: t('受理', 'Accepted') }, { title: t('办理中', 'Working') }, { title: t('办结', 'Done') }]}
          />
          {it.progressNote && <Typography.Paragraph style={{ marginTop: 8 }}>{it.progressNote}</Typography.Paragraph>}
          {it.satisfaction !== null && (
            <div>
              {t('群众满意度', 'Satisfaction')}:{' '}
              <Rate disabled allowHalf value={it.satisfaction} style={{ fontSize: 14 }} /> {it.satisfaction}
            </div>
          )}
        </Card>
      ))}
    </PhoneFrame>
  );
}
