import type { ImportReport, Region, RegionLevel, RegionWithAncestors } from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the regions feature: one place, so a change invalidates exactly what it touched. */
export const regionKeys = {
  all: ['regions'] as const,
  one: (code: string) => ['regions', 'one', code] as const,
  list: (q: RegionQuery) => ['regions', 'list', q] as const,
};

export interface RegionQuery {
  parent?: string;
  level?: RegionLevel;
  q?: string;
}

export const useRegion = (code: string) =>
  useApiQuery<RegionWithAncestors>(regionKeys.one(code), `/api/v1/regions/${code}`);

export const useRegions = (q: RegionQuery) =>
  useApiQuery<{ items: Region[] }>(
    regionKeys.list(q),
    `/api/v1/regions${qs({ parent: q.parent, level: q.level, q: q.q })}`,
  );

/** Streets and communities from Excel: all rows or none; a refused file comes back as row errors, not a problem. */
export const useImportRegions = () =>
  useApiMutation((file: File) => api.upload<ImportReport>('/api/v1/regions/import', file), {
    invalidate: [regionKeys.all],
    done: (r) => (r.errors.length ? null : { zh: `已导入 ${r.imported} 个区划`, en: `Imported ${r.imported} regions` }),
  });

export const IMPORT_TEMPLATE_URL = '/api/v1/regions/import/template';
