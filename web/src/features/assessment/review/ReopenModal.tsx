import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaToday } from '../../../app/chinaDay';
import type { AssessmentSubmissionSummary } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useReopen } from '../api';

/**
 * After the self-assessment deadline only the province reopens a region's filling in: until a day it picks (not in
 * the past) and with a reason on record; what the region then submits is marked late (逾期).
 */
export function ReopenModal({ sub, onClose }: { sub: AssessmentSubmissionSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const reopen = useReopen();
  const close = () => {
    setUntil(null);
    setReason('');
    onClose();
  };
  return (
    <Modal
      open={!!sub}
      title={t(`重新开放 ${sub?.regionName ?? ''} 的填报`, `Reopen filling in for ${sub?.regionName ?? ''}`)}
      onCancel={close}
      onOk={() =>
        sub &&
        until &&
        reopen.mutate({ id: sub.id, until: until.format('YYYY-MM-DD'), reason: reason.trim() }, { onSuccess: close })
      }
      confirmLoading={reopen.isPending}
      okText={t('重新开放', 'Reopen')}
      okButtonProps={{ disabled: !until || reason.trim().length < 5, 'data-testid': 'confirm-reopen' } as never}
    >
      <Typography.Paragraph type="secondary">
        {t(
          `填报已于 ${sub?.deadline ?? ''} 截止。重新开放后该区划可在期限内修改并提交,提交将标记为逾期;操作留痕。`,
          `Filling in closed on ${sub?.deadline ?? ''}. Reopened, the region may change and submit until the day you pick; the submission is marked late. Recorded.`,
        )}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('开放至(含当日)', 'Open until (inclusive)')} required>
          <DatePicker
            value={until}
            onChange={setUntil}
            disabledDate={(d) => d.isBefore(chinaToday(), 'day')}
            data-testid="reopen-until"
          />
        </Form.Item>
        <Form.Item label={t('原因(至少 5 个字)', 'Reason (at least 5 characters)')} required>
          <Input.TextArea rows={3} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
