import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Supervisor, Task } from '@zhicheng/contracts';

type MyTask = Omit<Task, 'members'> & { myScore: number | null; myPhotoCount: number };
import { api, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { PhoneFrame } from './PublicPages';

const base = '/api/v1/participation';
const STATUS: Record<string, [string, string, string]> = {
  applied: ['待审核', 'Applied', 'gold'],
  approved: ['在任', 'Approved', 'green'],
  rejected: ['未通过', 'Rejected', 'default'],
};
type TaskSummary = Omit<Task, 'members'> & { scored: number };

export function SupervisorsPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader
        title={t('市民监督员库', 'Citizen supervisor pool')}
        sub={t(
          '公开招募、审核、任期管理;按地区、年龄、性别分层随机抽取监督小组(种子留存可复核),评分送评估模块',
          'Public recruitment, vetting, terms; stratified random panels (seed recorded for re-checks); scores go to assessment',
        )}
        extra={
          <a href="/supervisor/apply" target="_blank" rel="noreferrer">
            <Button>{t('公开招募页', 'Public application page')}</Button>
          </a>
        }
      />
      <Tabs
        items={[
          { key: 'pool', label: t('监督员', 'Supervisors'), children: <Pool /> },
          { key: 'tasks', label: <span data-testid="tab-tasks">{t('监督任务', 'Tasks')}</span>, children: <Tasks /> },
        ]}
      />
    </div>
  );
}

function Pool() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [f, setF] = useState<{ status?: string; q?: string; region?: string }>({});
  const [vet, setVet] = useState<Supervisor | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['participation', 'supervisors', page, f],
    queryFn: () =>
      api.get<{ items: Supervisor[]; total: number }>(`${base}/supervisors${qs({ ...f, page, pageSize: 20 })}`),
  });
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('状态', 'Status')}
          style={{ width: 130 }}
          data-testid="status-filter"
          onChange={(status) => {
            setF((x) => ({ ...x, status }));
            setPage(1);
          }}
          options={Object.entries(STATUS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[0] : v[1] }))}
        />
        <Input.Search
          allowClear
          placeholder={t('区划代码', 'Region code')}
          style={{ width: 160 }}
          onSearch={(region) => {
            setF((x) => ({ ...x, region: region || undefined }));
            setPage(1);
          }}
        />
        <Input.Search
          allowClear
          placeholder={t('职业或账号', 'Occupation or account')}
          style={{ width: 200 }}
          onSearch={(v) => {
            setF((x) => ({ ...x, q: v || undefined }));
            setPage(1);
          }}
        />
      </Space>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        data-testid="supervisor-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (n) => t(`共 ${n} 人`, `${n} in all`),
        }}
        columns={[
          {
            title: t('姓名', 'Name'),
            dataIndex: 'nameMasked',
            width: 90,
            render: (v: string, r) => (
              <>
                {v} {r.demo && <SampleTag />}
              </>
            ),
          },
          { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 120 },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          {
            title: t('职业', 'Occupation'),
            dataIndex: 'occupation',
            width: 100,
            render: (v: string, r) => (
              <>
                {v}
                {r.media && (
                  <Tag color="magenta" style={{ marginLeft: 4 }}>
                    {t('媒体', 'media')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('年龄段', 'Age'), dataIndex: 'ageBand', width: 80 },
          {
            title: t('性别', 'Gender'),
            dataIndex: 'gender',
            width: 60,
            render: (g: string) => (g === 'female' ? t('女', 'F') : t('男', 'M')),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag color={STATUS[s]![2]}>{lang === 'zh' ? STATUS[s]![0] : STATUS[s]![1]}</Tag>,
          },
          {
            title: t('任期', 'Term'),
            key: 'term',
            width: 190,
            render: (_: unknown, r) => (r.termStart ? `${r.termStart} ~ ${r.termEnd ?? ''}` : '—'),
          },
          {
            title: t('与小组一致度', 'Agreement'),
            dataIndex: 'agreement',
            width: 120,
            render: (v: number | null, r) =>
              v === null ? (
                '—'
              ) : (
                <>
                  {v}
                  {r.outlierCount > 0 && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {t(`偏离 ${r.outlierCount}`, `outlier ×${r.outlierCount}`)}
                    </Tag>
                  )}
                </>
              ),
          },
          {
            title: '',
            key: 'ops',
            width: 80,
            render: (_: unknown, r) =>
              r.status === 'applied' && (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`vet-${r.id}`}
                  onClick={() => {
                    form.setFieldsValue({ termStart: new Date().toISOString().slice(0, 10) });
                    setVet(r);
                  }}
                >
                  {t('审核', 'Vet')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!vet}
        title={t('审核监督员申请', 'Vet the application')}
        onCancel={() => setVet(null)}
        footer={null}
        destroyOnHidden
      >
        {vet && (
          <>
            <Descriptions
              size="small"
              column={1}
              items={[
                { label: t('姓名', 'Name'), children: vet.nameMasked },
                { label: t('地区', 'Region'), children: vet.regionName },
                { label: t('职业', 'Occupation'), children: vet.occupation },
              ]}
            />
            <Form
              form={form}
              layout="vertical"
              onFinish={async (v) => {
                try {
                  const r = await api.post<{ status: string; username: string | null; initialPassword: string | null }>(
                    `${base}/supervisors/${vet.id}/vet`,
                    { decision: v.decision, termStart: v.termStart || undefined, termEnd: v.termEnd || undefined },
                  );
                  setVet(null);
                  void qc.invalidateQueries({ queryKey: ['participation'] });
                  if (r.username)
                    modal.success({
                      title: t('已通过,账号已创建', 'Approved; account created'),
                      content: (
                        <div data-testid="initial-password">
                          <p>
                            {t('账号', 'Username')}:{' '}
                            <Typography.Text copyable code data-testid="new-username">
                              {r.username}
                            </Typography.Text>
                          </p>
                          <p>
                            {t('初始密码(仅显示一次)', 'Initial password (shown once)')}:{' '}
                            <Typography.Text copyable code data-testid="new-password">
                              {r.initialPassword}
                            </Typography.Text>
                          </p>
                        </div>
                      ),
                    });
                  else message.success(t('已驳回', 'Rejected'));
                } catch (e) {
                  message.error(problemText(e, lang));
                }
              }}
            >
              <Form.Item name="termStart" label={t('任期开始(YYYY-MM-DD)', 'Term start')}>
                <Input />
              </Form.Item>
              <Form.Item name="termEnd" label={t('任期结束(默认两年)', 'Term end (default two years)')}>
                <Input />
              </Form.Item>
              <Space>
                <Button
                  type="primary"
                  data-testid="vet-approve"
                  onClick={() => {
                    form.setFieldValue('decision', 'approve');
                    form.submit();
                  }}
                >
                  {t('通过', 'Approve')}
                </Button>
                <Button
                  danger
                  onClick={() => {
                    form.setFieldValue('decision', 'reject');
                    form.submit();
                  }}
                >
                  {t('驳回', 'Reject')}
                </Button>
              </Space>
              <Form.Item name="decision" hidden>
                <Input />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </Card>
  );
}

function Tasks() {
  const { t, lang } = useI18n();
  const { region } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['participation', 'tasks'],
    queryFn: () => api.get<{ items: TaskSummary[] }>(`${base}/tasks`),
  });
  return (
    <Card>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        data-testid="new-task"
        onClick={() => {
          form.setFieldsValue({ regionCode: region, year: new Date().getFullYear(), kind: 'service', panelSize: 3 });
          setOpen(true);
        }}
      >
        {t('新建监督任务', 'New task')}
      </Button>
      <Table
        rowKey="id"
        dataSource={q.data?.items}
        loading={q.isLoading}
        pagination={{ pageSize: 20 }}
        data-testid="task-table"
        onRow={(r) => ({ onClick: () => setDetail(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('任务', 'Task'), dataIndex: 'title' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            width: 110,
            render: (k: string) => (k === 'service' ? t('服务评分', 'Service score') : t('现场核验', 'On-site check')),
          },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          { title: t('小组', 'Panel'), key: 'p', width: 90, render: (_: unknown, r) => `${r.scored}/${r.panelSize}` },
          { title: t('抽取种子', 'Seed'), dataIndex: 'seed', width: 110, render: (v: number | null) => v ?? '—' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={s === 'drawn' ? 'blue' : 'default'}>
                {s === 'open' ? t('待抽取', 'To draw') : s === 'drawn' ? t('已抽取', 'Drawn') : t('已结束', 'Closed')}
              </Tag>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('新建监督任务', 'New task')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'task-ok' } as never}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              const quotas: Record<string, unknown> = {};
              if (v.female || v.male)
                quotas.byGender = { ...(v.female ? { female: v.female } : {}), ...(v.male ? { male: v.male } : {}) };
              if (v.minMedia) quotas.minMedia = v.minMedia;
              const r = await api.post<Task>(`${base}/tasks`, {
                title: v.title,
                kind: v.kind,
                regionCode: v.regionCode,
                year: v.year,
                indicatorCode: v.indicatorCode || undefined,
                description: v.description ?? '',
                panelSize: v.panelSize,
                quotas,
              });
              setOpen(false);
              void qc.invalidateQueries({ queryKey: ['participation'] });
              setDetail(r.id);
            } catch (e) {
              message.error(problemText(e, lang));
            }
          }}
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
            <Form.Item name="regionCode" label={t('区划代码', 'Region')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} />
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
      <TaskDrawer id={detail} onClose={() => setDetail(null)} />
    </Card>
  );
}

function TaskDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [seed, setSeed] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['participation', 'task', id],
    queryFn: () => api.get<Task>(`${base}/tasks/${id}`),
    enabled: !!id,
  });
  const check = useQuery({
    queryKey: ['participation', 'task-check', id, q.data?.seed],
    queryFn: () => api.get<{ seed: number; matches: boolean }>(`${base}/tasks/${id}/draw-check`),
    enabled: !!q.data?.seed || q.data?.seed === 0,
  });
  const task = q.data;
  return (
    <Drawer open={!!id} width={760} onClose={onClose} title={task?.title} destroyOnHidden>
      {task && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { label: t('地区', 'Region'), children: task.regionName },
              { label: t('年度', 'Year'), children: task.year },
              {
                label: t('类型', 'Kind'),
                children:
                  task.kind === 'service'
                    ? t('服务评分', 'Service score')
                    : `${t('现场核验', 'On-site check')} ${task.indicatorCode}`,
              },
              {
                label: t('配额', 'Quotas'),
                children:
                  [
                    ...Object.entries(task.quotas.byGender ?? {}).map(
                      ([g, n]) => `${g === 'female' ? t('女', 'F') : t('男', 'M')} ≤ ${n}`,
                    ),
                    ...Object.entries(task.quotas.byAgeBand ?? {}).map(([a, n]) => `${a} ≤ ${n}`),
                    ...Object.entries(task.quotas.byRegion ?? {}).map(([r, n]) => `${r} ≤ ${n}`),
                    ...(task.quotas.minMedia ? [`${t('媒体', 'media')} ≥ ${task.quotas.minMedia}`] : []),
                  ].join(', ') || '—',
              },
              { label: t('抽取种子', 'Seed'), children: task.seed ?? '—' },
              {
                label: t('复核', 'Re-check'),
                children: check.data ? (
                  check.data.matches ? (
                    <Tag color="green" data-testid="draw-check-ok">
                      {t('按种子重抽结果一致', 'Re-run matches')}
                    </Tag>
                  ) : (
                    <Tag color="red">{t('不一致', 'Mismatch')}</Tag>
                  )
                ) : (
                  '—'
                ),
              },
            ]}
          />
          {task.status === 'open' && (
            <Space style={{ margin: '12px 0' }}>
              <InputNumber
                placeholder={t('种子(留空随机)', 'Seed (blank: random)')}
                style={{ width: 180 }}
                value={seed}
                onChange={setSeed}
                min={0}
              />
              <Button
                type="primary"
                data-testid="draw-panel"
                onClick={async () => {
                  try {
                    await api.post(`${base}/tasks/${task.id}/draw`, seed === null ? {} : { seed });
                    void qc.invalidateQueries({ queryKey: ['participation'] });
                  } catch (e) {
                    message.error(problemText(e, lang));
                  }
                }}
              >
                {t('分层随机抽取', 'Draw the panel')}
              </Button>
            </Space>
          )}
          {task.panelMedian !== null && (
            <Statistic
              title={t('小组评分中位数', 'Panel median')}
              value={task.panelMedian}
              style={{ margin: '12px 0' }}
            />
          )}
          <Table
            size="small"
            rowKey="supervisorId"
            pagination={false}
            dataSource={task.members}
            data-testid="panel-table"
            columns={[
              {
                title: t('监督员', 'Supervisor'),
                dataIndex: 'nameMasked',
                render: (v: string, r) => (
                  <>
                    {v}
                    {r.media && (
                      <Tag color="magenta" style={{ marginLeft: 4 }}>
                        {t('媒体', 'media')}
                      </Tag>
                    )}
                  </>
                ),
              },
              { title: t('地区', 'Region'), dataIndex: 'regionName' },
              { title: t('年龄', 'Age'), dataIndex: 'ageBand' },
              {
                title: t('性别', 'Gender'),
                dataIndex: 'gender',
                render: (g: string) => (g === 'female' ? t('女', 'F') : t('男', 'M')),
              },
              {
                title: t('评分', 'Score'),
                dataIndex: 'score',
                render: (v: number | null, r) =>
                  v === null ? (
                    <Typography.Text type="secondary">{t('未提交', 'pending')}</Typography.Text>
                  ) : (
                    <>
                      {v}
                      {r.outlier && (
                        <Tag color="red" style={{ marginLeft: 4 }}>
                          {t('偏离小组', 'outlier')}
                        </Tag>
                      )}
                    </>
                  ),
              },
              { title: t('偏差', 'Deviation'), dataIndex: 'deviation', render: (v: number | null) => v ?? '—' },
              { title: t('照片', 'Photos'), dataIndex: 'photoCount' },
            ]}
          />
          {task.members.some((m) => m.score !== null) && (
            <ReactEChartsCore
              echarts={echarts}
              notMerge
              style={{ height: 220, marginTop: 12 }}
              option={{
                tooltip: {},
                grid: { left: 40, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: { type: 'category', data: [''] },
                series: [
                  {
                    type: 'scatter',
                    symbolSize: 16,
                    data: task.members
                      .filter((m) => m.score !== null)
                      .map((m) => ({
                        value: [m.score, ''],
                        itemStyle: { color: m.outlier ? '#cf1322' : '#1256b0' },
                        name: m.nameMasked,
                      })),
                  },
                ],
                markLine: undefined,
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

/** The supervisor's tasks; `phone` renders it outside the desk layout for supervisors on their phones (/supervisor/tasks). */
export function MyTasksPage({ phone }: { phone?: boolean } = {}) {
  const { t } = useI18n();
  const page = <MyTasks phone={phone} />;
  return phone ? <PhoneFrame title={t('智城 · 市民监督员', 'Zhicheng · Citizen supervisor')}>{page}</PhoneFrame> : page;
}

function MyTasks({ phone }: { phone?: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['participation', 'my-tasks'],
    queryFn: () => api.get<{ items: MyTask[] }>(`${base}/my/tasks`),
  });
  const [scores, setScores] = useState<Record<string, { score?: number; confirmed?: boolean; comment?: string }>>({});
  return (
    <div>
      {phone ? (
        <Typography.Title level={4}>{t('我的监督任务', 'My supervision tasks')}</Typography.Title>
      ) : (
        <PageHeader
          title={t('我的监督任务', 'My supervision tasks')}
          sub={t(
            '评分(0–100)将提交至评估模块,作为监督共评的一部分',
            'Scores (0–100) go to the assessment module as co-evaluation',
          )}
        />
      )}
      {q.error && (
        <Alert
          type="warning"
          title={problemText(q.error, lang)}
          action={phone ? <a href="/login">{t('登录', 'Sign in')}</a> : undefined}
        />
      )}
      {(q.data?.items ?? []).map((tk) => {
        const v = scores[tk.id] ?? {};
        const done = tk.myScore !== null;
        return (
          <Card
            key={tk.id}
            style={{ marginBottom: 12 }}
            data-testid="my-task"
            title={
              <Space>
                {tk.title}
                <Tag>{tk.kind === 'service' ? t('服务评分', 'Service score') : t('现场核验', 'On-site check')}</Tag>
                {done && (
                  <Tag color="green">
                    {t('已提交', 'Submitted')} {tk.myScore}
                  </Tag>
                )}
              </Space>
            }
          >
            <Typography.Paragraph>{tk.description}</Typography.Paragraph>
            {!done && (
              <Space wrap>
                <InputNumber
                  min={0}
                  max={100}
                  size={phone ? 'large' : undefined}
                  placeholder={t('评分 0–100', 'Score 0–100')}
                  value={v.score}
                  onChange={(x) => setScores((s) => ({ ...s, [tk.id]: { ...v, score: x ?? undefined } }))}
                  data-testid="my-score"
                  style={{ width: 140 }}
                  inputMode="numeric"
                />
                {tk.kind === 'indicator_verification' && (
                  <>
                    <Select
                      placeholder={t('核验结论', 'Verdict')}
                      style={{ width: 160 }}
                      value={v.confirmed}
                      onChange={(x) => setScores((s) => ({ ...s, [tk.id]: { ...v, confirmed: x } }))}
                      options={[
                        { value: true, label: t('属实', 'Confirmed') },
                        { value: false, label: t('不属实', 'Not confirmed') },
                      ]}
                    />
                    <Upload
                      accept="image/png,image/jpeg"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void api
                          .upload(`${base}/tasks/${tk.id}/photos`, file)
                          .then(() => {
                            message.success(t('照片已上传', 'Photo uploaded'));
                            void qc.invalidateQueries({ queryKey: ['participation', 'my-tasks'] });
                          })
                          .catch((e) => message.error(problemText(e, lang)));
                        return false;
                      }}
                    >
                      <Button icon={<UploadOutlined />}>
                        {t(`现场照片(${tk.myPhotoCount})`, `Photos (${tk.myPhotoCount})`)}
                      </Button>
                    </Upload>
                  </>
                )}
                <Input
                  placeholder={t('意见(选填)', 'Comment (optional)')}
                  style={{ width: phone ? '100%' : 260 }}
                  value={v.comment}
                  onChange={(e) => setScores((s) => ({ ...s, [tk.id]: { ...v, comment: e.target.value } }))}
                />
                <Button
                  type="primary"
                  data-testid="submit-score"
                  disabled={v.score === undefined}
                  onClick={async () => {
                    try {
                      await api.post(`${base}/tasks/${tk.id}/scores`, {
                        score: v.score,
                        confirmed: v.confirmed,
                        comment: v.comment || undefined,
                      });
                      message.success(t('评分已提交', 'Score submitted'));
                      void qc.invalidateQueries({ queryKey: ['participation', 'my-tasks'] });
                    } catch (e) {
                      message.error(problemText(e, lang));
                    }
                  }}
                >
                  {t('提交评分', 'Submit score')}
                </Button>
              </Space>
            )}
          </Card>
        );
      })}
      {q.data && q.data.items.length === 0 && <Card>{t('暂无任务', 'No tasks yet')}</Card>}
    </div>
  );
}
