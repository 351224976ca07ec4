import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import type {
  ActionItem,
  Campaign,
  CampaignDetail,
  CampaignStats,
  ResponseRow,
  Survey,
  TopicAnalysis,
  TopicComparison,
} from '@zhicheng/contracts';

type PaperImportResult = { imported: number; errors: { row: number; field: string; message: string }[] };
import { api, download, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { RegionMap } from '../../components/RegionMap';
import { SurveyForm } from './SurveyForm';
import { DEFAULT_DEFINITION } from './SurveyBuilderPage';
import { useImportErrors } from '../../components/ImportErrorsTable';

const base = '/api/v1/participation';
const STATUS_TAG: Record<string, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  published: ['已发布', 'Published', 'green'],
  archived: ['已归档', 'Archived', 'default'],
};
const ACTION_STATUS: Record<string, [string, string]> = {
  planned: ['待办理', 'Planned'],
  in_progress: ['办理中', 'In progress'],
  done: ['已办结', 'Done'],
};

function Chart({ option, height = 260, testId }: { option: object; height?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} notMerge style={{ height }} />
    </div>
  );
}

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [tab, setTab] = useState('surveys');
  const detail = useQuery({
    queryKey: ['participation', 'campaign', id],
    queryFn: () => api.get<CampaignDetail>(`${base}/campaigns/${id}`),
  });
  const c = detail.data;
  if (!c) return <Card loading />;
  return (
    <div>
      <PageHeader
        title={
          <>
            {c.title} {c.demo && <SampleTag />}
          </>
        }
        sub={`${c.regionName} · ${c.year} · ${t('答卷', 'responses')} ${c.responseCount} · ${c.status === 'open' ? t('征集中', 'open') : t('已结束', 'closed')}`}
        extra={
          <a href={`/progress/${c.id}`} target="_blank" rel="noreferrer">
            <Button>{t('公开办理进展页', 'Public progress page')}</Button>
          </a>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'surveys', label: t('问卷', 'Surveys'), children: <SurveysTab c={c} /> },
          {
            key: 'stats',
            label: <span data-testid="tab-stats">{t('统计分析', 'Statistics')}</span>,
            children: tab === 'stats' && <StatsTab c={c} />,
          },
          {
            key: 'topics',
            label: <span data-testid="tab-topics">{t('需求主题', 'Demand topics')}</span>,
            children: tab === 'topics' && <TopicsTab c={c} />,
          },
          { key: 'responses', label: t('答卷', 'Responses'), children: tab === 'responses' && <ResponsesTab c={c} /> },
          { key: 'actions', label: t('你提我办', 'Action items'), children: tab === 'actions' && <ActionsTab c={c} /> },
        ]}
      />
    </div>
  );
}

function SurveysTab({ c }: { c: CampaignDetail }) {
  const { t, lang, pick } = useI18n();
  const { can, region } = useAuth();
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [qr, setQr] = useState<string | null>(null);
  const [create, setCreate] = useState<{ baseSurveyId?: string } | null>(null);
  const [form] = Form.useForm();
  const newSurvey = async (v: { title: string; regionCode: string }) => {
    try {
      let definition = DEFAULT_DEFINITION;
      if (create?.baseSurveyId)
        definition = (await api.get<Survey>(`${base}/surveys/${create.baseSurveyId}`)).definition;
      const s = await api.post<Survey>(`${base}/campaigns/${c.id}/surveys`, {
        ...v,
        baseSurveyId: create?.baseSurveyId,
        definition,
      });
      setCreate(null);
      void qc.invalidateQueries({ queryKey: ['participation'] });
      nav(`/participation/surveys/${s.id}`);
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  const link = (id: string) => `${window.location.origin}/s/${id}`;
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        {can('participation.surveys.manage') && (
          <Button
            type="primary"
            data-testid="new-survey"
            onClick={() => {
              form.setFieldsValue({ title: '', regionCode: region ?? c.regionCode });
              setCreate({});
            }}
          >
            {t('新建问卷', 'New survey')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        dataSource={c.surveys}
        pagination={false}
        data-testid="survey-table"
        columns={[
          {
            title: t('问卷', 'Survey'),
            dataIndex: 'title',
            render: (v: string, r) => <Link to={`/participation/surveys/${r.id}`}>{v}</Link>,
          },
          { title: t('区划', 'Region'), dataIndex: 'regionName', width: 100 },
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            width: 70,
            render: (v: number, r) => (
              <>
                v{v}
                {r.baseSurveyId && <Tag style={{ marginLeft: 4 }}>{t('本地化', 'localised')}</Tag>}
              </>
            ),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={STATUS_TAG[s]![2]}>{pick({ zh: STATUS_TAG[s]![0], en: STATUS_TAG[s]![1] })}</Tag>
            ),
          },
          { title: t('题数', 'Questions'), dataIndex: 'questionCount', width: 70 },
          { title: t('答卷', 'Responses'), dataIndex: 'responseCount', width: 80 },
          {
            title: '',
            key: 'ops',
            width: 300,
            render: (_: unknown, r) => (
              <Space wrap>
                {r.status === 'published' && (
                  <>
                    <a href={`/s/${r.id}`} target="_blank" rel="noreferrer" data-testid={`survey-link-${r.id}`}>
                      {t('答题链接', 'Link')}
                    </a>
                    <Button size="small" icon={<QrcodeOutlined />} onClick={() => setQr(r.id)}>
                      {t('二维码', 'QR')}
                    </Button>
                    {can('participation.surveys.manage') && r.regionCode !== region && region && (
                      <Button
                        size="small"
                        onClick={() => {
                          form.setFieldsValue({ title: `${r.title}(本地化)`, regionCode: region });
                          setCreate({ baseSurveyId: r.id });
                        }}
                      >
                        {t('本地化', 'Localise')}
                      </Button>
                    )}
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!qr} footer={null} onCancel={() => setQr(null)} title={t('问卷二维码', 'Survey QR code')}>
        {qr && (
          <div style={{ textAlign: 'center' }}>
            <Image
              src={`${base}/surveys/${qr}/qrcode${qs({ base: window.location.origin })}`}
              width={280}
              preview={false}
              alt="QR"
            />
            <Typography.Paragraph copyable={{ text: link(qr) }}>{link(qr)}</Typography.Paragraph>
            <a
              href={`${base}/surveys/${qr}/qrcode${qs({ base: window.location.origin })}`}
              download={`survey-${qr}.png`}
            >
              {t('下载二维码', 'Download')}
            </a>
          </div>
        )}
      </Modal>
      <Modal
        open={!!create}
        title={
          create?.baseSurveyId
            ? t(
                '本地化省级模板(可增加题目,不可删除必答题)',
                'Localise the template (add questions; mandatory ones stay)',
              )
            : t('新建问卷', 'New survey')
        }
        onCancel={() => setCreate(null)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'survey-ok' } as never}
      >
        <Form form={form} layout="vertical" onFinish={newSurvey}>
          <Form.Item name="title" label={t('问卷标题', 'Title')} rules={[{ required: true }]}>
            <Input data-testid="survey-title-input" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('发布区划代码', 'Region code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function RegionFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t } = useI18n();
  return (
    <Input.Search
      placeholder={t('区划代码(留空为本级)', 'Region code (blank: yours)')}
      allowClear
      style={{ width: 240 }}
      defaultValue={value}
      onSearch={(v) => onChange(v || undefined)}
    />
  );
}

function StatsTab({ c }: { c: CampaignDetail }) {
  const { t } = useI18n();
  const [region, setRegion] = useState<string | undefined>();
  const [cross, setCross] = useState<string | undefined>('useApp');
  const q = useQuery({
    queryKey: ['participation', 'stats', c.id, region, cross],
    queryFn: () => api.get<CampaignStats>(`${base}/campaigns/${c.id}/stats${qs({ region, crossQuestion: cross })}`),
    refetchInterval: 15_000,
    retry: false,
  });
  const s = q.data;
  const focusLevelMap = s && (s.regionCode === '370000' || /^37\d{2}00$/.test(s.regionCode));
  // The default cross-tab question may not exist in this campaign: fall back to none.
  useEffect(() => {
    if (q.error && cross) setCross(undefined);
  }, [q.error, cross]);
  if (!s) return <Card loading />;
  return (
    <div data-testid="stats">
      <Space style={{ marginBottom: 12 }}>
        <RegionFilter value={region} onChange={setRegion} />
        {c.demo && <SampleTag />}
      </Space>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t('答卷总数', 'Responses')} value={s.total} data-testid="stats-total" />
          </Card>
        </Col>
        {s.byChannel.map((ch) => (
          <Col span={6} key={ch.channel}>
            <Card>
              <Statistic
                title={ch.channel === 'online' ? t('线上', 'Online') : t('线下(纸质)', 'Offline (paper)')}
                value={ch.count}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card title={t('各地区答卷数', 'By region')}>
            {focusLevelMap ? (
              <RegionMap
                code={s.regionCode}
                height={360}
                values={Object.fromEntries(s.byRegion.map((r) => [r.code, r.count]))}
                onDrill={(code) => setRegion(code)}
              />
            ) : null}
            <Chart
              height={focusLevelMap ? 200 : 360}
              option={{
                tooltip: {},
                grid: { left: 80, right: 20, top: 10, bottom: 20 },
                xAxis: { type: 'value' },
                yAxis: {
                  type: 'category',
                  data: s.byRegion
                    .slice(0, 15)
                    .map((r) => r.name)
                    .reverse(),
                },
                series: [
                  {
                    type: 'bar',
                    data: s.byRegion
                      .slice(0, 15)
                      .map((r) => r.count)
                      .reverse(),
                    itemStyle: { color: '#1256b0' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('每日答卷', 'By day')}>
            <Chart
              height={560}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 20, top: 20, bottom: 40 },
                xAxis: { type: 'category', data: s.byDay.map((d) => d.day) },
                yAxis: { type: 'value' },
                dataZoom: [{ type: 'inside' }],
                series: [{ type: 'line', smooth: true, areaStyle: {}, data: s.byDay.map((d) => d.count) }],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        {s.questions.map((qq) => (
          <Col span={12} key={qq.questionId} style={{ marginTop: 16 }}>
            <Card
              size="small"
              title={`${qq.title}${qq.mean !== null ? ` · ${t('平均', 'mean')} ${qq.mean}` : ''}`}
              extra={
                <Typography.Text type="secondary">
                  {t('作答', 'answered')} {qq.answered}
                </Typography.Text>
              }
            >
              {qq.options.length ? (
                <Chart
                  height={Math.max(160, qq.options.length * 26)}
                  option={{
                    tooltip: {},
                    grid: { left: 120, right: 30, top: 5, bottom: 20 },
                    xAxis: { type: 'value' },
                    yAxis: {
                      type: 'category',
                      data: qq.options.map((o) => o.label).reverse(),
                      axisLabel: { width: 110, overflow: 'truncate' },
                    },
                    series: [
                      {
                        type: 'bar',
                        data: qq.options.map((o) => o.count).reverse(),
                        label: { show: true, position: 'right' },
                      },
                    ],
                  }}
                />
              ) : (
                <Empty description={t('数值题,见平均值', 'Numeric: see the mean')} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        style={{ marginTop: 16 }}
        title={t('按地区交叉分析', 'Cross-tab by region')}
        extra={
          <Select
            style={{ width: 280 }}
            value={cross}
            onChange={setCross}
            allowClear
            options={s.questions
              .filter((x) => ['single', 'multiple', 'rating'].includes(x.type))
              .map((x) => ({ value: x.questionId, label: x.title }))}
          />
        }
      >
        {s.crossTab ? (
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 20 }}
            dataSource={s.crossTab.rows}
            columns={[
              { title: t('地区', 'Region'), dataIndex: 'name', fixed: 'left', width: 100 },
              { title: t('作答', 'Answered'), dataIndex: 'total', width: 80 },
              ...s.crossTab.options.map((o, i) => ({
                title: o.label,
                key: o.id,
                render: (_: unknown, r: { total: number; counts: number[] }) =>
                  `${r.counts[i]} (${r.total ? Math.round((r.counts[i]! / r.total) * 100) : 0}%)`,
              })),
            ]}
            scroll={{ x: true }}
          />
        ) : (
          <Empty />
        )}
      </Card>
    </div>
  );
}

/** Word cloud as sized tags: the size says how often a word was used. */
export function WordCloud({ words }: { words: { word: string; weight: number }[] }) {
  const max = Math.max(1, ...words.map((w) => w.weight));
  const colors = ['#1256b0', '#d4380d', '#389e0d', '#722ed1', '#c41d7f', '#08979c', '#d48806'];
  const shuffled = useMemo(
    () => [...words].sort((a, b) => (a.word.charCodeAt(0) % 7) - (b.word.charCodeAt(0) % 7)),
    [words],
  );
  return (
    <div
      data-testid="word-cloud"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        justifyContent: 'center',
        gap: '4px 14px',
        padding: 8,
      }}
    >
      {shuffled.map((w, i) => (
        <span
          key={w.word}
          title={`${w.word}: ${w.weight}`}
          style={{
            fontSize: 12 + Math.round(Math.sqrt(w.weight / max) * 28),
            color: colors[i % colors.length],
            lineHeight: 1.3,
          }}
        >
          {w.word}
        </span>
      ))}
    </div>
  );
}

function TopicsTab({ c }: { c: CampaignDetail }) {
  const { t, lang } = useI18n();
  const { can, region: myRegion } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [region, setRegion] = useState<string | undefined>();
  const [assign, setAssign] = useState<{ label: string; count: number } | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['participation', 'topics', c.id, region],
    queryFn: () => api.get<TopicAnalysis>(`${base}/campaigns/${c.id}/topics${qs({ region })}`),
  });
  const all = useQuery({
    queryKey: ['participation', 'campaigns'],
    queryFn: () => api.get<{ items: Campaign[] }>(`${base}/campaigns`),
  });
  const others = (all.data?.items ?? []).filter((x) => x.id !== c.id && x.year < c.year).slice(0, 3);
  const cmp = useQuery({
    queryKey: ['participation', 'compare', c.id, others.map((o) => o.id).join(','), region],
    queryFn: () =>
      api.get<TopicComparison>(
        `${base}/topics/compare${qs({ campaigns: [...others.map((o) => o.id), c.id].join(','), region })}`,
      ),
    enabled: others.length > 0,
  });
  const a = q.data;
  if (!a) return <Card loading />;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <RegionFilter value={region} onChange={setRegion} />
        <Typography.Text type="secondary">
          {t(
            `共 ${a.documents} 条文字意见,分析用时 ${a.elapsedMs} 毫秒`,
            `${a.documents} free-text answers, analysed in ${a.elapsedMs} ms`,
          )}
        </Typography.Text>
        {c.demo && <SampleTag />}
      </Space>
      <Row gutter={16}>
        <Col span={14}>
          {a.topics.length === 0 && <Empty />}
          {a.topics.map((tp) => (
            <Card
              key={tp.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid="topic-card"
              title={
                <Space>
                  <Typography.Text strong>{tp.label}</Typography.Text>
                  <Tag color="blue">
                    {tp.count} {t('条', '')}
                  </Tag>
                  <Typography.Text type="secondary">{Math.round(tp.share * 100)}%</Typography.Text>
                </Space>
              }
              extra={
                tp.id !== 'other' &&
                can('participation.actions.manage') && (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({
                        title: `${tp.label}`,
                        regionCode: region ?? myRegion,
                        department: '',
                        deadline: undefined,
                      });
                      setAssign({ label: tp.label, count: tp.count });
                    }}
                  >
                    {t('转办', 'Assign')}
                  </Button>
                )
              }
            >
              <Space wrap style={{ marginBottom: 6 }}>
                {tp.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Space>
              {tp.quotes.map((qt) => (
                <Typography.Paragraph key={qt} style={{ margin: '2px 0', color: '#555' }} data-testid="topic-quote">
                  “{qt}”
                </Typography.Paragraph>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tp.byRegion
                  .slice(0, 6)
                  .map((r) => `${r.name} ${r.count}`)
                  .join(' · ')}
              </Typography.Text>
            </Card>
          ))}
        </Col>
        <Col span={10}>
          <Card title={t('词云', 'Word cloud')} size="small">
            <WordCloud words={a.keywords.slice(0, 60)} />
          </Card>
          <Card title={t('主题占比', 'Topic shares')} size="small" style={{ marginTop: 12 }}>
            <Chart
              height={300}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '70%'],
                    data: a.topics.map((tp) => ({ name: tp.label, value: tp.count })),
                  },
                ],
              }}
            />
          </Card>
          {cmp.data && (
            <Card title={t('跨年度对比(占比)', 'Across years (share)')} size="small" style={{ marginTop: 12 }}>
              <Table
                size="small"
                rowKey="label"
                pagination={false}
                dataSource={cmp.data.rows}
                columns={[
                  { title: t('主题', 'Topic'), dataIndex: 'label' },
                  ...cmp.data.campaigns.map((cc, i) => ({
                    title: String(cc.year),
                    key: cc.id,
                    render: (_: unknown, r: { shares: (number | null)[] }) =>
                      r.shares[i] === null ? '—' : `${Math.round(r.shares[i]! * 100)}%`,
                  })),
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={!!assign}
        title={t('转为办理事项', 'Create an action item')}
        onCancel={() => setAssign(null)}
        onOk={() => form.submit()}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await api.post(`${base}/campaigns/${c.id}/actions`, {
                regionCode: v.regionCode,
                department: v.department,
                title: v.title,
                topicLabel: assign!.label,
                demandCount: assign!.count,
                deadline: v.deadline.format('YYYY-MM-DD'),
              });
              message.success(t('已转办', 'Assigned'));
              setAssign(null);
              void qc.invalidateQueries({ queryKey: ['participation'] });
            } catch (e) {
              message.error(problemText(e, lang));
            }
          }}
        >
          <Form.Item name="title" label={t('事项', 'Action')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="department" label={t('责任部门', 'Department')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="regionCode" label={t('区划代码', 'Region code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="deadline" label={t('办理期限', 'Deadline')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function ResponsesTab({ c }: { c: CampaignDetail }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<{ region?: string; channel?: string; q?: string }>({});
  const [paper, setPaper] = useState<string | null>(null);
  const [paperRef, setPaperRef] = useState('');
  const q = useQuery({
    queryKey: ['participation', 'responses', c.id, page, filters],
    queryFn: () =>
      api.get<{ items: ResponseRow[]; total: number }>(
        `${base}/campaigns/${c.id}/responses${qs({ ...filters, page, pageSize: 20 })}`,
      ),
  });
  const published = c.surveys.filter((s) => s.status === 'published');
  const paperSurvey = useQuery({
    queryKey: ['participation', 'survey', paper],
    queryFn: () => api.get<Survey>(`${base}/surveys/${paper}`),
    enabled: !!paper,
  });
  const [surveyForImport, setSurveyForImport] = useState<string | undefined>(published[0]?.id);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionFilter
          onChange={(region) => {
            setFilters((f) => ({ ...f, region }));
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder={t('渠道', 'Channel')}
          style={{ width: 130 }}
          onChange={(channel) => {
            setFilters((f) => ({ ...f, channel }));
            setPage(1);
          }}
          options={[
            { value: 'online', label: t('线上', 'Online') },
            { value: 'offline', label: t('线下(纸质)', 'Offline') },
          ]}
        />
        <Input.Search
          placeholder={t('搜索答案内容', 'Search answers')}
          allowClear
          onSearch={(v) => {
            setFilters((f) => ({ ...f, q: v || undefined }));
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(`${base}/campaigns/${c.id}/export${qs({ region: filters.region })}`, 'responses.xlsx').catch((e) =>
              message.error(problemText(e, lang)),
            )
          }
        >
          {t('导出 Excel', 'Export Excel')}
        </Button>
        {can('participation.responses.enter') && published.length > 0 && (
          <>
            <Select
              style={{ width: 220 }}
              value={surveyForImport}
              onChange={setSurveyForImport}
              options={published.map((s) => ({ value: s.id, label: `${s.regionName} · ${s.title}` }))}
            />
            <Button onClick={() => setPaper(surveyForImport ?? null)}>{t('录入纸质问卷', 'Enter a paper form')}</Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(`${base}/surveys/${surveyForImport}/paper-template`, 'paper-template.xlsx')}
            >
              {t('纸质问卷模板', 'Paper template')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void api
                  .upload<PaperImportResult>(`${base}/surveys/${surveyForImport}/paper-responses/import`, file)
                  .then((r) => {
                    if (r.errors.length) showImportErrors(r.errors, t('题目', 'Question'));
                    else {
                      message.success(t(`已导入 ${r.imported} 份`, `Imported ${r.imported}`));
                      void qc.invalidateQueries({ queryKey: ['participation'] });
                    }
                  })
                  .catch((e) => message.error(problemText(e, lang)));
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('Excel 导入纸质问卷', 'Import paper forms')}</Button>
            </Upload>
          </>
        )}
      </Space>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (n) => t(`共 ${n} 份`, `${n} in all`),
        }}
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {r.answers
                .map((a) => `${a.questionId}: ${Array.isArray(a.value) ? a.value.join('、') : a.value}`)
                .join('\n')}
            </pre>
          ),
        }}
        columns={[
          {
            title: t('时间', 'Time'),
            dataIndex: 'submittedAt',
            width: 170,
            render: (v: string) => v.slice(0, 16).replace('T', ' '),
          },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 100 },
          {
            title: t('渠道', 'Channel'),
            dataIndex: 'channel',
            width: 100,
            render: (v: string, r) => (
              <>
                {v === 'online' ? t('线上', 'Online') : t('纸质', 'Paper')}
                {r.verified && (
                  <Tag color="blue" style={{ marginLeft: 4 }}>
                    {t('实名', 'verified')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('联系电话', 'Phone'),
            dataIndex: 'phoneMasked',
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('需求', 'Demand'),
            key: 'text',
            render: (_: unknown, r) =>
              String(
                r.answers.find((a) => typeof a.value === 'string' && a.value.length > 6 && !/^\d+$/.test(a.value))
                  ?.value ?? '',
              ),
          },
          { title: '', dataIndex: 'demo', width: 60, render: (d: boolean) => (d ? <SampleTag /> : null) },
        ]}
      />
      <Modal
        open={!!paper}
        width={640}
        footer={null}
        onCancel={() => setPaper(null)}
        title={t('录入纸质问卷(线下渠道)', 'Enter a paper form (offline channel)')}
        destroyOnHidden
      >
        <Input
          addonBefore={t('纸质编号', 'Form no.')}
          value={paperRef}
          onChange={(e) => setPaperRef(e.target.value)}
          style={{ marginBottom: 12 }}
        />
        {paperSurvey.data && (
          <SurveyForm
            definition={paperSurvey.data.definition}
            regionRoot={paperSurvey.data.regionCode}
            onSubmit={async (answers) => {
              try {
                await api.post(`${base}/surveys/${paper}/paper-responses`, { answers, paperRef });
                message.success(t('已录入', 'Saved'));
                setPaper(null);
                setPaperRef('');
                void qc.invalidateQueries({ queryKey: ['participation'] });
              } catch (e) {
                message.error(problemText(e, lang));
              }
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function ActionsTab({ c }: { c: CampaignDetail }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [edit, setEdit] = useState<ActionItem | null>(null);
  const [fu, setFu] = useState<string | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: ['participation', 'actions', c.id],
    queryFn: () => api.get<{ items: ActionItem[] }>(`${base}/campaigns/${c.id}/actions`),
  });
  const fus = useQuery({
    queryKey: ['participation', 'followups', fu],
    queryFn: () =>
      api.get<{
        items: {
          id: string;
          token: string;
          phoneMasked: string | null;
          satisfaction: number | null;
          answeredAt: string | null;
        }[];
      }>(`${base}/actions/${fu}/followups`),
    enabled: !!fu,
  });
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        {t(
          '在“需求主题”中将主题转办给责任部门;办理进展公开在',
          'Assign topics from the Demand topics tab; progress is public at',
        )}{' '}
        <a href={`/progress/${c.id}`} target="_blank" rel="noreferrer">
          /progress/{c.id.slice(0, 8)}…
        </a>
      </Typography.Paragraph>
      <Table
        rowKey="id"
        dataSource={q.data?.items}
        loading={q.isLoading}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('事项', 'Action'), dataIndex: 'title' },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          { title: t('责任部门', 'Department'), dataIndex: 'department', width: 160 },
          {
            title: t('需求主题', 'Topic'),
            dataIndex: 'topicLabel',
            width: 120,
            render: (v: string | null, r) => (v ? `${v} (${r.demandCount})` : '—'),
          },
          { title: t('期限', 'Deadline'), dataIndex: 'deadline', width: 110 },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={s === 'done' ? 'green' : s === 'in_progress' ? 'blue' : 'default'}>
                {lang === 'zh' ? ACTION_STATUS[s]![0] : ACTION_STATUS[s]![1]}
              </Tag>
            ),
          },
          {
            title: t('回访满意度', 'Satisfaction'),
            key: 'fu',
            width: 120,
            render: (_: unknown, r) =>
              r.followups.asked
                ? `${r.followups.meanSatisfaction ?? '—'} (${r.followups.answered}/${r.followups.asked})`
                : '—',
          },
          {
            title: '',
            key: 'ops',
            width: 200,
            render: (_: unknown, r) =>
              can('participation.actions.manage') && (
                <Space>
                  <a
                    onClick={() => {
                      form.setFieldsValue({ status: r.status, progressNote: r.progressNote });
                      setEdit(r);
                    }}
                  >
                    {t('更新进展', 'Update')}
                  </a>
                  <a
                    onClick={async () => {
                      try {
                        const res = await api.post<{ created: number }>(`${base}/actions/${r.id}/followups`);
                        message.success(t(`已生成 ${res.created} 条回访`, `${res.created} follow-ups created`));
                        setFu(r.id);
                        void qc.invalidateQueries({ queryKey: ['participation'] });
                      } catch (e) {
                        message.error(problemText(e, lang));
                      }
                    }}
                  >
                    {t('满意度回访', 'Follow up')}
                  </a>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={!!edit} title={edit?.title} onCancel={() => setEdit(null)} onOk={() => form.submit()}>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await api.patch(`${base}/actions/${edit!.id}`, v);
              setEdit(null);
              void qc.invalidateQueries({ queryKey: ['participation'] });
            } catch (e) {
              message.error(problemText(e, lang));
            }
          }}
        >
          <Form.Item name="status" label={t('状态', 'Status')}>
            <Select
              options={Object.entries(ACTION_STATUS).map(([k, v]) => ({
                value: k,
                label: lang === 'zh' ? v[0] : v[1],
              }))}
            />
          </Form.Item>
          <Form.Item name="progressNote" label={t('公开进展说明', 'Public progress note')}>
            <Input.TextArea maxLength={2000} rows={4} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!fu}
        width={640}
        footer={null}
        onCancel={() => setFu(null)}
        title={t('满意度回访(短信链接)', 'Follow-ups (SMS links)')}
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={fus.data?.items}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('联系电话', 'Phone'), dataIndex: 'phoneMasked' },
            {
              title: t('回访链接', 'Link'),
              dataIndex: 'token',
              render: (tk: string) => (
                <a href={`/f/${tk}`} target="_blank" rel="noreferrer">
                  /f/{tk.slice(0, 8)}…
                </a>
              ),
            },
            { title: t('满意度', 'Score'), dataIndex: 'satisfaction', render: (v: number | null) => v ?? '—' },
          ]}
        />
      </Modal>
    </Card>
  );
}
