import { useState } from 'react';
import { Input, Modal } from 'antd';
import type { AssessmentSubmissionSummary } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useSendBack } from '../api';

/** Sending back asks for the reason the region will read (a confirmation before it happens). */
export function SendBackModal({ sub, onClose }: { sub: AssessmentSubmissionSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const sendBack = useSendBack();
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Modal
      open={!!sub}
      title={t(`退回 ${sub?.regionName ?? ''}`, `Send back ${sub?.regionName ?? ''}`)}
      onCancel={close}
      onOk={() => sub && sendBack.mutate({ id: sub.id, reason }, { onSuccess: close })}
      confirmLoading={sendBack.isPending}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2, 'data-testid': 'confirm-send-back' } as never}
    >
      <Input.TextArea
        rows={4}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('请写明退回原因(必填)', 'Reason (required)')}
        data-testid="send-back-reason"
      />
    </Modal>
  );
}
