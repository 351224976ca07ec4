import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../platform/random.ts';
import { DEFAULT_CATALOGUES } from './catalogues.ts';
import { DEMO_DISTRIBUTION, valuesForLevel } from './assessment.demo.ts';
import { rate, valueOf } from './rating.ts';

describe('demo data', () => {
  it('reproduces the reply’s 2024 shares in whole counts', () => {
    const d = DEMO_DISTRIBUTION[2024]!;
    const atLeast = (xs: number[], n: number) => xs.slice(0, 6 - n).reduce((s, x) => s + x, 0);
    expect(d.county.reduce((s, x) => s + x, 0)).toBe(136);
    expect(d.city.reduce((s, x) => s + x, 0)).toBe(16);
    expect(atLeast(d.county, 3)).toBe(Math.round(0.98 * 136));
    expect(atLeast(d.county, 4)).toBe(Math.round(0.385 * 136));
    expect(atLeast(d.city, 4)).toBe(Math.round(0.875 * 16));
    for (const y of [2022, 2023]) expect(DEMO_DISTRIBUTION[y]!.county.reduce((s, x) => s + x, 0)).toBe(136);
  });
  it('generates values that rate exactly at the wanted level', () => {
    const rng = SeededRandom.fromString('t');
    for (const cat of DEFAULT_CATALOGUES.slice(0, 2)) {
      for (const level of [1, 2, 3, 4, 5]) {
        for (const growth of [false, true]) {
          const v = valuesForLevel(cat.indicators, cat.policy, level, rng, growth);
          const r = rate(
            cat.indicators,
            Object.fromEntries(cat.indicators.map((i) => [i.code, valueOf(i.formula, v[i.code])])),
            cat.policy,
          );
          expect(r.level).toBe(level);
          if (level === 4) expect(r.subGrade).toBe(growth ? 'growth' : 'basic');
        }
      }
    }
  });
  it('ships catalogues in the published shapes', () => {
    const count = (key: string) => DEFAULT_CATALOGUES.find((c) => c.key === key)!.indicators.length;
    expect(count('DB37-3890.1-city')).toBe(49);
    expect(count('DB37-3890.2-county')).toBe(44);
    expect(count('DB37-3890.3-community')).toBe(24);
    const gb = DEFAULT_CATALOGUES.find((c) => c.key === 'GBT-33356-2022')!.indicators;
    expect(gb).toHaveLength(29);
    expect(new Set(gb.map((i) => i.domain)).size).toBe(9);
    expect(gb.reduce((s, i) => s + i.weight, 0)).toBeCloseTo(100, 1);
    for (const c of DEFAULT_CATALOGUES) expect(c.indicators.every((i) => i.sample)).toBe(true);
    const city = DEFAULT_CATALOGUES[0]!.indicators;
    expect(new Set(city.map((i) => i.domain))).toEqual(
      new Set(['数字惠民', '数字政府', '数字经济', '基础设施', '保障措施', '地方特色']),
    );
  });
});
