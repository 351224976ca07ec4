import type { CommunityTier } from '@zhicheng/contracts/communities';
import { SeededRandom } from '../../platform/random.ts';

/**
 * Tiers from the star level the shared rating rule gives a community on the community catalogue (DB37/T 3890.3,
 * policy threshold 80%: "a community counts as a smart community at ≥ 80%"). The split is ours (示例): the published
 * 基础型 requirements (fibre ≥ 70%, 5G ≥ 80%, TV/IPTV ≥ 70%, video ≥ 90%) are the catalogue's 3★ column, so 3★ is
 * 基础型, 4★ 成长型 and 5★ 标杆型 (which the province confirms after an on-site check).
 */
export const TIER_LEVEL: Record<CommunityTier, number> = { basic: 3, growth: 4, benchmark: 5 };

export function tierOfLevel(level: number): CommunityTier | null {
  if (level >= TIER_LEVEL.benchmark) return 'benchmark';
  if (level >= TIER_LEVEL.growth) return 'growth';
  if (level >= TIER_LEVEL.basic) return 'basic';
  return null;
}

export function nextTier(tier: CommunityTier | null): CommunityTier | null {
  if (!tier) return 'basic';
  if (tier === 'basic') return 'growth';
  if (tier === 'growth') return 'benchmark';
  return null;
}

/** The published 基础型 requirements, by the community catalogue's indicator codes (the rest of its values are 示例). */
export const PUBLISHED_BASIC: Record<string, number> = {
  'S-JC-01': 70,
  'S-JC-02': 80,
  'S-JC-03': 70,
  'S-JC-04': 90,
};

interface RuleIndicatorLike {
  code: string;
  thresholds: readonly number[];
  direction: 'higher' | 'lower';
  bonusPoints?: number | null;
}

/**
 * Made-up indicator values (示例) that reach `level` stars: every base indicator at its level threshold or a little
 * above, and one held a step below so the path to the next tier has something to show. The rating rule decides the
 * tier from them; the demo never writes a tier directly.
 */
export function demoValues(
  indicators: readonly RuleIndicatorLike[],
  level: number,
  seed: string,
): Record<string, number> {
  const rng = SeededRandom.fromString(seed);
  const base = indicators.filter((i) => !i.bonusPoints);
  const lagging = base[Math.floor(rng.next() * base.length)]?.code;
  const out: Record<string, number> = {};
  for (const i of indicators) {
    const stars = i.code === lagging ? Math.max(0, level - 1) : level;
    const t = i.thresholds;
    const at = stars === 0 ? t[0]! * 0.8 : t[stars - 1]!;
    const ceiling = stars >= 5 ? at * 1.02 : t[stars]!;
    const v = at + (ceiling - at) * rng.next() * 0.5;
    out[i.code] = Math.round((i.direction === 'lower' ? at : v) * 10) / 10;
  }
  return out;
}

/**
 * Whether a 标杆型 candidate passed its on-site check: more than half the panel scored, more than half of those
 * confirmed on site what the community claims, and the median score is at least 60 (a pass mark, 示例: no official
 * rule is published).
 */
export function onsitePassed(panelSize: number, scores: { score: number; confirmed: boolean | null }[]) {
  const sorted = scores.map((s) => s.score).sort((a, b) => a - b);
  const n = sorted.length;
  const median = n ? (n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2) : null;
  const confirmed = scores.filter((s) => s.confirmed === true).length;
  return {
    scored: n,
    confirmed,
    median,
    passed: n * 2 > panelSize && confirmed * 2 > n && median !== null && median >= 60,
  };
}
