import type { Region } from '@zhicheng/contracts';
import { useApiQuery } from '../../api/hooks';
import { useProvince } from '../../api/province';

/** The province's cities for the board's city filter (public regions API). */
export function useCities() {
  const province = useProvince();
  const q = useApiQuery<{ items: Region[] }>(
    ['scenarios', 'cities', province?.code ?? ''],
    province ? `/api/v1/regions?parent=${province.code}&level=city` : null,
    { staleTime: Infinity },
  );
  return (q.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }));
}
