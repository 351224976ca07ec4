import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dataset, DataRequest, DataUse } from '@zhicheng/contracts/city-brain';
import { useI18n } from '../../app/i18n';
import { useRequestData, useUseData } from './api';

const DAY = 86_400_000;
/** How long the data is asked for: a few fixed periods (the server wants a moment in the future). */
const PERIODS = [
  { days: 30, zh: '1个月', en: '1 month' },
  { days: 90, zh: '3个月', en: '3 months' },
  { days: 180, zh: '6个月', en: '6 months' },
  { days: 365, zh: '1年', en: '1 year' },
];

/** 申请使用有条件共享数据: purpose, unit, the fields needed (none = all), for how long. */
export function RequestDataModal({ dataset, onClose }: { dataset: Dataset; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ purpose: string; unit: string; fields: string[]; days: number }>();
  const request = useRequestData();
  return (
    <Modal
      open
      title={`${t('申请使用', 'Request')}:${dataset.name}`}
      okText={t('提交申请', 'Submit request')}
      onCancel={onClose}
      confirmLoading={request.isPending}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) =>
          request.mutate(
            {
              id: dataset.id,
              input: {
                purpose: v.purpose,
                unit: v.unit,
                fields: v.fields ?? [],
                until: new Date(Date.now() + v.days * DAY).toISOString(),
              },
            },
            { onSuccess: onClose },
          ),
        )
      }
    >
      {dataset.sharingConditions && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('共享条件', 'Conditions')}
          description={dataset.sharingConditions}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ days: 90, fields: [] }}>
        <Form.Item
          name="purpose"
          label={t('用途', 'Purpose')}
          rules={[{ required: true, min: 5, max: 1000, message: t('请写明用途(至少5个字)', 'At least 5 characters') }]}
        >
          <Input.TextArea rows={3} placeholder={t('如 用于全市交通诱导研判', 'e.g. traffic guidance analysis')} />
        </Form.Item>
        <Form.Item name="unit" label={t('申请单位', 'Requesting unit')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('所需字段(不选即全部)', 'Fields needed (none chosen: all)')}
          extra={t('含个人信息的字段以脱敏方式提供', 'Personal fields are released masked')}
        >
          <Select
            mode="multiple"
            allowClear
            options={dataset.fields.map((f) => ({
              value: f.name,
              label: `${f.label} (${f.name})${f.personal ? ` · ${t('个人信息', 'personal')}` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="days" label={t('使用期限', 'For')} rules={[{ required: true }]}>
          <Select options={PERIODS.map((p) => ({ value: p.days, label: t(p.zh, p.en) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 使用登记: takes the dataset for a purpose; conditional data under the caller's approved request. The fields released
 * are shown once the use is recorded.
 */
export function UseDataModal({
  datasetId,
  datasetName,
  request,
  onClose,
}: {
  datasetId: string;
  datasetName: string;
  request?: DataRequest;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ purpose: string }>();
  const use = useUseData();
  const done: DataUse | undefined = use.data;
  return (
    <Modal
      open
      title={`${t('登记使用', 'Record a use')}:${datasetName}`}
      okText={done ? t('关闭', 'Close') : t('登记并使用', 'Record and use')}
      onCancel={onClose}
      confirmLoading={use.isPending}
      destroyOnHidden
      onOk={() =>
        done
          ? onClose()
          : void form
              .validateFields()
              .then((v) => use.mutate({ id: datasetId, input: { purpose: v.purpose, requestId: request?.id } }))
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="use-recorded"
          message={t('已登记,可使用以下字段', 'Recorded; these fields are released')}
          description={
            <Typography.Text code>
              {done.fields.join(', ')} {done.version && `· ${t('版本', 'version')} ${done.version}`}
            </Typography.Text>
          }
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ purpose: request?.purpose }}>
          {request && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t(
                `依据已批准的申请使用,有效期至 ${request.until.slice(0, 10)}`,
                `Under the approved request, valid until ${request.until.slice(0, 10)}`,
              )}
            />
          )}
          <Form.Item name="purpose" label={t('本次用途', 'Purpose of this use')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
