import { describe, expect, it } from 'vitest';
import { levelStatistics, starAt, targetProgress, TARGETS } from './statistics.ts';

describe('statistics', () => {
  const counts = [
    { level: 'county', stars: 5, n: 5 },
    { level: 'county', stars: 4, n: 47 },
    { level: 'county', stars: 3, n: 81 },
    { level: 'county', stars: 2, n: 3 },
    { level: 'city', stars: 4, n: 14 },
    { level: 'city', stars: 3, n: 2 },
  ];

  it('counts regions at ≥ N★ per level', () => {
    expect(levelStatistics(counts, 'county')).toEqual({
      level: 'county',
      total: 136,
      atLeast: { '1': 136, '2': 136, '3': 133, '4': 52, '5': 5 },
    });
    expect(levelStatistics([], 'city')).toEqual({
      level: 'city',
      total: 0,
      atLeast: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
  });

  it('measures every published target, by share or by count; nothing published meets nothing', () => {
    const progress = targetProgress([levelStatistics(counts, 'city'), levelStatistics(counts, 'county')]);
    expect(progress).toHaveLength(TARGETS.length);
    const by = (key: string) => progress.find((t) => t.key === key)!;
    expect(by('2022-city-3')).toMatchObject({ actual: 1, met: true });
    expect(by('2025-county-4')).toMatchObject({ actual: 0.3824, met: false });
    expect(by('next-county-4')).toMatchObject({ met: false });
    expect(by('2025-city-5')).toMatchObject({ actual: 0, met: false });
    const none = targetProgress([levelStatistics([], 'city'), levelStatistics([], 'county')]);
    expect(none.every((t) => !t.met && t.actual === 0)).toBe(true);
  });

  it('reads stored stars by position, or by code from older rows', () => {
    expect(starAt('34521', 'x', 2)).toBe(5);
    expect(starAt('34521', 'x', 9)).toBe(0);
    expect(starAt({ a: 4 }, 'a', 0)).toBe(4);
    expect(starAt(null, 'a', 0)).toBe(0);
  });
});
