import type { Region } from '@zhicheng/contracts';
import type {
  IssuedCredentials,
  LinkStatus,
  SubPlatform,
  SubPlatformInput,
  SubPlatformKind,
  SubPlatformPatch,
} from '@zhicheng/contracts/city-brain';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

export interface SubPlatformFilter {
  q?: string;
  kind?: SubPlatformKind;
  status?: LinkStatus;
  region?: string;
  page: number;
}

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const cityBrainKeys = {
  all: ['city-brain'] as const,
  subPlatforms: (f: SubPlatformFilter) => ['city-brain', 'sub-platforms', f] as const,
  subPlatform: (id: string) => ['city-brain', 'sub-platform', id] as const,
  cities: (province: string) => ['city-brain', 'cities', province] as const,
};

export interface SubPlatformPage {
  items: SubPlatform[];
  total: number;
}

/** Links change every few seconds (heartbeats): the registry refreshes itself while open. */
const LIVE = { refetchInterval: 10_000 };

export const useSubPlatforms = (f: SubPlatformFilter) =>
  useApiQuery<SubPlatformPage>(
    cityBrainKeys.subPlatforms(f),
    `/api/v1/city-brain/sub-platforms${qs({ ...f, pageSize: 20 })}`,
    LIVE,
  );

export const useSubPlatform = (id: string | undefined) =>
  useApiQuery<SubPlatform>(
    cityBrainKeys.subPlatform(id ?? ''),
    id ? `/api/v1/city-brain/sub-platforms/${id}` : null,
    LIVE,
  );

/** The province's cities, for registering a city brain. */
export const useCities = (province: string | undefined) =>
  useApiQuery<{ items: Region[] }>(
    cityBrainKeys.cities(province ?? ''),
    province ? `/api/v1/regions${qs({ parent: province, level: 'city' })}` : null,
    { staleTime: Infinity },
  );

export const useRegisterSubPlatform = () =>
  useApiMutation((input: SubPlatformInput) => api.post<SubPlatform>('/api/v1/city-brain/sub-platforms', input), {
    invalidate: [cityBrainKeys.all],
    done: { zh: '已登记', en: 'Registered' },
  });

export const useUpdateSubPlatform = () =>
  useApiMutation(
    ({ id, patch }: { id: string; patch: SubPlatformPatch }) =>
      api.patch<SubPlatform>(`/api/v1/city-brain/sub-platforms/${id}`, patch),
    { invalidate: [cityBrainKeys.all], done: { zh: '已保存', en: 'Saved' } },
  );

export const useIssueCredentials = () =>
  useApiMutation(
    (id: string) => api.post<IssuedCredentials>(`/api/v1/city-brain/sub-platforms/${id}/credentials`, {}),
    { invalidate: [cityBrainKeys.all], done: { zh: '已签发新凭据', en: 'New login issued' } },
  );
