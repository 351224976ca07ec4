import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Rate,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DIRECTORY_PERMISSIONS as P, ORG_KINDS, type Org, type OrgInput } from '@zhicheng/contracts/directory';
import type { z } from 'zod';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import {
  useAddDelivery,
  useCreateOrg,
  useLiftDishonesty,
  useOrg,
  useOrgs,
  useRecordDishonesty,
  useUpdateOrg,
} from './api';
import { ActionLink } from '../../components/ActionLink';
import { RegionTreePicker } from '../../components/RegionTreePicker';

/** 项目团队库 and 服务商库: qualifications, delivered work with ratings, and 失信 records that stop new work. */
export default function OrgsPage() {
  const { t, pick } = useI18n();
  const { can, region } = useAuth();
  const [kind, setKind] = useState<string>('project_team');
  const [q, setQ] = useState('');
  const [blocked, setBlocked] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<z.input<typeof OrgInput> & { servicesText: string }>();
  const orgs = useOrgs({ kind, q: q || undefined, blocked, page });
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const manage = can(P.orgManage);
  // The organisation being corrected; null while adding.
  const [editing, setEditing] = useState<Org | null>(null);
  const close = () => (setAdding(false), setEditing(null), form.resetFields());
  const startEdit = (o: Org) => {
    form.setFieldsValue({
      name: o.name,
      creditCode: o.creditCode,
      regionCode: o.regionCode,
      contactName: o.contactName,
      phone: undefined,
      servicesText: o.services.join(','),
    });
    setEditing(o);
    setAdding(true);
  };

  const submit = async () => {
    const { servicesText, ...v } = await form.validateFields();
    if (editing) {
      const { kind: _k, ...rest } = v;
      update.mutate(
        {
          id: editing.id,
          input: {
            ...rest,
            phone: rest.phone || undefined,
            services: servicesText.split(/[,,、\s]+/).filter(Boolean),
            qualifications: editing.qualifications,
          },
        },
        { onSuccess: close },
      );
      return;
    }
    create.mutate(
      { ...v, kind: kind as 'provider', services: servicesText.split(/[,,、\s]+/).filter(Boolean) },
      { onSuccess: close },
    );
  };

  return (
    <div>
      <PageHeader
        title={t('项目团队库与服务商库', 'Project teams and providers')}
        sub={t(
          '失信记录在效期内的单位不得承接新业务。',
          'Organisations under a dishonesty record in force take no new work.',
        )}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('新增', 'Add')}
            </Button>
          )
        }
      />
      <Card
        title={
          <Segmented
            value={kind}
            onChange={(v) => (setKind(String(v)), setPage(1))}
            options={Object.entries(ORG_KINDS).map(([value, b]) => ({ value, label: pick(b) }))}
          />
        }
        extra={
          <Space wrap>
            <Select
              aria-label={t('信用状态', 'Standing')}
              allowClear
              placeholder={t('信用状态', 'Standing')}
              style={{ width: 140 }}
              value={blocked}
              onChange={(v) => (setBlocked(v), setPage(1))}
              options={[
                { value: 'true', label: t('失信中', 'Blocked') },
                { value: 'false', label: t('正常', 'In good standing') },
              ]}
            />
            <Input.Search
              allowClear
              placeholder={t('名称或信用代码', 'Name or credit code')}
              onSearch={(v) => (setQ(v), setPage(1))}
              style={{ width: 240 }}
            />
          </Space>
        }
      >
        <Table<Org>
          rowKey="id"
          size="small"
          loading={orgs.isLoading}
          dataSource={orgs.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: orgs.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <ActionLink onClick={() => setOpen(r.id)}>
                  {v} {r.demo && <SampleTag />}
                </ActionLink>
              ),
            },
            { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 190 },
            { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
            {
              title: t('服务/业务', 'Services'),
              dataIndex: 'services',
              render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>),
            },
            {
              title: t('资质', 'Qualifications'),
              dataIndex: 'qualifications',
              render: (v: Org['qualifications']) => v.map((x) => `${x.name}${x.level ? ` ${x.level}` : ''}`).join(';'),
            },
            {
              title: t('业绩评价', 'Rating'),
              dataIndex: 'rating',
              width: 160,
              render: (v: number | null, r) =>
                v === null ? (
                  '—'
                ) : (
                  <Space size={4}>
                    <Rate disabled allowHalf value={v} style={{ fontSize: 12 }} />
                    <span>{`${v} (${r.deliveries})`}</span>
                  </Space>
                ),
            },
            {
              title: t('信用', 'Standing'),
              dataIndex: 'blocked',
              width: 90,
              render: (b: boolean) =>
                b ? <Tag color="red">{t('失信', 'Blocked')}</Tag> : <Tag color="green">{t('正常', 'Good')}</Tag>,
            },
            ...(manage
              ? [
                  {
                    title: t('操作', 'Actions'),
                    key: 'edit',
                    width: 80,
                    render: (_: unknown, r: Org) => (
                      <Button size="small" onClick={() => startEdit(r)}>
                        {t('编辑', 'Edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <OrgDrawer id={open} onClose={() => setOpen(null)} manage={manage} />
      <Modal
        open={adding}
        width={640}
        title={editing ? `${t('编辑', 'Edit')} ${editing.name}` : t('新增', 'Add')}
        onCancel={close}
        onOk={() => void submit()}
        confirmLoading={create.isPending || update.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ regionCode: region ?? '' }}>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="creditCode"
              label={t('统一社会信用代码', 'Credit code')}
              rules={[{ required: true, len: 18 }]}
            >
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="regionCode" label={t('所在地区', 'Region')} rules={[{ required: true }]}>
              <RegionTreePicker style={{ width: 220 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="contactName" label={t('联系人', 'Contact')} rules={[{ required: true, min: 2 }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={editing ? t('手机号(不改留空)', 'Mobile (empty: unchanged)') : t('手机号', 'Mobile')}
              rules={[{ required: !editing, pattern: /^1\d{10}$/ }]}
            >
              <Input style={{ width: 160 }} placeholder={editing?.phoneMasked} />
            </Form.Item>
          </Space>
          <Form.Item
            name="servicesText"
            label={t('服务/业务(逗号分隔)', 'Services (comma-separated)')}
            rules={[{ required: true }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function OrgDrawer({ id, onClose, manage }: { id: string | null; onClose: () => void; manage: boolean }) {
  const { t } = useI18n();
  const q = useOrg(id);
  const addDelivery = useAddDelivery();
  const record = useRecordDishonesty();
  const lift = useLiftDishonesty();
  const [dForm] = Form.useForm();
  const [xForm] = Form.useForm();
  const o = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={o?.name}>
      {o && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {o.blocked && (
            <Alert
              type="error"
              showIcon
              message={t('失信记录在效期内:不得承接新业务', 'Dishonesty record in force: no new work')}
            />
          )}
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('联系人', 'Contact')}>{`${o.contactName} ${o.phoneMasked}`}</Descriptions.Item>
            <Descriptions.Item label={t('业绩评价', 'Rating')}>
              {o.rating ?? '—'} ({o.deliveries} {t('项业绩', 'deliveries')})
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('业绩(案例、设施、项目)', 'Delivered work')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.deliveryList}
            columns={[
              { title: t('年份', 'Year'), dataIndex: 'year', width: 70 },
              { title: t('名称', 'Title'), dataIndex: 'title' },
              { title: t('评价', 'Rating'), dataIndex: 'rating', width: 70, render: (v: number | null) => v ?? '—' },
            ]}
          />
          {manage && (
            <Form
              form={dForm}
              layout="inline"
              onFinish={(v) =>
                addDelivery.mutate(
                  {
                    id: o.id,
                    input: { ...v, kind: o.kind === 'provider' ? 'facility' : 'project', regionCode: o.regionCode },
                  },
                  { onSuccess: () => dForm.resetFields() },
                )
              }
            >
              <Form.Item name="title" rules={[{ required: true, min: 2 }]}>
                <Input placeholder={t('业绩名称', 'Title')} />
              </Form.Item>
              <Form.Item name="year" rules={[{ required: true }]}>
                <InputNumber placeholder={t('年份', 'Year')} min={2000} max={2100} />
              </Form.Item>
              <Form.Item name="rating">
                <InputNumber placeholder={t('评价1-5', 'Rating 1-5')} min={1} max={5} />
              </Form.Item>
              <Button htmlType="submit">{t('记录业绩', 'Record')}</Button>
            </Form>
          )}
          <Typography.Title level={5}>{t('失信记录', 'Dishonesty records')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.dishonesty}
            columns={[
              { title: t('列入日期', 'Listed'), dataIndex: 'listedOn', width: 100 },
              { title: t('事由', 'Reason'), dataIndex: 'reason' },
              { title: t('来源', 'Source'), dataIndex: 'source' },
              {
                title: t('状态', 'State'),
                dataIndex: 'inForce',
                render: (v: boolean, r) =>
                  v ? (
                    <Space>
                      <Tag color="red">{t('有效', 'In force')}</Tag>
                      {manage && (
                        <Popconfirm
                          title={t('确认信用修复、解除该记录?', 'Lift this record?')}
                          onConfirm={() => lift.mutate({ id: o.id, recordId: r.id, reason: '已完成信用修复' })}
                        >
                          <a>{t('解除', 'Lift')}</a>
                        </Popconfirm>
                      )}
                    </Space>
                  ) : (
                    <Tag>{r.liftedAt ? t('已解除', 'Lifted') : t('已到期', 'Lapsed')}</Tag>
                  ),
              },
            ]}
          />
          {manage && (
            <Form
              form={xForm}
              layout="vertical"
              onFinish={(v) =>
                Modal.confirm({
                  title: t(
                    '记录失信?该单位将不能承接新业务。',
                    'Record dishonesty? The organisation takes no new work.',
                  ),
                  onOk: () => record.mutate({ id: o.id, input: v }, { onSuccess: () => xForm.resetFields() }),
                })
              }
            >
              <Space wrap>
                <Form.Item name="reason" rules={[{ required: true, min: 4 }]}>
                  <Input placeholder={t('事由', 'Reason')} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="source" rules={[{ required: true, min: 2 }]}>
                  <Input placeholder={t('来源(文号/名单)', 'Source')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name="listedOn" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
                  <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
                </Form.Item>
                <Button danger htmlType="submit">
                  {t('记录失信', 'Record')}
                </Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
