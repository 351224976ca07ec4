import type { ImportReport, Region } from '@zhicheng/contracts';
import type {
  ComputeAlert,
  DataCentre,
  DataCentreInput,
  DataCentreSummary,
  DeviceModel,
  MapData,
  MetricsResponse,
  Report,
  ReportInput,
  Statistics,
  Zone,
  ZoneInput,
} from '@zhicheng/contracts/compute-network';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

export interface Page<T> {
  items: T[];
  total: number;
}
export interface CentreQuery {
  q?: string;
  cityCode?: string;
  zoneId?: string;
  page?: number;
  pageSize?: number;
}
export interface ReportQuery {
  status?: string;
  period?: string;
  dataCentreId?: string;
  /** A city's or a county's code (the header's region). */
  cityCode?: string;
  page?: number;
  pageSize?: number;
}
export interface MapQuery {
  cityCode?: string;
  zoneId?: string;
  modelId?: string;
  origin?: 'domestic' | 'imported';
  minFreeRacks?: number;
}

/** Query keys of the compute feature: one place, so a change invalidates exactly what it touched. */
export const computeKeys = {
  all: ['compute'] as const,
  models: ['compute', 'models'] as const,
  zones: ['compute', 'zones'] as const,
  operators: ['compute', 'operators'] as const,
  regions: (q: { parent?: string; level?: string }) => ['compute', 'regions', q] as const,
  centres: (q: CentreQuery) => ['compute', 'centres', q] as const,
  centre: (id: string) => ['compute', 'centre', id] as const,
  metrics: (id: string) => ['compute', 'metrics', id] as const,
  reports: (q: ReportQuery) => ['compute', 'reports', q] as const,
  statistics: (q: { period?: string; cityCode?: string }) => ['compute', 'statistics', q] as const,
  map: (q: MapQuery) => ['compute', 'map', q] as const,
  alerts: (q: { cityCode?: string }) => ['compute', 'alerts', q] as const,
};

export const REPORT_TEMPLATE_URL = '/api/v1/compute/reports/import/template';

export const useModels = (enabled = true) =>
  useApiQuery<{ items: DeviceModel[] }>(computeKeys.models, '/api/v1/compute/models', { enabled });
export const useZones = () => useApiQuery<{ items: Zone[] }>(computeKeys.zones, '/api/v1/compute/zones');
export const useOperators = (enabled: boolean) =>
  useApiQuery<{ items: { id: string; name: string }[] }>(computeKeys.operators, '/api/v1/compute/operators', {
    enabled,
  });
/** Cities of the province (`parent`) or every county (`level`), for filters and the registry form. */
export const useRegionList = (q: { parent?: string; level?: 'county' }, enabled = true) =>
  useApiQuery<{ items: Region[] }>(computeKeys.regions(q), q.parent || q.level ? `/api/v1/regions${qs(q)}` : null, {
    enabled,
    staleTime: 10 * 60_000,
  });

export const useCentres = (q: CentreQuery) =>
  useApiQuery<Page<DataCentreSummary>>(computeKeys.centres(q), `/api/v1/compute/data-centres${qs({ ...q })}`);
export const useCentre = (id: string) =>
  useApiQuery<DataCentre>(computeKeys.centre(id), `/api/v1/compute/data-centres/${id}`);
export const useCentreMetrics = (id: string) =>
  useApiQuery<MetricsResponse>(
    computeKeys.metrics(id),
    `/api/v1/compute/data-centres/${id}/metrics?hours=6&limit=200`,
    {
      refetchInterval: 30_000,
    },
  );
export const useReports = (q: ReportQuery) =>
  useApiQuery<Page<Report>>(computeKeys.reports(q), `/api/v1/compute/reports${qs({ ...q })}`);
export const useStatistics = (q: { period?: string; cityCode?: string }) =>
  useApiQuery<Statistics>(computeKeys.statistics(q), `/api/v1/compute/statistics${qs(q)}`);
export const useMapData = (q: MapQuery) =>
  useApiQuery<MapData>(computeKeys.map(q), `/api/v1/compute/map${qs({ ...q })}`);
/** Alerts in a city or a county (the header's region, or the city clicked on the map); everything without one. */
export const useAlerts = (q: { cityCode?: string } = {}) =>
  useApiQuery<{ items: ComputeAlert[] }>(computeKeys.alerts(q), `/api/v1/compute/alerts${qs(q)}`);

export const useSaveZone = () =>
  useApiMutation(
    ({ id, input }: { id: string | null; input: ZoneInput }) =>
      id ? api.put<Zone>(`/api/v1/compute/zones/${id}`, input) : api.post<Zone>('/api/v1/compute/zones', input),
    { invalidate: [computeKeys.all], done: { zh: '已保存', en: 'Saved' } },
  );

export const useCreateCentre = () =>
  useApiMutation((input: DataCentreInput) => api.post<{ id: string }>('/api/v1/compute/data-centres', input), {
    invalidate: [computeKeys.all],
    done: { zh: '已登记', en: 'Registered' },
  });

export const useIssueToken = () =>
  useApiMutation((id: string) =>
    api.post<{ dataCentreId: string; token: string }>(`/api/v1/compute/data-centres/${id}/token`),
  );

/** Files a report; field errors come back to the form (onProblem), the rest through the one problem handler. */
export const useSubmitReport = (onProblem?: (e: unknown) => void) =>
  useApiMutation(
    ({ dataCentreId, input }: { dataCentreId: string; input: ReportInput }) =>
      api.post<Report>(`/api/v1/compute/data-centres/${dataCentreId}/reports`, input),
    {
      invalidate: [computeKeys.all],
      done: { zh: '已提交,等待省级审核', en: 'Submitted; awaiting the province’s approval' },
      onProblem: (e) => void onProblem?.(e),
    },
  );

export const useDecideReport = () =>
  useApiMutation(
    ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note?: string }) =>
      api.post<Report>(`/api/v1/compute/reports/${id}/decision`, { decision, note }),
    {
      invalidate: [computeKeys.all],
      done: (r) => (r.status === 'approved' ? { zh: '已审核通过', en: 'Approved' } : { zh: '已退回', en: 'Rejected' }),
    },
  );

export const useImportReports = () =>
  useApiMutation((file: File) => api.upload<ImportReport>('/api/v1/compute/reports/import', file), {
    invalidate: [computeKeys.all],
    done: (r) => (r.errors.length ? null : { zh: `已导入 ${r.imported} 份月报`, en: `Imported ${r.imported} reports` }),
  });
