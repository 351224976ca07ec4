import { Card, Empty, Form, Input, InputNumber, Button, Modal, Tag, Typography } from 'antd';
import { CENTRE_APPLICATION_STATUSES, CENTRE_CRITERIA, type CentreReview } from '@zhicheng/contracts/directory';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { hoursText, useCentreReviews, useScoreCentre } from './centres-api';

/** A drawn expert who accepted scores the applications on the criteria (once each). */
export default function CentreReviewsPage() {
  const { t } = useI18n();
  const reviews = useCentreReviews();
  return (
    <div>
      <PageHeader
        title={t('科普中心评审', 'Centre reviews')}
        sub={t(
          '接受邀请后,按评分标准逐项打分;提交后不可修改。',
          'Score each criterion once you accepted; a score cannot be changed.',
        )}
      />
      {!reviews.data?.length && !reviews.isLoading && <Empty description={t('暂无评审任务', 'Nothing to review')} />}
      {reviews.data?.map((r) => (
        <ReviewCard key={r.applicationId} r={r} />
      ))}
    </div>
  );
}

function ReviewCard({ r }: { r: CentreReview }) {
  const { t, pick, lang } = useI18n();
  const score = useScoreCentre();
  const [form] = Form.useForm<{ venue: number; content: number; operation: number; reach: number; comment: string }>();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${r.name} · ${r.regionName}`}
      extra={<Tag>{pick(CENTRE_APPLICATION_STATUSES[r.status])}</Tag>}
      data-testid="centre-review"
    >
      <Typography.Paragraph type="secondary">
        {r.roundTitle} · {r.address} · {r.areaSqm} m² · {hoursText(r.hours, lang)}
      </Typography.Paragraph>
      <Typography.Paragraph>{r.description}</Typography.Paragraph>
      {r.mine ? (
        <div>
          {t('我的评分', 'My score')}: <b>{r.mine.total}</b> — {r.mine.comment}
        </div>
      ) : (
        <Form form={form} layout="inline">
          {Object.entries(CENTRE_CRITERIA).map(([k, c]) => (
            <Form.Item key={k} name={k} label={`${pick(c)} (≤${c.max})`} rules={[{ required: true }]}>
              <InputNumber min={0} max={c.max} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label={t('评审意见', 'Comment')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 320 }} maxLength={500} />
          </Form.Item>
          <Button
            type="primary"
            loading={score.isPending}
            onClick={async () => {
              const { comment, ...scores } = await form.validateFields();
              Modal.confirm({
                title: t('提交后不可修改,确认提交?', 'A score cannot be changed. Submit?'),
                onOk: () => score.mutateAsync({ id: r.applicationId, input: { scores, comment } }),
              });
            }}
          >
            {t('提交评分', 'Submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
