import type { AuditEvent, AuditVerifyResult } from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

export interface AuditFilters {
  action?: string;
  actor?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  events: (f: AuditFilters, page: { page: number; pageSize: number }) => ['audit', 'events', f, page] as const,
};

export const useAuditEvents = (f: AuditFilters, page: { page: number; pageSize: number }) =>
  useApiQuery<{ items: AuditEvent[]; total: number }>(
    auditKeys.events(f, page),
    `/api/v1/audit/events${qs({ ...f, ...page })}`,
  );

export const useVerifyAudit = () => useApiMutation(() => api.post<AuditVerifyResult>('/api/v1/audit/verify'));

export const exportUrl = (f: AuditFilters) => `/api/v1/audit/events/export${qs({ ...f })}`;
