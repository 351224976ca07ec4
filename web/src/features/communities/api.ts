import type {
  AdjustRound,
  OnsiteCheck,
  OnsiteCheckRequest,
  Community,
  CommunityQuery,
  Coverage,
  RegisterCommunity,
  Board,
  Agreement,
  AgreeMatch,
  CreateNeed,
  CreateOffer,
  InstallMatch,
  InstallResult,
  LinkProvider,
  Need,
  Offer,
  Outcomes,
  Provider,
  ProviderPortal,
  StopMatch,
  Suggestions,
  Round,
  RunRound,
  Rollup,
  IngestToken,
  CreateIngestToken,
  CreatedIngestToken,
  TierAssessment,
  TierDecision,
  TierView,
  UniverseUnit,
  UpdateCommunity,
} from '@zhicheng/contracts/communities';
import type { ImportReport } from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const communitiesKeys = {
  all: ['communities'] as const,
  registry: (q: Partial<CommunityQuery>) => ['communities', 'registry', q] as const,
  community: (code: string) => ['communities', 'registry', code] as const,
  universe: (county: string, q?: string) => ['communities', 'universe', county, q ?? ''] as const,
  coverage: (region: string) => ['communities', 'coverage', region] as const,
  tier: (code: string, year: number) => ['communities', 'tier', code, year] as const,
  rollup: (region: string) => ['communities', 'rollup', region] as const,
  board: (county: string) => ['communities', 'board', county] as const,
  round: (id: string) => ['communities', 'round', id] as const,
  tokens: (region: string) => ['communities', 'tokens', region] as const,
  portal: ['communities', 'portal'] as const,
  pairs: (code: string) => ['communities', 'pairs', code] as const,
  suggestions: (code: string) => ['communities', 'suggestions', code] as const,
  outcomes: (region: string) => ['communities', 'outcomes', region] as const,
};

export interface CommunityPage {
  items: Community[];
  total: number;
}

export const useRegistry = (q: Partial<CommunityQuery>) =>
  useApiQuery<CommunityPage>(
    communitiesKeys.registry(q),
    `/api/v1/communities/registry${qs({ region: q.region, tier: q.tier, q: q.q, page: q.page, pageSize: q.pageSize ?? 20 })}`,
  );

export const useCommunity = (code: string | undefined) =>
  useApiQuery<Community>(communitiesKeys.community(code ?? ''), code ? `/api/v1/communities/registry/${code}` : null);

export const useUniverse = (county: string | null, q?: string) =>
  useApiQuery<{ items: UniverseUnit[]; total: number }>(
    communitiesKeys.universe(county ?? '', q),
    county ? `/api/v1/communities/universe${qs({ county, q })}` : null,
  );

export const useCoverage = (region: string | null) =>
  useApiQuery<Coverage>(
    communitiesKeys.coverage(region ?? ''),
    region ? `/api/v1/communities/coverage${qs({ region })}` : null,
  );

export const useRegisterCommunity = () =>
  useApiMutation((input: RegisterCommunity) => api.post<Community>('/api/v1/communities/registry', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '社区已登记', en: 'Community registered' },
  });

export const useUpdateCommunity = (code: string) =>
  useApiMutation((patch: UpdateCommunity) => api.patch<Community>(`/api/v1/communities/registry/${code}`, patch), {
    invalidate: [communitiesKeys.all],
    done: { zh: '已保存', en: 'Saved' },
  });

export const useTierView = (code: string | undefined, year: number) =>
  useApiQuery<TierView>(
    communitiesKeys.tier(code ?? '', year),
    code ? `/api/v1/communities/registry/${code}/tiers/${year}` : null,
  );

export const useReportIndicators = (code: string, year: number) =>
  useApiMutation(
    (values: Record<string, number | null>) =>
      api.put<TierAssessment>(`/api/v1/communities/registry/${code}/tiers/${year}`, { values }),
    { invalidate: [communitiesKeys.all], done: { zh: '已填报,已按指标体系评定', en: 'Reported and rated' } },
  );

export const useTierDecision = (code: string, year: number, step: 'check' | 'benchmark') =>
  useApiMutation(
    (d: TierDecision) => api.post<TierAssessment>(`/api/v1/communities/registry/${code}/tiers/${year}/${step}`, d),
    { invalidate: [communitiesKeys.all], done: { zh: '已处理', en: 'Done' } },
  );

/** Sends the panel of supervisors and media and draws the experts for a 标杆型 candidate. */
export const useStartOnsiteCheck = (code: string, year: number) =>
  useApiMutation(
    (req: OnsiteCheckRequest) =>
      api.post<OnsiteCheck>(`/api/v1/communities/registry/${code}/tiers/${year}/onsite-check`, req),
    {
      invalidate: [communitiesKeys.all],
      done: { zh: '已发起实地核验:监督员与专家已抽取', en: 'On-site check started: panel and experts drawn' },
    },
  );

export const useRollup = (region: string | null) =>
  useApiQuery<Rollup>(
    communitiesKeys.rollup(region ?? ''),
    region ? `/api/v1/communities/figures/rollup${qs({ region })}` : null,
  );

/** The monthly report sheet of a region, pre-filled with its communities for last month. */
export const figuresTemplateUrl = (region: string) => `/api/v1/communities/figures/template${qs({ region })}`;

/** Monthly reports by Excel: all rows or none; the report lists every bad row. */
export const useImportFigures = () =>
  useApiMutation((file: File) => api.upload<ImportReport>('/api/v1/communities/figures/import', file), {
    invalidate: [communitiesKeys.all],
    done: (r) =>
      r.imported ? { zh: `已导入 ${r.imported} 份月报`, en: `${r.imported} monthly reports imported` } : null,
  });

export const useTokens = (region: string | null, enabled: boolean) =>
  useApiQuery<IngestToken[]>(
    communitiesKeys.tokens(region ?? ''),
    region && enabled ? `/api/v1/communities/tokens${qs({ region })}` : null,
  );

export const useCreateToken = () =>
  useApiMutation((input: CreateIngestToken) => api.post<CreatedIngestToken>('/api/v1/communities/tokens', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '令牌已生成', en: 'Token issued' },
  });

export const useRevokeToken = () =>
  useApiMutation((id: string) => api.post<IngestToken>(`/api/v1/communities/tokens/${id}/revoke`), {
    invalidate: [communitiesKeys.all],
    done: { zh: '令牌已吊销', en: 'Token revoked' },
  });

export const useBoard = (county: string | null) =>
  useApiQuery<Board>(
    communitiesKeys.board(county ?? ''),
    county ? `/api/v1/communities/exchange/board${qs({ county })}` : null,
  );

export const useRound = (id: string | null) =>
  useApiQuery<Round>(communitiesKeys.round(id ?? ''), id ? `/api/v1/communities/exchange/rounds/${id}` : null);

export const useRunRound = () =>
  useApiMutation((input: RunRound) => api.post<Round>('/api/v1/communities/exchange/rounds', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '撮合方案已生成', en: 'Proposal ready' },
  });

export const useConfirmRound = () =>
  useApiMutation((id: string) => api.post<Round>(`/api/v1/communities/exchange/rounds/${id}/confirm`), {
    invalidate: [communitiesKeys.all],
    done: { zh: '撮合结果已确认', en: 'Round confirmed' },
  });

/** The county drops a proposed pair or reassigns a need, with a reason (before confirmation). */
export const useAdjustRound = (id: string) =>
  useApiMutation(
    (input: AdjustRound) => api.post<Round>(`/api/v1/communities/exchange/rounds/${id}/adjustments`, input),
    {
      invalidate: [communitiesKeys.all],
      done: { zh: '撮合方案已调整', en: 'Round adjusted' },
    },
  );

export const usePortal = () =>
  useApiQuery<ProviderPortal>(communitiesKeys.portal, '/api/v1/communities/exchange/portal');

export const useLinkProvider = () =>
  useApiMutation((input: LinkProvider) => api.put<Provider>('/api/v1/communities/exchange/provider', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '已关联服务商库', en: 'Linked to the provider directory' },
  });

export const useCreateOffer = () =>
  useApiMutation((input: CreateOffer) => api.post<Offer>('/api/v1/communities/exchange/offers', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '供给已发布', en: 'Offer published' },
  });

export const useAgree = () =>
  useApiMutation(
    ({ id, ...input }: AgreeMatch & { id: string }) =>
      api.post<Agreement>(`/api/v1/communities/exchange/pairs/${id}/agree`, input),
    {
      invalidate: [communitiesKeys.all],
      done: (r) => (r.status === 'agreed' ? { zh: '已签约', en: 'Agreed' } : { zh: '已婉拒', en: 'Declined' }),
    },
  );

export const useCreateNeed = () =>
  useApiMutation((input: CreateNeed) => api.post<Need>('/api/v1/communities/exchange/needs', input), {
    invalidate: [communitiesKeys.all],
    done: { zh: '需求已提交', en: 'Need posted' },
  });

export const useCommunityPairs = (code: string | undefined) =>
  useApiQuery<Agreement[]>(
    communitiesKeys.pairs(code ?? ''),
    code ? `/api/v1/communities/exchange/pairs${qs({ community: code })}` : null,
  );

export const useSuggestions = (code: string | undefined, enabled: boolean) =>
  useApiQuery<Suggestions>(
    communitiesKeys.suggestions(code ?? ''),
    code && enabled ? `/api/v1/communities/exchange/suggestions${qs({ community: code })}` : null,
  );

export const useInstall = () =>
  useApiMutation(
    ({ id, ...input }: InstallMatch & { id: string }) =>
      api.post<InstallResult>(`/api/v1/communities/exchange/pairs/${id}/install`, input),
    {
      invalidate: [communitiesKeys.all],
      done: (r) => ({
        zh: `已登记落地,向 ${r.followups.created} 位居民发出满意度回访`,
        en: `Installed; ${r.followups.created} residents asked about it`,
      }),
    },
  );

export const useStop = () =>
  useApiMutation(
    ({ id, ...input }: StopMatch & { id: string }) =>
      api.post<Agreement>(`/api/v1/communities/exchange/pairs/${id}/stop`, input),
    { invalidate: [communitiesKeys.all], done: { zh: '已登记停止运营', en: 'Recorded as stopped' } },
  );

export const useOutcomes = (region: string) =>
  useApiQuery<Outcomes>(communitiesKeys.outcomes(region), `/api/v1/communities/exchange/outcomes${qs({ region })}`);
