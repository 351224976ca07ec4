import { Form, Input, Modal, Select } from 'antd';
import type { ActionItem, UpdateActionRequest } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { useUpdateAction } from '../api';
import { ACTION_STATUS } from './labels';

/** An action item's status and the progress note the public page shows. */
export function ActionEditModal({ action, onClose }: { action: ActionItem | null; onClose(): void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<UpdateActionRequest>();
  const update = useUpdateAction();
  return (
    <Modal
      open={!!action}
      title={action?.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: action?.status, progressNote: action?.progressNote }}
        onFinish={(patch) => update.mutate({ id: action!.id, patch }, { onSuccess: onClose })}
      >
        <Form.Item name="status" label={t('状态', 'Status')}>
          <Select options={Object.entries(ACTION_STATUS).map(([value, label]) => ({ value, label: pick(label) }))} />
        </Form.Item>
        <Form.Item name="progressNote" label={t('公开进展说明', 'Public progress note')}>
          <Input.TextArea maxLength={2000} rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
