import { App, Form, Input, Modal } from 'antd';
import { api } from '../api/client';
import { problemText } from '../components/problem';
import { useI18n } from './i18n';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('密码已修改', 'Password changed'));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  return (
    <Modal
      open={open}
      title={t('修改密码', 'Change password')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('确定', 'Save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label={t('当前密码', 'Current password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码', 'New password')}
          extra={t(
            '至少12位,包含大写、小写、数字、符号中的三类,不得为常见密码',
            'At least 12 characters of three classes; not a common password',
          )}
          rules={[{ required: true, min: 12 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码', 'Confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('两次输入不一致', 'The passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
