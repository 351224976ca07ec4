import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type {
  ScreenForecasts,
  ScreenOverview,
  Theme,
  ThemeInput,
  ThemeList,
  WarningActInput,
  WarningActResult,
  WarningRule,
  WarningRuleInput,
  WhatIfInput,
  WhatIfResult,
} from '@zhicheng/contracts/screen';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const screenKeys = {
  all: ['screen'] as const,
  overview: (region: string) => ['screen', 'overview', region] as const,
  themes: (region: string) => ['screen', 'themes', region] as const,
  rules: (region: string) => ['screen', 'rules', region] as const,
  forecasts: (region: string) => ['screen', 'forecasts', region] as const,
};

export const useOverview = (region: string | null) =>
  useApiQuery<ScreenOverview>(
    screenKeys.overview(region ?? ''),
    region ? `/api/v1/screen/overview${qs({ region })}` : null,
  );

export const useThemes = (region: string | null) =>
  useApiQuery<ThemeList>(screenKeys.themes(region ?? ''), region ? `/api/v1/screen/themes${qs({ region })}` : null);

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Server push: the region's screen arrives over an event stream whenever a figure changes and replaces the cached
 * overview. EventSource reconnects by itself (the server ends each stream after a few minutes to re-check the
 * session).
 */
export function useLiveOverview(region: string | null): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!region || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/v1/screen/stream${qs({ region })}`);
    es.onopen = () => setState('live');
    es.onerror = () => setState(es.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    es.addEventListener('overview', (e) => {
      qc.setQueryData(screenKeys.overview(region), JSON.parse((e as MessageEvent<string>).data) as ScreenOverview);
      setState('live');
    });
    return () => es.close();
  }, [region, qc]);
  return state;
}

export const useSaveTheme = () =>
  useApiMutation(
    ({ id, input }: { id: string | null; input: ThemeInput }) =>
      id ? api.put<Theme>(`/api/v1/screen/themes/${id}`, input) : api.post<Theme>('/api/v1/screen/themes', input),
    { invalidate: [screenKeys.all], done: { zh: '主题已保存', en: 'Theme saved' } },
  );

export const useDeleteTheme = () =>
  useApiMutation((id: string) => api.del<void>(`/api/v1/screen/themes/${id}`), {
    invalidate: [screenKeys.all],
    done: { zh: '主题已删除', en: 'Theme deleted' },
  });

export const useRules = (region: string | null) =>
  useApiQuery<{ items: WarningRule[] }>(
    screenKeys.rules(region ?? ''),
    region ? `/api/v1/screen/warning-rules${qs({ region })}` : null,
  );

export const useSaveRule = () =>
  useApiMutation(
    ({ id, input }: { id: string | null; input: WarningRuleInput }) =>
      id
        ? api.put<WarningRule>(`/api/v1/screen/warning-rules/${id}`, input)
        : api.post<WarningRule>('/api/v1/screen/warning-rules', input),
    { invalidate: [screenKeys.all], done: { zh: '预警规则已保存', en: 'Rule saved' } },
  );

export const useDeleteRule = () =>
  useApiMutation((id: string) => api.del<void>(`/api/v1/screen/warning-rules/${id}`), {
    invalidate: [screenKeys.all],
    done: { zh: '预警规则已删除', en: 'Rule deleted' },
  });

export const useForecasts = (region: string | null) =>
  useApiQuery<ScreenForecasts>(
    screenKeys.forecasts(region ?? ''),
    region ? `/api/v1/screen/forecasts${qs({ region })}` : null,
  );

/** A what-if is a computation, not a change: it stores nothing and invalidates nothing. */
export const useWhatIf = () =>
  useApiMutation((input: WhatIfInput) => api.post<WhatIfResult>('/api/v1/screen/what-if', input));

/** From a warning to a 督办 task or a closed-loop event; the module that creates it decides who may. */
export const useActOnWarning = (onDone: (r: WarningActResult) => void) =>
  useApiMutation((input: WarningActInput) => api.post<WarningActResult>('/api/v1/screen/warnings/act', input), {
    done: (r) =>
      r.action === 'ledger_task'
        ? { zh: `已立督办任务 ${r.code}`, en: `督办 task ${r.code} opened` }
        : { zh: '已转城市大脑事件', en: 'Event raised in the city brain' },
    onSuccess: onDone,
  });
