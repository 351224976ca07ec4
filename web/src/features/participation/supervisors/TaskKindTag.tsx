import { Tag } from 'antd';
import type { TaskKind } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';

export const TASK_KINDS: Record<TaskKind, { zh: string; en: string }> = {
  service: { zh: '服务评分', en: 'Service score' },
  indicator_verification: { zh: '现场核验', en: 'On-site check' },
  site_check: { zh: '现场核验', en: 'On-site check' },
};

/** What kind of task: a service score or an on-site check. */
export function TaskKindTag({ kind }: { kind: TaskKind }) {
  const { pick } = useI18n();
  return <Tag>{pick(TASK_KINDS[kind])}</Tag>;
}
