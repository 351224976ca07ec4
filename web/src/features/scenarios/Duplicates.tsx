import { useState } from 'react';
import { Alert, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Duplicate } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { useDecideDuplicate, useDuplicates, useProposeMerge } from './api';

/** The duplicate warning on a case page: similar cases, their passages side by side, and the reviewer's choice. */
export function Duplicates({ caseId, canDecide }: { caseId: string; canDecide: boolean }) {
  const { t } = useI18n();
  const dups = useDuplicates(caseId);
  const decide = useDecideDuplicate(caseId);
  const propose = useProposeMerge(caseId);
  const [merging, setMerging] = useState(false);
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState<Duplicate | null>(null);
  const items = dups.data?.items ?? [];
  if (!items.length) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="duplicate-warning"
        message={t(`发现 ${items.length} 个可能重复的案例`, `${items.length} possibly duplicate cases`)}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            {items.map((d) => (
              <Space key={d.otherId} wrap>
                <Link to={`/scenarios/cases/${d.otherId}`}>{d.title}</Link>
                <span>{d.regionName}</span>
                <Tag color="orange">
                  {t(`相似度 ${Math.round(d.similarity * 100)}%`, `${Math.round(d.similarity * 100)}% similar`)}
                </Tag>
                {d.decision !== 'open' && (
                  <Tag>
                    {d.decision === 'linked' ? t('已关联为复制', 'Linked as replication') : t('已排除', 'Dismissed')}
                  </Tag>
                )}
                <Button size="small" onClick={() => setOpen(d)}>
                  {t('对照查看', 'Compare')}
                </Button>
              </Space>
            ))}
          </Space>
        }
      />
      <Modal
        open={!!open}
        width={900}
        title={t('相似段落对照', 'Matching passages side by side')}
        onCancel={() => setOpen(null)}
        footer={
          canDecide &&
          open?.decision === 'open' && (
            <Space>
              <Popconfirm
                title={t('确认为不同案例?', 'Mark as different cases?')}
                onConfirm={() =>
                  decide.mutate({ otherId: open.otherId, decision: 'dismiss' }, { onSuccess: () => setOpen(null) })
                }
              >
                <Button>{t('不是重复', 'Not a duplicate')}</Button>
              </Popconfirm>
              <Button
                onClick={() => {
                  setReason('');
                  setMerging(true);
                }}
              >
                {t('建议合并', 'Propose a merge')}
              </Button>
              <Popconfirm
                title={t(
                  '关联为对方案例的复制推广?将由本案例所在市确认。',
                  'Link as a replication of the other? The city confirms it.',
                )}
                onConfirm={() =>
                  decide.mutate({ otherId: open.otherId, decision: 'link' }, { onSuccess: () => setOpen(null) })
                }
              >
                <Button type="primary">{t('关联为复制推广', 'Link as replication')}</Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {open && (
          <Table
            size="small"
            rowKey={(p) => p.mine}
            pagination={false}
            dataSource={open.passages}
            columns={[
              { title: t('本案例', 'This case'), dataIndex: 'mine' },
              { title: open.title, dataIndex: 'theirs' },
              {
                title: t('相似', 'Similar'),
                dataIndex: 'similarity',
                width: 70,
                render: (v: number) => `${Math.round(v * 100)}%`,
              },
            ]}
          />
        )}
        {open && !open.passages.length && (
          <Typography.Text type="secondary">{t('无逐句相同段落', 'No sentence-level match')}</Typography.Text>
        )}
      </Modal>
      <Modal
        open={merging && !!open}
        title={t('建议合并', 'Propose a merge')}
        okText={t('发出建议', 'Propose')}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        confirmLoading={propose.isPending}
        onCancel={() => setMerging(false)}
        onOk={() =>
          open &&
          propose.mutate(
            { otherId: open.otherId, reason: reason.trim() },
            {
              onSuccess: () => {
                setMerging(false);
                setOpen(null);
              },
            },
          )
        }
      >
        <Typography.Paragraph>
          {t(
            `建议将本案例并入「${open?.title ?? ''}」。须本案例和对方案例的填报人都同意后才会合并;合并后本案例退出榜单,其记录保留。`,
            `Propose merging this case into “${open?.title ?? ''}”. It is merged only when the authors of both cases agree; the case then leaves the board and its record stays.`,
          )}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('合并理由(必填)', 'Why (required)')}
        />
      </Modal>
    </>
  );
}
