import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { COMPUTE_PERMISSIONS as P, ZoneInput, ZoneType, type Zone } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useRegionList, useSaveZone, useZones } from './api';
import { ZoneTag, ZONE_NAMES } from './common';
import { contractRule } from './forms';

export default function ZonesPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [editing, setEditing] = useState<Zone | 'new' | null>(null);
  const [form] = Form.useForm<ZoneInput>();
  const zones = useZones();
  const counties = useRegionList({ level: 'county' });
  const saveZone = useSaveZone();
  const name = new Map((counties.data?.items ?? []).map((c) => [c.code, c.name]));
  const save = (v: ZoneInput) =>
    saveZone.mutate(
      { id: editing && editing !== 'new' ? editing.id : null, input: v },
      { onSuccess: () => setEditing(null) },
    );
  const open = (z: Zone | 'new') => {
    setEditing(z);
    form.setFieldsValue(
      z === 'new'
        ? { code: '', name: '', type: 'edge', countyCodes: [] }
        : { code: z.code, name: z.name, type: z.type, countyCodes: z.countyCodes },
    );
  };
  return (
    <div>
      <PageHeader
        title={t('算力布局(2+5+N)', 'Zone layout (2+5+N)')}
        sub={t(
          '核心区、集聚区、边缘节点及其覆盖的县(市、区);一个县只属于一个分区',
          'Core zones, cluster zones and edge nodes with the counties they cover; a county belongs to one zone',
        )}
        extra={
          can(P.manage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('新增分区', 'New zone')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Zone>
          size="small"
          rowKey="id"
          loading={zones.isLoading}
          dataSource={zones.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('代码', 'Code'), dataIndex: 'code', width: 140 },
            { title: t('名称', 'Name'), dataIndex: 'name' },
            {
              title: t('类型', 'Type'),
              dataIndex: 'type',
              width: 110,
              render: (z) => <ZoneTag type={z} />,
              filters: ZoneType.options.map((z) => ({
                text: ZONE_NAMES[z][lang === 'zh' ? 0 : 1],
                value: z,
              })),
              onFilter: (v, r) => r.type === v,
            },
            {
              title: t('覆盖区县', 'Counties'),
              dataIndex: 'countyCodes',
              render: (cs: string[]) => (
                <>
                  {cs.slice(0, 8).map((c) => (
                    <Tag key={c}>{name.get(c) ?? c}</Tag>
                  ))}
                  {cs.length > 8 && <Tag>+{cs.length - 8}</Tag>}
                </>
              ),
            },
            ...(can(P.manage)
              ? [
                  {
                    title: '',
                    key: 'e',
                    width: 80,
                    render: (_: unknown, z: Zone) => (
                      <Button size="small" onClick={() => open(z)}>
                        {t('编辑', 'Edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('新增分区', 'New zone') : t('编辑分区', 'Edit zone')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        width={720}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label={t('代码', 'Code')}
            rules={[{ required: true }, contractRule(ZoneInput.shape.code)]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('名称', 'Name')}
            rules={[{ required: true }, contractRule(ZoneInput.shape.name)]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="type" label={t('类型', 'Type')}>
            <Select
              options={ZoneType.options.map((z) => ({
                value: z,
                label: ZONE_NAMES[z][lang === 'zh' ? 0 : 1],
              }))}
            />
          </Form.Item>
          <Form.Item name="countyCodes" label={t('覆盖区县', 'Counties')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={(counties.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name} ${c.code}` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
