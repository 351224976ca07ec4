import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { EXPERT_TITLES, RELATION_KINDS, type Expert, type ExpertInput } from '@zhicheng/contracts/directory';
import type { z } from 'zod';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { download } from '../../api/client';
import { useImportErrors } from '../../components/ImportErrorsTable';
import {
  EXPERTS_EXPORT_URL,
  EXPERTS_TEMPLATE_URL,
  useCreateExpert,
  useExperts,
  useImportExperts,
  useSetAvailability,
  useUpdateExpert,
} from './api';
import { FIELD_OPTIONS, fieldName, relationName, titleName } from './labels';
import { RegionTreePicker } from '../../components/RegionTreePicker';

/** A form field kept as the API's YYYY-MM-DD string while a DatePicker shows it. */
const dayAsString = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

type Input = z.input<typeof ExpertInput>;

/** 专家库: the keeper's list of experts (contact masked), with declared relations and availability. */
export default function ExpertsPage() {
  const { t, pick } = useI18n();
  const { region } = useAuth();
  const [q, setQ] = useState('');
  const [field, setField] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  // The expert being corrected (relations found after creation); null while adding.
  const [editing, setEditing] = useState<Expert | null>(null);
  const [form] = Form.useForm<Input>();
  const update = useUpdateExpert();
  const importExperts = useImportExperts();
  const showImportErrors = useImportErrors();
  const experts = useExperts({ q: q || undefined, field, page });
  const create = useCreateExpert();
  const availability = useSetAvailability();

  const startEdit = (e: Expert) => {
    form.setFieldsValue({
      name: e.name,
      title: e.title,
      regionCode: e.regionCode,
      fields: e.fields,
      unitName: e.unitName,
      unitCreditCode: e.unitCreditCode ?? undefined,
      phone: undefined,
      email: undefined,
      relations: e.relations.map((r) => ({
        kind: r.kind,
        partyName: r.partyName,
        partyCreditCode: r.partyCreditCode ?? undefined,
        partyRegionCode: r.partyRegionCode ?? undefined,
        startedOn: r.startedOn ?? undefined,
        endedOn: r.endedOn ?? undefined,
        note: r.note ?? undefined,
      })),
    });
    setEditing(e);
    setAdding(true);
  };
  const close = () => (setAdding(false), setEditing(null), form.resetFields());

  const submit = async () => {
    const v = await form.validateFields();
    if (editing) {
      const { userId: _u, available: _a, unavailableUntil: _n, ...rest } = v;
      update.mutate(
        {
          id: editing.id,
          input: {
            ...rest,
            phone: rest.phone || undefined,
            email: rest.email || undefined,
            relations: v.relations ?? [],
          },
        },
        { onSuccess: close },
      );
      return;
    }
    create.mutate(
      { ...v, regionCode: v.regionCode || region || '', relations: v.relations ?? [] },
      { onSuccess: close },
    );
  };

  return (
    <div>
      <PageHeader
        title={t('专家库', 'Expert library')}
        sub={t(
          '仅名录库管理员可见;联系方式加密存储、脱敏显示。抽取时按申报关系自动回避。',
          'Only the keeper sees this; contact is encrypted and masked. Declared relations exclude experts from draws.',
        )}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void download(EXPERTS_EXPORT_URL, '专家库.xlsx')}>
              {t('导出 Excel', 'Export Excel')}
            </Button>
            <Button onClick={() => void download(EXPERTS_TEMPLATE_URL, 'experts-template.xlsx')}>
              {t('导入模板', 'Template')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(f) => {
                importExperts.mutate(f, { onSuccess: (r) => r.errors.length && showImportErrors(r.errors) });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importExperts.isPending} data-testid="import-experts">
                {t('导入专家', 'Import experts')}
              </Button>
            </Upload>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-expert">
              {t('新增专家', 'Add expert')}
            </Button>
          </Space>
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('专业领域', 'Field')}
              allowClear
              placeholder={t('专业领域', 'Field')}
              style={{ width: 180 }}
              options={FIELD_OPTIONS(pick)}
              value={field}
              onChange={(v) => (setField(v), setPage(1))}
            />
            <Input.Search
              allowClear
              placeholder={t('姓名、单位或编号', 'Name, unit or code')}
              onSearch={(v) => (setQ(v), setPage(1))}
              style={{ width: 240 }}
            />
          </Space>
        }
      >
        <Table<Expert>
          rowKey="id"
          size="small"
          loading={experts.isLoading}
          dataSource={experts.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: experts.data?.total ?? 0, onChange: setPage }}
          expandable={{
            rowExpandable: (r) => r.relations.length > 0,
            expandedRowRender: (r) => (
              <Space direction="vertical" size={2}>
                <Typography.Text type="secondary">{t('申报的关系', 'Declared relations')}</Typography.Text>
                {r.relations.map((x) => (
                  <span key={x.id}>
                    <Tag>{relationName(x.kind, pick)}</Tag>
                    {x.partyName} {x.startedOn ?? ''}
                    {x.endedOn ? ` — ${x.endedOn}` : t(' 至今', ' — present')}
                  </span>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: t('编号', 'Code'), dataIndex: 'code', width: 90 },
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <>
                  {v} {r.demo && <SampleTag />}
                </>
              ),
            },
            { title: t('职称', 'Title'), dataIndex: 'title', render: (v: string) => titleName(v, pick) },
            {
              title: t('专业领域', 'Fields'),
              dataIndex: 'fields',
              render: (v: string[]) => v.map((f) => <Tag key={f}>{fieldName(f, pick)}</Tag>),
            },
            { title: t('单位', 'Unit'), dataIndex: 'unitName' },
            { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
            { title: t('手机', 'Mobile'), dataIndex: 'phoneMasked', width: 120 },
            {
              title: t('可参加抽取', 'Available'),
              dataIndex: 'available',
              width: 110,
              render: (v: boolean, r) => (
                <Popconfirm
                  title={
                    v
                      ? t('暂停该专家参加抽取?', 'Take this expert out of draws?')
                      : t('恢复参加抽取?', 'Put back into draws?')
                  }
                  onConfirm={() => availability.mutate({ id: r.id, available: !v })}
                >
                  <Switch size="small" checked={v} />
                </Popconfirm>
              ),
            },
            {
              title: t('账号', 'Account'),
              dataIndex: 'hasAccount',
              width: 80,
              render: (v: boolean) => (v ? <Tag color="blue">{t('已关联', 'Linked')}</Tag> : '—'),
            },
            {
              title: t('操作', 'Actions'),
              key: 'edit',
              width: 80,
              render: (_: unknown, r) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => startEdit(r)}>
                  {t('编辑', 'Edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        width={720}
        title={editing ? `${t('编辑专家', 'Edit expert')} ${editing.code}` : t('新增专家', 'Add expert')}
        onCancel={close}
        onOk={() => void submit()}
        confirmLoading={create.isPending || update.isPending}
        okText={t('保存', 'Save')}
      >
        <Form form={form} layout="vertical" initialValues={{ title: 'senior', regionCode: region ?? '' }}>
          <Space wrap>
            <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, min: 2, max: 40 }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="title" label={t('职称', 'Title')} rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                options={Object.entries(EXPERT_TITLES).map(([value, b]) => ({ value, label: pick(b) }))}
              />
            </Form.Item>
            <Form.Item name="regionCode" label={t('所在地区', 'Region')} rules={[{ required: true }]}>
              <RegionTreePicker style={{ width: 220 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="fields"
            label={t('专业领域', 'Fields')}
            rules={[{ required: true, type: 'array', min: 1, max: 5 }]}
          >
            <Select mode="multiple" options={FIELD_OPTIONS(pick)} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="unitName" label={t('工作单位', 'Unit')} rules={[{ required: true, min: 2 }]}>
              <Input style={{ width: 280 }} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={editing ? t('手机号(不改留空)', 'Mobile (empty: unchanged)') : t('手机号', 'Mobile')}
              rules={[{ required: !editing, pattern: /^1\d{10}$/ }]}
            >
              <Input style={{ width: 160 }} placeholder={editing?.phoneMasked} />
            </Form.Item>
            <Form.Item name="email" label={t('邮箱', 'Email')} rules={[{ type: 'email' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Typography.Text strong>
            {t('申报的关系(三年内的关系在抽取时回避)', 'Declared relations (within three years exclude)')}
          </Typography.Text>
          <Form.List name="relations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 170 }}
                        placeholder={t('关系', 'Relation')}
                        options={Object.entries(RELATION_KINDS).map(([value, b]) => ({ value, label: pick(b) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'partyName']} rules={[{ required: true, min: 2 }]}>
                      <Input placeholder={t('单位、企业或地区', 'Unit, company or region')} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'partyRegionCode']}>
                      <RegionTreePicker
                        allowClear
                        placeholder={t('地区(地区关系)', 'Region (for a region relation)')}
                        aria-label={t('地区(地区关系)', 'Region (for a region relation)')}
                        style={{ width: 180 }}
                      />
                    </Form.Item>
                    {/* The API takes dates as YYYY-MM-DD: the picker's day goes in and out as that string. */}
                    <Form.Item name={[f.name, 'startedOn']} {...dayAsString}>
                      <DatePicker
                        placeholder={t('开始日期', 'Started')}
                        aria-label={t('开始日期', 'Started')}
                        style={{ width: 150 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'endedOn']} {...dayAsString}>
                      <DatePicker
                        placeholder={t('结束日期', 'Ended')}
                        aria-label={t('结束日期', 'Ended')}
                        style={{ width: 150 }}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('添加关系', 'Add relation')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
