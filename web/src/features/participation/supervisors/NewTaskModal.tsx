import { Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Quotas } from '@zhicheng/contracts/participation';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { RegionTreePicker } from '../../../components/RegionTreePicker';
import { useCreateTask } from '../api';

interface Values {
  title: string;
  kind: 'service' | 'indicator_verification';
  indicatorCode?: string;
  regionCode: string;
  year: number;
  panelSize: number;
  female?: number;
  male?: number;
  minMedia?: number;
  description?: string;
}

/** A task of the bureau's own: score a service, or verify a claimed indicator on site; quotas for the draw. */
export function NewTaskModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(taskId: string): void;
}) {
  const { t } = useI18n();
  const { region } = useAuth();
  const [form] = Form.useForm<Values>();
  const create = useCreateTask();
  const submit = (v: Values) => {
    const quotas: Quotas = {};
    if (v.female || v.male)
      quotas.byGender = { ...(v.female ? { female: v.female } : {}), ...(v.male ? { male: v.male } : {}) };
    if (v.minMedia) quotas.minMedia = v.minMedia;
    create.mutate(
      {
        title: v.title,
        kind: v.kind,
        regionCode: v.regionCode,
        year: v.year,
        indicatorCode: v.indicatorCode || undefined,
        description: v.description ?? '',
        panelSize: v.panelSize,
        quotas,
      },
      {
        onSuccess: (task) => {
          onClose();
          onCreated(task.id);
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('新建监督任务', 'New task')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'task-ok' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: region ?? undefined,
          year: new Date().getFullYear(),
          kind: 'service',
          panelSize: 3,
        }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t('任务名称', 'Title')} rules={[{ required: true }]}>
          <Input data-testid="task-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('类型', 'Kind')}>
          <Select
            options={[
              { value: 'service', label: t('服务体验评分', 'Score a service') },
              {
                value: 'indicator_verification',
                label: t('指标现场核验(需拍照)', 'Verify an indicator on site (photos)'),
              },
            ]}
          />
        </Form.Item>
        <Form.Item name="indicatorCode" label={t('指标编码(核验任务)', 'Indicator code')}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="regionCode" label={t('区划', 'Region')} rules={[{ required: true }]}>
            <RegionTreePicker style={{ width: 200 }} data-testid="task-region" />
          </Form.Item>
          <Form.Item name="year" label={t('年度', 'Year')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="panelSize" label={t('小组人数', 'Panel size')} rules={[{ required: true }]}>
            <InputNumber min={1} max={200} data-testid="task-size" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="female" label={t('女性至多', 'Women at most')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="male" label={t('男性至多', 'Men at most')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="minMedia" label={t('媒体至少', 'Media at least')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('说明', 'Description')}>
          <Input.TextArea />
        </Form.Item>
      </Form>
    </Modal>
  );
}
