import { App } from 'antd';
import { useMutation, useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useI18n } from '../app/i18n';
import { problemText } from '../components/problem';
import { api } from './client';

/**
 * A GET through the API client. `url` null waits (a query that depends on something not chosen yet). Query keys
 * come from the feature's api.ts, never written inline in a page.
 */
export function useApiQuery<T>(
  key: QueryKey,
  url: string | null,
  opts: Omit<UseQueryOptions<T>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<T>({
    queryKey: key,
    queryFn: () => api.get<T>(url!),
    enabled: url !== null && opts.enabled !== false,
    ...opts,
  });
}

/** The one way a failed call is shown: the server's message in the user's language, naming the fields. */
export function useProblemHandler() {
  const { message } = App.useApp();
  const { lang } = useI18n();
  return (e: unknown) => void message.error(problemText(e, lang));
}

/**
 * A change through the API client: on success it invalidates the given query keys and says `done`; on failure the
 * one problem handler shows the server's message (pass `onProblem` to handle it yourself, e.g. an import report).
 */
export function useApiMutation<Vars, Result>(
  call: (vars: Vars) => Promise<Result>,
  opts: {
    invalidate?: QueryKey[];
    done?: { zh: string; en: string } | ((r: Result) => { zh: string; en: string } | null);
    onSuccess?: (r: Result, vars: Vars) => void;
    onProblem?: (e: unknown) => boolean | void;
  } = {},
) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { pick } = useI18n();
  const problem = useProblemHandler();
  return useMutation<Result, unknown, Vars>({
    mutationFn: call,
    onSuccess: async (r, vars) => {
      await Promise.all((opts.invalidate ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
      const text = typeof opts.done === 'function' ? opts.done(r) : opts.done;
      if (text) void message.success(pick(text));
      opts.onSuccess?.(r, vars);
    },
    onError: (e) => {
      if (opts.onProblem?.(e) === true) return;
      problem(e);
    },
  });
}
