import { useApiQuery } from './hooks';

/** The province this deployment serves (configuration on the server), e.g. 370000 山东省. */
export function useProvince(): { code: string; name: string } | undefined {
  return useApiQuery<{ code: string; name: string }>(['province'], '/api/v1/regions/province', { staleTime: Infinity })
    .data;
}
