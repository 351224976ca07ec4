import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../components/problem';
import { useVerification } from './api';
import { PublicFrame } from './PublicFrame';
import { fieldName, PICK_STATUS, reasonName } from './labels';
import { rerun } from './rerun';
import { chinaTime } from '../../app/chinaDay';

const Check = ({ ok }: { ok: boolean | null }) =>
  ok === null ? (
    <QuestionCircleOutlined />
  ) : ok ? (
    <CheckCircleTwoTone twoToneColor="#52c41a" />
  ) : (
    <CloseCircleTwoTone twoToneColor="#ff4d4f" />
  );

/**
 * The public record of a draw (/verify/draw/:id): the commitment in the audit chain, the revealed seed, candidates
 * by code, and a re-run in the reader's own browser. Names never appear.
 */
export default function VerifyPage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const q = useVerification(id);
  const [mine, setMine] = useState<{ codes: string[]; matches: boolean; hashOk: boolean } | null>(null);
  if (q.isLoading)
    return (
      <PublicFrame>
        <Skeleton active />
      </PublicFrame>
    );
  if (!q.data)
    return (
      <PublicFrame>
        <Result status="warning" title={problemText(q.error, lang)} />
      </PublicFrame>
    );
  const v = q.data;
  const runHere = async () => {
    const r = await rerun(v.seed!, v.salt, v.quotas, v.candidates, v.picks);
    setMine({ codes: r.codes, matches: r.matches, hashOk: r.seedHash === v.seedHash });
  };

  return (
    <PublicFrame title={t('智城 · 专家抽取公开复核', 'Zhicheng · Expert draw verification')}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {v.title}
        </Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('地区', 'Region')}>{v.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('抽取时间', 'Drawn at')}>{chinaTime(v.requestedAt, true)}</Descriptions.Item>
          <Descriptions.Item label={t('第几次', 'Attempt')}>
            {v.attempt}
            {v.redrawReason && ` (${v.redrawReason})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('种子哈希', 'Seed hash')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {v.seedHash}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('审计链承诺', 'Audit-chain commitment')}>
            {v.commitment ? `#${v.commitment.seq} ${chinaTime(v.commitment.at, true)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('种子', 'Seed')}>
            {v.seed ? (
              <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="revealed-seed">
                {v.seed}
                {v.salt && `:${v.salt}`}
              </Typography.Text>
            ) : (
              t('抽取结束后公开', 'Revealed when the draw is over')
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('服务器核验', 'Server checks')}>
        <Space direction="vertical">
          <span>
            <Check ok={v.checks.committedBeforeDraw} />{' '}
            {t('种子哈希在抽取前已写入审计链', 'Seed hash committed before the draw')}
          </span>
          <span>
            <Check ok={v.checks.seedMatchesHash} /> {t('公开的种子与哈希一致', 'Revealed seed matches the hash')}
          </span>
          <span data-testid="server-rerun">
            <Check ok={v.checks.rerunMatches} />{' '}
            {t('按种子重新抽取,结果一致', 'Re-running from the seed gives the record')}
          </span>
        </Space>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('在本机复核', 'Re-run it yourself')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {v.algorithm}
        </Typography.Paragraph>
        {v.seed ? (
          <Button onClick={() => void runHere()} data-testid="rerun-here">
            {t('用浏览器重新抽取', 'Re-run in this browser')}
          </Button>
        ) : (
          <Alert type="info" message={t('种子公开后可复核', 'Available once the seed is revealed')} />
        )}
        {mine && (
          <Alert
            style={{ marginTop: 8 }}
            data-testid="rerun-result"
            type={mine.matches && mine.hashOk ? 'success' : 'error'}
            message={
              mine.matches && mine.hashOk
                ? t(`一致:${mine.codes.join('、')}`, `Matches: ${mine.codes.join(', ')}`)
                : t('不一致!', 'Does not match!')
            }
          />
        )}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('抽取结果(编号)', 'Picks (codes)')}>
        <Table
          rowKey="position"
          size="small"
          pagination={false}
          dataSource={v.picks}
          columns={[
            { title: t('序', '#'), dataIndex: 'position', width: 40 },
            { title: t('编号', 'Code'), dataIndex: 'code' },
            {
              title: t('领域', 'Field'),
              dataIndex: 'field',
              render: (f: string | null) => fieldName(f, pick, t('不限', 'any')),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={PICK_STATUS[s]?.[2]}>{t(PICK_STATUS[s]![0], PICK_STATUS[s]![1])}</Tag>,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t(`候选人(${v.candidates.length})`, `Candidates (${v.candidates.length})`)}
      >
        <Table
          rowKey="code"
          size="small"
          pagination={{ pageSize: 20, size: 'small' }}
          dataSource={v.candidates}
          columns={[
            { title: t('编号', 'Code'), dataIndex: 'code' },
            {
              title: t('回避原因', 'Excluded'),
              dataIndex: 'excluded',
              render: (r: string | null) =>
                r ? <Tag color="orange">{reasonName(r, pick)}</Tag> : t('参加抽签', 'In the lottery'),
            },
          ]}
        />
      </Card>
    </PublicFrame>
  );
}
