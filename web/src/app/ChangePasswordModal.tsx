import { Alert, App, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { problemText } from '../components/problem';
import { useI18n } from './i18n';

/**
 * Changing one's own password. `forced`: the password is a one-time password an administrator set (a new account,
 * a reset) — the server opens nothing else until it is changed, so the dialog cannot be dismissed.
 */
export function ChangePasswordModal({ open, onClose, forced }: { open: boolean; onClose(): void; forced?: boolean }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('密码已修改', 'Password changed'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['me'] });
      onClose();
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  return (
    <Modal
      open={open}
      title={forced ? t('请设置您自己的密码', 'Choose your own password') : t('修改密码', 'Change password')}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ 'data-testid': 'password-save' }}
      onOk={() => void submit()}
      okText={t('确定', 'Save')}
      destroyOnHidden
    >
      {forced && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="forced-password-change"
          title={t(
            '您正在使用管理员设置的一次性密码。请先设置只有您自己知道的新密码,然后才能继续使用。',
            'You signed in with a one-time password an administrator set. Choose a password only you know to go on.',
          )}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="currentPassword"
          label={forced ? t('一次性密码', 'One-time password') : t('当前密码', 'Current password')}
          rules={[{ required: true, message: t('请输入当前密码', 'Enter the current password') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码', 'New password')}
          extra={t(
            '至少12位,包含大写、小写、数字、符号中的三类,不得为常见密码',
            'At least 12 characters of three classes; not a common password',
          )}
          rules={[
            { required: true, message: t('请输入新密码', 'Enter a new password') },
            { min: 12, message: t('新密码至少12位', 'At least 12 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码', 'Confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('两次输入不一致', 'The passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
