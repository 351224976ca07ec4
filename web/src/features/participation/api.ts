import type { ImportReport, Region } from '@zhicheng/contracts';
import type {
  ActionItem,
  Campaign,
  CampaignDetail,
  CampaignStats,
  CreateActionRequest,
  CreateCampaignRequest,
  CreateTaskRequest,
  DrawCheck,
  Followup,
  FollowupAnswer,
  MyTask,
  PaperResponseRequest,
  PublicFollowup,
  PublicProgress,
  PublicSurvey,
  ResponseListQuery,
  ResponsePage,
  ResponseReceipt,
  SubmitResponseRequest,
  SubmitScoreRequest,
  Supervisor,
  SupervisorApplication,
  SupervisorListQuery,
  Survey,
  SurveyInput,
  Task,
  TaskSummary,
  TopicAnalysis,
  TopicComparison,
  UpdateActionRequest,
  VetRequest,
  VetResult,
} from '@zhicheng/contracts/participation';
import { api, qs, request } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { DEFAULT_DEFINITION } from './builder/definition';

const base = '/api/v1/participation';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const participationKeys = {
  all: ['participation'] as const,
  campaigns: () => ['participation', 'campaigns'] as const,
  campaign: (id: string) => ['participation', 'campaign', id] as const,
  survey: (id: string) => ['participation', 'survey', id] as const,
  stats: (id: string, q: { region?: string; crossQuestion?: string }) => ['participation', 'stats', id, q] as const,
  topics: (id: string, region?: string) => ['participation', 'topics', id, region] as const,
  compare: (ids: string[], region?: string) => ['participation', 'compare', ids, region] as const,
  responses: (id: string, q: ResponseListQuery) => ['participation', 'responses', id, q] as const,
  actions: (id: string) => ['participation', 'actions', id] as const,
  followups: (actionId: string) => ['participation', 'followups', actionId] as const,
  supervisors: (q: SupervisorListQuery) => ['participation', 'supervisors', q] as const,
  tasks: (region?: string) => ['participation', 'tasks', region ?? null] as const,
  task: (id: string) => ['participation', 'task', id] as const,
  drawCheck: (id: string, seed: number | null) => ['participation', 'draw-check', id, seed] as const,
  myTasks: () => ['participation', 'my-tasks'] as const,
  region: (code: string) => ['participation', 'region', code] as const,
  regionsUnder: (code: string, which: 'all' | 'children' | 'county') =>
    ['participation', 'regions-under', code, which] as const,
  publicSurvey: (id: string) => ['participation', 'public', 'survey', id] as const,
  progress: (campaignId: string) => ['participation', 'public', 'progress', campaignId] as const,
  followup: (token: string) => ['participation', 'public', 'followup', token] as const,
};
const K = participationKeys;

// ---------------------------------------------------------------- regions (the answer page's picker, the map)

/** A region with its level, from the regions API (the map and the picker go by level, not by code patterns). */
export const useRegionInfo = (code: string | undefined) =>
  useApiQuery<Region>(K.region(code ?? ''), code ? `/api/v1/regions/${code}` : null, { staleTime: Infinity });

/** Regions below `code` at every level (descendants), for pickers. */
export const useRegionsUnder = (code: string | undefined) =>
  useApiQuery<{ items: Region[] }>(
    K.regionsUnder(code ?? '', 'all'),
    code ? `/api/v1/regions${qs({ parent: code, descendants: true })}` : null,
    { staleTime: Infinity },
  );

/**
 * What a survey's region question offers: under a county, the county and its streets; above, every county of the
 * survey's region (the server accepts any region inside it).
 */
export function useRegionChoices(root: string): Region[] {
  const here = useRegionInfo(root).data;
  const county = here?.level === 'county';
  const list = useApiQuery<{ items: Region[] }>(
    K.regionsUnder(root, county ? 'children' : 'county'),
    here
      ? `/api/v1/regions${qs(county ? { parent: root } : { parent: root, descendants: true, level: 'county' })}`
      : null,
    { staleTime: Infinity },
  ).data?.items;
  return here && county ? [here, ...(list ?? [])] : (list ?? []);
}

// ---------------------------------------------------------------- campaigns and surveys

export const useCampaigns = () => useApiQuery<{ items: Campaign[] }>(K.campaigns(), `${base}/campaigns`);
export const useCampaign = (id: string) => useApiQuery<CampaignDetail>(K.campaign(id), `${base}/campaigns/${id}`);
export const useSurvey = (id: string | null | undefined) =>
  useApiQuery<Survey>(K.survey(id ?? ''), id ? `${base}/surveys/${id}` : null);

export const useCreateCampaign = () =>
  useApiMutation((input: CreateCampaignRequest) => api.post<Campaign>(`${base}/campaigns`, input), {
    invalidate: [K.all],
  });

/** A new draft: the default questionnaire, or a localisation starting from the template's questions. */
export const useCreateSurvey = (campaignId: string) =>
  useApiMutation(
    async (v: { title: string; regionCode: string; baseSurveyId?: string }) => {
      const definition = v.baseSurveyId
        ? (await api.get<Survey>(`${base}/surveys/${v.baseSurveyId}`)).definition
        : DEFAULT_DEFINITION;
      return api.post<Survey>(`${base}/campaigns/${campaignId}/surveys`, { ...v, definition });
    },
    { invalidate: [K.all] },
  );

export const useSaveSurvey = (id: string) =>
  useApiMutation((input: SurveyInput) => api.put<Survey>(`${base}/surveys/${id}`, input), {
    invalidate: [K.survey(id)],
    done: { zh: '已保存', en: 'Saved' },
  });

export const usePublishSurvey = (id: string) =>
  useApiMutation(() => api.post<Survey>(`${base}/surveys/${id}/publish`), {
    invalidate: [K.all],
    done: { zh: '已发布', en: 'Published' },
  });

export const useNewVersion = (id: string) =>
  useApiMutation(() => api.post<Survey>(`${base}/surveys/${id}/versions`), { invalidate: [K.all] });

/** The survey's QR code (PNG) pointing at its public link on this site. */
export const qrcodeUrl = (surveyId: string, origin: string) =>
  `${base}/surveys/${surveyId}/qrcode${qs({ base: origin })}`;

// ---------------------------------------------------------------- analysis

export const useStats = (campaignId: string, q: { region?: string; crossQuestion?: string }) =>
  useApiQuery<CampaignStats>(K.stats(campaignId, q), `${base}/campaigns/${campaignId}/stats${qs(q)}`, {
    refetchInterval: 15_000,
    retry: false,
  });

export const useTopics = (campaignId: string, region?: string) =>
  useApiQuery<TopicAnalysis>(K.topics(campaignId, region), `${base}/campaigns/${campaignId}/topics${qs({ region })}`);

/** Topic shares across campaigns, the last one's topics first; null ids wait. */
export const useTopicComparison = (ids: string[] | null, region?: string) =>
  useApiQuery<TopicComparison>(
    K.compare(ids ?? [], region),
    ids ? `${base}/topics/compare${qs({ campaigns: ids.join(','), region })}` : null,
  );

// ---------------------------------------------------------------- responses

export const useResponses = (campaignId: string, q: ResponseListQuery) =>
  useApiQuery<ResponsePage>(K.responses(campaignId, q), `${base}/campaigns/${campaignId}/responses${qs(q)}`);

export const exportUrl = (campaignId: string, region?: string) =>
  `${base}/campaigns/${campaignId}/export${qs({ region })}`;
export const paperTemplateUrl = (surveyId: string) => `${base}/surveys/${surveyId}/paper-template`;

export const useEnterPaper = (surveyId: string) =>
  useApiMutation(
    (input: PaperResponseRequest) => api.post<ResponseReceipt>(`${base}/surveys/${surveyId}/paper-responses`, input),
    { invalidate: [K.all], done: { zh: '已录入', en: 'Saved' } },
  );

/** Paper forms from Excel: all rows or none; a refused file comes back as row errors, not as a problem. */
export const useImportPaper = () =>
  useApiMutation(
    ({ surveyId, file }: { surveyId: string; file: File }) =>
      api.upload<ImportReport>(`${base}/surveys/${surveyId}/paper-responses/import`, file),
    {
      invalidate: [K.all],
      done: (r) => (r.errors.length ? null : { zh: `已导入 ${r.imported} 份`, en: `Imported ${r.imported}` }),
    },
  );

// ---------------------------------------------------------------- 你提我办

export const useActions = (campaignId: string) =>
  useApiQuery<{ items: ActionItem[] }>(K.actions(campaignId), `${base}/campaigns/${campaignId}/actions`);

export const useCreateAction = (campaignId: string) =>
  useApiMutation(
    (input: CreateActionRequest) => api.post<ActionItem>(`${base}/campaigns/${campaignId}/actions`, input),
    {
      invalidate: [K.all],
      done: { zh: '已转办', en: 'Assigned' },
    },
  );

export const useUpdateAction = () =>
  useApiMutation(
    ({ id, patch }: { id: string; patch: UpdateActionRequest }) =>
      api.patch<ActionItem>(`${base}/actions/${id}`, patch),
    { invalidate: [K.all] },
  );

export const useCreateFollowups = () =>
  useApiMutation((actionId: string) => api.post<{ created: number }>(`${base}/actions/${actionId}/followups`), {
    invalidate: [K.all],
    done: (r) => ({ zh: `已生成 ${r.created} 条回访`, en: `${r.created} follow-ups created` }),
  });

export const useFollowups = (actionId: string | null) =>
  useApiQuery<{ items: Followup[] }>(
    K.followups(actionId ?? ''),
    actionId ? `${base}/actions/${actionId}/followups` : null,
  );

// ---------------------------------------------------------------- supervisors and tasks

export const useSupervisors = (q: SupervisorListQuery) =>
  useApiQuery<{ items: Supervisor[]; total: number }>(K.supervisors(q), `${base}/supervisors${qs(q)}`);

export const useVet = () =>
  useApiMutation(
    ({ id, input }: { id: string; input: VetRequest }) => api.post<VetResult>(`${base}/supervisors/${id}/vet`, input),
    { invalidate: [K.all] },
  );

/** Tasks in a region and below (the header's region); without one, everything in the user's scope. */
export const useTasks = (region?: string) =>
  useApiQuery<{ items: TaskSummary[] }>(K.tasks(region), `${base}/tasks${qs({ region })}`);
export const useTask = (id: string | null) => useApiQuery<Task>(K.task(id ?? ''), id ? `${base}/tasks/${id}` : null);
export const useDrawCheck = (id: string, seed: number | null) =>
  useApiQuery<DrawCheck>(K.drawCheck(id, seed), seed === null ? null : `${base}/tasks/${id}/draw-check`);

export const useCreateTask = () =>
  useApiMutation((input: CreateTaskRequest) => api.post<Task>(`${base}/tasks`, input), { invalidate: [K.all] });

export const useDraw = (taskId: string) =>
  useApiMutation(
    (seed: number | null) => api.post<Task>(`${base}/tasks/${taskId}/draw`, seed === null ? {} : { seed }),
    {
      invalidate: [K.all],
    },
  );

export const useMyTasks = () => useApiQuery<{ items: MyTask[] }>(K.myTasks(), `${base}/my/tasks`);

export const useUploadPhoto = (taskId: string) =>
  useApiMutation((file: File) => api.upload<{ id: string; count: number }>(`${base}/tasks/${taskId}/photos`, file), {
    invalidate: [K.myTasks()],
    done: { zh: '照片已上传', en: 'Photo uploaded' },
  });

export const useSubmitScore = (taskId: string) =>
  useApiMutation(
    (input: SubmitScoreRequest) => api.post<{ scoreId: string }>(`${base}/tasks/${taskId}/scores`, input),
    {
      invalidate: [K.myTasks()],
      done: { zh: '评分已提交', en: 'Score submitted' },
    },
  );

// ---------------------------------------------------------------- public pages (no sign-in)

export const usePublicSurvey = (id: string) =>
  useApiQuery<PublicSurvey>(K.publicSurvey(id), `${base}/public/surveys/${id}`);

/**
 * Sends an answer. The Idempotency-Key stays the same across retries of one answer, so a retry after a lost
 * acknowledgement gets the first receipt back instead of a second response.
 */
export const submitResponse = (surveyId: string, body: SubmitResponseRequest, idempotencyKey: string) =>
  request<ResponseReceipt>('POST', `${base}/surveys/${surveyId}/responses`, body, {
    headers: { 'content-type': 'application/json', 'x-requested-with': 'zhicheng', 'idempotency-key': idempotencyKey },
  });

export const usePublicProgress = (campaignId: string) =>
  useApiQuery<PublicProgress>(K.progress(campaignId), `${base}/public/campaigns/${campaignId}/progress`);

export const usePublicFollowup = (token: string) =>
  useApiQuery<PublicFollowup>(K.followup(token), `${base}/public/followups/${token}`);

export const useAnswerFollowup = (token: string, onProblem: (e: unknown) => void) =>
  useApiMutation((input: FollowupAnswer) => api.post<null>(`${base}/public/followups/${token}`, input), {
    onProblem: (e) => (onProblem(e), true),
  });

export const useApplySupervisor = (onProblem: (e: unknown) => void) =>
  useApiMutation(
    (input: SupervisorApplication) => api.post<{ id: string }>(`${base}/public/supervisor-applications`, input),
    { onProblem: (e) => (onProblem(e), true) },
  );
