import { App, Button, DatePicker, Descriptions, Form, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Supervisor, VetRequest } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { useVet } from '../api';

/** Approve (the account and its one-time password are shown once) or reject an application. */
export function VetModal({ supervisor: vet, onClose }: { supervisor: Supervisor | null; onClose(): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ termStart?: Dayjs | null; termEnd?: Dayjs | null }>();
  const decide = useVet();
  const send = (decision: VetRequest['decision']) => {
    const v = form.getFieldsValue();
    decide.mutate(
      {
        id: vet!.id,
        input: {
          decision,
          termStart: v.termStart?.format('YYYY-MM-DD'),
          termEnd: v.termEnd?.format('YYYY-MM-DD'),
        },
      },
      {
        onSuccess: (r) => {
          onClose();
          if (r.username)
            modal.success({
              title: t('已通过,账号已创建', 'Approved; account created'),
              content: (
                <div data-testid="initial-password">
                  <p>
                    {t('账号', 'Username')}:{' '}
                    <Typography.Text copyable code data-testid="new-username">
                      {r.username}
                    </Typography.Text>
                  </p>
                  <p>
                    {t('初始密码(仅显示一次)', 'Initial password (shown once)')}:{' '}
                    <Typography.Text copyable code data-testid="new-password">
                      {r.initialPassword}
                    </Typography.Text>
                  </p>
                </div>
              ),
            });
          else void message.success(t('已驳回', 'Rejected'));
        },
      },
    );
  };
  return (
    <Modal
      open={!!vet}
      title={t('审核监督员申请', 'Vet the application')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {vet && (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { label: t('姓名', 'Name'), children: vet.nameMasked },
              { label: t('地区', 'Region'), children: vet.regionName },
              { label: t('职业', 'Occupation'), children: vet.occupation },
            ]}
          />
          <Form form={form} layout="vertical" initialValues={{ termStart: dayjs() }}>
            <Form.Item name="termStart" label={t('任期开始', 'Term start')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="termEnd" label={t('任期结束(默认两年)', 'Term end (default two years)')}>
              <DatePicker />
            </Form.Item>
            <Space>
              <Button
                type="primary"
                data-testid="vet-approve"
                loading={decide.isPending}
                onClick={() => send('approve')}
              >
                {t('通过', 'Approve')}
              </Button>
              <Button danger loading={decide.isPending} onClick={() => send('reject')}>
                {t('驳回', 'Reject')}
              </Button>
            </Space>
          </Form>
        </>
      )}
    </Modal>
  );
}
