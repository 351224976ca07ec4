import highsLoader from 'highs';
import type { GapToNext, StarImprovement, StarRating, RatingPolicy, SubGrade } from '@zhicheng/contracts/assessment';
import { isBonus, type RuleIndicator } from './rating.ts';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | null = null;
/** HiGHS is WASM; load it once per process. */
const loadHighs = () => (highsPromise ??= highsLoader());

/** The next step up from a rating: the sub-grade 成长型 at the sub-grade level, otherwise the next star. */
export function nextTarget(
  r: Pick<StarRating, 'level' | 'subGrade'>,
  policy: RatingPolicy,
): { level: number; subGrade: SubGrade | null } | null {
  if (r.level === policy.subGradeLevel && r.subGrade === 'basic') return { level: r.level, subGrade: 'growth' };
  if (r.level >= 5) return null;
  const level = r.level + 1;
  return { level, subGrade: level === policy.subGradeLevel ? 'basic' : null };
}

/**
 * Cost of lifting an indicator to a threshold: the distance as a share of its 1★–5★ span, so indicators in different
 * units compare. A missing value costs a full span more: the data must first be collected.
 */
export function liftCost(ind: RuleIndicator, value: number | null, target: number): number {
  const span = Math.abs(ind.thresholds[4]! - ind.thresholds[0]!) || Math.abs(target) || 1;
  if (value === null) return 1 + Math.abs(target - ind.thresholds[0]!) / span;
  const gap = ind.direction === 'lower' ? value - target : target - value;
  return Math.max(0, gap) / span;
}

/** A chosen level as a target: 基础型 at the sub-grade level (the lower bar), otherwise the level alone. */
export const levelTarget = (level: number, policy: RatingPolicy): { level: number; subGrade: SubGrade | null } => ({
  level,
  subGrade: level === policy.subGradeLevel ? 'basic' : null,
});

/**
 * The cheapest set of indicator improvements reaching the target (by default the next step up), as a 0/1 knapsack
 * cover solved by HiGHS: minimise Σ cost·x subject to Σ weight·x ≥ the missing weight, x = 1 for every veto
 * indicator below the target. Null when there is no step up.
 */
export async function cheapestPath(
  indicators: readonly RuleIndicator[],
  rating: StarRating,
  policy: RatingPolicy,
  target = nextTarget(rating, policy),
): Promise<GapToNext | null> {
  if (!target) return null;
  const L = target.level;
  const base = indicators.filter((i) => !isBonus(i));
  const W = base.reduce((s, i) => s + Math.max(0, i.weight), 0);
  const outcome = new Map(rating.indicators.map((o) => [o.code, o]));
  const bar = target.subGrade === 'growth' ? policy.subGradeSplit : policy.threshold;
  const extra = policy.bonusCountsForLevel ? rating.bonus / 100 : 0;
  const achieved = base.reduce((s, i) => s + (outcome.get(i.code)!.stars >= L ? Math.max(0, i.weight) : 0), 0);
  const need = Math.max(0, (bar - extra) * W - achieved);

  const candidates = base
    .filter((i) => outcome.get(i.code)!.stars < L && (i.weight > 0 || i.veto))
    .map((i) => {
      const o = outcome.get(i.code)!;
      const to = i.thresholds[L - 1]!;
      return { ind: i, from: o.value, fromStars: o.stars, to, cost: liftCost(i, o.value, to) };
    });
  const forced = candidates.filter((c) => c.ind.veto);
  const available = candidates.reduce((s, c) => s + Math.max(0, c.ind.weight), 0);
  if (W <= 0 || available + 1e-9 < need) {
    return { target, feasible: false, totalCost: 0, improvements: [], solver: 'highs' };
  }
  if (!candidates.length || (need <= 1e-9 && !forced.length)) {
    return { target, feasible: true, totalCost: 0, improvements: [], solver: 'highs' };
  }

  const name = (k: number) => `x${k}`;
  const fmt = (x: number) => (Math.round(x * 1e8) / 1e8).toString();
  // Costs get a tiny weight tie-break so that, among equal costs, fewer indicators are touched.
  const obj = candidates.map((c, k) => `${fmt(c.cost + 1e-6)} ${name(k)}`).join(' + ');
  const cover = candidates.map((c, k) => `${fmt(Math.max(0, c.ind.weight))} ${name(k)}`).join(' + ');
  const lp = [
    'Minimize',
    ` obj: ${obj}`,
    'Subject To',
    ` cover: ${cover} >= ${fmt(need - 1e-9 > 0 ? need - 1e-9 : 0)}`,
    'Bounds',
    ...candidates.map((c, k) => (c.ind.veto ? ` 1 <= ${name(k)} <= 1` : ` 0 <= ${name(k)} <= 1`)),
    'Binary',
    ` ${candidates.map((_, k) => name(k)).join(' ')}`,
    'End',
  ].join('\n');
  const highs = await loadHighs();
  const sol = highs.solve(lp);
  if (sol.Status !== 'Optimal')
    return { target, feasible: false, totalCost: 0, improvements: [], solver: `highs:${sol.Status}` };
  const improvements: StarImprovement[] = [];
  candidates.forEach((c, k) => {
    const col = (sol.Columns as Record<string, { Primal: number }>)[name(k)];
    if (col && col.Primal > 0.5) {
      improvements.push({
        code: c.ind.code,
        from: c.from,
        to: c.to,
        fromStars: c.fromStars,
        toStars: L,
        weight: c.ind.weight,
        cost: Math.round(c.cost * 10000) / 10000,
      });
    }
  });
  improvements.sort((a, b) => a.cost - b.cost || a.code.localeCompare(b.code));
  return {
    target,
    feasible: true,
    totalCost: Math.round(improvements.reduce((s, i) => s + i.cost, 0) * 10000) / 10000,
    improvements,
    solver: 'highs',
  };
}
