import { describe, expect, it } from 'vitest';
import { demoValues, nextTier, tierOfLevel } from './tiers.ts';

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
