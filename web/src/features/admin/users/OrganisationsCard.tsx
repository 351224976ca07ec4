import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Table, TreeSelect } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ORGANISATION_KIND_NAMES, OrganisationKind, type Organisation } from '@zhicheng/contracts';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useCreateOrganisation, useOrganisations, useUpdateOrganisation } from '../api';
import { useRegionTree } from './regionTree';

/** 单位: the organisations accounts belong to, with search; the system admin adds and edits them. */
export function OrganisationsCard() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const orgs = useOrganisations();
  const tree = useRegionTree();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const manage = can('identity.users.manage');
  const names = new Map(tree.flat.map((r) => [r.value, r.title]));
  const items = (orgs.data?.items ?? []).filter((o) => !q || o.name.includes(q));
  return (
    <Card
      title={t('单位', 'Organisations')}
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('单位名称', 'Organisation name')}
            aria-label={t('搜索单位', 'Search organisations')}
            onSearch={setQ}
            style={{ width: 200, marginInlineEnd: 8 }}
          />
          {manage && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-organisation">
              {t('新建单位', 'New organisation')}
            </Button>
          )}
        </>
      }
    >
      <Table<Organisation>
        rowKey="id"
        size="small"
        loading={orgs.isLoading}
        dataSource={items}
        pagination={{ pageSize: 10 }}
        data-testid="organisation-table"
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: OrganisationKind) => pick(ORGANISATION_KIND_NAMES[k]),
          },
          { title: t('所在区划', 'Region'), dataIndex: 'regionCode', render: (c: string) => names.get(c) ?? c },
          ...(manage
            ? [
                {
                  title: t('操作', 'Actions'),
                  render: (_: unknown, o: Organisation) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(o)}>
                      {t('编辑', 'Edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <OrganisationModal org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function OrganisationModal({ org, onClose }: { org: Organisation | null; onClose: () => void }) {
  const { t, pick } = useI18n();
  const tree = useRegionTree();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const [form] = Form.useForm<{ name: string; kind: OrganisationKind; regionCode: string }>();
  return (
    <Modal
      open
      title={org ? t('编辑单位', 'Edit organisation') : t('新建单位', 'New organisation')}
      okText={t('保存', 'Save')}
      okButtonProps={{ 'data-testid': 'organisation-save' }}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        if (org) update.mutate({ id: org.id, name: v.name, kind: v.kind }, { onSuccess: onClose });
        else create.mutate(v, { onSuccess: onClose });
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={org ?? { kind: 'bureau' }}>
        <Form.Item
          name="name"
          label={t('单位名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请填写单位名称', 'Enter the name') }]}
        >
          <Input maxLength={128} data-testid="organisation-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('单位类型', 'Kind')} rules={[{ required: true }]}>
          <Select
            options={OrganisationKind.options.map((k) => ({ value: k, label: pick(ORGANISATION_KIND_NAMES[k]) }))}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('所在区划', 'Region')}
          extra={
            org
              ? t('单位的区划决定其账号的管理范围,创建后不可更改', 'Fixed once created: it scopes the accounts')
              : undefined
          }
          rules={[{ required: true, message: t('请选择区划', 'Choose the region') }]}
        >
          <TreeSelect
            disabled={!!org}
            showSearch
            treeNodeFilterProp="title"
            treeData={tree.data}
            placeholder={t('选择省、市或县', 'Choose the province, a city or a county')}
            data-testid="organisation-region"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
