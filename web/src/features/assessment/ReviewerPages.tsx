import { useState } from 'react';
import { App, Button, Card, Col, Empty, Input, InputNumber, List, Row, Select, Space, Switch, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentSubmissionSummary } from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useProblem } from './FillPage';
import { StatusTag, useCampaigns, useCatalogue } from './shared';

interface ReviewTask {
  submissionId: string;
  alias: string;
  year: number;
  regionLevel: string;
  status: AssessmentSubmissionSummary['status'];
  myScore: number | null;
  myComment: string | null;
  values: Record<string, { value?: number | null; explanation?: string }>;
  indicators: { code: string; name: string; unit: string; domain: string; weight: number }[];
  evidence: { id: string; indicatorCode: string; filename: string }[];
}

/** 专家评审: blind — the region is shown only by its alias, other experts' scores are hidden. */
export function ExpertPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const qc = useQueryClient();
  const tasks = useQuery({
    queryKey: ['assessment', 'reviews'],
    queryFn: () => api.get<{ items: ReviewTask[] }>('/api/v1/assessment/reviews'),
  });
  const [sel, setSel] = useState<string | null>(null);
  const task =
    tasks.data?.items.find((x) => x.submissionId === sel) ??
    tasks.data?.items.find((x) => x.status === 'expert_review') ??
    tasks.data?.items[0];
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');

  const submit = async () => {
    if (!task || score === null) return;
    try {
      await api.post(`/api/v1/assessment/reviews/${task.submissionId}/score`, { score, comment });
      message.success(t('评分已提交', 'Score submitted'));
      setScore(null);
      setComment('');
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    } catch (e) {
      showProblem(e);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('专家评审', 'Expert review')}
        sub={t(
          '盲评:不显示被评地区名称与其他专家评分;系统不会分配本地区的评审',
          'Blind: no region names, no other experts’ scores; never your own region',
        )}
      />
      {!tasks.data?.items.length ? (
        <Empty description={t('暂无评审任务', 'No review tasks')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={7}>
            <List
              size="small"
              bordered
              dataSource={tasks.data.items}
              renderItem={(x) => (
                <List.Item
                  onClick={() => setSel(x.submissionId)}
                  style={{
                    cursor: 'pointer',
                    background: task?.submissionId === x.submissionId ? '#e6f4ff' : undefined,
                  }}
                  data-testid={`task-${x.alias}`}
                >
                  <Space>
                    {x.alias} <Tag>{x.regionLevel === 'city' ? t('市', 'city') : t('县', 'county')}</Tag>
                    <StatusTag s={x.status} />
                    {x.myScore !== null && <Tag color="green">{x.myScore}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} xl={17}>
            {task && (
              <Card size="small" title={`${task.alias} · ${task.year}`} data-testid="review-task">
                <Table
                  size="small"
                  rowKey="code"
                  pagination={{ pageSize: 12 }}
                  dataSource={task.indicators}
                  columns={[
                    { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
                    { title: t('指标', 'Indicator'), dataIndex: 'name' },
                    { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70 },
                    {
                      title: t('填报值', 'Value'),
                      width: 100,
                      render: (_, i) => `${task.values[i.code]?.value ?? '—'} ${i.unit}`,
                    },
                    {
                      title: t('佐证', 'Evidence'),
                      width: 120,
                      render: (_, i) =>
                        task.evidence
                          .filter((e) => e.indicatorCode === i.code)
                          .map((e) => (
                            <a key={e.id} href={`/api/v1/assessment/submissions/${task.submissionId}/evidence/${e.id}`}>
                              {e.filename}{' '}
                            </a>
                          )),
                    },
                  ]}
                />
                {task.status === 'expert_review' && task.myScore === null ? (
                  <Space style={{ marginTop: 12 }} wrap>
                    <InputNumber
                      min={0}
                      max={100}
                      placeholder={t('总体评分 0–100', 'Score 0–100')}
                      value={score}
                      onChange={(v) => setScore(v === null ? null : Number(v))}
                      data-testid="expert-score"
                      style={{ width: 160 }}
                    />
                    <Input
                      style={{ width: 360 }}
                      placeholder={t('评审意见', 'Comment')}
                      value={comment}
                      onChange={(e) => setComment(e.target.value)}
                    />
                    <Button
                      type="primary"
                      disabled={score === null}
                      onClick={() => void submit()}
                      data-testid="expert-submit"
                    >
                      {t('提交评分', 'Submit score')}
                    </Button>
                  </Space>
                ) : (
                  <div style={{ marginTop: 12 }}>
                    {t('我的评分', 'My score')}: {task.myScore ?? '—'} {task.myComment}
                  </div>
                )}
              </Card>
            )}
          </Col>
        </Row>
      )}
    </div>
  );
}

/** 监督共评: citizen supervisors and media score services or verify a claimed indicator on site. */
export function CoevalPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useProblem();
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.items.find((c) => c.stage === 'co_evaluation') ?? campaigns.data?.items[0];
  const cid = campaign?.id;
  // Only the indicators the province assigned to co-evaluation may be verified, each within its level's catalogue.
  const cityCat = useCatalogue(campaign?.cityCatalogueId);
  const countyCat = useCatalogue(campaign?.countyCatalogueId);
  const assigned = new Set(campaign?.coEvaluationIndicators ?? []);
  const optionsFor = (level: string) =>
    ((level === 'city' ? cityCat.data : countyCat.data)?.indicators ?? [])
      .filter((i) => assigned.has(i.code))
      .map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  const list = useQuery({
    queryKey: ['assessment', 'coeval', cid],
    enabled: !!cid,
    queryFn: () =>
      api.get<{ items: AssessmentSubmissionSummary[] }>(
        `/api/v1/assessment/campaigns/${cid}/submissions${qs({ status: 'co_evaluation', pageSize: 200 })}`,
      ),
  });
  const [form, setForm] = useState<
    Record<string, { indicatorCode: string | null; score: number | null; confirmed: boolean }>
  >({});
  const send = async (s: AssessmentSubmissionSummary) => {
    const f = form[s.id];
    if (!f || f.score === null) return;
    try {
      await api.post(`/api/v1/assessment/submissions/${s.id}/co-evaluation`, {
        indicatorCode: f.indicatorCode,
        score: f.score,
        confirmed: f.indicatorCode ? f.confirmed : null,
      });
      message.success(t('共评意见已提交', 'Submitted'));
    } catch (e) {
      showProblem(e);
    }
  };
  return (
    <div>
      <PageHeader
        title={t('监督共评', 'Co-evaluation')}
        sub={t(
          '市民监督员、媒体对服务打分或实地核验指标;也可经问需于民模块的监督员任务自动汇入',
          'Supervisors and media score services or verify indicators; tasks from Participation flow in too',
        )}
      />
      {campaign && (
        <div style={{ marginBottom: 8, fontSize: 12, color: '#666' }} data-testid="coeval-assigned">
          {t(
            `本活动列入监督共评的指标:${campaign.coEvaluationIndicators.length} 项(仅可核验这些指标)`,
            `Indicators assigned to co-evaluation in this campaign: ${campaign.coEvaluationIndicators.length} (only these can be verified)`,
          )}
        </div>
      )}
      <Table<AssessmentSubmissionSummary>
        rowKey="id"
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: t('当前没有处于监督共评阶段的地区', 'No region is in co-evaluation') }}
        columns={[
          { title: t('区划', 'Region'), dataIndex: 'regionName' },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v) => <StatusTag s={v} /> },
          {
            title: t('评价', 'Evaluation'),
            render: (_, s) => {
              const f = form[s.id] ?? { indicatorCode: null, score: null, confirmed: true };
              const set = (p: Partial<typeof f>) => setForm((x) => ({ ...x, [s.id]: { ...f, ...p } }));
              return (
                <Space wrap>
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    data-testid={`coeval-indicator-${s.regionCode}`}
                    placeholder={t(
                      '核验指标(可选,不选则为服务评分)',
                      'Indicator to verify (optional; none = service score)',
                    )}
                    style={{ width: 300 }}
                    value={f.indicatorCode ?? undefined}
                    onChange={(v?: string) => set({ indicatorCode: v ?? null })}
                    options={optionsFor(s.regionLevel)}
                    notFoundContent={t(
                      '本活动未指定监督共评指标',
                      'No indicator is assigned to co-evaluation in this campaign',
                    )}
                  />
                  {f.indicatorCode && (
                    <Switch
                      checkedChildren={t('属实', 'confirmed')}
                      unCheckedChildren={t('不实', 'not confirmed')}
                      checked={f.confirmed}
                      onChange={(v) => set({ confirmed: v })}
                    />
                  )}
                  <InputNumber
                    min={0}
                    max={100}
                    placeholder={t('评分', 'Score')}
                    value={f.score}
                    onChange={(v) => set({ score: v === null ? null : Number(v) })}
                  />
                  <Button type="primary" onClick={() => void send(s)}>
                    {t('提交', 'Submit')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
      <Select style={{ display: 'none' }} />
    </div>
  );
}
