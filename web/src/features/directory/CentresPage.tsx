import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  BOOKING_SLOTS,
  CENTRE_APPLICATION_STATUSES,
  CENTRE_CRITERIA,
  CENTRE_KINDS,
  DIRECTORY_PERMISSIONS as P,
  type CentreApplication,
  type CentreApplicationInput,
  type CentreRound,
} from '@zhicheng/contracts/directory';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import {
  hoursText,
  useApplyCentre,
  useCentreBookings,
  useCentreRound,
  useCentreRounds,
  useCreateRound,
  useDecideCentre,
  useDrawReviewers,
  useReportQuarter,
} from './centres-api';
import { ActionLink } from '../../components/ActionLink';
import { RegionTreePicker } from '../../components/RegionTreePicker';

const STATUS_COLOR: Record<string, string> = {
  submitted: 'default',
  reviewing: 'processing',
  scored: 'warning',
  approved: 'success',
  rejected: 'error',
};

/**
 * 科普展示中心 selection: rounds, applications (cities apply), experts drawn to score, province decision, 授牌
 * certificate, quarterly activity reports and bookings of the certified centres.
 */
export default function CentresPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const rounds = useCentreRounds();
  const [roundId, setRoundId] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const current = roundId ?? rounds.data?.[0]?.id ?? null;
  const round = useCentreRound(current);
  const [open, setOpen] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const apps = (round.data?.applicationList ?? []).filter(
    (a) => (!q || a.name.includes(q) || a.regionName.includes(q)) && (!status || a.status === status),
  );
  const selected = round.data?.applicationList.find((a) => a.id === open) ?? null;

  return (
    <div>
      <PageHeader
        title={t('科普展示中心', 'Science popularisation centres')}
        sub={
          <span>
            {t(
              '年度遴选:城市申报 → 抽取专家评分 → 省级认定授牌 → 季度活动报送。',
              'Yearly selection: cities apply → drawn experts score → province certifies → quarterly reports.',
            )}{' '}
            <a href="/centres" target="_blank" rel="noreferrer">
              {t('公众地图与预约', 'Public map and booking')}
            </a>
          </span>
        }
        extra={
          can(P.centreManage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('发布遴选', 'Open a round')}
            </Button>
          )
        }
      />
      <Card size="small" title={t('遴选批次', 'Rounds')} style={{ marginBottom: 12 }}>
        <Table<CentreRound>
          rowKey="id"
          size="small"
          loading={rounds.isLoading}
          dataSource={rounds.data ?? []}
          pagination={false}
          rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => setRoundId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('批次', 'Round'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <span>
                  {v} {r.demo && <SampleTag />}
                </span>
              ),
            },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              render: (k: keyof typeof CENTRE_KINDS) => pick(CENTRE_KINDS[k]),
            },
            { title: t('申报截止', 'Apply until'), dataIndex: 'applyUntil', width: 110 },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 100,
              render: (s: string) =>
                s === 'open' ? <Tag color="green">{t('申报中', 'Open')}</Tag> : <Tag>{t('评审中', 'Reviewing')}</Tag>,
            },
            { title: t('申报数', 'Applications'), dataIndex: 'applications', width: 90 },
            { title: t('已授牌', 'Certified'), dataIndex: 'certified', width: 90 },
          ]}
        />
      </Card>
      {round.data && (
        <Card
          size="small"
          title={round.data.title}
          extra={
            <Space wrap>
              <Select
                aria-label={t('状态', 'Status')}
                allowClear
                placeholder={t('状态', 'Status')}
                style={{ width: 140 }}
                value={status}
                onChange={setStatus}
                options={Object.entries(CENTRE_APPLICATION_STATUSES).map(([value, l]) => ({ value, label: pick(l) }))}
              />
              <Input.Search
                allowClear
                placeholder={t('名称或地区', 'Name or region')}
                onSearch={setQ}
                style={{ width: 200 }}
              />
              {can(P.centreApply) && round.data.status === 'open' && (
                <Button onClick={() => setApplying(true)}>{t('申报', 'Apply')}</Button>
              )}
            </Space>
          }
        >
          <Table<CentreApplication>
            rowKey="id"
            size="small"
            dataSource={apps}
            pagination={{ pageSize: 20 }}
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
              { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                width: 110,
                render: (s: keyof typeof CENTRE_APPLICATION_STATUSES) => (
                  <Tag color={STATUS_COLOR[s]}>{pick(CENTRE_APPLICATION_STATUSES[s])}</Tag>
                ),
              },
              { title: t('专家均分', 'Mean score'), dataIndex: 'meanScore', width: 90, render: (v) => v ?? '—' },
              {
                title: t('抽取记录', 'Draw record'),
                dataIndex: 'drawId',
                width: 100,
                render: (v: string | null) =>
                  v ? (
                    <a href={`/verify/draw/${v}`} target="_blank" rel="noreferrer">
                      {t('公开复核', 'Verify')}
                    </a>
                  ) : (
                    '—'
                  ),
              },
              { title: t('授牌编号', 'Certificate'), dataIndex: 'certificateNo', width: 130, render: (v) => v ?? '—' },
            ]}
          />
        </Card>
      )}
      {opening && <RoundForm onClose={() => setOpening(false)} />}
      {applying && current && <ApplyForm roundId={current} onClose={() => setApplying(false)} />}
      <Drawer open={!!selected} width={620} onClose={() => setOpen(null)} title={selected?.name}>
        {selected && <ApplicationDetail a={selected} />}
      </Drawer>
    </div>
  );
}

function ApplicationDetail({ a }: { a: CentreApplication }) {
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const draw = useDrawReviewers();
  const decide = useDecideCentre();
  const report = useReportQuarter();
  const bookings = useCentreBookings(a.status === 'approved' ? a.id : null);
  const [deciding, setDeciding] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [decision] = Form.useForm<{ decision: 'approve' | 'reject'; reason: string }>();
  const [quarter] = Form.useForm<{ year: number; quarter: number; visitors: number; events: number; note?: string }>();
  return (
    <div>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('状态', 'Status')}>
          <Tag color={STATUS_COLOR[a.status]} data-testid="centre-status">
            {pick(CENTRE_APPLICATION_STATUSES[a.status])}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('地址', 'Address')}>
          {a.regionName} · {a.address}
        </Descriptions.Item>
        <Descriptions.Item label={t('运营单位', 'Operator')}>{a.operatorUnit}</Descriptions.Item>
        <Descriptions.Item label={t('面积', 'Area')}>{a.areaSqm} m²</Descriptions.Item>
        <Descriptions.Item label={t('开放时间', 'Opening hours')}>{hoursText(a.hours, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('每时段接待', 'Per slot')}>{a.slotCapacity}</Descriptions.Item>
        <Descriptions.Item label={t('联系人', 'Contact')}>
          {a.contactName} {a.contactPhoneMasked}
        </Descriptions.Item>
        <Descriptions.Item label={t('简介', 'Description')}>{a.description}</Descriptions.Item>
        {a.drawId && (
          <Descriptions.Item label={t('专家抽取', 'Expert draw')}>
            <a href={`/verify/draw/${a.drawId}`} target="_blank" rel="noreferrer">
              {t('公开复核页', 'Public verification')}
            </a>
          </Descriptions.Item>
        )}
        {a.decisionReason && (
          <Descriptions.Item label={t('认定意见', 'Decision')}>{a.decisionReason}</Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap style={{ margin: '12px 0' }}>
        {can(P.centreManage) && a.status === 'submitted' && (
          <Popconfirm
            title={t('抽取 3 名科普领域专家评审?抽取记录将公开。', 'Draw the reviewers? The draw is public.')}
            onConfirm={() => draw.mutate(a.id)}
          >
            <Button type="primary" loading={draw.isPending}>
              {t('抽取评审专家', 'Draw reviewers')}
            </Button>
          </Popconfirm>
        )}
        {can(P.centreDecide) && a.status === 'scored' && (
          <Button type="primary" onClick={() => setDeciding(true)}>
            {t('认定决定', 'Decide')}
          </Button>
        )}
        {a.status === 'approved' && (
          <Button href={`/api/v1/directory/centre-applications/${a.id}/certificate`} target="_blank">
            {t('打印授牌证书 (PDF)', 'Print certificate (PDF)')}
          </Button>
        )}
        {can(P.centreApply) && a.status === 'approved' && (
          <Button onClick={() => setReporting(true)}>{t('报送季度活动', 'Report a quarter')}</Button>
        )}
      </Space>
      {a.scores.length > 0 && (
        <Table
          size="small"
          rowKey="alias"
          pagination={false}
          dataSource={a.scores}
          title={() => t('专家评分(匿名)', 'Expert scores (anonymous)')}
          columns={[
            { title: t('专家', 'Expert'), dataIndex: 'alias' },
            ...Object.entries(CENTRE_CRITERIA).map(([k, c]) => ({
              title: `${pick(c)} /${c.max}`,
              key: k,
              render: (_: unknown, s: CentreApplication['scores'][number]) => s.scores[k],
            })),
            { title: t('总分', 'Total'), dataIndex: 'total' },
          ]}
        />
      )}
      {a.reports.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.year}-${r.quarter}`}
          pagination={false}
          dataSource={a.reports}
          title={() => t('季度活动', 'Quarterly activity')}
          columns={[
            { title: t('季度', 'Quarter'), render: (_, r) => `${r.year} Q${r.quarter}` },
            { title: t('接待人次', 'Visitors'), dataIndex: 'visitors' },
            { title: t('活动场次', 'Events'), dataIndex: 'events' },
            { title: t('说明', 'Note'), dataIndex: 'note' },
          ]}
        />
      )}
      {a.status === 'approved' && (
        <Table
          size="small"
          rowKey="reference"
          pagination={false}
          dataSource={bookings.data ?? []}
          title={() => t('近期预约(已脱敏)', 'Coming bookings (masked)')}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'visitDate' },
            { title: t('时段', 'Slot'), dataIndex: 'slot', render: (s: 'am' | 'pm') => pick(BOOKING_SLOTS[s]) },
            { title: t('人数', 'People'), dataIndex: 'partySize' },
            { title: t('联系人', 'Name'), dataIndex: 'nameMasked' },
            { title: t('手机', 'Mobile'), dataIndex: 'phoneMasked' },
          ]}
        />
      )}
      <Modal
        open={deciding}
        title={t('认定决定', 'Decision')}
        onCancel={() => setDeciding(false)}
        onOk={async () => {
          const v = await decision.validateFields();
          Modal.confirm({
            title:
              v.decision === 'approve'
                ? t('确认认定并授牌?该决定不可撤回。', 'Certify? This cannot be undone.')
                : t('确认不予认定?该决定不可撤回。', 'Reject? This cannot be undone.'),
            onOk: () => decide.mutateAsync({ id: a.id, input: v }, { onSuccess: () => setDeciding(false) }),
          });
        }}
      >
        <Form form={decision} layout="vertical" initialValues={{ decision: 'approve' }}>
          <Form.Item name="decision" label={t('决定', 'Decision')}>
            <Radio.Group
              options={[
                { value: 'approve', label: t('认定授牌', 'Certify') },
                { value: 'reject', label: t('不予认定', 'Reject') },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('意见', 'Reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={reporting}
        title={t('报送季度活动', 'Report a quarter')}
        onCancel={() => setReporting(false)}
        onOk={async () => {
          const v = await quarter.validateFields();
          report.mutate({ id: a.id, input: v }, { onSuccess: () => setReporting(false) });
        }}
      >
        <Form form={quarter} layout="vertical" initialValues={{ year: new Date().getFullYear(), quarter: 1 }}>
          <Space>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="quarter" label={t('季度', 'Quarter')} rules={[{ required: true }]}>
              <Select style={{ width: 90 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))} />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="visitors" label={t('接待人次', 'Visitors')} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="events" label={t('活动场次', 'Events')} rules={[{ required: true }]}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function RoundForm({ onClose }: { onClose: () => void }) {
  const { t, pick } = useI18n();
  const create = useCreateRound();
  const [form] = Form.useForm<{
    year: number;
    kind: 'exhibition' | 'experience';
    title: string;
    applyUntil: Dayjs;
    expertsPerApplication: number;
  }>();
  return (
    <Modal
      open
      title={t('发布遴选', 'Open a round')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        create.mutate({ ...v, applyUntil: v.applyUntil.format('YYYY-MM-DD') }, { onSuccess: onClose });
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), kind: 'experience', expertsPerApplication: 3 }}
      >
        <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
          <Select options={Object.entries(CENTRE_KINDS).map(([value, l]) => ({ value, label: pick(l) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="applyUntil" label={t('申报截止', 'Apply until')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="expertsPerApplication" label={t('每项抽取专家数', 'Experts per application')}>
          <InputNumber min={1} max={7} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApplyForm({ roundId, onClose }: { roundId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { region } = useAuth();
  const apply = useApplyCentre();
  const [form] = Form.useForm<CentreApplicationInput & { days: number[] }>();
  const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <Modal
      open
      width={640}
      title={t('申报科普中心', 'Apply for a centre')}
      onCancel={onClose}
      confirmLoading={apply.isPending}
      onOk={async () => {
        const { days, hours, ...v } = await form.validateFields();
        apply.mutate({ roundId, input: { ...v, hours: { ...hours, days } } }, { onSuccess: onClose });
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: region,
          days: [2, 3, 4, 5, 6, 7],
          hours: { opens: '09:00', closes: '17:00' },
          slotCapacity: 40,
        }}
      >
        <Form.Item name="name" label={t('中心名称', 'Name')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('所在区划', 'Region')} rules={[{ required: true }]}>
          <RegionTreePicker />
        </Form.Item>
        <Form.Item name="address" label={t('地址', 'Address')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={t('经度', 'Longitude')} rules={[{ required: true }]}>
            <InputNumber min={114} max={123.5} step={0.01} />
          </Form.Item>
          <Form.Item name="lat" label={t('纬度', 'Latitude')} rules={[{ required: true }]}>
            <InputNumber min={34} max={38.5} step={0.01} />
          </Form.Item>
          <Form.Item name="areaSqm" label={t('面积(m²)', 'Area (m²)')} rules={[{ required: true }]}>
            <InputNumber min={50} />
          </Form.Item>
        </Space>
        <Form.Item name="operatorUnit" label={t('运营单位', 'Operator')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="days" label={t('开放日', 'Open days')} rules={[{ required: true }]}>
          <Select mode="multiple" options={weekdays.map((d, i) => ({ value: i + 1, label: `周${d}` }))} />
        </Form.Item>
        <Space>
          <Form.Item name={['hours', 'opens']} label={t('开门', 'Opens')} rules={[{ required: true }]}>
            <Input placeholder="09:00" style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name={['hours', 'closes']} label={t('闭馆', 'Closes')} rules={[{ required: true }]}>
            <Input placeholder="17:00" style={{ width: 90 }} />
          </Form.Item>
          <Form.Item
            name="slotCapacity"
            label={t('每半天接待人数', 'Visitors per half-day')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={2000} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('简介', 'Description')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space>
          <Form.Item name="contactName" label={t('联系人', 'Contact')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('手机号', 'Mobile')}
            rules={[{ required: true, pattern: /^1\d{10}$/ }]}
          >
            <Input maxLength={11} />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">
          {t('联系电话加密保存,列表中只显示脱敏号码。', 'The number is stored encrypted and shown masked.')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
