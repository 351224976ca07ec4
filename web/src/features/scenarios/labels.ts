import type { CaseStatus } from '@zhicheng/contracts/scenarios';

/** Status words and colours, one place for list and case page. */
export const STATUS: Record<CaseStatus, { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  submitted: { zh: '待市级推荐', en: 'Awaiting the city', color: 'processing' },
  recommended: { zh: '待省级入榜', en: 'Awaiting the province', color: 'blue' },
  accepted: { zh: '已入榜', en: 'On the board', color: 'success' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  retired: { zh: '已合并', en: 'Merged', color: 'default' },
};

export const ACTION: Record<string, { zh: string; en: string }> = {
  create: { zh: '创建', en: 'Created' },
  submit: { zh: '上报', en: 'Submitted' },
  recommend: { zh: '市级推荐', en: 'Recommended by the city' },
  accept: { zh: '省级入榜', en: 'Accepted by the province' },
  return: { zh: '退回', en: 'Returned' },
};

/** Fen to 万元 with one decimal: officials read investment in 万元. */
export const wan = (fen: number) => (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
