import type { ActionItem, Survey } from '@zhicheng/contracts/participation';

export const SURVEY_STATUS: Record<Survey['status'], { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  published: { zh: '已发布', en: 'Published', color: 'green' },
  archived: { zh: '已归档', en: 'Archived', color: 'default' },
};

export const ACTION_STATUS: Record<ActionItem['status'], { zh: string; en: string; color: string }> = {
  planned: { zh: '待办理', en: 'Planned', color: 'default' },
  in_progress: { zh: '办理中', en: 'In progress', color: 'blue' },
  done: { zh: '已办结', en: 'Done', color: 'green' },
};
