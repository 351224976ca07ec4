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
