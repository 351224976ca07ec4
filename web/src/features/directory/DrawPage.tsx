import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DIRECTORY_PERMISSIONS as P, type DrawPick } from '@zhicheng/contracts/directory';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { useCloseDraw, useDraw, useRecordResponse } from './api';
import { DRAW_STATUS, PICK_STATUS, fieldName, reasonName } from './labels';

/** One draw: the result as the operator may see it (names after acceptance), exclusions by reason only. */
export default function DrawPage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const q = useDraw(id);
  const close = useCloseDraw();
  const record = useRecordResponse();
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="warning" title={problemText(q.error, lang)} />;
  const d = q.data;
  const open = d.status === 'open' || d.status === 'short';

  const decline = (p: DrawPick) =>
    modal.confirm({
      title: t('记录该专家拒绝?', 'Record a decline?'),
      content: t(
        '将按同一种子自动递补下一位专家,不可撤销。',
        'The next expert by the same seed is drawn; this cannot be undone.',
      ),
      onOk: () =>
        record.mutate({ id, position: p.position, answer: { answer: 'decline', reason: '电话告知不能参加' } }),
    });

  return (
    <div>
      <PageHeader
        title={d.title}
        sub={
          <Link to={`/verify/draw/${d.id}`} target="_blank">
            {t('公开复核页', 'Public verification page')}
          </Link>
        }
        extra={
          can(P.drawRequest) &&
          open && (
            <Popconfirm
              title={t('结束本次抽取并公开种子?', 'End this draw and reveal its seed?')}
              onConfirm={() => close.mutate(id)}
            >
              <Button danger>{t('结束抽取', 'Close draw')}</Button>
            </Popconfirm>
          )
        }
      />
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('状态', 'Status')}>
            <Tag color={DRAW_STATUS[d.status]?.[2]}>{t(DRAW_STATUS[d.status]![0], DRAW_STATUS[d.status]![1])}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('地区', 'Region')}>{d.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('第几次抽取', 'Attempt')}>
            {d.attempt}
            {d.redrawReason && ` (${d.redrawReason})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('经办', 'Requested by')}>{d.requestedBy}</Descriptions.Item>
          <Descriptions.Item label={t('候选人数', 'Candidates')}>{d.candidates}</Descriptions.Item>
          <Descriptions.Item label={t('回避', 'Excluded')}>
            {d.exclusions.length === 0
              ? '—'
              : d.exclusions.map((x) => <Tag key={x.reason}>{`${reasonName(x.reason, pick)} × ${x.count}`}</Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('种子哈希(抽取前写入审计链)', 'Seed hash (in the audit chain before the draw)')}>
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {d.seedHash}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('种子', 'Seed')}>
            {d.seed ? (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="seed">
                {d.seed}
              </Typography.Text>
            ) : (
              t('抽取结束后公开', 'Revealed when the draw is over')
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('抽取结果', 'Result')} style={{ marginTop: 16 }}>
        <Table<DrawPick>
          rowKey="position"
          size="small"
          pagination={false}
          dataSource={d.picks}
          columns={[
            { title: t('席位', 'Place'), dataIndex: 'alias', width: 90 },
            {
              title: t('领域', 'Field'),
              dataIndex: 'field',
              render: (f: string | null) => fieldName(f, pick, t('不限', 'any')),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string, p) => (
                <Space>
                  <Tag color={PICK_STATUS[s]?.[2]}>{t(PICK_STATUS[s]![0], PICK_STATUS[s]![1])}</Tag>
                  {p.replaces !== null && <Tag>{t('递补', 'Replacement')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              render: (v: string | null, p) =>
                v ? (
                  `${v}(${p.unitName})`
                ) : (
                  <Typography.Text type="secondary">{t('接受前密封', 'Sealed until accepted')}</Typography.Text>
                ),
            },
            { title: t('拒绝原因', 'Reason'), dataIndex: 'declineReason', render: (v: string | null) => v ?? '' },
            ...(can(P.expertManage) && d.status === 'open'
              ? [
                  {
                    title: t('电话答复', 'Phone answer'),
                    key: 'answer',
                    render: (_: unknown, p: DrawPick) =>
                      p.status === 'invited' && (
                        <Space>
                          <Popconfirm
                            title={t('记录该专家接受?', 'Record an acceptance?')}
                            onConfirm={() => record.mutate({ id, position: p.position, answer: { answer: 'accept' } })}
                          >
                            <Button size="small">{t('接受', 'Accept')}</Button>
                          </Popconfirm>
                          <Button size="small" danger onClick={() => decline(p)}>
                            {t('拒绝', 'Decline')}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}
