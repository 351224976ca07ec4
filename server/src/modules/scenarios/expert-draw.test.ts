import { describe, expect, it } from 'vitest';
import { drawPanels } from './expert-draw.ts';

const pool = [
  { userId: 'e1', cities: ['370100'] },
  { userId: 'e2', cities: ['370200'] },
  { userId: 'e3', cities: ['370300'] },
  { userId: 'e4', cities: [] },
  { userId: 'e5', cities: ['370100'] },
];

describe('expert draw', () => {
  it('never draws from the case’s own city and repeats for the same seed', () => {
    const cases = [
      { caseId: 'a', cityCode: '370100' },
      { caseId: 'b', cityCode: '370200' },
    ];
    const d = drawPanels(cases, pool, 3, 42);
    expect(d.get('a')!.some((u) => u === 'e1' || u === 'e5')).toBe(false);
    expect(d.get('a')).toHaveLength(3);
    expect(d.get('b')).not.toContain('e2');
    expect(drawPanels(cases, pool, 3, 42)).toEqual(d);
  });

  it('gives a short panel when too few experts are eligible, and spreads the load', () => {
    expect(drawPanels([{ caseId: 'a', cityCode: '370100' }], pool, 5, 1).get('a')).toHaveLength(3);
    const many = Array.from({ length: 40 }, (_, i) => ({ caseId: `c${i}`, cityCode: '379900' }));
    const counts = new Map<string, number>();
    for (const p of drawPanels(many, pool, 2, 7).values()) p.forEach((u) => counts.set(u, (counts.get(u) ?? 0) + 1));
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });
});
