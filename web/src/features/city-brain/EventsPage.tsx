import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Form, Input, Modal, Progress, Row, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  CITY_BRAIN_PERMISSIONS as P,
  EVENT_CATEGORIES,
  EVENT_STEP_LABEL,
  type CityEvent,
  type EventCategory,
  type EventInput,
  type EventStatus,
} from '@zhicheng/contracts/city-brain';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { RegionTreePicker } from '../../components/RegionTreePicker';
import { CommunityField } from './CommunityField';
import { useEvents, useEventStatistics, useRaiseEvent } from './api';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v);
const STATUS_COLOR: Partial<Record<EventStatus, string>> = {
  reported: 'default',
  registered: 'blue',
  dispatched: 'geekblue',
  handling: 'purple',
  fed_back: 'cyan',
  closed: 'green',
  evaluated: 'success',
  rejected: 'default',
};
const SEVERITY = {
  low: { zh: '一般', en: 'Low' },
  medium: { zh: '较重', en: 'Medium' },
  high: { zh: '严重', en: 'High' },
};

/** 事件流转台: every event in one's regions, where it is in the loop, and whether it is late. */
export default function EventsPage() {
  const { t, pick, lang } = useI18n();
  const { can, region } = useAuth();
  const [status, setStatus] = useState<EventStatus>();
  const [category, setCategory] = useState<EventCategory>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [raising, setRaising] = useState(false);
  const [form] = Form.useForm<EventInput & { communityCode?: string }>();
  const list = useEvents({ status, category, overdue: overdue ? 'true' : undefined, q, page });
  const stats = useEventStatistics();
  const raise = useRaiseEvent();
  const categories = Object.entries(EVENT_CATEGORIES).map(([value, l]) => ({ value, label: pick(l) }));

  return (
    <div>
      <PageHeader
        title={t('事件流转闭环', 'Event desk')}
        sub={t(
          '上报 → 立案 → 派遣 → 处置 → 反馈 → 核查结案 → 评价,每个环节限时,超时自动催办、督办',
          'Reported → registered → dispatched → handling → fed back → closed → evaluated; each step timed and supervised',
        )}
        extra={
          can(P.handleEvents) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
              {t('上报事件', 'Raise an event')}
            </Button>
          )
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('各市结案率与按时率', 'Closure and on-time rates by city')}>
            <Table
              size="small"
              rowKey="regionCode"
              pagination={false}
              loading={stats.isLoading}
              dataSource={stats.data?.byCity ?? []}
              columns={[
                { title: t('城市', 'City'), dataIndex: 'regionName' },
                { title: t('事件', 'Events'), dataIndex: 'total' },
                { title: t('超时', 'Overdue'), dataIndex: 'overdue' },
                {
                  title: t('结案率', 'Closed'),
                  dataIndex: 'closureRate',
                  render: (v: number | null) =>
                    v === null ? (
                      '—'
                    ) : (
                      <Progress aria-label={t('结案率', 'Closed')} percent={Math.round(v * 100)} size="small" />
                    ),
                },
                {
                  title: t('按时率', 'On time'),
                  dataIndex: 'onTimeRate',
                  render: (v: number | null) =>
                    v === null ? (
                      '—'
                    ) : (
                      <Progress aria-label={t('按时率', 'On time')} percent={Math.round(v * 100)} size="small" />
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('按类别', 'By category')}>
            <Table
              size="small"
              rowKey="category"
              pagination={false}
              dataSource={stats.data?.byCategory ?? []}
              columns={[
                {
                  title: t('类别', 'Category'),
                  dataIndex: 'category',
                  render: (c: EventCategory) => pick(EVENT_CATEGORIES[c]),
                },
                { title: t('事件', 'Events'), dataIndex: 'total' },
                {
                  title: t('结案率', 'Closed'),
                  dataIndex: 'closureRate',
                  render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`),
                },
                {
                  title: t('按时率', 'On time'),
                  dataIndex: 'onTimeRate',
                  render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('环节', 'Step')}
              allowClear
              placeholder={t('环节', 'Step')}
              style={{ width: 130 }}
              value={status}
              onChange={(v) => (setStatus(v), setPage(1))}
              options={Object.entries(EVENT_STEP_LABEL).map(([value, l]) => ({ value, label: pick(l) }))}
            />
            <Select
              aria-label={t('类别', 'Category')}
              allowClear
              placeholder={t('类别', 'Category')}
              style={{ width: 130 }}
              value={category}
              onChange={(v) => (setCategory(v), setPage(1))}
              options={categories}
            />
            <Space>
              <Switch
                aria-label={t('只看超时', 'Overdue only')}
                checked={overdue}
                onChange={(v) => (setOverdue(v), setPage(1))}
              />
              {t('只看超时', 'Overdue only')}
            </Space>
            <Input.Search
              allowClear
              placeholder={t('标题、处置部门', 'Title, department')}
              onSearch={(v) => (setQ(v || undefined), setPage(1))}
              style={{ width: 220 }}
            />
          </Space>
        }
      >
        <Table<CityEvent>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('事件', 'Event'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <Link to={`/city-brain/events/${r.id}`}>
                  {v} {r.demo && <SampleTag en={lang === 'en'} />}
                </Link>
              ),
            },
            { title: t('区划', 'Region'), dataIndex: 'regionName' },
            {
              title: t('类别', 'Category'),
              dataIndex: 'category',
              render: (c: EventCategory, r) => (
                <Space size={2}>
                  {pick(EVENT_CATEGORIES[c])}
                  {r.severity === 'high' && <Tag color="red">{pick(SEVERITY.high)}</Tag>}
                </Space>
              ),
            },
            {
              title: t('来源', 'Source'),
              render: (_, r) => (r.source === 'city' ? r.subPlatformCode : t('平台登记', 'Desk')),
            },
            {
              title: t('环节', 'Step'),
              dataIndex: 'status',
              render: (s: EventStatus) => <Tag color={STATUS_COLOR[s]}>{pick(EVENT_STEP_LABEL[s])}</Tag>,
            },
            {
              title: t('处置单位', 'Handled by'),
              render: (_, r) => (r.handlerDepartment ? `${r.handlerRegionName} ${r.handlerDepartment}` : '—'),
            },
            {
              title: t('时限', 'Due'),
              render: (_, r) => (
                <Space size={2}>
                  <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{time(r.deadline)}</span>
                  {r.supervision && (
                    <Tag color={r.supervision === 'escalation' ? 'red' : 'orange'}>
                      {r.supervision === 'escalation' ? t('督办', 'Escalated') : t('催办', 'Reminded')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { title: t('上报时间', 'Reported'), dataIndex: 'reportedAt', render: time },
          ]}
        />
      </Card>
      <Modal
        open={raising}
        title={t('上报事件', 'Raise an event')}
        onCancel={() => setRaising(false)}
        confirmLoading={raise.isPending}
        destroyOnHidden
        onOk={() =>
          void form
            .validateFields()
            .then(({ communityCode, ...v }) =>
              raise.mutate(
                { ...v, regionCode: communityCode ?? v.regionCode },
                { onSuccess: () => (setRaising(false), form.resetFields()) },
              ),
            )
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ regionCode: region ?? undefined, severity: 'medium' }}
          // A community chosen under another county would no longer lie in the region picked.
          onValuesChange={(changed: Partial<EventInput>) =>
            'regionCode' in changed && form.setFieldValue('communityCode', undefined)
          }
        >
          {/* By name, never a typed code: the city or county from the tree, then (optional) a street or community
              registered under that county — the contract takes 6, 9 or 12 digits. */}
          <Form.Item
            name="regionCode"
            label={t('发生地区', 'Region')}
            rules={[{ required: true, message: t('请选择发生地区', 'Choose the region') }]}
          >
            <RegionTreePicker style={{ width: '100%' }} data-testid="event-region" />
          </Form.Item>
          <Form.Item noStyle dependencies={['regionCode']}>
            {({ getFieldValue }) => <CommunityField county={getFieldValue('regionCode') as string | undefined} />}
          </Form.Item>
          <Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true }]}>
            <Select options={categories} />
          </Form.Item>
          <Form.Item name="severity" label={t('严重程度', 'Severity')} rules={[{ required: true }]}>
            <Select
              options={(['low', 'medium', 'high'] as const).map((s) => ({ value: s, label: pick(SEVERITY[s]) }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('描述', 'Description')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
