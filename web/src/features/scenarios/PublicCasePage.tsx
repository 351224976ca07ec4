import { useParams } from 'react-router';
import { Button, Card, Descriptions, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { usePublicCase, useSpread, useVote } from './api';
import SpreadCharts from './SpreadCharts';
import { Attachments } from './Attachments';
import { wan } from './labels';
import { Frame } from './public/Frame';
import { Components, Movement } from './public/StandingParts';
import { VoterPhone } from './public/VoterPhone';

/** A case on the board for citizens (/board/cases/:id): what it does, how it ranks and why, and a vote. */
export default function PublicCasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const c = usePublicCase(id);
  const vote = useVote(id);
  const spread = useSpread(id);
  if (c.isLoading)
    return (
      <Frame>
        <Skeleton active />
      </Frame>
    );
  if (!c.data)
    return (
      <Frame>
        <Result status="404" title={problemText(c.error, lang)} />
      </Frame>
    );
  const k = c.data;
  const s = k.standing;
  return (
    <Frame>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {k.title} {k.demo && <SampleTag en={lang === 'en'} />}
        </Typography.Title>
        <Space wrap size={4}>
          <Tag color="red">{k.domainName}</Tag>
          <Tag>{k.categoryName}</Tag>
          <Tag>{k.operatingModelName}</Tag>
          <span style={{ fontSize: 12, color: '#666' }}>
            {k.cityName} · {k.regionName}
          </span>
        </Space>
        <Typography.Paragraph style={{ marginTop: 8 }}>{k.summary}</Typography.Paragraph>
        <Space style={{ width: '100%' }}>
          <Button
            type="primary"
            danger
            icon={<LikeOutlined />}
            loading={vote.isPending}
            onClick={() => vote.mutate(true)}
            data-testid="vote-up"
          >
            {t('支持', 'Support')}
          </Button>
          <Button icon={<DislikeOutlined />} loading={vote.isPending} onClick={() => vote.mutate(false)}>
            {t('不认可', 'Not convinced')}
          </Button>
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>
          {t(
            '每台设备每轮对每个案例限投一票;异常集中投票将暂缓计入并复核',
            'One vote per device per case per round; bursts are held for review',
          )}
        </Typography.Text>
        <VoterPhone />
      </Card>
      <Attachments caseId={k.id} items={k.attachments} editable={false} publicPage />
      {s && (
        <Card
          size="small"
          title={t(`当前第 ${s.rank} 名`, `Rank ${s.rank} now`)}
          extra={<Movement m={s.movement} />}
          style={{ marginBottom: 12 }}
        >
          <Components s={s} />
          <div style={{ fontSize: 12, marginTop: 8 }}>
            {t('专家评审', 'Reviews')} {s.reviewCount} · {t('有效票', 'votes')} {s.votesUp}/{s.votesTotal}
            {s.votesHeld > 0 && ` · ${t('待复核', 'held')} ${s.votesHeld}`} · {t('复制推广', 'adoptions')}{' '}
            {s.replications}
          </div>
          {s.why && (
            <Typography.Paragraph style={{ fontSize: 13, marginTop: 8, marginBottom: 0 }} data-testid="case-why">
              {lang === 'zh' ? s.why.text.zh : s.why.text.en}
            </Typography.Paragraph>
          )}
        </Card>
      )}
      {(spread.data?.items.length ?? 0) > 0 && (
        <Card size="small" title={t('复制推广(由点及面)', 'Where it spread')} style={{ marginBottom: 12 }}>
          <SpreadCharts items={spread.data!.items} homeCity={k.cityCode} />
          <Timeline
            items={spread.data!.items.map((r) => ({
              children: (
                <>
                  <b>{r.adopterName}</b> · {r.adoptedOn}
                  {r.followedEvents.length > 0 && (
                    <div style={{ fontSize: 12, color: '#666' }}>
                      {t('此前参加:', 'After: ')}
                      {r.followedEvents.map((e) => e.title).join('、')}
                    </div>
                  )}
                </>
              ),
            }))}
          />
        </Card>
      )}
      <Card size="small" title={t('案例详情', 'About the case')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('解决的问题', 'Problem')}>{k.problem || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('主要做法', 'Approach')}>{k.approach || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('应用成效', 'Results')}>{k.results || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('服务人数', 'People served')}>{k.usersServed.toLocaleString()}</Descriptions.Item>
          <Descriptions.Item label={t('投资(万元)', 'Investment (10k yuan)')}>{wan(k.investmentFen)}</Descriptions.Item>
          <Descriptions.Item label={t('长效运营', 'Keeps running by')}>{k.operatingNote || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('上线时间', 'Go-live')}>{k.goLive ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('责任单位', 'Responsible unit')}>{k.responsibleUnit || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Frame>
  );
}
