import type {
  CaseInputRaw,
  CasePage,
  CaseQuery,
  ReturnInput,
  ScenarioCase,
  Taxonomy,
} from '@zhicheng/contracts/scenarios';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

const base = '/api/v1/scenarios';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const scenariosKeys = {
  all: ['scenarios'] as const,
  taxonomy: () => ['scenarios', 'taxonomy'] as const,
  cases: (q: Partial<CaseQuery>) => ['scenarios', 'cases', q] as const,
  case: (id: string) => ['scenarios', 'case', id] as const,
};
const K = scenariosKeys;

export const useTaxonomy = () => useApiQuery<Taxonomy>(K.taxonomy(), `${base}/taxonomy`, { staleTime: 60_000 });

export const useCases = (q: Partial<CaseQuery>) => useApiQuery<CasePage>(K.cases(q), `${base}/cases${qs({ ...q })}`);

export const useCase = (id: string | undefined) =>
  useApiQuery<ScenarioCase>(K.case(id ?? ''), id ? `${base}/cases/${id}` : null);

export const useCreateCase = () =>
  useApiMutation((input: CaseInputRaw) => api.post<ScenarioCase>(`${base}/cases`, input), {
    invalidate: [K.all],
    done: { zh: '已保存草稿', en: 'Draft saved' },
  });

export const useUpdateCase = (id: string) =>
  useApiMutation((input: CaseInputRaw) => api.put<ScenarioCase>(`${base}/cases/${id}`, input), {
    invalidate: [K.all],
    done: { zh: '已保存', en: 'Saved' },
  });

export type CaseStep = 'submit' | 'recommend' | 'accept';
const STEP_DONE: Record<CaseStep, { zh: string; en: string }> = {
  submit: { zh: '已上报', en: 'Submitted' },
  recommend: { zh: '已推荐至省级', en: 'Recommended to the province' },
  accept: { zh: '已入榜', en: 'Accepted onto the board' },
};

export const useCaseStep = (id: string) =>
  useApiMutation((step: CaseStep) => api.post<ScenarioCase>(`${base}/cases/${id}/${step}`), {
    invalidate: [K.all],
    done: (r) =>
      r.status === 'accepted' ? STEP_DONE.accept : r.status === 'recommended' ? STEP_DONE.recommend : STEP_DONE.submit,
  });

export const useReturnCase = (id: string) =>
  useApiMutation((input: ReturnInput) => api.post<ScenarioCase>(`${base}/cases/${id}/return`, input), {
    invalidate: [K.all],
    done: { zh: '已退回', en: 'Returned' },
  });
