import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Input, Rate, Result, Skeleton, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../components/problem';
import { useAnswerFollowup, usePublicFollowup } from './api';
import { PhoneFrame } from './public/PhoneFrame';

/** A satisfaction follow-up by its private link (/f/:token): one question, 1–5 stars and a comment. */
export default function FollowupPage() {
  const { token = '' } = useParams();
  const { t, lang } = useI18n();
  const q = usePublicFollowup(token);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const send = useAnswerFollowup(token, (e) => setErr(problemText(e, lang)));
  if (q.isLoading)
    return (
      <PhoneFrame>
        <Skeleton active />
      </PhoneFrame>
    );
  if (!q.data)
    return (
      <PhoneFrame>
        <Result status="warning" title={problemText(q.error, lang)} />
      </PhoneFrame>
    );
  if (sent || q.data.answered)
    return (
      <PhoneFrame>
        <Result status="success" title={t('感谢您的评价', 'Thank you for your feedback')} />
      </PhoneFrame>
    );
  return (
    <PhoneFrame title={t('办理结果回访', 'Follow-up')}>
      <Card>
        <Typography.Title level={5}>{q.data.actionTitle}</Typography.Title>
        <Typography.Paragraph type="secondary">{q.data.department}</Typography.Paragraph>
        <Typography.Paragraph>{q.data.progressNote}</Typography.Paragraph>
        <Typography.Text strong>{t('您对办理结果满意吗?', 'Are you satisfied with the result?')}</Typography.Text>
        <div>
          <Rate value={score} onChange={setScore} style={{ fontSize: 32 }} />
        </div>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={500}
          placeholder={t('意见(选填)', 'Comment (optional)')}
          style={{ marginTop: 8 }}
        />
        {err && <Alert type="error" title={err} style={{ marginTop: 8 }} />}
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 12 }}
          disabled={!score}
          loading={send.isPending}
          onClick={() => {
            setErr(null);
            send.mutate({ satisfaction: score, comment: comment || undefined }, { onSuccess: () => setSent(true) });
          }}
        >
          {t('提交评价', 'Submit')}
        </Button>
      </Card>
    </PhoneFrame>
  );
}
