import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { RegionTreePicker } from '../../../components/RegionTreePicker';
import { useCreateAction } from '../api';

interface Values {
  title: string;
  department: string;
  regionCode: string;
  deadline: Dayjs;
}

/** Turns a demand topic into an action item (你提我办) for a department, with a deadline. */
export function AssignActionModal({
  campaignId,
  topic,
  defaultRegion,
  onClose,
}: {
  campaignId: string;
  topic: { label: string; count: number } | null;
  defaultRegion: string | null | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateAction(campaignId);
  const submit = (v: Values) =>
    create.mutate(
      {
        regionCode: v.regionCode,
        department: v.department,
        title: v.title,
        topicLabel: topic!.label,
        demandCount: topic!.count,
        deadline: v.deadline.format('YYYY-MM-DD'),
      },
      { onSuccess: onClose },
    );
  return (
    <Modal
      open={!!topic}
      title={t('转为办理事项', 'Create an action item')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: topic?.label, regionCode: defaultRegion ?? undefined, department: '' }}
      >
        <Form.Item name="title" label={t('事项', 'Action')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="department" label={t('责任部门', 'Department')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('区划', 'Region')} rules={[{ required: true }]}>
          <RegionTreePicker />
        </Form.Item>
        <Form.Item name="deadline" label={t('办理期限', 'Deadline')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
