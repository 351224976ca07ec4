import type { ImportReport } from '@zhicheng/contracts';
import type {
  EvaluationInput,
  LedgerBoard,
  ProgressInput,
  Task,
  TaskDetail,
  TaskInput,
} from '@zhicheng/contracts/work-ledger';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const ledgerKeys = {
  all: ['work-ledger'] as const,
  tasks: (q: TaskListQuery) => ['work-ledger', 'tasks', q] as const,
  task: (id: string) => ['work-ledger', 'task', id] as const,
  board: (year: number) => ['work-ledger', 'board', year] as const,
};

export interface TaskListQuery {
  year: number;
  rag?: string;
  status?: string;
  q?: string;
  page: number;
}

export const useTasks = (q: TaskListQuery) =>
  useApiQuery<{ items: Task[]; total: number }>(
    ledgerKeys.tasks(q),
    `/api/v1/work-ledger/tasks${qs({ year: q.year, rag: q.rag, status: q.status, q: q.q, page: q.page, pageSize: 20 })}`,
  );

export const useTask = (id: string) => useApiQuery<TaskDetail>(ledgerKeys.task(id), `/api/v1/work-ledger/tasks/${id}`);

export const useBoard = (year: number) =>
  useApiQuery<LedgerBoard>(ledgerKeys.board(year), `/api/v1/work-ledger/board?year=${year}`);

export const exportUrl = (year: number) => `/api/v1/work-ledger/export?year=${year}`;
export const TEMPLATE_URL = '/api/v1/work-ledger/template';

export const useImportLedger = () =>
  useApiMutation((file: File) => api.upload<ImportReport>('/api/v1/work-ledger/import', file), {
    invalidate: [ledgerKeys.all],
    done: (r) => (r.imported ? { zh: `已导入 ${r.imported} 项任务`, en: `${r.imported} tasks imported` } : null),
  });

export const useCreateTask = () =>
  useApiMutation((input: TaskInput) => api.post<TaskDetail>('/api/v1/work-ledger/tasks', input), {
    invalidate: [ledgerKeys.all],
    done: { zh: '已立项', en: 'Task created' },
  });

const step =
  <B>(path: string, done: { zh: string; en: string }) =>
  () =>
    useApiMutation(
      (v: { id: string; body: B }) => api.post<TaskDetail>(`/api/v1/work-ledger/tasks/${v.id}/${path}`, v.body),
      {
        invalidate: [ledgerKeys.all],
        done,
      },
    );

export const useAssign = step<{ note: string }>('assign', { zh: '已交办', en: 'Assigned' });
export const useReport = step<ProgressInput>('progress', { zh: '已报送进展', en: 'Progress reported' });
export const useEscalate = step<{ note: string }>('escalate', { zh: '已催办', en: 'Escalated' });
export const useEvaluate = step<EvaluationInput>('evaluate', { zh: '已考评办结', en: 'Evaluated and closed' });
