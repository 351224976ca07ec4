import type { WhatIfResult } from '@zhicheng/contracts/screen';

export interface CountyRow {
  regionCode: string;
  regionName: string;
  stars: number;
  score: number;
}

/**
 * What-if on the county target: with some counties supposed at other star levels, the share at ≥ `stars` before
 * and after, and how many more counties must rise to reach `targetShare`. The closest counties are those one step
 * below first, then by score (the weighted achievement the star rule rates); the exact cheapest path of one county
 * is the assessment simulator's (HiGHS), opened from the screen.
 */
export function whatIf(
  rows: readonly CountyRow[],
  opts: { stars: number; targetShare: number; changes: readonly { regionCode: string; stars: number }[] },
): Omit<WhatIfResult, 'year' | 'source'> {
  const supposed = new Map(opts.changes.map((c) => [c.regionCode, c.stars]));
  const total = rows.length;
  const atLeastBefore = rows.filter((r) => r.stars >= opts.stars).length;
  const after = rows.map((r) => ({ ...r, now: supposed.get(r.regionCode) ?? r.stars }));
  const atLeastAfter = after.filter((r) => r.now >= opts.stars).length;
  // The fewest counties at the level for the target: ceil(target × total), a hair under to absorb 0.4 × 136 noise.
  const required = Math.ceil(opts.targetShare * total - 1e-9);
  const needed = Math.max(0, required - atLeastAfter);
  const below = after
    .filter((r) => r.now < opts.stars)
    .sort((a, b) => b.now - a.now || b.score - a.score || a.regionCode.localeCompare(b.regionCode));
  const share = (n: number) => (total ? Math.round((n / total) * 10000) / 10000 : null);
  return {
    stars: opts.stars,
    targetShare: opts.targetShare,
    total,
    atLeastBefore,
    atLeastAfter,
    shareBefore: share(atLeastBefore),
    shareAfter: share(atLeastAfter),
    needed,
    candidates: below.slice(0, Math.max(needed + 10, 20)).map((r, i) => ({
      regionCode: r.regionCode,
      regionName: r.regionName,
      stars: r.stars,
      supposed: supposed.has(r.regionCode) ? r.now : null,
      score: r.score,
      enough: i < needed,
    })),
  };
}
