import { useState } from 'react';
import { Card, Space, Table, Tag, Typography } from 'antd';
import {
  PARTICIPATION_PERMISSIONS as P,
  type ActionItem,
  type CampaignDetail,
} from '@zhicheng/contracts/participation';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useActions, useCreateFollowups } from '../api';
import { ActionEditModal } from './ActionEditModal';
import { FollowupsModal } from './FollowupsModal';
import { ACTION_STATUS } from './labels';
import { ActionLink } from '../../../components/ActionLink';

/** The campaign's action items with their progress and satisfaction; updating them and asking respondents. */
export function ActionsTab({ c }: { c: CampaignDetail }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const [edit, setEdit] = useState<ActionItem | null>(null);
  const [fu, setFu] = useState<string | null>(null);
  const q = useActions(c.id);
  const followUp = useCreateFollowups();
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        {t(
          '在“需求主题”中将主题转办给责任部门;办理进展公开在',
          'Assign topics from the Demand topics tab; progress is public at',
        )}{' '}
        <a href={`/progress/${c.id}`} target="_blank" rel="noreferrer">
          /progress/{c.id.slice(0, 8)}…
        </a>
      </Typography.Paragraph>
      <Table<ActionItem>
        rowKey="id"
        dataSource={q.data?.items}
        loading={q.isLoading}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('事项', 'Action'), dataIndex: 'title' },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          { title: t('责任部门', 'Department'), dataIndex: 'department', width: 160 },
          {
            title: t('需求主题', 'Topic'),
            dataIndex: 'topicLabel',
            width: 120,
            render: (v: string | null, r) => (v ? `${v} (${r.demandCount})` : '—'),
          },
          { title: t('期限', 'Deadline'), dataIndex: 'deadline', width: 110 },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: ActionItem['status']) => <Tag color={ACTION_STATUS[s].color}>{pick(ACTION_STATUS[s])}</Tag>,
          },
          {
            title: t('回访满意度', 'Satisfaction'),
            key: 'fu',
            width: 120,
            render: (_: unknown, r) =>
              r.followups.asked
                ? `${r.followups.meanSatisfaction ?? '—'} (${r.followups.answered}/${r.followups.asked})`
                : '—',
          },
          {
            title: '',
            key: 'ops',
            width: 200,
            render: (_: unknown, r) =>
              can(P.actionsManage) && (
                <Space>
                  <ActionLink onClick={() => setEdit(r)}>{t('更新进展', 'Update')}</ActionLink>
                  <ActionLink onClick={() => followUp.mutate(r.id, { onSuccess: () => setFu(r.id) })}>
                    {t('满意度回访', 'Follow up')}
                  </ActionLink>
                </Space>
              ),
          },
        ]}
      />
      <ActionEditModal action={edit} onClose={() => setEdit(null)} />
      <FollowupsModal actionId={fu} onClose={() => setFu(null)} />
    </Card>
  );
}
