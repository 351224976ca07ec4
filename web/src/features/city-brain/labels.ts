import type { DownKind, LinkStatus, SubPlatformKind, UpKind } from '@zhicheng/contracts/city-brain';

type Words = { zh: string; en: string };

export const KIND_LABEL: Record<SubPlatformKind, Words> = {
  city_brain: { zh: '城市大脑', en: 'City brain' },
  domain: { zh: '领域子平台', en: 'Domain platform' },
};

export const STATUS_LABEL: Record<LinkStatus, Words & { color: string }> = {
  online: { zh: '在线', en: 'Online', color: 'success' },
  stale: { zh: '心跳延迟', en: 'Late heartbeat', color: 'warning' },
  offline: { zh: '离线', en: 'Offline', color: 'error' },
  never: { zh: '未接入', en: 'Never connected', color: 'default' },
};

export const UP_LABEL: Record<UpKind, Words> = {
  'vital-sign': { zh: '城市体征', en: 'Vital signs' },
  event: { zh: '事件', en: 'Events' },
  'dataset-update': { zh: '数据集更新', en: 'Dataset updates' },
  heartbeat: { zh: '心跳', en: 'Heartbeat' },
};

export const DOWN_LABEL: Record<DownKind, Words> = {
  task: { zh: '任务', en: 'Tasks' },
  notice: { zh: '通知', en: 'Notices' },
  alert: { zh: '预警', en: 'Alerts' },
};

/** Tag colours of the sharing classes (their words are SHARING_CLASSES in the contract). */
export const SHARING_COLOR = { unconditional: 'green', conditional: 'orange', not_shared: 'red' } as const;
export const REQUEST_COLOR = { pending: 'processing', approved: 'success', rejected: 'default' } as const;

/**
 * Whether a user's region covers a sub-platform's region (the province every code in it, a city its counties):
 * only a hint for which buttons to show — the server decides.
 */
export function covers(region: string | null | undefined, code: string): boolean {
  if (!region) return false;
  if (region === code) return true;
  if (region.endsWith('0000')) return code.startsWith(region.slice(0, 2));
  if (region.endsWith('00')) return code.startsWith(region.slice(0, 4));
  return false;
}
