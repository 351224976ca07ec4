import type { Region } from '@zhicheng/contracts';
import type {
  CityEvent,
  DataRequest,
  DataRequestDecision,
  DataRequestInput,
  DataRequestQuery,
  Dataset,
  DataUse,
  DataUseInput,
  RequestStatus,
  SharingClass,
  CityEventDetail,
  DeadLetter,
  EventCategory,
  EventInput,
  EventStatistics,
  EventStatus,
  ExchangeStatus,
  IssuedCredentials,
  VitalSignLatest,
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

export interface EventFilter {
  region?: string;
  status?: EventStatus;
  category?: EventCategory;
  overdue?: 'true';
  q?: string;
  page: number;
}

export const eventKeys = {
  list: (f: EventFilter) => ['city-brain', 'events', f] as const,
  one: (id: string) => ['city-brain', 'event', id] as const,
  statistics: ['city-brain', 'event-statistics'] as const,
  exchange: ['city-brain', 'exchange'] as const,
  deadLetters: (page: number) => ['city-brain', 'dead-letters', page] as const,
  vitalSigns: (id: string) => ['city-brain', 'vital-signs', id] as const,
  regionsUnder: (code: string) => ['city-brain', 'regions-under', code] as const,
};

export const useEvents = (f: EventFilter) =>
  useApiQuery<{ items: CityEvent[]; total: number }>(
    eventKeys.list(f),
    `/api/v1/city-brain/events${qs({ ...f, pageSize: 20 })}`,
    LIVE,
  );

/** An event moves on its own when its city answers over the exchange (处置, 反馈): the page refreshes itself. */
export const useEvent = (id: string | undefined) =>
  useApiQuery<CityEventDetail>(eventKeys.one(id ?? ''), id ? `/api/v1/city-brain/events/${id}` : null, LIVE);

export const useEventStatistics = () =>
  useApiQuery<EventStatistics>(eventKeys.statistics, '/api/v1/city-brain/events/statistics');

export const useExchangeStatus = (enabled: boolean) =>
  useApiQuery<ExchangeStatus>(eventKeys.exchange, enabled ? '/api/v1/city-brain/exchange' : null, LIVE);

export const useDeadLetters = (page: number) =>
  useApiQuery<{ items: DeadLetter[]; total: number }>(
    eventKeys.deadLetters(page),
    `/api/v1/city-brain/dead-letters${qs({ page, pageSize: 10 })}`,
  );

export const useVitalSigns = (id: string) =>
  useApiQuery<VitalSignLatest[]>(eventKeys.vitalSigns(id), `/api/v1/city-brain/sub-platforms/${id}/vital-signs`, LIVE);

/** Regions an event may be dispatched to: its city and the city's counties. */
export const useRegionsUnder = (code: string | undefined) =>
  useApiQuery<{ items: Region[] }>(
    eventKeys.regionsUnder(code ?? ''),
    code ? `/api/v1/regions${qs({ parent: code })}` : null,
    { staleTime: Infinity },
  );

export const useRaiseEvent = () =>
  useApiMutation((input: EventInput) => api.post<CityEvent>('/api/v1/city-brain/events', input), {
    invalidate: [cityBrainKeys.all],
    done: { zh: '已上报', en: 'Reported' },
  });

/** One step of the loop (立案, 派遣, 反馈, 核查结案, 评价) on one event. */
export const useEventStep = (id: string) =>
  useApiMutation(
    ({ step, body }: { step: 'register' | 'dispatch' | 'feedback' | 'verify' | 'evaluate'; body: unknown }) =>
      api.post<CityEventDetail>(`/api/v1/city-brain/events/${id}/${step}`, body),
    { invalidate: [cityBrainKeys.all], done: { zh: '已办理', en: 'Done' } },
  );

/** Every sub-platform at once (there are a few dozen), for the catalogue's owner filter and the city page. */
export const useAllSubPlatforms = () =>
  useApiQuery<SubPlatformPage>(
    ['city-brain', 'sub-platforms', 'all'],
    `/api/v1/city-brain/sub-platforms${qs({ pageSize: 100 })}`,
    LIVE,
  );

export interface DatasetFilter {
  q?: string;
  sharingClass?: SharingClass;
  subPlatformId?: string;
  page: number;
}

export interface RequestFilter {
  view: DataRequestQuery['view'];
  status?: RequestStatus;
  page: number;
}

/** 数据资源目录: datasets, requests for conditional data and use records. */
export const catalogueKeys = {
  all: ['city-brain', 'catalogue'] as const,
  datasets: (f: DatasetFilter) => ['city-brain', 'catalogue', 'datasets', f] as const,
  dataset: (id: string) => ['city-brain', 'catalogue', 'dataset', id] as const,
  uses: (id: string, page: number) => ['city-brain', 'catalogue', 'uses', id, page] as const,
  requests: (f: RequestFilter) => ['city-brain', 'catalogue', 'requests', f] as const,
};

export const useDatasets = (f: DatasetFilter) =>
  useApiQuery<{ items: Dataset[]; total: number }>(
    catalogueKeys.datasets(f),
    `/api/v1/city-brain/catalogue/datasets${qs({ ...f, pageSize: 20 })}`,
  );

export const useDataset = (id: string | undefined) =>
  useApiQuery<Dataset>(catalogueKeys.dataset(id ?? ''), id ? `/api/v1/city-brain/catalogue/datasets/${id}` : null);

/** A dataset's use records; `enabled` false when the caller's region does not cover its owner (the server says 403). */
export const useDataUses = (id: string | undefined, page: number, enabled: boolean) =>
  useApiQuery<{ items: DataUse[]; total: number }>(
    catalogueKeys.uses(id ?? '', page),
    id && enabled ? `/api/v1/city-brain/catalogue/datasets/${id}/uses${qs({ page, pageSize: 10 })}` : null,
  );

export const useDataRequests = (f: RequestFilter, enabled = true) =>
  useApiQuery<{ items: DataRequest[]; total: number }>(
    catalogueKeys.requests(f),
    enabled ? `/api/v1/city-brain/catalogue/requests${qs({ ...f, pageSize: 20 })}` : null,
  );

export const useRequestData = () =>
  useApiMutation(
    ({ id, input }: { id: string; input: DataRequestInput }) =>
      api.post<DataRequest>(`/api/v1/city-brain/catalogue/datasets/${id}/requests`, input),
    {
      invalidate: [catalogueKeys.all],
      done: { zh: '申请已提交,待数据提供方审批', en: 'Requested; the owner decides' },
    },
  );

export const useDecideRequest = () =>
  useApiMutation(
    ({ id, decision }: { id: string; decision: DataRequestDecision }) =>
      api.post<DataRequest>(`/api/v1/city-brain/catalogue/requests/${id}/decision`, decision),
    {
      invalidate: [catalogueKeys.all],
      done: (r) => (r.status === 'approved' ? { zh: '已批准', en: 'Approved' } : { zh: '已驳回', en: 'Refused' }),
    },
  );

export const useUseData = () =>
  useApiMutation(
    ({ id, input }: { id: string; input: DataUseInput }) =>
      api.post<DataUse>(`/api/v1/city-brain/catalogue/datasets/${id}/uses`, input),
    { invalidate: [catalogueKeys.all], done: { zh: '已登记使用', en: 'Use recorded' } },
  );
