import { useState } from 'react';
import { Button, Select, Space, Switch, Table } from 'antd';
import type { AssessmentSubmissionSummary } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ScoreInput, scoreOutOfRange } from '../../components/ScoreInput';
import { useCampaigns, useCatalogue, useCoevalScore, useSubmissions } from './api';
import { StatusTag } from './components/labels';

interface Entry {
  indicatorCode: string | null;
  score: number | null;
  confirmed: boolean;
}

/** 监督共评: citizen supervisors and media score services or verify a claimed indicator on site. */
export default function CoevalPage() {
  const { t } = useI18n();
  const campaigns = useCampaigns();
  const campaign = campaigns.data?.items.find((c) => c.stage === 'co_evaluation') ?? campaigns.data?.items[0];
  // Only the indicators the province assigned to co-evaluation may be verified, each within its level's catalogue.
  const cityCat = useCatalogue(campaign?.cityCatalogueId);
  const countyCat = useCatalogue(campaign?.countyCatalogueId);
  const assigned = new Set(campaign?.coEvaluationIndicators ?? []);
  const optionsFor = (level: string) =>
    ((level === 'city' ? cityCat.data : countyCat.data)?.indicators ?? [])
      .filter((i) => assigned.has(i.code))
      .map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  const list = useSubmissions(campaign?.id ?? null, { status: 'co_evaluation', page: 1, pageSize: 200 });
  const score = useCoevalScore();
  const [form, setForm] = useState<Record<string, Entry>>({});
  const send = (s: AssessmentSubmissionSummary) => {
    const f = form[s.id];
    if (!f || f.score === null || scoreOutOfRange(f.score)) return;
    score.mutate({
      submissionId: s.id,
      indicatorCode: f.indicatorCode,
      score: f.score,
      confirmed: f.indicatorCode ? f.confirmed : null,
    });
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
              const set = (p: Partial<Entry>) => setForm((x) => ({ ...x, [s.id]: { ...f, ...p } }));
              return (
                <Space wrap>
                  <Select
                    aria-label={t(
                      '核验指标(可选,不选则为服务评分)',
                      'Indicator to verify (optional; none = service score)',
                    )}
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
                  <ScoreInput
                    value={f.score}
                    onChange={(v) => set({ score: v })}
                    testId={`coeval-score-${s.regionCode}`}
                  />
                  <Button
                    type="primary"
                    loading={score.isPending}
                    disabled={f.score === null || scoreOutOfRange(f.score)}
                    onClick={() => send(s)}
                    data-testid={`coeval-submit-${s.regionCode}`}
                  >
                    {t('提交', 'Submit')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
    </div>
  );
}
