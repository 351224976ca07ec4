import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaToday } from '../../../app/chinaDay';
import {
  DEADLINE_STAGE_NAMES,
  type AssessmentSubmissionSummary,
  type DeadlineStage,
} from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useReopen } from '../api';

/** The stage a closed submission would be reopened in: filling in, or the review stage it waits in. */
export function closedStage(
  sub: AssessmentSubmissionSummary,
): { stage: DeadlineStage; deadline: string | null } | null {
  if (sub.fillingClosed) return { stage: 'selfAssessment', deadline: sub.deadline };
  if (sub.stageWindow?.closed) return { stage: sub.stageWindow.stage, deadline: sub.stageWindow.deadline };
  return null;
}

/**
 * After a stage's deadline only the province reopens it for one region: filling in, or the review stage the
 * submission waits in (city review, province review, expert scoring) — until a day it picks (not in the past) and
 * with a reason on record; what is then done is marked late (逾期).
 */
export function ReopenModal({ sub, onClose }: { sub: AssessmentSubmissionSummary | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const reopen = useReopen();
  const closed = sub ? closedStage(sub) : null;
  const stage = closed?.stage ?? 'selfAssessment';
  const name = DEADLINE_STAGE_NAMES[stage];
  const close = () => {
    setUntil(null);
    setReason('');
    onClose();
  };
  return (
    <Modal
      open={!!sub}
      title={t(
        `重新开放 ${sub?.regionName ?? ''} 的${name.zh}`,
        `Reopen ${name.en.toLowerCase()} for ${sub?.regionName ?? ''}`,
      )}
      onCancel={close}
      onOk={() =>
        sub &&
        until &&
        reopen.mutate(
          { id: sub.id, stage, until: until.format('YYYY-MM-DD'), reason: reason.trim() },
          { onSuccess: close },
        )
      }
      confirmLoading={reopen.isPending}
      okText={t('重新开放', 'Reopen')}
      okButtonProps={{ disabled: !until || reason.trim().length < 5, 'data-testid': 'confirm-reopen' } as never}
    >
      <Typography.Paragraph type="secondary">
        {stage === 'selfAssessment'
          ? t(
              `填报已于 ${closed?.deadline ?? ''} 截止。重新开放后该区划可在期限内修改并提交,提交将标记为逾期;操作留痕。`,
              `Filling in closed on ${closed?.deadline ?? ''}. Reopened, the region may change and submit until the day you pick; the submission is marked late. Recorded.`,
            )
          : t(
              `${name.zh}已于 ${closed?.deadline ?? ''} 截止。重新开放后可在期限内办理,办理将标记为逾期;操作留痕。`,
              `${pick(name)} closed on ${closed?.deadline ?? ''}. Reopened, it can be done until the day you pick; it is marked late. Recorded.`,
            )}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('开放至(含当日)', 'Open until (inclusive)')} required>
          <DatePicker
            value={until}
            onChange={setUntil}
            disabledDate={(d) => d.isBefore(chinaToday(), 'day')}
            aria-label={t('开放至(含当日)', 'Open until (inclusive)')}
            data-testid="reopen-until"
          />
        </Form.Item>
        <Form.Item label={t('原因(至少 5 个字)', 'Reason (at least 5 characters)')} required>
          <Input.TextArea
            rows={3}
            value={reason}
            maxLength={1000}
            aria-label={t('原因', 'Reason')}
            data-testid="reopen-reason"
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
