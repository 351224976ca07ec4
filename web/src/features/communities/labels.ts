import type { CommunityTier } from '@zhicheng/contracts/communities';

/** Tag fills under white text: each at least 4.5:1 (WCAG AA, axe-core's color-contrast; the lighter blues failed). */
export const TIER_COLORS: Record<CommunityTier, string> = {
  basic: '#1256b0',
  growth: '#006d75',
  benchmark: '#a8071a',
};

/** Coverage bands for the map (share of residents' committees that are smart communities). */
export const COVERAGE_PIECES = [
  { min: 0.6, label: '≥ 60%', color: '#0b3d91' },
  { min: 0.4, max: 0.6, label: '40–60%', color: '#1677ff' },
  { min: 0.2, max: 0.4, label: '20–40%', color: '#69b1ff' },
  { min: 0.0001, max: 0.2, label: '< 20%', color: '#bae0ff' },
  { value: 0, label: '0', color: '#f0f0f0' },
];

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** Statuses of needs and pairs, Chinese first with the English label. */
export const EXCHANGE_STATUS: Record<string, { zh: string; en: string; color: string }> = {
  open: { zh: '待撮合', en: 'Open', color: 'default' },
  matched: { zh: '已撮合', en: 'Matched', color: 'blue' },
  proposed: { zh: '方案中', en: 'Proposed', color: 'default' },
  confirmed: { zh: '待企业签约', en: 'Awaiting provider', color: 'blue' },
  agreed: { zh: '已签约', en: 'Agreed', color: 'cyan' },
  declined: { zh: '企业婉拒', en: 'Declined', color: 'orange' },
  installed: { zh: '已落地', en: 'Installed', color: 'green' },
};
