import { describe, expect, it } from 'vitest';
import {
  bayesianAverage,
  DEFAULT_WEIGHTS,
  growthValue,
  movement,
  rank,
  roundPrior,
  scoreCase,
  whyAbove,
  wilson,
  type CaseTally,
} from './board.ts';
import { classifyStream, DEFAULT_POLICY, holdReason, isFresh, type VoteSignal } from './brigading.ts';

const tally = (caseId: string, o: Partial<CaseTally> = {}): CaseTally => ({
  caseId,
  reviewCount: 0,
  reviewSum: 0,
  votesUp: 0,
  votesTotal: 0,
  replications: 0,
  monthlyUsage: 100,
  previousUsage: 100,
  ...o,
});
const prior = { meanReview: 70, sdReview: 10, priorReviews: 3 };

describe('Wilson lower bound', () => {
  it('matches the published values and ranks 900/1000 above 9/10', () => {
    expect(wilson(9, 10).low).toBeCloseTo(0.5958, 4);
    expect(wilson(900, 1000).low).toBeCloseTo(0.8798, 3);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 0 });
    expect(wilson(5, 5).high).toBe(1);
  });
});

describe('expert shrinkage', () => {
  it('pulls a case with one review toward the round mean, less so with many', () => {
    expect(bayesianAverage(100, 1, prior)).toBeCloseTo(77.5, 6);
    expect(bayesianAverage(100 * 30, 30, prior)).toBeCloseTo(97.27, 2);
    expect(bayesianAverage(0, 0, prior)).toBe(70);
  });

  it('ranks one perfect review below many very good ones', () => {
    const lucky = scoreCase(tally('a', { reviewCount: 1, reviewSum: 100 }), DEFAULT_WEIGHTS, prior);
    const solid = scoreCase(tally('b', { reviewCount: 8, reviewSum: 8 * 92 }), DEFAULT_WEIGHTS, prior);
    expect(solid.score).toBeGreaterThan(lucky.score);
    // More reviews, narrower interval.
    expect(solid.high - solid.low).toBeLessThan(lucky.high - lucky.low);
  });

  it('takes the round prior from the review totals', () => {
    const p = roundPrior({ sum: 60 + 80, sumSq: 3600 + 6400, n: 2 });
    expect(p.meanReview).toBe(70);
    expect(p.sdReview).toBe(10);
  });
});

describe('scores and ranks', () => {
  it('explains the score: components add up to it, and the interval contains it', () => {
    const s = scoreCase(
      tally('a', { reviewCount: 3, reviewSum: 240, votesUp: 80, votesTotal: 100, replications: 3, monthlyUsage: 150 }),
      DEFAULT_WEIGHTS,
      prior,
    );
    const sum = Object.values(s.components).reduce((x, c) => x + c.points, 0);
    expect(sum).toBeCloseTo(s.score, 3);
    expect(s.low).toBeLessThanOrEqual(s.score);
    expect(s.high).toBeGreaterThanOrEqual(s.score);
    expect(s.components.growth.value).toBeCloseTo(0.75, 6);
    expect(growthValue(10, null)).toBe(0.5);
  });

  it('gives tied scores the same rank and the next one the rank after both', () => {
    const a = scoreCase(tally('a', { votesUp: 10, votesTotal: 10 }), DEFAULT_WEIGHTS, prior);
    const b = { ...a, caseId: 'b', evidence: 50 };
    const c = scoreCase(tally('c'), DEFAULT_WEIGHTS, prior);
    const ranked = rank([c, a, b]);
    expect(ranked.map((r) => [r.caseId, r.rank])).toEqual([
      ['b', 1],
      ['a', 1],
      ['c', 3],
    ]);
    expect(whyAbove(ranked[0]!, ranked[1]!)).toMatchObject({ tie: true, margin: 0 });
  });

  it('says why a case stands above its neighbour', () => {
    const a = scoreCase(
      tally('a', { reviewCount: 5, reviewSum: 450, votesUp: 50, votesTotal: 60 }),
      DEFAULT_WEIGHTS,
      prior,
    );
    const b = scoreCase(
      tally('b', { reviewCount: 5, reviewSum: 350, votesUp: 55, votesTotal: 60 }),
      DEFAULT_WEIGHTS,
      prior,
    );
    const why = whyAbove(a, b);
    expect(why.margin).toBeGreaterThan(0);
    expect(why.differences[0]!.component).toBe('expert');
    expect(why.differences.find((d) => d.component === 'votes')!.points).toBeLessThan(0);
    expect(movement(5, 2)).toBe(3);
    expect(movement(null, 2)).toBeNull();
  });
});

describe('a brigading burst', () => {
  const minute = 60_000;
  const organic = (caseId: string, n: number, upEvery: number, t0: number): (VoteSignal & { up: boolean })[] =>
    Array.from({ length: n }, (_, i) => ({
      caseId,
      network: `net-${caseId}-${i % 97}`,
      device: `dev-${caseId}-${i}`,
      at: t0 + i * 5 * minute,
      deviceFirstSeen: t0 - 86_400_000,
      deviceOtherCases: 2,
      up: i % upEvery !== 0,
    }));

  it('holds fresh single-case devices past the limit, but not devices with a verified phone', () => {
    const t0 = Date.UTC(2026, 10, 1);
    const votes = (verified: boolean): VoteSignal[] =>
      Array.from({ length: 40 }, (_, i) => ({
        caseId: 'c',
        network: `net-${i}`,
        device: `new-${i}`,
        at: t0 + i * 1000,
        deviceFirstSeen: t0 + i * 1000 - 5_000,
        deviceOtherCases: 0,
        verified,
      }));
    expect(classifyStream(votes(false), DEFAULT_POLICY).counted.filter(Boolean)).toHaveLength(0);
    expect(classifyStream(votes(true), DEFAULT_POLICY).counted.every(Boolean)).toBe(true);
  });

  it('does not move a rank: 300 fresh devices from one network are held, not counted', () => {
    const t0 = Date.UTC(2026, 10, 1);
    const stream = [...organic('a', 200, 10, t0), ...organic('b', 200, 4, t0)];
    const burstAt = t0 + 100 * 5 * minute;
    const burst = Array.from({ length: 300 }, (_, i) => ({
      caseId: 'b',
      network: 'net-brigade',
      device: `fresh-${i}`,
      at: burstAt + i * 1000,
      deviceFirstSeen: burstAt + i * 1000 - 30_000,
      deviceOtherCases: 0,
      up: true,
    }));
    const score = (votes: (VoteSignal & { up: boolean })[]) => {
      const { counted } = classifyStream(votes, DEFAULT_POLICY);
      const by = (id: string) => {
        const mine = votes.filter((v, i) => v.caseId === id && counted[i]);
        return tally(id, {
          reviewCount: 3,
          reviewSum: 210,
          votesUp: mine.filter((v) => v.up).length,
          votesTotal: mine.length,
        });
      };
      return rank(['a', 'b'].map((id) => scoreCase(by(id), DEFAULT_WEIGHTS, prior))).map((r) => [
        r.caseId,
        r.rank,
        r.score,
      ]);
    };
    const before = score(stream);
    const after = score([...stream, ...burst].sort((x, y) => x.at - y.at));
    expect(before[0]![0]).toBe('a');
    expect(after).toEqual(before);
    const { reasons } = classifyStream([...stream, ...burst].sort((x, y) => x.at - y.at));
    expect(reasons.filter((r) => r !== null).length).toBeGreaterThanOrEqual(300);
    // Organic votes are untouched.
    expect(classifyStream(stream).counted.every(Boolean)).toBe(true);
  });

  it('classifies a stream in one pass exactly as the rule read vote by vote does (random streams)', () => {
    // The rule as written down: for each vote, the same case's votes up to it within the window.
    const naive = (votes: VoteSignal[], p = DEFAULT_POLICY) => {
      const win = p.windowMinutes * 60_000;
      const reasons: (string | null)[] = votes.map(() => null);
      votes.forEach((v, i) => {
        const idx = [...Array(i + 1).keys()].filter(
          (j) => votes[j]!.caseId === v.caseId && v.at - votes[j]!.at < win && votes[j]!.at <= v.at,
        );
        const net = idx.filter((j) => votes[j]!.network === v.network);
        const fresh = idx.filter((j) => isFresh(votes[j]!, p));
        const r = holdReason({ sameNetwork: net.length, freshSingleCase: fresh.length }, p);
        if (r === 'network_burst') for (const j of net) reasons[j] ??= r;
        if (r === 'fresh_devices') for (const j of fresh) reasons[j] ??= r;
      });
      return reasons;
    };
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const policy = { windowMinutes: 2, perNetwork: 4, freshMinutes: 1, freshPerCase: 5 };
    const seen = new Set<string | null>();
    for (let round = 0; round < 40; round++) {
      let at = Date.UTC(2026, 10, 1);
      const votes: VoteSignal[] = Array.from({ length: 150 }, (_, i) => {
        at += Math.floor(rnd() * 20_000);
        return {
          caseId: `c${Math.floor(rnd() * 3)}`,
          network: `n${Math.floor(rnd() * 4)}`,
          device: `d${i}`,
          at,
          deviceFirstSeen: at - Math.floor(rnd() * 120_000),
          deviceOtherCases: rnd() < 0.5 ? 0 : 1,
        };
      });
      const expected = naive(votes, policy);
      expected.forEach((r) => seen.add(r));
      expect(classifyStream(votes, policy).reasons).toEqual(expected);
    }
    // The streams exercise both kinds of burst and plain votes.
    expect([...seen].sort()).toEqual(['fresh_devices', 'network_burst', null].sort());
  });
});
