import type {
  Community,
  CommunityQuery,
  Coverage,
  RegisterCommunity,
  UniverseUnit,
  UpdateCommunity,
} from '@zhicheng/contracts/communities';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const communitiesKeys = {
  all: ['communities'] as const,
  registry: (q: Partial<CommunityQuery>) => ['communities', 'registry', q] as const,
  community: (code: string) => ['communities', 'registry', code] as const,
  universe: (county: string, q?: string) => ['communities', 'universe', county, q ?? ''] as const,
  coverage: (region: string) => ['communities', 'coverage', region] as const,
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
