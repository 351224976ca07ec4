/**
 * The board's arithmetic (动态打榜), pure and explainable. A case's score (0–100) is a weighted mean of four
 * components, each in [0, 1]:
 *
 * - expert review: a Bayesian average of the drawn experts' totals, pulled toward the round's mean with the weight
 *   of `priorReviews` reviews, so one enthusiastic expert does not put a case on top (IMDb's weighted rating);
 * - public votes: the Wilson score lower bound of the approval share at 95 %, so 9 of 10 ranks below 900 of 1,000
 *   (Evan Miller, "How not to sort by average rating");
 * - verified replications: 1 − e^(−r/3), each further adoption adding less;
 * - usage growth since the last round: the relative change of monthly use, clipped to ±100 %, mapped to [0, 1].
 *
 * Every score carries an interval (the components' 95 % bounds combined with the same weights) and a comparison
 * with the case ranked next below it.
 */

export interface Weights {
  expert: number;
  votes: number;
  replication: number;
  growth: number;
}
export type Component = keyof Weights;
export const COMPONENTS: Component[] = ['expert', 'votes', 'replication', 'growth'];

export interface CaseTally {
  caseId: string;
  /** Expert totals (0–100) of this round's reviews of the case. */
  reviewCount: number;
  reviewSum: number;
  votesUp: number;
  votesTotal: number;
  replications: number;
  monthlyUsage: number;
  /** Monthly use when the previous round closed; null: not on the board then (growth neutral). */
  previousUsage: number | null;
}

export interface RoundPrior {
  /** Mean expert total over every review in the round (0–100). */
  meanReview: number;
  /** Standard deviation of the review totals (for the interval). */
  sdReview: number;
  /** How many reviews' worth of weight the round mean carries. */
  priorReviews: number;
}

export interface Scored {
  caseId: string;
  score: number;
  low: number;
  high: number;
  /** Each component's value in [0, 1] and its contribution to the score in points. */
  components: Record<Component, { value: number; points: number }>;
  /** How much evidence stands behind it (reviews + votes), the tie-break for display order only. */
  evidence: number;
}

const Z = 1.959963984540054;

/** Wilson score interval of `up` successes in `n` trials; [0, 0] without trials. */
export function wilson(up: number, n: number, z = Z): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 0 };
  const p = up / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - spread) / denom), high: Math.min(1, (centre + spread) / denom) };
}

/** The Bayesian average: (C·m + Σx) / (C + n). */
export function bayesianAverage(sum: number, n: number, prior: RoundPrior): number {
  return (prior.priorReviews * prior.meanReview + sum) / (prior.priorReviews + n);
}

export function replicationValue(r: number): number {
  return 1 - Math.exp(-Math.max(0, r) / 3);
}

export function growthValue(now: number, before: number | null): number {
  if (before === null) return 0.5;
  const g = (now - before) / Math.max(before, 1);
  return (Math.max(-1, Math.min(1, g)) + 1) / 2;
}

/** The round's prior from every review total in it. */
export function roundPrior(totals: { sum: number; sumSq: number; n: number }, priorReviews = 3): RoundPrior {
  if (totals.n === 0) return { meanReview: 60, sdReview: 15, priorReviews };
  const mean = totals.sum / totals.n;
  const variance = Math.max(0, totals.sumSq / totals.n - mean * mean);
  return { meanReview: mean, sdReview: Math.sqrt(variance) || 15, priorReviews };
}

export function scoreCase(t: CaseTally, w: Weights, prior: RoundPrior): Scored {
  const wsum = COMPONENTS.reduce((s, c) => s + w[c], 0) || 1;
  const expertMean = bayesianAverage(t.reviewSum, t.reviewCount, prior);
  const expertSe = prior.sdReview / Math.sqrt(prior.priorReviews + t.reviewCount);
  const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
  const v = wilson(t.votesUp, t.votesTotal);
  const values: Record<Component, { value: number; low: number; high: number }> = {
    expert: {
      value: expertMean / 100,
      low: clamp01((expertMean - Z * expertSe) / 100),
      high: clamp01((expertMean + Z * expertSe) / 100),
    },
    votes: { value: v.low, low: v.low, high: v.high },
    replication: { value: replicationValue(t.replications), low: 0, high: 0 },
    growth: { value: growthValue(t.monthlyUsage, t.previousUsage), low: 0, high: 0 },
  };
  values.replication.low = values.replication.high = values.replication.value;
  values.growth.low = values.growth.high = values.growth.value;
  const pts = (c: Component, x: number) => (100 * w[c] * x) / wsum;
  const components = Object.fromEntries(
    COMPONENTS.map((c) => [c, { value: round4(values[c].value), points: round4(pts(c, values[c].value)) }]),
  ) as Scored['components'];
  return {
    caseId: t.caseId,
    score: round4(COMPONENTS.reduce((s, c) => s + pts(c, values[c].value), 0)),
    low: round4(COMPONENTS.reduce((s, c) => s + pts(c, values[c].low), 0)),
    high: round4(COMPONENTS.reduce((s, c) => s + pts(c, values[c].high), 0)),
    components,
    evidence: t.reviewCount + t.votesTotal,
  };
}

/** Scores are compared at four decimals: closer than that is a tie, not a ranking. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Standard competition ranking (1, 2, 2, 4): equal scores share a rank. Display order within a tie: more
 * evidence first, then id, so the order is stable without pretending one tied case is better.
 */
export function rank<T extends { score: number; evidence: number; caseId: string }>(
  items: T[],
): (T & { rank: number })[] {
  const sorted = [...items].sort(
    (a, b) => b.score - a.score || b.evidence - a.evidence || a.caseId.localeCompare(b.caseId),
  );
  let last = Number.NaN;
  let lastRank = 0;
  return sorted.map((s, i) => {
    if (s.score !== last) lastRank = i + 1;
    last = s.score;
    return { ...s, rank: lastRank };
  });
}

export interface Why {
  /** Points above the neighbour (0 for a tie). */
  margin: number;
  /** Components by how much more (or less) they gave than the neighbour's, largest first. */
  differences: { component: Component; points: number }[];
  tie: boolean;
}

/** Why `a` stands above `b` (its neighbour below): the components that make the difference. */
export function whyAbove(a: Scored, b: Scored): Why {
  const differences = COMPONENTS.map((c) => ({
    component: c,
    points: round4(a.components[c].points - b.components[c].points),
  }))
    .filter((d) => d.points !== 0)
    .sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
  const margin = round4(a.score - b.score);
  return { margin, differences, tie: margin === 0 };
}

/** Movement since the last round: positive moved up. Null when the case was not ranked then. */
export function movement(previousRank: number | null, rankNow: number): number | null {
  return previousRank === null ? null : previousRank - rankNow;
}

export const DEFAULT_WEIGHTS: Weights = { expert: 0.5, votes: 0.25, replication: 0.15, growth: 0.1 };
