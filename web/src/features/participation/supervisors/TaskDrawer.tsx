import { useState } from 'react';
import { Button, Descriptions, Drawer, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import { echarts, ReactEChartsCore } from '../../../components/charts';
import { useDraw, useDrawCheck, useTask } from '../api';
import { TASK_KINDS } from './TaskKindTag';

/** A task with its quotas, the recorded draw and its re-check, the panel's scores and who is far from the rest. */
export function TaskDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t, pick } = useI18n();
  const [seed, setSeed] = useState<number | null>(null);
  const q = useTask(id);
  const check = useDrawCheck(id ?? '', q.data?.seed ?? null);
  const draw = useDraw(id ?? '');
  const task = q.data;
  return (
    <Drawer open={!!id} width={760} onClose={onClose} title={task?.title} destroyOnHidden>
      {task && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { label: t('地区', 'Region'), children: task.regionName },
              { label: t('年度', 'Year'), children: task.year },
              {
                label: t('类型', 'Kind'),
                children: `${pick(TASK_KINDS[task.kind])}${task.indicatorCode ? ` ${task.indicatorCode}` : ''}`,
              },
              ...(task.subject
                ? [
                    {
                      label: t('核验对象', 'Subject'),
                      children: `${task.subject.title} (${task.subject.module} · ${task.subject.objectType})`,
                    },
                  ]
                : []),
              {
                label: t('配额', 'Quotas'),
                children:
                  [
                    ...Object.entries(task.quotas.byGender ?? {}).map(
                      ([g, n]) => `${g === 'female' ? t('女', 'F') : t('男', 'M')} ≤ ${n}`,
                    ),
                    ...Object.entries(task.quotas.byAgeBand ?? {}).map(([a, n]) => `${a} ≤ ${n}`),
                    ...Object.entries(task.quotas.byRegion ?? {}).map(([r, n]) => `${r} ≤ ${n}`),
                    ...(task.quotas.minMedia ? [`${t('媒体', 'media')} ≥ ${task.quotas.minMedia}`] : []),
                  ].join(', ') || '—',
              },
              { label: t('抽取种子', 'Seed'), children: task.seed ?? '—' },
              {
                label: t('复核', 'Re-check'),
                children: check.data ? (
                  check.data.matches ? (
                    <Tag color="green" data-testid="draw-check-ok">
                      {t('按种子重抽结果一致', 'Re-run matches')}
                    </Tag>
                  ) : (
                    <Tag color="red">{t('不一致', 'Mismatch')}</Tag>
                  )
                ) : (
                  '—'
                ),
              },
            ]}
          />
          {task.status === 'open' && (
            <Space style={{ margin: '12px 0' }}>
              <InputNumber
                aria-label={t('种子(留空随机)', 'Seed (blank: random)')}
                placeholder={t('种子(留空随机)', 'Seed (blank: random)')}
                style={{ width: 180 }}
                value={seed}
                onChange={setSeed}
                min={0}
              />
              <Button
                type="primary"
                data-testid="draw-panel"
                loading={draw.isPending}
                onClick={() => draw.mutate(seed)}
              >
                {t('分层随机抽取', 'Draw the panel')}
              </Button>
            </Space>
          )}
          {task.panelMedian !== null && (
            <Statistic
              title={t('小组评分中位数', 'Panel median')}
              value={task.panelMedian}
              style={{ margin: '12px 0' }}
            />
          )}
          <Table
            size="small"
            rowKey="supervisorId"
            pagination={false}
            dataSource={task.members}
            data-testid="panel-table"
            columns={[
              {
                title: t('监督员', 'Supervisor'),
                dataIndex: 'nameMasked',
                render: (v: string, r) => (
                  <>
                    {v}
                    {r.media && (
                      <Tag color="magenta" style={{ marginLeft: 4 }}>
                        {t('媒体', 'media')}
                      </Tag>
                    )}
                  </>
                ),
              },
              { title: t('地区', 'Region'), dataIndex: 'regionName' },
              { title: t('年龄', 'Age'), dataIndex: 'ageBand' },
              {
                title: t('性别', 'Gender'),
                dataIndex: 'gender',
                render: (g: string) => (g === 'female' ? t('女', 'F') : t('男', 'M')),
              },
              {
                title: t('评分', 'Score'),
                dataIndex: 'score',
                render: (v: number | null, r) =>
                  v === null ? (
                    <Typography.Text type="secondary">{t('未提交', 'pending')}</Typography.Text>
                  ) : (
                    <>
                      {v}
                      {r.outlier && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          {t('偏离小组', 'outlier')}
                        </Tag>
                      )}
                    </>
                  ),
              },
              { title: t('偏差', 'Deviation'), dataIndex: 'deviation', render: (v: number | null) => v ?? '—' },
              { title: t('照片', 'Photos'), dataIndex: 'photoCount' },
            ]}
          />
          {task.members.some((m) => m.score !== null) && (
            <ReactEChartsCore
              echarts={echarts}
              notMerge
              style={{ height: 220, marginTop: 12 }}
              option={{
                tooltip: {},
                grid: { left: 40, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: { type: 'category', data: [''] },
                series: [
                  {
                    type: 'scatter',
                    symbolSize: 16,
                    data: task.members
                      .filter((m) => m.score !== null)
                      .map((m) => ({
                        value: [m.score, ''],
                        itemStyle: { color: m.outlier ? '#cf1322' : '#1256b0' },
                        name: m.nameMasked,
                      })),
                  },
                ],
                markLine: undefined,
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
