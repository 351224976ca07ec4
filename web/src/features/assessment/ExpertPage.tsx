import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Input, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReviewTask } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ScoreInput, scoreOutOfRange } from '../../components/ScoreInput';
import { useReviews, useScoreReview } from './api';
import { EvidenceLinks } from './components/EvidenceLinks';
import { IndicatorHistoryButton } from './components/IndicatorHistory';
import { StageDeadlineTag, StatusTag } from './components/labels';

/** 专家评审: blind — the region is shown only by its alias, other experts' scores are hidden. */
export default function ExpertPage() {
  const { t } = useI18n();
  const tasks = useReviews();
  const items = tasks.data?.items ?? [];
  const [sel, setSel] = useState<string | null>(null);
  const task = items.find((x) => x.submissionId === sel) ?? items.find((x) => x.scorable) ?? items[0];

  return (
    <div>
      <PageHeader
        title={t('专家评审', 'Expert review')}
        sub={t(
          '盲评:不显示被评地区名称与其他专家评分;系统不会分配本地区的评审',
          'Blind: no region names, no other experts’ scores; never your own region',
        )}
      />
      {!items.length ? (
        <Empty description={t('暂无评审任务', 'No review tasks')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={7}>
            <List
              size="small"
              bordered
              dataSource={items}
              renderItem={(x) => (
                <List.Item
                  onClick={() => setSel(x.submissionId)}
                  style={{
                    cursor: 'pointer',
                    background: task?.submissionId === x.submissionId ? '#e6f4ff' : undefined,
                  }}
                  data-testid={`task-${x.alias}`}
                >
                  <Space>
                    {x.alias} <Tag>{x.regionLevel === 'city' ? t('市', 'city') : t('县', 'county')}</Tag>
                    <StatusTag s={x.status} />
                    {x.myScore !== null && <Tag color="green">{x.myScore}</Tag>}
                    {x.myScore === null && <StageDeadlineTag sub={x} />}
                  </Space>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} xl={17}>
            {task && <TaskCard key={task.submissionId} task={task} />}
          </Col>
        </Row>
      )}
    </div>
  );
}

function TaskCard({ task }: { task: ReviewTask }) {
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const submit = useScoreReview();
  return (
    <Card size="small" title={`${task.alias} · ${task.year}`} data-testid="review-task">
      <Table
        size="small"
        rowKey="code"
        pagination={{ pageSize: 12 }}
        dataSource={task.indicators}
        columns={[
          { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
          { title: t('指标', 'Indicator'), dataIndex: 'name' },
          { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70 },
          {
            title: t('填报值', 'Value'),
            width: 100,
            render: (_, i) => `${task.values[i.code]?.value ?? '—'} ${i.unit}`,
          },
          {
            title: t('说明', 'Explanation'),
            width: 160,
            render: (_, i) => task.values[i.code]?.explanation ?? '',
          },
          {
            title: t('佐证', 'Evidence'),
            width: 150,
            render: (_, i) => (
              <EvidenceLinks
                submissionId={task.submissionId}
                evidence={task.evidence.filter((e) => e.indicatorCode === i.code)}
              />
            ),
          },
          {
            title: t('历史', 'History'),
            width: 80,
            render: (_, i) => <IndicatorHistoryButton submissionId={task.submissionId} code={i.code} name={i.name} />,
          },
        ]}
      />
      {task.scorable && task.myScore === null && task.stageWindow?.closed ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="scoring-closed"
          message={t(
            `评分已于 ${task.stageWindow.deadline} 截止,须由省级重新开放后才能评分`,
            `Scoring closed on ${task.stageWindow.deadline}; the province must reopen it before you can score`,
          )}
        />
      ) : task.scorable && task.myScore === null ? (
        <>
          {task.stageWindow?.deadline && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {task.stageWindow.reopenedUntil
                ? t(
                    `省级已重新开放评分至 ${task.stageWindow.reopenedUntil},此次评分将标记为逾期`,
                    `Reopened by the province until ${task.stageWindow.reopenedUntil}; this score will be marked late`,
                  )
                : t(`请于 ${task.stageWindow.deadline} 前评分`, `Score by ${task.stageWindow.deadline}`)}
            </Typography.Paragraph>
          )}
          <Space style={{ marginTop: 12 }} wrap>
            <ScoreInput value={score} onChange={setScore} width={160} testId="expert-score" />
            <Input
              style={{ width: 360 }}
              placeholder={t('评审意见', 'Comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button
              type="primary"
              disabled={score === null || scoreOutOfRange(score)}
              loading={submit.isPending}
              onClick={() => score !== null && submit.mutate({ submissionId: task.submissionId, score, comment })}
              data-testid="expert-submit"
            >
              {t('提交评分', 'Submit score')}
            </Button>
          </Space>
        </>
      ) : (
        <div style={{ marginTop: 12 }}>
          {t('我的评分', 'My score')}: {task.myScore ?? '—'} {task.myComment}
          {task.myScoreLate && <Tag color="orange">{t('逾期', 'late')}</Tag>}
        </div>
      )}
    </Card>
  );
}
