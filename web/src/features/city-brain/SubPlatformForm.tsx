import { Form, Input, Modal, Select } from 'antd';
import { DOWN_KINDS, UP_KINDS, type SubPlatform, type SubPlatformInput } from '@zhicheng/contracts/city-brain';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { useCities, useRegisterSubPlatform, useUpdateSubPlatform } from './api';
import { DOWN_LABEL, KIND_LABEL, UP_LABEL } from './labels';

type Values = SubPlatformInput;

/** Registers a sub-platform, or edits one (`editing`): the contact is re-typed in full, never shown unmasked. */
export function SubPlatformForm({ editing, onClose }: { editing?: SubPlatform; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const province = useProvince();
  const cities = useCities(province?.code);
  const register = useRegisterSubPlatform();
  const update = useUpdateSubPlatform();
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    const v = await form.validateFields();
    if (editing) {
      const patch = {
        name: v.name,
        ownerUnit: v.ownerUnit,
        domain: editing.kind === 'domain' ? v.domain : undefined,
        publishes: v.publishes,
        receives: v.receives,
        ...(v.contactName && { contactName: v.contactName }),
        ...(v.contactPhone && { contactPhone: v.contactPhone }),
      };
      update.mutate({ id: editing.id, patch }, { onSuccess: onClose });
    } else {
      const regionCode = v.kind === 'domain' ? province!.code : v.regionCode;
      register.mutate({ ...v, regionCode }, { onSuccess: onClose });
    }
  };

  return (
    <Modal
      open
      title={editing ? t('编辑子平台', 'Edit sub-platform') : t('登记子平台', 'Register a sub-platform')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={register.isPending || update.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { ...editing, domain: editing.domain ?? undefined, contactName: '', contactPhone: '' }
            : { kind: 'city_brain', publishes: [...UP_KINDS], receives: [...DOWN_KINDS] }
        }
      >
        {!editing && (
          <>
            <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
              <Select
                options={(['city_brain', 'domain'] as const).map((k) => ({ value: k, label: pick(KIND_LABEL[k]) }))}
              />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('接入编码(消息主题中使用)', 'Code (used in message subjects)')}
              extra={t('小写字母和数字,字母开头,如 c370200', 'Lowercase letters and digits, e.g. c370200')}
              rules={[
                { required: true },
                { pattern: /^[a-z][a-z0-9]{1,31}$/, message: t('格式不正确', 'Invalid format') },
              ]}
            >
              <Input />
            </Form.Item>
            {kind !== 'domain' && (
              <Form.Item name="regionCode" label={t('所在城市', 'City')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={cities.isLoading}
                  options={(cities.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        {(editing ? editing.kind : kind) === 'domain' && (
          <Form.Item name="domain" label={t('所属领域', 'Domain')} rules={[{ required: true, max: 50 }]}>
            <Input placeholder={t('如 政法、公安、公共卫生', 'e.g. law, police, public health')} />
          </Form.Item>
        )}
        <Form.Item name="ownerUnit" label={t('责任单位', 'Owner')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('联系人', 'Contact')}
          extra={editing && t(`当前:${editing.contactName};留空不变`, `Now: ${editing.contactName}; blank keeps it`)}
          rules={[{ required: !editing, max: 50 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('联系电话', 'Phone')}
          extra={editing && t(`当前:${editing.contactPhone};留空不变`, `Now: ${editing.contactPhone}; blank keeps it`)}
          rules={[
            { required: !editing },
            {
              pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
              message: t('手机号或带区号的固定电话', 'A mobile number or a landline with its area code'),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="publishes" label={t('上报内容', 'Publishes (up)')}>
          <Select mode="multiple" options={UP_KINDS.map((k) => ({ value: k, label: pick(UP_LABEL[k]) }))} />
        </Form.Item>
        <Form.Item name="receives" label={t('接收内容', 'Receives (down)')}>
          <Select mode="multiple" options={DOWN_KINDS.map((k) => ({ value: k, label: pick(DOWN_LABEL[k]) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
