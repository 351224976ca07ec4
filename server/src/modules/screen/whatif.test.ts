import { describe, expect, it } from 'vitest';
import { whatIf, type CountyRow } from './whatif.ts';

// 10 counties: 3 at 4★, 4 at 3★ (scores 70–73), 3 at 2★.
const rows: CountyRow[] = [
  ...[0, 1, 2].map((i) => ({ regionCode: `3701${i}0`, regionName: `四星${i}`, stars: 4, score: 85 })),
  ...[0, 1, 2, 3].map((i) => ({ regionCode: `3702${i}0`, regionName: `三星${i}`, stars: 3, score: 70 + i })),
  ...[0, 1, 2].map((i) => ({ regionCode: `3703${i}0`, regionName: `二星${i}`, stars: 2, score: 60 + i })),
];

describe('what-if on the county target', () => {
  it('counts how many must rise to 4★ for 40%, closest first', () => {
    const r = whatIf(rows, { stars: 4, targetShare: 0.4, changes: [] });
    expect(r).toMatchObject({ total: 10, atLeastBefore: 3, atLeastAfter: 3, shareBefore: 0.3, needed: 1 });
    // The best-scoring 3★ county is the one step away.
    expect(r.candidates[0]).toMatchObject({ regionName: '三星3', enough: true });
    expect(r.candidates.filter((c) => c.enough)).toHaveLength(1);
    expect(r.candidates.at(-1)!.stars).toBe(2);
  });

  it('moves the share with supposed changes and the needed count with the target', () => {
    const r = whatIf(rows, { stars: 4, targetShare: 0.4, changes: [{ regionCode: '370200', stars: 4 }] });
    expect(r).toMatchObject({ atLeastAfter: 4, shareAfter: 0.4, needed: 0 });
    expect(r.candidates.some((c) => c.regionCode === '370200')).toBe(false);
    // A county supposed to fall counts against the target.
    const down = whatIf(rows, { stars: 4, targetShare: 0.6, changes: [{ regionCode: '370100', stars: 3 }] });
    expect(down).toMatchObject({ atLeastAfter: 2, needed: 4 });
    expect(down.candidates.find((c) => c.regionCode === '370100')).toMatchObject({ stars: 4, supposed: 3 });
    // 40% of 136 is 54.4: 55 counties are needed, not 54.
    const many = Array.from({ length: 136 }, (_, i) => ({
      regionCode: String(i),
      regionName: '',
      stars: i < 52 ? 4 : 3,
      score: i,
    }));
    expect(whatIf(many, { stars: 4, targetShare: 0.4, changes: [] }).needed).toBe(3);
    expect(whatIf([], { stars: 4, targetShare: 0.4, changes: [] })).toMatchObject({
      total: 0,
      shareBefore: null,
      needed: 0,
    });
  });
});
