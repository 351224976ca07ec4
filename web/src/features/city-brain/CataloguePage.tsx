import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import {
  CITY_BRAIN_PERMISSIONS as P,
  REQUEST_STATUSES,
  SHARING_CLASSES,
  UPDATE_CYCLES,
  type DataRequest,
  type Dataset,
  type RequestStatus,
  type SharingClass,
} from '@zhicheng/contracts/city-brain';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useAllSubPlatforms, useDataRequests, useDatasets, useDecideRequest, type RequestFilter } from './api';
import { UseDataModal } from './CatalogueForms';
import { DatasetDrawer } from './DatasetDrawer';
import { REQUEST_COLOR, SHARING_COLOR } from './labels';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v);

/** The datasets of every sub-platform, searchable by text, sharing class and owner. */
function DatasetsTab() {
  const { t, pick, lang } = useI18n();
  const [q, setQ] = useState<string>();
  const [sharingClass, setSharingClass] = useState<SharingClass>();
  const [subPlatformId, setSubPlatformId] = useState<string>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Dataset | null>(null);
  const list = useDatasets({ q, sharingClass, subPlatformId, page });
  const subs = useAllSubPlatforms();
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('名称、编码、说明', 'Name, code, description')}
          onSearch={(v) => (setQ(v || undefined), setPage(1))}
          style={{ width: 240 }}
          data-testid="dataset-search"
        />
        <Select
          aria-label={t('共享属性', 'Sharing')}
          allowClear
          placeholder={t('共享属性', 'Sharing')}
          style={{ width: 160 }}
          value={sharingClass}
          onChange={(v) => (setSharingClass(v), setPage(1))}
          options={(Object.keys(SHARING_CLASSES) as SharingClass[]).map((k) => ({
            value: k,
            label: pick(SHARING_CLASSES[k]),
          }))}
          data-testid="sharing-filter"
        />
        <Select
          aria-label={t('提供方', 'Offered by')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('提供方', 'Offered by')}
          style={{ width: 240 }}
          value={subPlatformId}
          onChange={(v) => (setSubPlatformId(v), setPage(1))}
          options={(subs.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      <Table<Dataset>
        rowKey="id"
        size="small"
        scroll={{ x: 1000 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        onRow={(d) => ({ onClick: () => setOpen(d), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('数据资源', 'Dataset'),
            dataIndex: 'name',
            render: (v: string, d) => (
              <Space direction="vertical" size={0}>
                <span>
                  <Typography.Link>{v}</Typography.Link> {d.demo && <SampleTag en={lang === 'en'} />}
                  {d.uncatalogued && <Tag color="gold">{t('待编目', 'To describe')}</Tag>}
                </span>
                <Typography.Text type="secondary" code>
                  {d.code}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('提供方', 'Offered by'), dataIndex: 'subPlatformName' },
          {
            title: t('共享属性', 'Sharing'),
            dataIndex: 'sharingClass',
            render: (c: SharingClass) => <Tag color={SHARING_COLOR[c]}>{pick(SHARING_CLASSES[c])}</Tag>,
          },
          {
            title: t('更新周期', 'Updated'),
            dataIndex: 'updateCycle',
            render: (c: Dataset['updateCycle']) => pick(UPDATE_CYCLES[c]),
          },
          {
            title: t('字段', 'Fields'),
            dataIndex: 'fields',
            render: (f: Dataset['fields']) => (
              <Typography.Text type="secondary">
                {f
                  .slice(0, 4)
                  .map((x) => x.label)
                  .join('、')}
                {f.length > 4 ? ` … (${f.length})` : ''}
              </Typography.Text>
            ),
          },
          { title: t('记录数', 'Records'), dataIndex: 'records', render: (n: number | null) => n?.toLocaleString() },
          { title: t('最近更新', 'Last update'), dataIndex: 'lastUpdatedAt', render: time },
        ]}
      />
      {open && <DatasetDrawer dataset={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** Requests for conditional data: mine (with their use), those waiting for my decision, or the whole record. */
function RequestsTab({ view }: { view: RequestFilter['view'] }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<RequestStatus>();
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<DataRequest | null>(null);
  const [using, setUsing] = useState<DataRequest | null>(null);
  const list = useDataRequests({ view, status: view === 'toDecide' ? undefined : status, page });
  const decide = can(P.approveData);
  return (
    <>
      {view !== 'toDecide' && (
        <Space style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('审批状态', 'Status')}
            allowClear
            placeholder={t('审批状态', 'Status')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={(Object.keys(REQUEST_STATUSES) as RequestStatus[]).map((k) => ({
              value: k,
              label: pick(REQUEST_STATUSES[k]),
            }))}
          />
        </Space>
      )}
      <Table<DataRequest>
        rowKey="id"
        size="small"
        scroll={{ x: 1400 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid={`requests-${view}`}
        columns={[
          {
            title: t('数据资源', 'Dataset'),
            dataIndex: 'datasetName',
            width: 220,
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                {v}
                <Typography.Text type="secondary" code>
                  {r.subPlatformCode}/{r.datasetCode}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('申请人', 'Requester'), width: 200, render: (_, r) => `${r.requesterName} · ${r.unit}` },
          { title: t('用途', 'Purpose'), dataIndex: 'purpose', width: 240, ellipsis: true },
          {
            title: t('字段', 'Fields'),
            dataIndex: 'fields',
            render: (f: string[]) => (f.length ? f.join(', ') : t('全部', 'All')),
          },
          { title: t('有效期至', 'Until'), dataIndex: 'until', width: 110, render: (v: string) => v.slice(0, 10) },
          { title: t('申请时间', 'Asked'), dataIndex: 'createdAt', width: 150, render: time },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 200,
            render: (s: RequestStatus, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={REQUEST_COLOR[s]}>{pick(REQUEST_STATUSES[s])}</Tag>
                {r.decidedBy && (
                  <Typography.Text type="secondary">
                    {r.decidedBy} {time(r.decidedAt)}
                  </Typography.Text>
                )}
                {r.decisionNote && <Typography.Text type="secondary">{r.decisionNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            fixed: 'right',
            render: (_, r) => (
              <Space>
                {decide && r.status === 'pending' && !r.mine && (
                  <Button size="small" type="primary" onClick={() => setDeciding(r)}>
                    {t('审批', 'Decide')}
                  </Button>
                )}
                {r.mine && r.status === 'approved' && new Date(r.until) > new Date() && (
                  <Button size="small" onClick={() => setUsing(r)}>
                    {t('登记使用', 'Use')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {deciding && <DecisionModal request={deciding} onClose={() => setDeciding(null)} />}
      {using && (
        <UseDataModal
          datasetId={using.datasetId}
          datasetName={using.datasetName}
          request={using}
          onClose={() => setUsing(null)}
        />
      )}
    </>
  );
}

/** 审批: grant or refuse, each after a confirmation (a decision cannot be changed). */
function DecisionModal({ request: r, onClose }: { request: DataRequest; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideRequest();
  const run = (approve: boolean) =>
    decide.mutate(
      { id: r.id, decision: { approve, note: form.getFieldValue('note') || undefined } },
      { onSuccess: onClose },
    );
  return (
    <Modal
      open
      title={`${t('审批数据使用申请', 'Decide a data request')}:${r.datasetName}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Popconfirm
            title={t('确定驳回?审批结果不可更改。', 'Refuse it? A decision cannot be changed.')}
            onConfirm={() => run(false)}
          >
            <Button danger loading={decide.isPending}>
              {t('驳回', 'Refuse')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t(
              '确定批准?申请人将在有效期内使用所列字段,审批结果不可更改。',
              'Grant it? The requester may use the fields until the date given; a decision cannot be changed.',
            )}
            onConfirm={() => run(true)}
          >
            <Button type="primary" loading={decide.isPending}>
              {t('批准', 'Grant')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph>
        {r.requesterName} · {r.unit}
        <br />
        {t('用途', 'Purpose')}:{r.purpose}
        <br />
        {t('字段', 'Fields')}:{r.fields.length ? r.fields.join(', ') : t('全部', 'All')}
        <br />
        {t('有效期至', 'Until')}:{r.until.slice(0, 10)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('审批意见', 'Note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 数据资源目录: datasets with their fields, update cycle and sharing class; requests, approvals and use records. */
export default function CataloguePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const toDecide = useDataRequests({ view: 'toDecide', page: 1 }, can(P.approveData));
  const waiting = toDecide.data?.total ?? 0;
  return (
    <div>
      <PageHeader
        title={t('数据资源目录', 'Data catalogue')}
        sub={t(
          '各子平台提供的数据资源:字段、更新周期、共享属性(无条件 / 有条件 / 不予共享);有条件共享须申请并经提供方审批,每次使用均登记',
          'What each sub-platform offers: fields, update cycle, sharing class; conditional data is requested and granted by its owner, and every use is recorded',
        )}
      />
      <Card>
        <Tabs
          items={[
            { key: 'datasets', label: t('数据资源', 'Datasets'), children: <DatasetsTab /> },
            { key: 'mine', label: t('我的申请', 'My requests'), children: <RequestsTab view="mine" /> },
            ...(can(P.approveData)
              ? [
                  {
                    key: 'toDecide',
                    label: `${t('待我审批', 'Waiting for me')}${waiting ? ` (${waiting})` : ''}`,
                    children: <RequestsTab view="toDecide" />,
                  },
                ]
              : []),
            { key: 'all', label: t('申请与审批记录', 'Requests and decisions'), children: <RequestsTab view="all" /> },
          ]}
        />
      </Card>
    </div>
  );
}
