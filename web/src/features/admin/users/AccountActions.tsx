import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { EditOutlined, KeyOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import type { UserSummary } from '@zhicheng/contracts';
import { useI18n } from '../../../app/i18n';
import { useOrganisations, useResetPassword, useSetUserStatus, useUpdateUser } from '../api';

/**
 * The system admin's actions on one account: edit, disable/enable (with a reason, confirmed), and a password reset
 * to a one-time password shown once. Admin accounts and one's own are not offered (the server refuses them too).
 */
export function AccountActions({ user }: { user: UserSummary }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [otp, setOtp] = useState<string | null>(null);
  const reset = useResetPassword();
  const disabled = user.status === 'disabled';
  return (
    <>
      <Button
        size="small"
        icon={<EditOutlined />}
        onClick={() => setEditing(true)}
        data-testid={`edit-${user.username}`}
      >
        {t('编辑', 'Edit')}
      </Button>
      <Button
        size="small"
        danger={!disabled}
        icon={disabled ? <CheckCircleOutlined /> : <StopOutlined />}
        onClick={() => setStatusOpen(true)}
        data-testid={`status-${user.username}`}
      >
        {disabled ? t('启用', 'Enable') : t('停用', 'Disable')}
      </Button>
      <Popconfirm
        title={t('重置密码', 'Reset password')}
        description={
          <div style={{ maxWidth: 300 }}>
            {t(
              `将为 ${user.displayName} 生成一次性密码,其现有登录会话立即失效;对方首次登录须修改密码。确认重置?`,
              `A one-time password is generated for ${user.displayName}; their sessions end now and they must change it at the next sign-in. Reset?`,
            )}
          </div>
        }
        okText={t('确认重置', 'Reset')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ 'data-testid': 'confirm-reset' }}
        onConfirm={() => reset.mutate(user.id, { onSuccess: (r) => setOtp(r.oneTimePassword) })}
      >
        <Button size="small" icon={<KeyOutlined />} loading={reset.isPending} data-testid={`reset-${user.username}`}>
          {t('重置密码', 'Reset password')}
        </Button>
      </Popconfirm>
      {editing && <EditUserModal user={user} onClose={() => setEditing(false)} />}
      {statusOpen && <StatusModal user={user} onClose={() => setStatusOpen(false)} />}
      <Modal
        open={otp !== null}
        title={t('一次性密码', 'One-time password')}
        onCancel={() => setOtp(null)}
        footer={
          <Button type="primary" onClick={() => setOtp(null)}>
            {t('已转交,关闭', 'Handed over; close')}
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title={t(
              '此密码只显示这一次,请当面或电话转交本人;对方登录后须立即修改。',
              'Shown only this once: hand it to the holder in person or by phone; they must change it at sign-in.',
            )}
          />
          <Typography.Text copyable code style={{ fontSize: 20 }} data-testid="one-time-password">
            {otp}
          </Typography.Text>
        </Space>
      </Modal>
    </>
  );
}

function EditUserModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { t } = useI18n();
  const orgs = useOrganisations();
  const update = useUpdateUser();
  const [form] = Form.useForm<{ displayName: string; organisationId: string }>();
  return (
    <Modal
      open
      title={`${t('编辑账号', 'Edit account')} · ${user.username}`}
      onCancel={onClose}
      okText={t('保存', 'Save')}
      okButtonProps={{ 'data-testid': 'edit-save' }}
      confirmLoading={update.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        update.mutate({ id: user.id, ...v }, { onSuccess: onClose });
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ displayName: user.displayName, organisationId: user.organisationId }}
      >
        <Form.Item
          name="displayName"
          label={t('姓名', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter the name') }]}
        >
          <Input maxLength={64} data-testid="edit-name" />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('单位', 'Organisation')}
          rules={[{ required: true, message: t('请选择单位', 'Choose the organisation') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { t } = useI18n();
  const setStatus = useSetUserStatus();
  const [reason, setReason] = useState('');
  const disabling = user.status === 'active';
  const ok = reason.trim().length >= 2;
  return (
    <Modal
      open
      title={
        disabling
          ? t(`停用账号 ${user.displayName}`, `Disable ${user.displayName}`)
          : t(`启用账号 ${user.displayName}`, `Enable ${user.displayName}`)
      }
      okText={disabling ? t('确认停用', 'Disable') : t('确认启用', 'Enable')}
      okButtonProps={{ danger: disabling, disabled: !ok, 'data-testid': 'status-confirm' }}
      confirmLoading={setStatus.isPending}
      onCancel={onClose}
      onOk={() =>
        setStatus.mutate(
          { id: user.id, status: disabling ? 'disabled' : 'active', reason: reason.trim() },
          { onSuccess: onClose },
        )
      }
    >
      {disabling && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '停用后该账号的登录会话立即失效,且不能再登录,直至重新启用。',
            'Its sessions end at once and it cannot sign in until enabled again.',
          )}
        />
      )}
      <label>
        {t('原因(必填,记入审计日志)', 'Reason (required; kept in the audit trail)')}
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="status-reason"
        />
      </label>
    </Modal>
  );
}
