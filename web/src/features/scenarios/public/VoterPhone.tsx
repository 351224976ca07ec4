import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n';
import { usePhoneStatus, useSendPhoneCode, useVerifyPhone } from '../api';

/**
 * Optional phone verification under the vote buttons: a code by text message binds this device to the number, so
 * its votes count once per phone and are never held as a new device's. In the demo without an SMS gateway no
 * message is sent and the code is shown here, labelled as the demo's.
 */
export function VoterPhone() {
  const { t } = useI18n();
  const status = usePhoneStatus();
  const [open, setOpen] = useState(false);
  if (status.data?.verified)
    return (
      <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="phone-verified">
        <SafetyCertificateOutlined /> {t('已验证手机', 'Verified phone')} {status.data.phone}
      </Typography.Text>
    );
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)} data-testid="phone-open">
        <SafetyCertificateOutlined /> {t('验证手机号(可选)', 'Verify a phone (optional)')}
      </Button>
      {open && <VerifyDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function VerifyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const askCode = async () => {
    const { phone } = await form.validateFields(['phone']);
    send.mutate(phone, { onSuccess: (r) => setWait(r.resendInSeconds) });
  };
  return (
    <Modal
      open
      title={t('验证手机号', 'Verify a phone')}
      onCancel={onClose}
      okText={t('验证', 'Verify')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={verify.isPending}
      okButtonProps={{ 'data-testid': 'phone-verify' } as ButtonProps}
      onOk={async () => {
        const v = await form.validateFields();
        verify.mutate(v, { onSuccess: onClose });
      }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t(
          '验证后,本设备的投票计为“已验证”:同一手机号每轮对每个案例只计一票,不会因新设备被暂缓。号码仅以加密摘要保存。',
          'Once verified, this device’s votes are marked verified: one per phone per case per round, never held as a new device’s. The number is kept only as a keyed digest.',
        )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="phone"
          label={t('手机号', 'Mobile number')}
          rules={[
            { required: true, message: t('请输入手机号', 'Enter a mobile number') },
            // The contract's VoterPhone, with words for the person typing it.
            { pattern: /^1[3-9]\d{9}$/, message: t('请输入 11 位手机号', 'Enter an 11-digit mobile number') },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="phone-number" />
        </Form.Item>
        <Form.Item label={t('验证码', 'Code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: true, message: t('请输入验证码', 'Enter the code') },
                { pattern: /^\d{6}$/, message: t('验证码为 6 位数字', 'The code is 6 digits') },
              ]}
            >
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="phone-code" />
            </Form.Item>
            <Button onClick={askCode} loading={send.isPending} disabled={wait > 0} data-testid="phone-send">
              {wait > 0 ? t(`${wait} 秒后重发`, `Resend in ${wait}s`) : t('获取验证码', 'Send code')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {send.data?.demoCode && (
        <Alert
          type="warning"
          showIcon
          data-testid="phone-demo-code"
          message={t(
            `示例环境未接短信平台,不发送短信。示例验证码:${send.data.demoCode}`,
            `Demo: no SMS gateway, no message sent. Demo code: ${send.data.demoCode}`,
          )}
        />
      )}
    </Modal>
  );
}
