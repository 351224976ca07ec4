import { useState } from 'react';
import { App, Button, Card, Col, Drawer, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  STATUS_NAMES,
  type AssessmentSubmission,
  type AssessmentSubmissionStatus,
  type AssessmentSubmissionSummary,
} from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ReactEChartsCore, echarts } from '../../components/charts';
import { HistoryCard, RatingCard, useProblem } from './FillPage';
import { P, Stars, StatusTag, useCampaigns, useCatalogue } from './shared';

interface RadarData {
  total: number;
  byStatus: Record<string, number>;
  notSubmitted: {
    regionCode: string;
    regionName: string;
    parentCode: string | null;
    status: AssessmentSubmissionStatus;
    filled: number;
    indicatorCount: number;
  }[];
}

export function SubmissionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const sub = useQuery({
    queryKey: ['assessment', 'submission', id],
    enabled: !!id,
    queryFn: () => api.get<AssessmentSubmission>(`/api/v1/assessment/submissions/${id}`),
  });
  const cat = useCatalogue(sub.data?.catalogueId);
  const s = sub.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={760} title={s ? `${s.regionName} · ${s.year}` : ''}>
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <StatusTag s={s.status} />
            {s.disagreement && <Tag color="red">{t('专家意见分歧较大', 'Experts disagree')}</Tag>}
          </Space>
          <RatingCard sub={s} />
          {s.experts.length > 0 && (
            <Card size="small" title={t('专家评分', 'Expert scores')}>
              {s.experts.map((e) => (
                <Tag key={e.alias}>
                  {e.alias}: {e.score ?? t('未评', 'pending')}
                </Tag>
              ))}
            </Card>
          )}
          {s.coEvaluation.count > 0 && (
            <Card size="small" title={t('监督共评', 'Co-evaluation')}>
              {t(
                `共 ${s.coEvaluation.count} 条,平均 ${s.coEvaluation.average},未被证实 ${s.coEvaluation.unconfirmed}`,
                `${s.coEvaluation.count} scores, average ${s.coEvaluation.average}, unconfirmed ${s.coEvaluation.unconfirmed}`,
              )}
            </Card>
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 12 }}
            dataSource={cat.data?.indicators ?? []}
            columns={[
              { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
              { title: t('指标', 'Indicator'), dataIndex: 'name' },
              { title: t('值', 'Value'), width: 90, render: (_, i) => s.values[i.code]?.value ?? '—' },
              { title: t('上年', 'Last year'), width: 80, render: (_, i) => s.previousValues[i.code] ?? '—' },
              {
                title: '★',
                width: 50,
                render: (_, i) => s.rating?.indicators.find((o) => o.code === i.code)?.stars ?? 0,
              },
              { title: t('说明', 'Note'), width: 120, render: (_, i) => s.values[i.code]?.explanation ?? '' },
            ]}
          />
          <ObjectionsCard sub={s} />
          <HistoryCard sub={s} />
        </Space>
      )}
    </Drawer>
  );
}

/** 公示异议: anyone signed in may object during the notice; the province resolves before publishing. */
function ObjectionsCard({ sub }: { sub: AssessmentSubmission }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [resolution, setResolution] = useState<Record<string, string>>({});
  if (sub.status !== 'public_notice' && !sub.objections.length) return null;
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const file = async () => {
    try {
      await api.post(`/api/v1/assessment/submissions/${sub.id}/objections`, { text });
      message.success(t('异议已提交', 'Objection filed'));
      setText('');
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };
  const resolve = async (id: string) => {
    try {
      await api.post(`/api/v1/assessment/objections/${id}/resolve`, { resolution: resolution[id] ?? '' });
      message.success(t('异议已处理', 'Objection resolved'));
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };
  return (
    <Card size="small" title={t('公示异议', 'Objections')}>
      {sub.objections.map((o) => (
        <div key={o.id} style={{ marginBottom: 8 }}>
          <div>
            {new Date(o.filedAt).toLocaleString()} · {o.text}
          </div>
          {o.resolution ? (
            <Tag color="green">
              {t('已处理', 'Resolved')}: {o.resolution}
            </Tag>
          ) : (
            can(P.campaignManage) && (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  size="small"
                  placeholder={t('处理意见', 'Resolution')}
                  value={resolution[o.id] ?? ''}
                  onChange={(e) => setResolution((r) => ({ ...r, [o.id]: e.target.value }))}
                />
                <Button size="small" onClick={() => void resolve(o.id)}>
                  {t('处理', 'Resolve')}
                </Button>
              </Space.Compact>
            )
          )}
        </div>
      ))}
      {sub.status === 'public_notice' && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            placeholder={t('对公示结果的异议(至少5字)', 'Your objection (5+ characters)')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button disabled={text.trim().length < 5} onClick={() => void file()}>
            {t('提出异议', 'Object')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

export function ReviewPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const cid =
    campaignId ??
    campaigns.data?.items.find((c) => c.stage !== 'published')?.id ??
    campaigns.data?.items[0]?.id ??
    null;
  const [status, setStatus] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [sendBack, setSendBack] = useState<AssessmentSubmissionSummary | null>(null);
  const [reason, setReason] = useState('');

  const list = useQuery({
    queryKey: ['assessment', 'subs', cid, status, level, q, page],
    enabled: !!cid,
    queryFn: () =>
      api.get<{ items: AssessmentSubmissionSummary[]; total: number }>(
        `/api/v1/assessment/campaigns/${cid}/submissions${qs({ status, level, q, page, pageSize: 20 })}`,
      ),
  });
  const radar = useQuery({
    queryKey: ['assessment', 'radar', cid],
    enabled: !!cid,
    queryFn: () => api.get<RadarData>(`/api/v1/assessment/campaigns/${cid}/radar`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });

  const approve = async (id: string) => {
    try {
      await api.post(`/api/v1/assessment/submissions/${id}/approve`);
      message.success(t('已审核通过', 'Approved'));
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };
  const bulk = async () => {
    try {
      const r = await api.post<{ approved: string[]; refused: { regionCode: string; message: string }[] }>(
        `/api/v1/assessment/campaigns/${cid}/approve-bulk`,
        { regionCodes: selected },
      );
      message.info(
        t(
          `通过 ${r.approved.length} 个,未通过 ${r.refused.length} 个`,
          `${r.approved.length} approved, ${r.refused.length} refused`,
        ),
      );
      if (r.refused.length)
        Modal.warning({
          title: t('以下区划未能审核', 'Not approved'),
          content: (
            <ul>
              {r.refused.map((x) => (
                <li key={x.regionCode}>
                  {x.regionCode}: {x.message}
                </li>
              ))}
            </ul>
          ),
        });
      setSelected([]);
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };
  const doSendBack = async () => {
    if (!sendBack) return;
    try {
      await api.post(`/api/v1/assessment/submissions/${sendBack.id}/send-back`, { reason });
      message.success(t('已退回', 'Sent back'));
      setSendBack(null);
      setReason('');
      await refresh();
    } catch (e) {
      showProblem(e);
    }
  };

  const r = radar.data;
  const radarOption = r && {
    tooltip: {},
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '58%'],
        center: ['50%', '42%'],
        label: { formatter: '{c}', fontSize: 11 },
        data: Object.entries(r.byStatus).map(([k, v]) => ({
          name: pick(STATUS_NAMES[k as AssessmentSubmissionStatus]),
          value: v,
        })),
      },
    ],
  };

  return (
    <div>
      <PageHeader
        title={t('审核', 'Review')}
        sub={t(
          '市级审核本市县区,省级审核市县;下级全部通过后方可审核上级',
          'Cities approve their counties, the province approves all; a city only after its counties',
        )}
        extra={
          <Select
            style={{ width: 300 }}
            value={cid ?? undefined}
            onChange={(v) => {
              setCampaignId(v);
              setPage(1);
            }}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            extra={
              <Space wrap>
                <Select
                  allowClear
                  placeholder={t('状态', 'Status')}
                  style={{ width: 140 }}
                  value={status}
                  onChange={(v) => {
                    setStatus(v);
                    setPage(1);
                  }}
                  options={Object.entries(STATUS_NAMES).map(([k, v]) => ({ value: k, label: pick(v) }))}
                  data-testid="status-filter"
                />
                <Select
                  allowClear
                  placeholder={t('层级', 'Level')}
                  style={{ width: 110 }}
                  value={level}
                  onChange={(v) => {
                    setLevel(v);
                    setPage(1);
                  }}
                  options={[
                    { value: 'city', label: t('市', 'City') },
                    { value: 'county', label: t('县', 'County') },
                  ]}
                />
                <Input.Search
                  allowClear
                  placeholder={t('名称或代码', 'Name or code')}
                  onSearch={(v) => {
                    setQ(v);
                    setPage(1);
                  }}
                  style={{ width: 170 }}
                />
                {can(P.submissionApprove) && (
                  <Button
                    type="primary"
                    disabled={!selected.length}
                    onClick={() => void bulk()}
                    data-testid="bulk-approve"
                  >
                    {t(`批量通过 (${selected.length})`, `Approve ${selected.length}`)}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<AssessmentSubmissionSummary>
              size="small"
              rowKey="regionCode"
              data-testid="review-table"
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              rowSelection={
                can(P.submissionApprove)
                  ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }
                  : undefined
              }
              pagination={{
                current: page,
                pageSize: 20,
                total: list.data?.total ?? 0,
                onChange: setPage,
                showTotal: (n) => t(`共 ${n} 个`, `${n} in all`),
              }}
              columns={[
                {
                  title: t('区划', 'Region'),
                  dataIndex: 'regionName',
                  render: (v, s) => <a onClick={() => setOpen(s.id)}>{v}</a>,
                },
                { title: t('代码', 'Code'), dataIndex: 'regionCode', width: 90 },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 120,
                  render: (v, s) => (
                    <Space size={2}>
                      <StatusTag s={v} />
                      {s.disagreement && <Tag color="red">{t('分歧', 'split')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('填报', 'Filled'), width: 80, render: (_, s) => `${s.filled}/${s.indicatorCount}` },
                {
                  title: t('测算星级', 'Rating'),
                  width: 200,
                  render: (_, s) => <Stars n={s.stars} subGrade={s.subGrade} />,
                },
                {
                  title: t('操作', 'Actions'),
                  width: 180,
                  render: (_, s) => (
                    <Space size={4}>
                      {can(P.submissionApprove) && ['submitted', 'city_approved'].includes(s.status) && (
                        <Button
                          size="small"
                          type="link"
                          icon={<CheckOutlined />}
                          onClick={() => void approve(s.id)}
                          data-testid={`approve-${s.regionCode}`}
                        >
                          {t('通过', 'Approve')}
                        </Button>
                      )}
                      {can(P.submissionReturn) && !['draft', 'returned', 'published'].includes(s.status) && (
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<RollbackOutlined />}
                          onClick={() => setSendBack(s)}
                          data-testid={`send-back-${s.regionCode}`}
                        >
                          {t('退回', 'Send back')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('填报进度雷达', 'Progress radar')} data-testid="radar">
            {radarOption && <ReactEChartsCore echarts={echarts} option={radarOption} style={{ height: 220 }} />}
            <div style={{ fontWeight: 600, margin: '8px 0' }}>
              {t(`未提交 ${r?.notSubmitted.length ?? 0} 个`, `${r?.notSubmitted.length ?? 0} not submitted`)}
            </div>
            <div style={{ maxHeight: 300, overflow: 'auto' }}>
              {(r?.notSubmitted ?? []).map((n) => (
                <div key={n.regionCode} style={{ fontSize: 12 }}>
                  {n.regionName} <StatusTag s={n.status} /> {n.filled}/{n.indicatorCount}
                </div>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <SubmissionDrawer id={open} onClose={() => setOpen(null)} />
      <Modal
        open={!!sendBack}
        title={t(`退回 ${sendBack?.regionName ?? ''}`, `Send back ${sendBack?.regionName ?? ''}`)}
        onCancel={() => setSendBack(null)}
        onOk={() => void doSendBack()}
        okButtonProps={
          { danger: true, disabled: reason.trim().length < 2, 'data-testid': 'confirm-send-back' } as never
        }
      >
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('请写明退回原因(必填)', 'Reason (required)')}
          data-testid="send-back-reason"
        />
      </Modal>
    </div>
  );
}
