import type { Rag } from '@zhicheng/contracts/work-ledger';

/**
 * 督查督办's traffic light for a task, by its deadline: red once the deadline has passed and the task is not closed,
 * yellow within `warnDays` of it or when a milestone is late, green otherwise. Pure; `day` is YYYY-MM-DD (China time).
 */
export const WARN_DAYS = 15;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function ragOf(
  t: {
    status: string;
    deadline: string;
    milestones: readonly { title: string; dueOn: string; doneOn: string | null }[];
  },
  day: string,
): { rag: Rag; reason: { zh: string; en: string } } {
  if (t.status === 'closed') return { rag: 'green', reason: { zh: '已考评办结', en: 'Closed' } };
  const left = daysBetween(day, t.deadline);
  if (left < 0) return { rag: 'red', reason: { zh: `已逾期 ${-left} 天`, en: `${-left} days overdue` } };
  const late = t.milestones.find((m) => !m.doneOn && m.dueOn < day);
  if (late)
    return { rag: 'yellow', reason: { zh: `节点「${late.title}」已延误`, en: `Milestone "${late.title}" is late` } };
  if (left <= WARN_DAYS)
    return { rag: 'yellow', reason: { zh: `距完成时限 ${left} 天`, en: `${left} days to the deadline` } };
  return { rag: 'green', reason: { zh: `距完成时限 ${left} 天`, en: `${left} days to the deadline` } };
}

/** A reminder is due for a yellow or red task that had none in the last `everyDays` days. */
export function reminderDue(rag: Rag, lastReminder: Date | null, now: Date, everyDays = 7): boolean {
  if (rag === 'green') return false;
  return !lastReminder || now.getTime() - lastReminder.getTime() >= everyDays * 86_400_000;
}
