import { PARTICIPATION_PERMISSIONS as P, type MyTask } from '@zhicheng/contracts/participation';
import { useApiQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import type { Todo } from '../../app/feature';

/**
 * A supervisor's tasks not scored yet (the same query and key as the task pages, so one answer serves both; kept
 * apart from api.ts so the shell does not load the staff pages' client code).
 */
export function useParticipationTodos(): Todo[] {
  const { can } = useAuth();
  const tasks = useApiQuery<{ items: MyTask[] }>(
    ['participation', 'my-tasks'],
    can(P.tasksScore) ? '/api/v1/participation/my/tasks' : null,
  );
  const open = (tasks.data?.items ?? []).filter((t) => t.myScore === null && t.status !== 'closed');
  return open.length
    ? [
        {
          key: 'participation-tasks',
          title: { zh: '完成监督任务评分', en: 'Score your supervision tasks' },
          path: '/supervisor/tasks',
          count: open.length,
          since:
            open
              .map((t) => t.drawnAt)
              .filter((x): x is string => !!x)
              .sort()[0] ?? null,
        },
      ]
    : [];
}
