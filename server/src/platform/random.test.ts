import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.ts';

describe('seeded random', () => {
  it('repeats a draw from its seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new SeededRandom(43).next()).not.toBe(new SeededRandom(42).next());
  });

  it('shuffles without losing or duplicating items, and stays in range', () => {
    const r = SeededRandom.fromString('test');
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(r.shuffle(items).sort((x, y) => x - y)).toEqual(items);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
  });
});
