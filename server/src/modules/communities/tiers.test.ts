import { describe, expect, it } from 'vitest';
import { demoValues, nextTier, onsitePassed, tierOfLevel } from './tiers.ts';

describe('community tiers', () => {
  it('maps star levels to tiers and names the next one', () => {
    expect([0, 2, 3, 4, 5].map(tierOfLevel)).toEqual([null, null, 'basic', 'growth', 'benchmark']);
    expect([null, 'basic', 'growth', 'benchmark'].map((t) => nextTier(t as never))).toEqual([
      'basic',
      'growth',
      'benchmark',
      null,
    ]);
  });

  it('passes an on-site check only when most of the panel scored, most confirmed, and the median is 60 or more', () => {
    const s = (score: number, confirmed: boolean | null = true) => ({ score, confirmed });
    expect(onsitePassed(5, [])).toEqual({ scored: 0, confirmed: 0, median: null, passed: false });
    // Two of five scored: not yet more than half.
    expect(onsitePassed(5, [s(90), s(80)]).passed).toBe(false);
    expect(onsitePassed(5, [s(90), s(80), s(70)])).toEqual({ scored: 3, confirmed: 3, median: 80, passed: true });
    // Even count: the median is the mean of the middle two.
    expect(onsitePassed(4, [s(50), s(60), s(70), s(90)]).median).toBe(65);
    // Most did not find what the community claims, or the median is below 60.
    expect(onsitePassed(3, [s(90), s(90, false), s(90, false)]).passed).toBe(false);
    expect(onsitePassed(3, [s(50), s(55), s(95)]).passed).toBe(false);
  });

  it('makes demo values at the level asked, one indicator a step below, the same for the same seed', () => {
    const indicators = [1, 2, 3, 4, 5].map((k) => ({
      code: `I${k}`,
      thresholds: [40, 55, 70, 80, 90],
      direction: 'higher' as const,
    }));
    const v = demoValues(indicators, 4, 's');
    expect(demoValues(indicators, 4, 's')).toEqual(v);
    const stars = Object.values(v).map((x) => [40, 55, 70, 80, 90].filter((t) => x >= t).length);
    expect(stars.filter((s) => s === 4).length).toBe(4);
    expect(stars.filter((s) => s === 3).length).toBe(1);
  });
});
