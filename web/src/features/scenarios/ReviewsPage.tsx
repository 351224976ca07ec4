import { useState } from 'react';
import { Button, Card, Empty, Form, Input, List, Modal, Slider, Tag, Typography } from 'antd';
import { CRITERIA_NAMES, REVIEW_CRITERIA, type ReviewInput, type ReviewTask } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useMyReviews, useScore } from './api';

/** An expert's drawn cases: read, score the five criteria (0–10), comment. */
export default function ReviewsPage() {
  const { t, pick } = useI18n();
  const mine = useMyReviews();
  const score = useScore();
  const [open, setOpen] = useState<ReviewTask | null>(null);
  const [form] = Form.useForm<ReviewInput>();

  // The form mounts with the task's values (key + initialValues) rather than being filled before the modal has
  // rendered it, so the first open never submits an empty form.
  const initial = (task: ReviewTask) =>
    ({
      scores: task.scores ?? Object.fromEntries(REVIEW_CRITERIA.map((c) => [c, 7])),
      comment: task.comment,
    }) as ReviewInput;
  const save = async () => {
    const v = await form.validateFields();
    score.mutate({ roundId: open!.roundId, caseId: open!.caseId, input: v }, { onSuccess: () => setOpen(null) });
  };

  return (
    <div>
      <PageHeader
        title={t('我的案例评审', 'My case reviews')}
        sub={t('专家随机抽取,不评审本市案例', 'Drawn at random; never a case of your own city')}
      />
      <Card>
        <List
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('暂无分配的评审', 'Nothing assigned')} /> }}
          renderItem={(task) => (
            <List.Item
              actions={[
                <Button key="s" type={task.total === null ? 'primary' : 'default'} onClick={() => setOpen(task)}>
                  {task.total === null ? t('评分', 'Score') : t('修改', 'Change')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    {task.title} <Tag>{task.domainName}</Tag>{' '}
                    {task.total !== null && <Tag color="green">{task.total}</Tag>}
                  </>
                }
                description={`${task.roundName} · ${task.summary}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={!!open}
        width={640}
        title={open?.title}
        onCancel={() => setOpen(null)}
        onOk={() => void save()}
        confirmLoading={score.isPending}
        okText={t('提交评分', 'Submit')}
        destroyOnHidden
      >
        {open && (
          <>
            <Typography.Paragraph type="secondary">{open.approach}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{open.results}</Typography.Paragraph>
          </>
        )}
        <Form
          key={open ? `${open.roundId}/${open.caseId}` : 'none'}
          form={form}
          layout="vertical"
          initialValues={open ? initial(open) : undefined}
        >
          {REVIEW_CRITERIA.map((c) => (
            <Form.Item key={c} name={['scores', c]} label={pick(CRITERIA_NAMES[c])} rules={[{ required: true }]}>
              <Slider min={0} max={10} step={0.5} marks={{ 0: '0', 5: '5', 10: '10' }} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('评语', 'Comment')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
