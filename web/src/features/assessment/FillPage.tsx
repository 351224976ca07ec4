import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, PaperClipOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentSubmission, ImportReport, Indicator, IndicatorValue } from '@zhicheng/contracts';
import { api, ApiError, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { SampleHint, Stars, StatusTag, useCampaigns, useCatalogue } from './shared';
import { useImportErrors } from '../../components/ImportErrorsTable';

const EDITABLE = ['draft', 'returned'];

/** Shows a problem with its field errors listed (validation on submit names each indicator). */
export function useProblem() {
  const { message, modal } = App.useApp();
  const { lang, t } = useI18n();
  return (e: unknown) => {
    if (e instanceof ApiError && e.problem.errors && e.problem.errors.length > 0) {
      modal.error({
        title: problemText(e, lang),
        width: 640,
        content: (
          <ul data-testid="problem-list">
            {e.problem.errors.map((x) => (
              <li key={x.path}>
                {x.path}: {x.message}
              </li>
            ))}
          </ul>
        ),
        okText: t('知道了', 'OK'),
      });
    } else message.error(problemText(e, lang));
  };
}

export function RatingCard({ sub }: { sub: AssessmentSubmission }) {
  const { t, pick } = useI18n();
  const r = sub.rating;
  if (!r) return null;
  return (
    <Card size="small" title={t('当前测算星级', 'Current rating')} data-testid="rating-card">
      <Stars n={r.level} subGrade={r.subGrade} />
      <div style={{ margin: '8px 0' }}>
        {t('得分', 'Score')} {r.score} · {t('加分', 'Bonus')} {r.bonus}
      </div>
      {r.explanation.shares.map((s, i) => (
        <div key={i} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ width: 28 }}>{i + 1}★</span>
          <Progress
            percent={Math.round(s * 1000) / 10}
            size="small"
            status={s >= 0.7 ? 'success' : 'normal'}
            style={{ flex: 1, margin: 0 }}
          />
        </div>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {pick(r.explanation.text)}
      </Typography.Paragraph>
    </Card>
  );
}

export function HistoryCard({ sub }: { sub: AssessmentSubmission }) {
  const { t } = useI18n();
  if (!sub.history.length) return null;
  return (
    <Card size="small" title={t('流转记录', 'History')}>
      <Timeline
        items={sub.history.map((h) => ({
          color: h.action === 'send_back' ? 'red' : 'blue',
          children: (
            <span>
              {new Date(h.at).toLocaleString()} · {h.actor ?? ''} ·{' '}
              <StatusTag s={h.to as AssessmentSubmission['status']} />
              {h.reason && <div style={{ color: '#c00' }}>{h.reason}</div>}
            </span>
          ),
        }))}
      />
    </Card>
  );
}

export function FillPage() {
  const { t, lang } = useI18n();
  const { region, me } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const showProblem = useProblem();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const open = (campaigns.data?.items ?? []).filter((c) => c.stage !== 'published');
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const cid = campaignId ?? open[0]?.id ?? campaigns.data?.items[0]?.id ?? null;
  const code = region ?? me?.roles[0]?.regionCode ?? null;
  const subQ = useQuery({
    queryKey: ['assessment', 'mine', cid, code],
    enabled: !!cid && !!code,
    queryFn: () => api.get<AssessmentSubmission>(`/api/v1/assessment/campaigns/${cid}/regions/${code}`),
    retry: false,
  });
  const sub = subQ.data;
  const cat = useCatalogue(sub?.catalogueId);
  const [edits, setEdits] = useState<Record<string, IndicatorValue>>({});
  const [domain, setDomain] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setEdits({}), [sub?.id, sub?.version]);
  const editable = !!sub && EDITABLE.includes(sub.status);
  const outcome = useMemo(() => new Map((sub?.rating?.indicators ?? []).map((i) => [i.code, i])), [sub]);
  const evidenceBy = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of sub?.evidence ?? []) m.set(e.indicatorCode, (m.get(e.indicatorCode) ?? 0) + 1);
    return m;
  }, [sub]);

  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const save = async () => {
    if (!sub) return;
    setBusy(true);
    try {
      await api.put(`/api/v1/assessment/submissions/${sub.id}/values`, { values: edits, version: sub.version });
      message.success(t('草稿已保存', 'Draft saved'));
      await refresh();
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    if (!sub) return;
    setBusy(true);
    try {
      if (Object.keys(edits).length)
        await api.put(`/api/v1/assessment/submissions/${sub.id}/values`, { values: edits, version: sub.version });
      await api.post(`/api/v1/assessment/submissions/${sub.id}/submit`);
      message.success(t('已提交,等待审核', 'Submitted for approval'));
      await refresh();
    } catch (e) {
      showProblem(e);
      await refresh();
    } finally {
      setBusy(false);
    }
  };
  const importXlsx = async (file: File) => {
    if (!sub) return false;
    try {
      const r = await api.upload<ImportReport>(`/api/v1/assessment/submissions/${sub.id}/import`, file);
      if (r.errors.length) {
        showImportErrors(r.errors);
      } else message.success(t(`已导入 ${r.imported} 项指标`, `Imported ${r.imported} indicators`));
      await refresh();
    } catch (e) {
      showProblem(e);
    }
    return false;
  };
  const uploadEvidence = async (indicatorCode: string, file: File) => {
    if (!sub) return false;
    try {
      await api.upload(`/api/v1/assessment/submissions/${sub.id}/evidence`, file, { indicatorCode });
      message.success(t('佐证材料已上传', 'Evidence uploaded'));
      await refresh();
    } catch (e) {
      showProblem(e);
    }
    return false;
  };

  const indicators = (cat.data?.indicators ?? []).filter((i) => !domain || i.domain === domain);
  const domains = [...new Set((cat.data?.indicators ?? []).map((i) => i.domain))];
  const current = (code: string): IndicatorValue | undefined => edits[code] ?? sub?.values[code];
  const setVal = (code: string, patch: IndicatorValue) =>
    setEdits((e) => ({ ...e, [code]: { ...(sub?.values[code] ?? {}), ...e[code], ...patch } }));

  return (
    <div>
      <PageHeader
        title={t('自评填报', 'Self-assessment')}
        sub={
          sub ? `${sub.regionName} · ${sub.year}` : t('本级区划的年度评估数据', 'Your region’s yearly assessment data')
        }
        extra={
          <>
            <Select
              style={{ width: 300 }}
              value={cid ?? undefined}
              onChange={setCampaignId}
              options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            {sub && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void download(
                    `/api/v1/assessment/submissions/${sub.id}/template`,
                    `assessment-${sub.year}-${sub.regionCode}.xlsx`,
                  )
                }
              >
                {t('下载Excel模板', 'Excel template')}
              </Button>
            )}
            {sub && editable && (
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => importXlsx(f)}>
                <Button icon={<UploadOutlined />} data-testid="import-values">
                  {t('Excel导入', 'Import Excel')}
                </Button>
              </Upload>
            )}
          </>
        }
      />
      {subQ.isError && <Empty description={problemText(subQ.error, lang)} />}
      {sub && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <RatingCard sub={sub} />
          </Col>
          <Col xs={24} lg={8}>
            {sub.rating && sub.rating.explanation.heldBack.length > 0 && (
              <Card size="small" title={t('主要短板', 'Held back by')}>
                {sub.rating.explanation.heldBack.slice(0, 6).map((h) => (
                  <div key={h.code}>
                    {h.code} · {h.stars}★ · {t('权重', 'weight')} {h.weight}
                  </div>
                ))}
                <div style={{ marginTop: 6 }}>
                  <a href="/assessment/simulate">{t('去达星模拟 →', 'Open the simulator →')}</a>
                </div>
              </Card>
            )}
          </Col>
          <Col xs={24} lg={8}>
            <HistoryCard sub={sub} />
          </Col>
          <Col span={24}>
            {sub.status === 'returned' && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="returned-reason"
                message={t('已退回,请修改后重新提交', 'Sent back: please fix and resubmit')}
                description={sub.returnedReason}
              />
            )}
            {!editable && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('数据已提交或审核,已锁定', 'Submitted or approved: the data is locked')}
              />
            )}
            <Card
              size="small"
              title={
                <Space>
                  <StatusTag s={sub.status} />{' '}
                  {t(`已填 ${sub.filled}/${sub.indicatorCount}`, `${sub.filled}/${sub.indicatorCount} filled`)}{' '}
                  <SampleHint sample />
                </Space>
              }
              extra={
                <Space>
                  <Select
                    allowClear
                    placeholder={t('一级指标', 'Domain')}
                    style={{ width: 140 }}
                    value={domain}
                    onChange={setDomain}
                    options={domains.map((d) => ({ value: d, label: d }))}
                  />
                  <Button
                    icon={<SaveOutlined />}
                    disabled={!editable || !Object.keys(edits).length}
                    loading={busy}
                    onClick={() => void save()}
                    data-testid="save-draft"
                  >
                    {t('保存草稿', 'Save draft')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    disabled={!editable}
                    loading={busy}
                    onClick={() => void submit()}
                    data-testid="submit"
                  >
                    {t('提交审核', 'Submit')}
                  </Button>
                </Space>
              }
            >
              <Table<Indicator>
                size="small"
                rowKey="code"
                data-testid="indicator-table"
                dataSource={indicators}
                scroll={{ x: 1180 }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
                  {
                    title: t('指标', 'Indicator'),
                    dataIndex: 'name',
                    width: 220,
                    render: (v, i) => (
                      <Tooltip title={i.definition}>
                        <span>
                          {v}
                          {i.veto && (
                            <Tag color="red" style={{ marginLeft: 4 }}>
                              {t('否决', 'veto')}
                            </Tag>
                          )}
                          {i.bonusPoints ? (
                            <Tag color="gold" style={{ marginLeft: 4 }}>
                              +{i.bonusPoints}
                            </Tag>
                          ) : null}
                        </span>
                      </Tooltip>
                    ),
                  },
                  {
                    title: t('阈值 1★…5★', 'Thresholds'),
                    width: 150,
                    render: (_, i) => (
                      <span style={{ fontSize: 12, color: '#666' }}>
                        {i.direction === 'lower' ? '≤ ' : '≥ '}
                        {i.thresholds.join(' / ')} {i.unit}
                      </span>
                    ),
                  },
                  { title: t('上年', 'Last year'), width: 70, render: (_, i) => sub.previousValues[i.code] ?? '—' },
                  {
                    title: t('本年值', 'Value'),
                    width: 130,
                    render: (_, i) => (
                      <InputNumber
                        size="small"
                        data-testid={`value-${i.code}`}
                        disabled={!editable}
                        value={current(i.code)?.value ?? null}
                        onChange={(v) => setVal(i.code, { value: v === null ? null : Number(v) })}
                        style={{ width: 110 }}
                      />
                    ),
                  },
                  { title: '★', width: 50, render: (_, i) => outcome.get(i.code)?.stars ?? 0 },
                  {
                    title: t('说明', 'Explanation'),
                    width: 160,
                    render: (_, i) => {
                      const prev = sub.previousValues[i.code];
                      const v = current(i.code)?.value;
                      const jump =
                        prev && v !== null && v !== undefined ? Math.abs(v - prev) / Math.abs(prev) > 0.5 : false;
                      return (
                        <Input
                          size="small"
                          disabled={!editable}
                          status={jump && !current(i.code)?.explanation ? 'warning' : undefined}
                          placeholder={jump ? t('变化较大,请说明', 'Big change: explain') : ''}
                          value={current(i.code)?.explanation ?? ''}
                          onChange={(e) => setVal(i.code, { explanation: e.target.value })}
                        />
                      );
                    },
                  },
                  {
                    title: t('佐证', 'Evidence'),
                    width: 120,
                    render: (_, i) => (
                      <Space size={4}>
                        {i.evidenceRequired && !evidenceBy.get(i.code) && (
                          <Tag color="orange">{t('必传', 'required')}</Tag>
                        )}
                        {evidenceBy.get(i.code) ? (
                          <Tag icon={<PaperClipOutlined />}>{evidenceBy.get(i.code)}</Tag>
                        ) : null}
                        {editable && (
                          <Upload
                            accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx"
                            showUploadList={false}
                            beforeUpload={(f) => uploadEvidence(i.code, f)}
                          >
                            <Button size="small" type="link" data-testid={`evidence-${i.code}`}>
                              {t('上传', 'Upload')}
                            </Button>
                          </Upload>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(
                  '佐证材料支持 PDF、PNG、JPG、XLSX、DOCX,单个不超过 10 MB。阈值与权重为示例。',
                  'Evidence: PDF, PNG, JPG, XLSX, DOCX up to 10 MB each. Thresholds and weights are samples.',
                )}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
