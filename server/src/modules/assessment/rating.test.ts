import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type RatingPolicy } from '@zhicheng/contracts/assessment';
import { rate, starsFor, thresholdProblem, valueOf, type RuleIndicator } from './rating.ts';
import { cheapestPath, liftCost, nextTarget } from './gap.ts';

const T = [10, 20, 30, 40, 50];
const ind = (code: string, weight: number, extra: Partial<RuleIndicator> = {}): RuleIndicator => ({
  code,
  weight,
  direction: 'higher',
  thresholds: T,
  ...extra,
});
const P = (p: Partial<RatingPolicy> = {}): RatingPolicy => ({ ...DEFAULT_POLICY, ...p });

describe('starsFor', () => {
  it('gives the highest threshold met, higher is better', () => {
    expect(starsFor(ind('a', 1), 9.99)).toBe(0);
    expect(starsFor(ind('a', 1), 10)).toBe(1);
    expect(starsFor(ind('a', 1), 39)).toBe(3);
    expect(starsFor(ind('a', 1), 50)).toBe(5);
    expect(starsFor(ind('a', 1), 1000)).toBe(5);
  });
  it('lower is better: at or under the threshold', () => {
    const lower = ind('l', 1, { direction: 'lower', thresholds: [50, 40, 30, 20, 10] });
    expect(starsFor(lower, 51)).toBe(0);
    expect(starsFor(lower, 50)).toBe(1);
    expect(starsFor(lower, 25)).toBe(3);
    expect(starsFor(lower, 10)).toBe(5);
  });
  it('missing and non-finite values score 0', () => {
    expect(starsFor(ind('a', 1), null)).toBe(0);
    expect(starsFor(ind('a', 1), undefined)).toBe(0);
    expect(starsFor(ind('a', 1), Number.NaN)).toBe(0);
  });
  it('flags thresholds that run the wrong way', () => {
    expect(thresholdProblem(ind('a', 1))).toBeNull();
    expect(thresholdProblem(ind('a', 1, { thresholds: [10, 20, 15, 40, 50] }))).toMatch(/not decrease/);
    expect(thresholdProblem(ind('a', 1, { direction: 'lower' }))).toMatch(/not increase/);
  });
});

describe('rate: the 70% rule', () => {
  it('reaches N★ at exactly 70% of the base weight', () => {
    // 7 of 10 equal weights at 4★, 3 at 2★.
    const inds = Array.from({ length: 10 }, (_, k) => ind(`i${k}`, 0.1));
    const values = Object.fromEntries(inds.map((i, k) => [i.code, k < 7 ? 40 : 20]));
    const r = rate(inds, values, P());
    expect(r.explanation.shares[3]).toBeCloseTo(0.7);
    expect(r.level).toBe(4);
  });
  it('falls one level short just under 70%', () => {
    const inds = [ind('a', 69.99), ind('b', 30.01)];
    const r = rate(inds, { a: 40, b: 20 }, P());
    expect(r.level).toBe(2);
    expect(r.explanation.heldBack.map((h) => h.code)).toEqual(['b']);
    expect(r.explanation.text.zh).toContain('未达 3★');
  });
  it('uses the configured threshold', () => {
    const inds = [ind('a', 60), ind('b', 40)];
    expect(rate(inds, { a: 50, b: 10 }, P()).level).toBe(1);
    expect(rate(inds, { a: 50, b: 10 }, P({ threshold: 0.6 })).level).toBe(5);
  });
  it('splits 4★ into 基础型 and 成长型 at the configured ratio', () => {
    const inds = [ind('a', 75), ind('b', 25)];
    const basic = rate(inds, { a: 40, b: 10 }, P());
    expect([basic.level, basic.subGrade]).toEqual([4, 'basic']);
    const growth = rate([ind('a', 80), ind('b', 20)], { a: 40, b: 10 }, P());
    expect([growth.level, growth.subGrade]).toEqual([4, 'growth']);
    expect(rate(inds, { a: 40, b: 10 }, P({ subGradeSplit: 0.75 })).subGrade).toBe('growth');
    expect(rate(inds, { a: 30, b: 10 }, P()).subGrade).toBeNull();
  });
});

describe('rate: veto, bonus, missing, zero weights', () => {
  it('a veto indicator caps the level at its own stars', () => {
    const inds = [ind('a', 90), ind('v', 10, { veto: true })];
    const r = rate(inds, { a: 50, v: 20 }, P());
    expect(r.explanation.levelByWeight).toBe(5);
    expect(r.level).toBe(2);
    expect(r.explanation.vetoCaps).toEqual([{ code: 'v', stars: 2 }]);
    expect(r.explanation.text.en).toMatch(/cap the level at 2/);
  });
  it('a veto indicator at or above the level changes nothing', () => {
    expect(rate([ind('a', 90), ind('v', 10, { veto: true })], { a: 30, v: 50 }, P()).level).toBe(3);
  });
  it('bonus points are capped, count for the score, not the level, unless the policy says so', () => {
    const inds = [ind('a', 65), ind('b', 35), ind('x', 0, { bonusPoints: 8 }), ind('y', 0, { bonusPoints: 5 })];
    const values = { a: 30, b: 10, x: 10, y: 10 };
    const r = rate(inds, values, P());
    expect(r.bonus).toBe(10);
    expect(r.level).toBe(1);
    expect(r.explanation.text.zh).toContain('封顶');
    const counted = rate(inds, values, P({ bonusCountsForLevel: true }));
    expect(counted.level).toBe(3); // 65% + 10 points ≥ 70%
  });
  it('bonus items are not part of the base weight', () => {
    const r = rate([ind('a', 10), ind('x', 50, { bonusPoints: 3 })], { a: 50 }, P());
    expect(r.level).toBe(5);
    expect(r.explanation.missing).toEqual([]);
  });
  it('missing values score 0★ and are listed', () => {
    const r = rate([ind('a', 50), ind('b', 50)], { a: 50 }, P());
    expect(r.indicators.find((i) => i.code === 'b')).toMatchObject({ stars: 0, missing: true, value: null });
    expect(r.explanation.missing).toEqual(['b']);
    expect(r.level).toBe(0);
    expect(r.score).toBe(50);
  });
  it('zero total weight gives level 0 with a reason; zero-weight indicators do not count', () => {
    const r = rate([ind('a', 0)], { a: 50 }, P());
    expect(r.level).toBe(0);
    expect(r.explanation.text.en).toMatch(/no weight/);
    expect(rate([ind('a', 10), ind('z', 0)], { a: 50, z: 0 }, P()).level).toBe(5);
  });
  it('lower-is-better indicators rate correctly inside a catalogue', () => {
    const lower = ind('l', 80, { direction: 'lower', thresholds: [50, 40, 30, 20, 10] });
    expect(rate([lower, ind('h', 20)], { l: 18, h: 0 }, P()).level).toBe(4);
  });
  it('computes a ratio formula', () => {
    expect(valueOf({ kind: 'ratio', factor: 100 }, { numerator: 3, denominator: 4 })).toBe(75);
    expect(valueOf({ kind: 'ratio', factor: 100 }, { numerator: 3, denominator: 0 })).toBeNull();
    expect(valueOf({ kind: 'direct' }, { value: 7 })).toBe(7);
  });
});

describe('cheapest path to the next level (HiGHS)', () => {
  it('picks the cheapest cover, not the heaviest indicator', async () => {
    // At 2★ with 0% at 3★; 70 of 100 must reach 3★ (threshold 30).
    const inds = [ind('a', 30), ind('b', 35), ind('c', 35)];
    const values = { a: 20, b: 29, c: 29.5 };
    const r = rate(inds, values, P());
    expect(r.level).toBe(2);
    const gap = (await cheapestPath(inds, r, P()))!;
    expect(gap.feasible).toBe(true);
    expect(gap.target).toEqual({ level: 3, subGrade: null });
    expect(gap.improvements.map((i) => i.code).sort()).toEqual(['b', 'c']);
    const after = rate(inds, { ...values, ...Object.fromEntries(gap.improvements.map((i) => [i.code, i.to])) }, P());
    expect(after.level).toBe(3);
  });
  it('matches the exhaustive optimum on a mixed case', async () => {
    const inds = [
      ind('a', 40),
      ind('b', 35),
      ind('c', 30),
      ind('d', 5),
      ind('e', 12, { direction: 'lower', thresholds: [50, 40, 30, 20, 10] }),
    ];
    const values = { a: 20, b: 29, c: 29.5, d: 29.9, e: 33 };
    const r = rate(inds, values, P());
    const gap = (await cheapestPath(inds, r, P()))!;
    const cands = inds.map((i) => ({
      code: i.code,
      w: i.weight,
      c: liftCost(i, (values as Record<string, number>)[i.code]!, i.thresholds[2]!),
    }));
    let best = Infinity;
    for (let m = 1; m < 1 << cands.length; m++) {
      const pick = cands.filter((_, k) => m & (1 << k));
      if (pick.reduce((s, p) => s + p.w, 0) >= 0.7 * 122 - 1e-9)
        best = Math.min(
          best,
          pick.reduce((s, p) => s + p.c, 0),
        );
    }
    expect(gap.totalCost).toBeCloseTo(best, 3);
  });
  it('forces veto indicators below the target into the path', async () => {
    const inds = [ind('a', 90), ind('v', 10, { veto: true })];
    const r = rate(inds, { a: 50, v: 10 }, P());
    expect(r.level).toBe(1);
    const gap = (await cheapestPath(inds, r, P()))!;
    expect(gap.improvements.map((i) => i.code)).toEqual(['v']);
    expect(gap.improvements[0]!.to).toBe(20);
  });
  it('aims for 成长型 from 4★ 基础型 and reports nothing above 5★', async () => {
    const inds = [ind('a', 75), ind('b', 25)];
    const r = rate(inds, { a: 40, b: 10 }, P());
    expect(nextTarget(r, P())).toEqual({ level: 4, subGrade: 'growth' });
    const gap = (await cheapestPath(inds, r, P()))!;
    expect(gap.improvements.map((i) => i.code)).toEqual(['b']);
    const top = rate(inds, { a: 50, b: 50 }, P());
    expect(await cheapestPath(inds, top, P())).toBeNull();
  });
  it('is infeasible when not enough weight exists below the target', async () => {
    const inds = [ind('a', 10)];
    const r = rate(inds, { a: 50 }, P({ threshold: 1 }));
    expect(r.level).toBe(5);
    const zero = rate([ind('z', 0)], {}, P());
    expect((await cheapestPath([ind('z', 0)], zero, P()))!.feasible).toBe(false);
  });
  it('costs a missing value more than any present one', () => {
    expect(liftCost(ind('a', 1), null, 30)).toBeGreaterThan(liftCost(ind('a', 1), 0, 30));
    expect(liftCost(ind('l', 1, { direction: 'lower', thresholds: [50, 40, 30, 20, 10] }), 35, 30)).toBeCloseTo(5 / 40);
  });
});
