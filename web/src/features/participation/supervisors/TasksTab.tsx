import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import type { TaskSummary } from '@zhicheng/contracts/participation';
import { useRegionFilter } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useTasks } from '../api';
import { NewTaskModal } from './NewTaskModal';
import { TaskDrawer } from './TaskDrawer';
import { TASK_KINDS } from './TaskKindTag';

/** Supervision tasks of the user's regions; a row opens the task with its panel. */
export function TasksTab() {
  const { t, pick } = useI18n();
  const [creating, setCreating] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  // The header's region (当前区划): a city or county official looking at one county sees that county's tasks.
  const q = useTasks(useRegionFilter());
  return (
    <Card>
      <Button type="primary" style={{ marginBottom: 12 }} data-testid="new-task" onClick={() => setCreating(true)}>
        {t('新建监督任务', 'New task')}
      </Button>
      <Table<TaskSummary>
        rowKey="id"
        dataSource={q.data?.items}
        loading={q.isLoading}
        pagination={{ pageSize: 20 }}
        data-testid="task-table"
        onRow={(r) => ({ onClick: () => setDetail(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('任务', 'Task'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <>
                {v}
                {r.subject && <Tag style={{ marginLeft: 4 }}>{r.subject.module}</Tag>}
              </>
            ),
          },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            width: 110,
            render: (k: TaskSummary['kind']) => pick(TASK_KINDS[k]),
          },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          { title: t('小组', 'Panel'), key: 'p', width: 90, render: (_: unknown, r) => `${r.scored}/${r.panelSize}` },
          { title: t('抽取种子', 'Seed'), dataIndex: 'seed', width: 110, render: (v: number | null) => v ?? '—' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: TaskSummary['status']) => (
              <Tag color={s === 'drawn' ? 'blue' : 'default'}>
                {s === 'open' ? t('待抽取', 'To draw') : s === 'drawn' ? t('已抽取', 'Drawn') : t('已结束', 'Closed')}
              </Tag>
            ),
          },
        ]}
      />
      <NewTaskModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => setDetail(id)} />
      <TaskDrawer id={detail} onClose={() => setDetail(null)} />
    </Card>
  );
}
