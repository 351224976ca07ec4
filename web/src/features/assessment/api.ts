import type { ImportReport } from '@zhicheng/contracts';
import type {
  AssessmentCampaign,
  AssessmentEvidence,
  AssessmentHeatmap,
  AssessmentResultRow,
  AssessmentStatistics,
  AssessmentSubmission,
  AssessmentSubmissionPage,
  AssessmentSubmissionStatus,
  AssessmentTrend,
  BulkApproveResponse,
  CampaignAction,
  CampaignActionPreview,
  CampaignActionRequest,
  CatalogueImportReport,
  CoevalScoreRequest,
  CoevalScoreResponse,
  DeadlineStage,
  IndicatorCatalogue,
  IndicatorCatalogueSummary,
  IndicatorChanges,
  IndicatorValues,
  OpenCampaignRequest,
  RegionReport,
  ReviewTask,
  SimulateResponse,
  SubmissionRadar,
} from '@zhicheng/contracts/assessment';
import { useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useFieldProblems } from './components/FieldProblems';

const BASE = '/api/v1/assessment';

export interface SubmissionQuery {
  status?: AssessmentSubmissionStatus;
  /** The header's region: itself and its counties. */
  parent?: string;
  level?: 'city' | 'county';
  q?: string;
  page: number;
  pageSize: number;
}

export interface ResultsQuery {
  year: number;
  level?: 'city' | 'county';
  parent?: string;
}

/** Query keys of the feature: one place, and every key under `all`, so a change refreshes what it touched. */
export const assessmentKeys = {
  all: ['assessment'] as const,
  campaigns: ['assessment', 'campaigns'] as const,
  catalogues: ['assessment', 'catalogues'] as const,
  catalogue: (id: string | null | undefined) => ['assessment', 'catalogue', id] as const,
  submission: (id: string | null) => ['assessment', 'submission', id] as const,
  regionSubmission: (campaignId: string | null, regionCode: string | null) =>
    ['assessment', 'region-submission', campaignId, regionCode] as const,
  submissions: (campaignId: string | null, q: SubmissionQuery) => ['assessment', 'submissions', campaignId, q] as const,
  radar: (campaignId: string | null) => ['assessment', 'radar', campaignId] as const,
  actionPreview: (campaignId: string | null, action: CampaignAction | null) =>
    ['assessment', 'action-preview', campaignId, action] as const,
  reviews: ['assessment', 'reviews'] as const,
  changes: (id: string | null, indicator: string | null) => ['assessment', 'changes', id, indicator] as const,
  statistics: (year: number) => ['assessment', 'statistics', year] as const,
  trend: ['assessment', 'trend'] as const,
  results: (q: ResultsQuery) => ['assessment', 'results', q] as const,
  heatmap: (year: number) => ['assessment', 'heatmap', year] as const,
  report: (code: string | undefined) => ['assessment', 'report', code] as const,
};

// ------------------------------------------------------------ reads

export const useCampaigns = () =>
  useApiQuery<{ items: AssessmentCampaign[] }>(assessmentKeys.campaigns, `${BASE}/campaigns`);

export const useCatalogues = () =>
  useApiQuery<{ items: IndicatorCatalogueSummary[] }>(assessmentKeys.catalogues, `${BASE}/catalogues`);

/** A catalogue version never changes once in use: keep it a while. */
export const useCatalogue = (id: string | null | undefined) =>
  useApiQuery<IndicatorCatalogue>(assessmentKeys.catalogue(id), id ? `${BASE}/catalogues/${id}` : null, {
    staleTime: 600_000,
  });

export const useSubmission = (id: string | null) =>
  useApiQuery<AssessmentSubmission>(assessmentKeys.submission(id), id ? `${BASE}/submissions/${id}` : null);

/** One indicator's history in a submission (values, explanations, evidence, with who and when); null: none asked. */
export const useIndicatorChanges = (id: string | null, indicator: string | null) =>
  useApiQuery<IndicatorChanges>(
    assessmentKeys.changes(id, indicator),
    id && indicator ? `${BASE}/submissions/${id}/changes${qs({ indicator })}` : null,
  );

/** A region's submission in a campaign (the form an operator fills in); a missing one is shown, not retried. */
export const useRegionSubmission = (campaignId: string | null, regionCode: string | null) =>
  useApiQuery<AssessmentSubmission>(
    assessmentKeys.regionSubmission(campaignId, regionCode),
    campaignId && regionCode ? `${BASE}/campaigns/${campaignId}/regions/${regionCode}` : null,
    { retry: false },
  );

export const useSubmissions = (campaignId: string | null, q: SubmissionQuery) =>
  useApiQuery<AssessmentSubmissionPage>(
    assessmentKeys.submissions(campaignId, q),
    campaignId ? `${BASE}/campaigns/${campaignId}/submissions${qs({ ...q })}` : null,
  );

export const useRadar = (campaignId: string | null) =>
  useApiQuery<SubmissionRadar>(
    assessmentKeys.radar(campaignId),
    campaignId ? `${BASE}/campaigns/${campaignId}/radar` : null,
  );

export const useReviews = () => useApiQuery<{ items: ReviewTask[] }>(assessmentKeys.reviews, `${BASE}/reviews`);

export const useStatistics = (year: number) =>
  useApiQuery<AssessmentStatistics>(assessmentKeys.statistics(year), `${BASE}/statistics/overview${qs({ year })}`);

export const useTrend = () => useApiQuery<AssessmentTrend>(assessmentKeys.trend, `${BASE}/trend`);

export const useResults = (q: ResultsQuery) =>
  useApiQuery<{ items: AssessmentResultRow[] }>(assessmentKeys.results(q), `${BASE}/results${qs({ ...q })}`);

export const useHeatmap = (year: number) =>
  useApiQuery<AssessmentHeatmap>(assessmentKeys.heatmap(year), `${BASE}/heatmap${qs({ year, level: 'city' })}`);

export const useRegionReport = (code: string | undefined) =>
  useApiQuery<RegionReport>(assessmentKeys.report(code), code ? `${BASE}/regions/${code}/report` : null);

export const resultsExportUrl = (year: number) => `${BASE}/results/export${qs({ year })}`;
export const catalogueExportUrl = (id: string) => `${BASE}/catalogues/${id}/export`;
export const submissionTemplateUrl = (id: string) => `${BASE}/submissions/${id}/template`;
export const evidenceUrl = (submissionId: string, evidenceId: string) =>
  `${BASE}/submissions/${submissionId}/evidence/${evidenceId}`;

// ------------------------------------------------------------ changes

/**
 * A change whose refusal may name several fields (validation on submit names each indicator): those are listed
 * in a dialog; anything else goes to the one problem handler. Every assessment query is refreshed either way,
 * since part of the change (a draft saved before the submit) may have landed.
 */
function useAssessmentMutation<Vars, Result>(
  call: (vars: Vars) => Promise<Result>,
  done?: { zh: string; en: string } | ((r: Result) => { zh: string; en: string } | null),
  onSuccess?: (r: Result, vars: Vars) => void,
) {
  const qc = useQueryClient();
  const fieldProblems = useFieldProblems();
  return useApiMutation(call, {
    invalidate: [assessmentKeys.all],
    done,
    onSuccess,
    onProblem: (e) => {
      void qc.invalidateQueries({ queryKey: assessmentKeys.all });
      return fieldProblems(e);
    },
  });
}

export const useSaveValues = () =>
  useAssessmentMutation(
    (v: { id: string; values: IndicatorValues; version: number }) =>
      api.put<AssessmentSubmission>(`${BASE}/submissions/${v.id}/values`, { values: v.values, version: v.version }),
    { zh: '草稿已保存', en: 'Draft saved' },
  );

/** Saves what was typed (if anything), then submits: one click for the operator. */
export const useSubmitSubmission = () =>
  useAssessmentMutation(
    async (v: { id: string; values: IndicatorValues; version: number }) => {
      if (Object.keys(v.values).length)
        await api.put(`${BASE}/submissions/${v.id}/values`, { values: v.values, version: v.version });
      return api.post<AssessmentSubmission>(`${BASE}/submissions/${v.id}/submit`);
    },
    { zh: '已提交,等待审核', en: 'Submitted for approval' },
  );

/** Values from Excel: all rows or none; a refused file comes back as row errors, shown by the page. */
export const useImportValues = () =>
  useAssessmentMutation(
    (v: { id: string; file: File }) => api.upload<ImportReport>(`${BASE}/submissions/${v.id}/import`, v.file),
    (r) => (r.errors.length ? null : { zh: `已导入 ${r.imported} 项指标`, en: `Imported ${r.imported} indicators` }),
  );

export const useUploadEvidence = () =>
  useAssessmentMutation(
    (v: { id: string; indicatorCode: string; file: File }) =>
      api.upload<AssessmentEvidence>(`${BASE}/submissions/${v.id}/evidence`, v.file, {
        indicatorCode: v.indicatorCode,
      }),
    { zh: '佐证材料已上传', en: 'Evidence uploaded' },
  );

export const useApprove = () =>
  useAssessmentMutation((id: string) => api.post<AssessmentSubmission>(`${BASE}/submissions/${id}/approve`), {
    zh: '已审核通过',
    en: 'Approved',
  });

/** The province reopens a stage (filling in, or the review stage it waits in) for one region, until a day. */
export const useReopen = () =>
  useAssessmentMutation(
    (v: { id: string; stage: DeadlineStage; until: string; reason: string }) =>
      api.post<AssessmentSubmission>(`${BASE}/submissions/${v.id}/reopen`, {
        stage: v.stage,
        until: v.until,
        reason: v.reason,
      }),
    { zh: '已重新开放', en: 'Reopened' },
  );

export const useBulkApprove = () =>
  useAssessmentMutation((v: { campaignId: string; regionCodes: string[] }) =>
    api.post<BulkApproveResponse>(`${BASE}/campaigns/${v.campaignId}/approve-bulk`, { regionCodes: v.regionCodes }),
  );

export const useSendBack = () =>
  useAssessmentMutation(
    (v: { id: string; reason: string }) =>
      api.post<AssessmentSubmission>(`${BASE}/submissions/${v.id}/send-back`, { reason: v.reason }),
    { zh: '已退回', en: 'Sent back' },
  );

/** What a campaign action would do now (fresh each time the confirmation opens). */
export const useCampaignActionPreview = (id: string | null, action: CampaignAction | null) =>
  useApiQuery<CampaignActionPreview>(
    assessmentKeys.actionPreview(id, action),
    id && action ? `${BASE}/campaigns/${id}/actions/${action}` : null,
    { staleTime: 0, gcTime: 0 },
  );

export const useCampaignAction = () =>
  useAssessmentMutation(
    (v: { id: string; action: CampaignAction } & CampaignActionRequest) =>
      api.post<AssessmentCampaign>(`${BASE}/campaigns/${v.id}/actions/${v.action}`, {
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.seed !== undefined ? { seed: v.seed } : {}),
      }),
    { zh: '操作成功', en: 'Done' },
  );

export const useOpenCampaign = () =>
  useAssessmentMutation(
    (req: Omit<OpenCampaignRequest, 'deadlines'>) => api.post<AssessmentCampaign>(`${BASE}/campaigns`, req),
    { zh: '评估活动已开启', en: 'Campaign opened' },
  );

/** A catalogue from Excel as a new version; a refused file comes back as row errors, shown by the page. */
export const useImportCatalogue = () =>
  useAssessmentMutation(
    (v: { fromId: string; file: File }) =>
      api.upload<CatalogueImportReport>(`${BASE}/catalogues/${v.fromId}/import`, v.file),
    (r) =>
      r.catalogue ? { zh: `已生成新版本 v${r.catalogue.version}`, en: `New version v${r.catalogue.version}` } : null,
  );

export const useScoreReview = () =>
  useAssessmentMutation(
    (v: { submissionId: string; score: number; comment: string }) =>
      api.post<ReviewTask>(`${BASE}/reviews/${v.submissionId}/score`, { score: v.score, comment: v.comment }),
    { zh: '评分已提交', en: 'Score submitted' },
  );

export const useCoevalScore = () =>
  useAssessmentMutation(
    (v: { submissionId: string } & CoevalScoreRequest) =>
      api.post<CoevalScoreResponse>(`${BASE}/submissions/${v.submissionId}/co-evaluation`, {
        indicatorCode: v.indicatorCode,
        score: v.score,
        confirmed: v.confirmed,
      }),
    { zh: '共评意见已提交', en: 'Submitted' },
  );

export const useFileObjection = () =>
  useAssessmentMutation(
    (v: { submissionId: string; text: string }) =>
      api.post<{ id: string }>(`${BASE}/submissions/${v.submissionId}/objections`, { text: v.text }),
    { zh: '异议已提交', en: 'Objection filed' },
  );

export const useResolveObjection = () =>
  useAssessmentMutation(
    (v: { id: string; resolution: string }) =>
      api.post<null>(`${BASE}/objections/${v.id}/resolve`, { resolution: v.resolution }),
    { zh: '异议已处理', en: 'Objection resolved' },
  );

/** 达星模拟 is a calculation, not a change: nothing to refresh. */
export const useSimulate = () =>
  useApiMutation((v: { catalogueId: string; values: Record<string, number> }) =>
    api.post<SimulateResponse>(`${BASE}/simulate`, v),
  );

/** Reads a region's submission on demand (the simulator's 载入本地区数据), through the same cache entry. */
export function useFetchRegionSubmission() {
  const qc = useQueryClient();
  return (campaignId: string, regionCode: string) =>
    qc.fetchQuery({
      queryKey: assessmentKeys.regionSubmission(campaignId, regionCode),
      queryFn: () => api.get<AssessmentSubmission>(`${BASE}/campaigns/${campaignId}/regions/${regionCode}`),
    });
}
