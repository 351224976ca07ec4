import type { CommunityTier } from '@zhicheng/contracts/communities';

export const TIER_COLORS: Record<CommunityTier, string> = {
  basic: '#69b1ff',
  growth: '#1677ff',
  benchmark: '#d4380d',
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
