import type {
  DrawRequest,
  DrawResponseInput,
  DrawVerification,
  Expert,
  ExpertDraw,
  ExpertInput,
  ExpertUpdate,
  ExpertInvitation,
  DeliveryInput,
  DishonestyInput,
  Org,
  OrgDetail,
  OrgInput,
  OrgUpdate,
} from '@zhicheng/contracts/directory';
import type { ImportReport } from '@zhicheng/contracts';
import type { z } from 'zod';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const directoryKeys = {
  all: ['directory'] as const,
  experts: (q: ExpertListQuery) => ['directory', 'experts', q] as const,
  draws: (q: DrawListQuery) => ['directory', 'draws', q] as const,
  draw: (id: string) => ['directory', 'draw', id] as const,
  invitations: ['directory', 'invitations'] as const,
  orgs: (q: OrgListQuery) => ['directory', 'orgs', q] as const,
  org: (id: string) => ['directory', 'org', id] as const,
  verification: (id: string) => ['directory-public', 'verification', id] as const,
};

export interface ExpertListQuery {
  q?: string;
  field?: string;
  page: number;
}
export interface DrawListQuery {
  status?: string;
  module?: string;
  page: number;
}
interface PageOf<T> {
  items: T[];
  total: number;
}

export const useExperts = (q: ExpertListQuery) =>
  useApiQuery<PageOf<Expert>>(
    directoryKeys.experts(q),
    `/api/v1/directory/experts${qs({ q: q.q, field: q.field, page: q.page, pageSize: 20 })}`,
  );

export const useCreateExpert = () =>
  useApiMutation((input: z.input<typeof ExpertInput>) => api.post<Expert>('/api/v1/directory/experts', input), {
    invalidate: [directoryKeys.all],
    done: { zh: '已加入专家库', en: 'Added to the library' },
  });

export const useUpdateExpert = () =>
  useApiMutation(
    (v: { id: string; input: z.input<typeof ExpertUpdate> }) =>
      api.put<Expert>(`/api/v1/directory/experts/${v.id}`, v.input),
    { invalidate: [directoryKeys.all], done: { zh: '已更新专家信息', en: 'Expert updated' } },
  );

export const useImportExperts = () =>
  useApiMutation((file: File) => api.upload<ImportReport>('/api/v1/directory/experts/import', file), {
    invalidate: [directoryKeys.all],
    done: (r) => (r.imported ? { zh: `已导入 ${r.imported} 名专家`, en: `${r.imported} experts imported` } : null),
  });
export const EXPERTS_EXPORT_URL = '/api/v1/directory/experts/export';
export const EXPERTS_TEMPLATE_URL = '/api/v1/directory/experts/template';

export const useUpdateOrg = () =>
  useApiMutation(
    (v: { id: string; input: z.input<typeof OrgUpdate> }) =>
      api.put<OrgDetail>(`/api/v1/directory/orgs/${v.id}`, v.input),
    { invalidate: [directoryKeys.all], done: { zh: '已更新', en: 'Updated' } },
  );

export const useSetAvailability = () =>
  useApiMutation(
    (v: { id: string; available: boolean }) =>
      api.put<Expert>(`/api/v1/directory/experts/${v.id}/availability`, { available: v.available }),
    { invalidate: [directoryKeys.all], done: { zh: '已更新', en: 'Updated' } },
  );

export const useDraws = (q: DrawListQuery) =>
  useApiQuery<PageOf<ExpertDraw>>(
    directoryKeys.draws(q),
    `/api/v1/directory/draws${qs({ status: q.status, module: q.module, page: q.page, pageSize: 20 })}`,
  );

export const useDraw = (id: string) => useApiQuery<ExpertDraw>(directoryKeys.draw(id), `/api/v1/directory/draws/${id}`);

export const useRequestDraw = () =>
  useApiMutation((input: DrawRequest) => api.post<ExpertDraw>('/api/v1/directory/draws', input), {
    invalidate: [directoryKeys.all],
    done: { zh: '已抽取', en: 'Drawn' },
  });

export const useCloseDraw = () =>
  useApiMutation((id: string) => api.post<ExpertDraw>(`/api/v1/directory/draws/${id}/close`, {}), {
    invalidate: [directoryKeys.all],
    done: { zh: '已结束抽取,种子已公开', en: 'Draw closed; seed revealed' },
  });

export const useRecordResponse = () =>
  useApiMutation(
    (v: { id: string; position: number; answer: DrawResponseInput }) =>
      api.post<ExpertDraw>(`/api/v1/directory/draws/${v.id}/picks/${v.position}/response`, v.answer),
    { invalidate: [directoryKeys.all], done: { zh: '已记录答复', en: 'Answer recorded' } },
  );

export const useInvitations = () =>
  useApiQuery<ExpertInvitation[]>(directoryKeys.invitations, '/api/v1/directory/invitations');

export const useRespond = () =>
  useApiMutation(
    (v: { drawId: string; position: number; answer: DrawResponseInput }) =>
      api.post<ExpertInvitation[]>(`/api/v1/directory/invitations/${v.drawId}/${v.position}`, v.answer),
    { invalidate: [directoryKeys.all], done: { zh: '已答复', en: 'Answered' } },
  );

export const useVerification = (id: string) =>
  useApiQuery<DrawVerification>(directoryKeys.verification(id), `/api/v1/directory/draws/${id}/verification`);

export interface OrgListQuery {
  kind?: string;
  q?: string;
  blocked?: string;
  page: number;
}

export const useOrgs = (q: OrgListQuery) =>
  useApiQuery<PageOf<Org>>(
    directoryKeys.orgs(q),
    `/api/v1/directory/orgs${qs({ kind: q.kind, q: q.q, blocked: q.blocked, page: q.page, pageSize: 20 })}`,
  );

export const useOrg = (id: string | null) =>
  useApiQuery<OrgDetail>(directoryKeys.org(id ?? ''), id ? `/api/v1/directory/orgs/${id}` : null);

export const useCreateOrg = () =>
  useApiMutation((input: z.input<typeof OrgInput>) => api.post<OrgDetail>('/api/v1/directory/orgs', input), {
    invalidate: [directoryKeys.all],
    done: { zh: '已入库', en: 'Added' },
  });

export const useAddDelivery = () =>
  useApiMutation(
    (v: { id: string; input: DeliveryInput }) =>
      api.post<OrgDetail>(`/api/v1/directory/orgs/${v.id}/deliveries`, v.input),
    { invalidate: [directoryKeys.all], done: { zh: '已记录业绩', en: 'Delivery recorded' } },
  );

export const useRecordDishonesty = () =>
  useApiMutation(
    (v: { id: string; input: DishonestyInput }) =>
      api.post<OrgDetail>(`/api/v1/directory/orgs/${v.id}/dishonesty`, v.input),
    { invalidate: [directoryKeys.all], done: { zh: '已记录失信,暂停承接新业务', en: 'Recorded; no new work' } },
  );

export const useLiftDishonesty = () =>
  useApiMutation(
    (v: { id: string; recordId: string; reason: string }) =>
      api.post<OrgDetail>(`/api/v1/directory/orgs/${v.id}/dishonesty/${v.recordId}/lift`, { reason: v.reason }),
    { invalidate: [directoryKeys.all], done: { zh: '已解除', en: 'Lifted' } },
  );
