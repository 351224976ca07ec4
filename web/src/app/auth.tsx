import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@zhicheng/contracts';
import { api, ApiError, onUnauthenticated } from '../api/client';
import { useProvince } from '../api/province';

interface Auth {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
  /** The region the user is looking at: one of their scope's regions, chosen in the header. */
  region: string | null;
  setRegion(code: string): void;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/v1/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const me = meQuery.data ?? null;
  const [region, setRegionState] = useState<string | null>(() => localStorage.getItem('zc_region'));

  useEffect(() => onUnauthenticated(() => qc.setQueryData(['me'], null)), [qc]);

  // Keep the chosen region inside the user's scope; default to the first bound region.
  useEffect(() => {
    if (!me) return;
    const roots = me.roles.map((r) => r.regionCode);
    if (!region || !roots.some((r) => region.startsWith(r.replace(/0+$/, '')))) {
      setRegionState(roots[0] ?? null);
    }
  }, [me, region]);

  const value = useMemo<Auth>(
    () => ({
      me,
      loading: meQuery.isLoading,
      async login(username, password) {
        const m = await api.post<Me>('/api/v1/auth/login', { username, password });
        // Another user's cached data must not survive a sign-in; the observer of ['me'] must, so keep that query.
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        qc.setQueryData(['me'], m);
        return m;
      },
      async logout() {
        await api.post('/api/v1/auth/logout').catch(() => undefined);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
        qc.setQueryData(['me'], null);
      },
      can: (p) => !!me?.permissions.includes(p),
      region,
      setRegion(code) {
        localStorage.setItem('zc_region', code);
        setRegionState(code);
      },
    }),
    [me, meQuery.isLoading, qc, region],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/**
 * The header's region (当前区划) as a filter for lists: undefined at the province (everything in the user's scope),
 * otherwise the chosen city or county — so the switcher changes what the pages show.
 */
export function useRegionFilter(): string | undefined {
  const { region } = useAuth();
  const province = useProvince();
  return region && province && region !== province.code ? region : undefined;
}
