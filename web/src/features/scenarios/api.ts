import type {
  CaseAttachment,
  MergeProposal,
  Board,
  DuplicateList,
  Replication,
  Promotion,
  PromotionInput,
  BoardQuery,
  DrawInput,
  DrawResult,
  HeldDecision,
  PublicCase,
  PublicSearchQuery,
  ReviewInput,
  ReviewTask,
  Round,
  RoundInput,
  VoteReceipt,
  PhoneCodeSent,
  VoterPhoneStatus,
  CaseImportReport,
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
  rounds: () => ['scenarios', 'rounds'] as const,
  held: (roundId: string) => ['scenarios', 'held', roundId] as const,
  myReviews: () => ['scenarios', 'my-reviews'] as const,
  board: (q: Partial<BoardQuery>) => ['scenarios', 'public', 'board', q] as const,
  publicCase: (id: string) => ['scenarios', 'public', 'case', id] as const,
  search: (q: Partial<PublicSearchQuery>) => ['scenarios', 'public', 'search', q] as const,
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

export const useAddAttachment = (caseId: string) =>
  useApiMutation((file: File) => api.upload<CaseAttachment>(`${base}/cases/${caseId}/attachments`, file), {
    invalidate: [K.all],
    done: { zh: '已上传', en: 'Uploaded' },
  });
export const useRemoveAttachment = (caseId: string) =>
  useApiMutation((id: string) => api.del<null>(`${base}/cases/${caseId}/attachments/${id}`), {
    invalidate: [K.all],
    done: { zh: '已删除', en: 'Removed' },
  });
/** Where a case's photo or document is read: the staff route, or the public one for an accepted case. */
export const attachmentUrl = (caseId: string, id: string, publicPage = false) =>
  `${base}/${publicPage ? 'public/' : ''}cases/${caseId}/attachments/${id}`;

export const useReturnCase = (id: string) =>
  useApiMutation((input: ReturnInput) => api.post<ScenarioCase>(`${base}/cases/${id}/return`, input), {
    invalidate: [K.all],
    done: { zh: '已退回', en: 'Returned' },
  });

// ------------------------------------------------------------------------------------------ board (staff)

export const useRounds = () => useApiQuery<{ items: Round[] }>(K.rounds(), `${base}/rounds`);

export const useCreateRound = () =>
  useApiMutation((input: RoundInput) => api.post<Round>(`${base}/rounds`, input), {
    invalidate: [K.all],
    done: { zh: '已开启新一轮打榜', en: 'Round opened' },
  });

export const useRoundAction = () =>
  useApiMutation(
    ({ id, action }: { id: string; action: 'close' | 'recompute' }) =>
      api.post<unknown>(`${base}/rounds/${id}/${action}`),
    { invalidate: [K.all], done: { zh: '已完成', en: 'Done' } },
  );

export const useDraw = (roundId: string) =>
  useApiMutation((input: DrawInput) => api.post<DrawResult>(`${base}/rounds/${roundId}/draws`, input), {
    invalidate: [K.all],
    done: (r) => ({
      zh: `已抽取专家(种子 ${r.seed}),${r.short.length} 个案例可选专家不足`,
      en: `Experts drawn (seed ${r.seed}); ${r.short.length} cases short of eligible experts`,
    }),
  });

export const useHeld = (roundId: string | undefined) =>
  useApiQuery<{
    items: { caseId: string; title: string; reason: string; votes: number; first: string; last: string }[];
  }>(K.held(roundId ?? ''), roundId ? `${base}/rounds/${roundId}/held-votes` : null);

export const useDecideHeld = (roundId: string) =>
  useApiMutation((d: HeldDecision) => api.post<{ changed: number }>(`${base}/rounds/${roundId}/held-votes`, d), {
    invalidate: [K.all],
    done: (r) => ({ zh: `已处理 ${r.changed} 票`, en: `${r.changed} votes decided` }),
  });

export const useMyReviews = () => useApiQuery<{ items: ReviewTask[] }>(K.myReviews(), `${base}/reviews/mine`);

export const useScore = () =>
  useApiMutation(
    ({ roundId, caseId, input }: { roundId: string; caseId: string; input: ReviewInput }) =>
      api.put<ReviewTask>(`${base}/reviews/${roundId}/${caseId}`, input),
    { invalidate: [K.myReviews()], done: { zh: '评分已提交', en: 'Score submitted' } },
  );

// ------------------------------------------------------------------------------------------ public

export const useBoard = (q: Partial<BoardQuery>) =>
  useApiQuery<Board>(K.board(q), `${base}/public/board${qs({ ...q })}`, { refetchInterval: 15_000 });

export const usePublicCase = (id: string) =>
  useApiQuery<PublicCase>(K.publicCase(id), id ? `${base}/public/cases/${id}` : null);

export const useSearch = (q: Partial<PublicSearchQuery>, enabled: boolean) =>
  useApiQuery<CasePage>(K.search(q), enabled ? `${base}/public/cases${qs({ ...q })}` : null);

export const useVote = (caseId: string) =>
  useApiMutation((approve: boolean) => api.post<VoteReceipt>(`${base}/public/cases/${caseId}/vote`, { approve }), {
    invalidate: [K.publicCase(caseId)],
    done: (r) =>
      r.recorded
        ? r.verified
          ? { zh: '感谢投票!(已验证手机)核验后计入榜单', en: 'Thank you! Verified vote; it counts once checked' }
          : { zh: '感谢投票!核验后计入榜单', en: 'Thank you! Your vote counts once checked' }
        : { zh: '本轮您已为该案例投过票', en: 'You already voted for this case in this round' },
  });

/** This device's verified phone (optional for votes). */
export const usePhoneStatus = () => useApiQuery<VoterPhoneStatus>(['scenarios', 'phone'], `${base}/public/phone`);

export const useSendPhoneCode = () =>
  useApiMutation((phone: string) => api.post<PhoneCodeSent>(`${base}/public/phone/code`, { phone }), {
    done: { zh: '验证码已发送', en: 'Code sent' },
  });

export const useVerifyPhone = () =>
  useApiMutation((v: { phone: string; code: string }) => api.post<VoterPhoneStatus>(`${base}/public/phone/verify`, v), {
    invalidate: [['scenarios', 'phone']],
    done: { zh: '手机号已验证,之后的投票将标记为已验证', en: 'Phone verified; your votes are marked verified' },
  });

// ------------------------------------------------------------------------------------------ duplicates, spread

export const useDuplicates = (id: string) =>
  useApiQuery<DuplicateList>(['scenarios', 'duplicates', id], id ? `${base}/cases/${id}/duplicates` : null);

export const useDecideDuplicate = (id: string) =>
  useApiMutation(
    ({ otherId, decision }: { otherId: string; decision: 'link' | 'dismiss' }) =>
      api.post<DuplicateList>(`${base}/cases/${id}/duplicates/${otherId}`, { decision }),
    { invalidate: [K.all], done: { zh: '已处理', en: 'Done' } },
  );

export const useProposeMerge = (id: string) =>
  useApiMutation(
    ({ otherId, reason }: { otherId: string; reason: string }) =>
      api.post<MergeProposal>(`${base}/cases/${id}/duplicates/${otherId}/merge`, { reason }),
    {
      invalidate: [K.all],
      done: { zh: '已发出合并建议,待双方填报人确认', en: 'Merge proposed; both authors must consent' },
    },
  );

export const useMergeConsent = () =>
  useApiMutation(
    ({ id, accept, note }: { id: string; accept: boolean; note?: string }) =>
      api.post<MergeProposal>(`${base}/merges/${id}/consent`, { accept, note }),
    {
      invalidate: [K.all],
      done: (m) =>
        m.status === 'merged'
          ? { zh: '双方均已同意,案例已合并', en: 'Both sides agreed: merged' }
          : m.status === 'declined'
            ? { zh: '已拒绝合并', en: 'Merge declined' }
            : { zh: '已同意,待另一方确认', en: 'Agreed; awaiting the other side' },
    },
  );

export const useSpread = (id: string) =>
  useApiQuery<{ items: Replication[] }>(
    ['scenarios', 'public', 'spread', id],
    id ? `${base}/public/cases/${id}/spread` : null,
  );

/** The Excel sheet of the library (the list's filters), the empty template, and the import (all rows or none). */
export const exportCasesUrl = (q: Partial<CaseQuery>) => {
  const { page: _p, pageSize: _s, awaitingMe: _a, ...filters } = q;
  return `${base}/cases/export${qs(filters)}`;
};
export const CASES_TEMPLATE_URL = `${base}/cases/template`;
export const useImportCases = () =>
  useApiMutation((file: File) => api.upload<CaseImportReport>(`${base}/cases/import`, file), {
    invalidate: [scenariosKeys.all],
    done: (r) =>
      r.imported ? { zh: `已导入 ${r.imported} 个案例(草稿)`, en: `${r.imported} cases imported as drafts` } : null,
  });

/** Promotion events (现场会/观摩会/巡讲) with the adoptions that followed each. */
export const useEvents = () => useApiQuery<{ items: Promotion[] }>(['scenarios', 'events'], `${base}/events`);
export const useCreateEvent = () =>
  useApiMutation((input: PromotionInput) => api.post<Promotion>(`${base}/events`, input), {
    invalidate: [scenariosKeys.all],
    done: { zh: '已记录推广活动', en: 'Event recorded' },
  });
