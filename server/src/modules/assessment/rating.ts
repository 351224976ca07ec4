import type { IndicatorDirection, StarRating, RatingPolicy, SubGrade } from '@zhicheng/contracts/assessment';

/** What the rule needs of an indicator; catalogue indicators and inline simulator indicators both fit. */
export interface RuleIndicator {
  code: string;
  weight: number;
  direction: IndicatorDirection;
  thresholds: readonly number[];
  veto?: boolean;
  bonusPoints?: number | null;
}

/** Shares are compared with a tolerance so that exactly 70% made of decimal weights still counts as 70%. */
export const EPS = 1e-9;

/** Stars an indicator earns for a value: the highest N whose threshold the value meets; 0 when none or missing. */
export function starsFor(
  ind: Pick<RuleIndicator, 'direction' | 'thresholds'>,
  value: number | null | undefined,
): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  let stars = 0;
  const t = ind.thresholds;
  if (ind.direction === 'lower') {
    while (stars < 5 && value <= t[stars]! + EPS) stars++;
  } else {
    while (stars < 5 && value >= t[stars]! - EPS) stars++;
  }
  return stars;
}

export const isBonus = (i: RuleIndicator) => i.bonusPoints !== null && i.bonusPoints !== undefined && i.bonusPoints > 0;

/** StarThresholds must be monotone in the indicator's direction; returns a message or null. */
export function thresholdProblem(ind: Pick<RuleIndicator, 'direction' | 'thresholds'>): string | null {
  if (ind.thresholds.length !== 5) return 'five thresholds (1★–5★) are required';
  for (let i = 1; i < 5; i++) {
    const a = ind.thresholds[i - 1]!;
    const b = ind.thresholds[i]!;
    if (ind.direction === 'higher' ? b < a : b > a)
      return `thresholds must ${ind.direction === 'higher' ? 'not decrease' : 'not increase'} from 1★ to 5★`;
  }
  return null;
}

/** The level a set of shares reaches: the highest N whose share (plus any bonus that counts) meets the threshold. */
export function levelFromShares(shares: readonly number[], threshold: number, extra = 0): number {
  let level = 0;
  for (let n = 1; n <= 5; n++) if (shares[n - 1]! + extra >= threshold - EPS) level = n;
  return level;
}

/**
 * The rating rule (see facts.md): N★ when base indicators achieving ≥ N★ carry ≥ `threshold` of the base weight;
 * veto indicators cap the level at their own stars; at the sub-grade level, 成长型 when the share reaches the split;
 * bonus points (capped) count for the score and ranking, and for the level only when the policy says so; a
 * missing value earns 0★ and is listed. Pure: same input, same result.
 */
export function rate(
  indicators: readonly RuleIndicator[],
  values: Readonly<Record<string, number | null | undefined>>,
  policy: RatingPolicy,
  opts: { text?: boolean; valueAt?: (k: number) => number | null | undefined } = {},
): StarRating {
  // One pass over the indicators; this runs 30,000 times in a national recompute.
  const n = indicators.length;
  const outcomes: StarRating['indicators'] = new Array(n);
  const achieved = [0, 0, 0, 0, 0];
  let totalWeight = 0;
  let weightedStars = 0;
  let rawBonus = 0;
  const missing: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = indicators[k]!;
    const v = opts.valueAt ? opts.valueAt(k) : values[i.code];
    const isMissing = v === null || v === undefined || !Number.isFinite(v);
    const stars = starsFor(i, v);
    outcomes[k] = {
      code: i.code,
      stars,
      value: isMissing ? null : (v as number),
      weight: i.weight,
      missing: isMissing,
    };
    if (isBonus(i)) {
      if (stars >= 1) rawBonus += i.bonusPoints!;
      continue;
    }
    const w = Math.max(0, i.weight);
    totalWeight += w;
    weightedStars += w * stars;
    for (let s = 0; s < stars; s++) achieved[s]! += w;
    if (isMissing) missing.push(i.code);
  }
  const shares = achieved.map((a) => (totalWeight > 0 ? a / totalWeight : 0));
  const bonus = Math.min(policy.bonusCap, rawBonus);
  const extra = policy.bonusCountsForLevel ? bonus / 100 : 0;

  const levelByWeight = levelFromShares(shares, policy.threshold, extra);
  const vetoCaps: { code: string; stars: number }[] = [];
  for (let k = 0; k < n; k++) {
    const i = indicators[k]!;
    if (i.veto && !isBonus(i) && outcomes[k]!.stars < levelByWeight)
      vetoCaps.push({ code: i.code, stars: outcomes[k]!.stars });
  }
  const level = vetoCaps.reduce((l, v) => Math.min(l, v.stars), levelByWeight);

  let subGrade: SubGrade | null = null;
  if (level === policy.subGradeLevel)
    subGrade = shares[level - 1]! + extra >= policy.subGradeSplit - EPS ? 'growth' : 'basic';

  const score = totalWeight > 0 ? round2((100 * weightedStars) / (5 * totalWeight)) : 0;
  const next = Math.min(5, level + 1);
  const heldBack: { code: string; stars: number; weight: number }[] = [];
  if (level < 5) {
    // Walk the indicators heaviest first (order computed once per catalogue) instead of sorting per region.
    for (const k of heaviestFirst(indicators)) {
      const i = indicators[k]!;
      if (outcomes[k]!.stars < next) heldBack.push({ code: i.code, stars: outcomes[k]!.stars, weight: i.weight });
    }
  }
  const explanation = {
    shares: shares.map(round4),
    levelByWeight,
    vetoCaps,
    missing,
    heldBack,
    text: { zh: '', en: '' },
  };
  const rating: StarRating = { level, subGrade, score, bonus, indicators: outcomes, explanation };
  if (opts.text !== false) explanation.text = explainText(rating, policy, totalWeight, rawBonus);
  return rating;
}

const ORDER = new WeakMap<readonly RuleIndicator[], number[]>();
/** Indexes of the weighted base indicators, heaviest first, ties by code. */
function heaviestFirst(indicators: readonly RuleIndicator[]): number[] {
  let order = ORDER.get(indicators);
  if (!order) {
    order = indicators.map((_, k) => k).filter((k) => !isBonus(indicators[k]!) && indicators[k]!.weight > 0);
    order.sort(
      (a, b) => indicators[b]!.weight - indicators[a]!.weight || (indicators[a]!.code < indicators[b]!.code ? -1 : 1),
    );
    ORDER.set(indicators, order);
  }
  return order;
}

/** The explanation in words, both languages. Separate so bulk recomputes can skip it and reads can rebuild it. */
export function explainText(
  r: Pick<StarRating, 'level' | 'subGrade' | 'bonus' | 'explanation'>,
  policy: RatingPolicy,
  totalWeight = 1,
  rawBonus = r.bonus,
): { zh: string; en: string } {
  const { shares, levelByWeight, vetoCaps, missing, heldBack } = r.explanation;
  const { level, subGrade, bonus } = r;
  const next = Math.min(5, level + 1);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const zh: string[] = [];
  const en: string[] = [];
  if (totalWeight === 0) {
    zh.push('基础指标权重合计为 0,无法定级');
    en.push('The base indicators carry no weight; no level can be given');
  } else {
    zh.push(
      `达到各星级的权重占比:${shares.map((s, i) => `${i + 1}★ ${pct(s)}`).join(',')};达标线 ${pct(policy.threshold)}`,
    );
    en.push(
      `Weight share achieving each level: ${shares.map((s, i) => `${i + 1}★ ${pct(s)}`).join(', ')}; the bar is ${pct(policy.threshold)}`,
    );
    zh.push(`按权重达到 ${levelByWeight}★`);
    en.push(`By weight the region reaches ${levelByWeight}★`);
  }
  if (vetoCaps.length) {
    zh.push(`一票否决指标 ${vetoCaps.map((v) => `${v.code}(${v.stars}★)`).join('、')} 将等级限制为 ${level}★`);
    en.push(`Veto indicators ${vetoCaps.map((v) => `${v.code} (${v.stars}★)`).join(', ')} cap the level at ${level}★`);
  }
  if (subGrade) {
    zh.push(
      `${level}★ 权重占比 ${pct(shares[level - 1]!)},${subGrade === 'growth' ? '达到' : '未达到'}成长型分界 ${pct(policy.subGradeSplit)}`,
    );
    en.push(
      `${level}★ share ${pct(shares[level - 1]!)} ${subGrade === 'growth' ? 'meets' : 'is below'} the growth split ${pct(policy.subGradeSplit)}`,
    );
  }
  if (bonus > 0) {
    zh.push(
      `加分 ${bonus}${rawBonus > bonus ? `(封顶,原 ${rawBonus})` : ''}${policy.bonusCountsForLevel ? ',计入定级' : ',仅计入排名'}`,
    );
    en.push(
      `Bonus ${bonus}${rawBonus > bonus ? ` (capped from ${rawBonus})` : ''}${policy.bonusCountsForLevel ? ', counted for the level' : ', counted for ranking only'}`,
    );
  }
  if (missing.length) {
    zh.push(`缺失数据按 0★ 计:${missing.join('、')}`);
    en.push(`Missing values count as 0★: ${missing.join(', ')}`);
  }
  if (heldBack.length && level < 5) {
    zh.push(
      `未达 ${next}★ 的主要指标:${heldBack
        .slice(0, 5)
        .map((h) => h.code)
        .join('、')}`,
    );
    en.push(
      `Main indicators below ${next}★: ${heldBack
        .slice(0, 5)
        .map((h) => h.code)
        .join(', ')}`,
    );
  }
  return { zh: zh.join(';'), en: en.join('; ') };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Value from a form entry: a direct value, or numerator ÷ denominator × factor. */
export function valueOf(
  formula: { kind: 'direct' } | { kind: 'ratio'; factor: number },
  v: { value?: number | null; numerator?: number | null; denominator?: number | null } | undefined,
): number | null {
  if (!v) return null;
  if (formula.kind === 'ratio' && v.numerator !== null && v.numerator !== undefined && v.denominator) {
    return round4((v.numerator / v.denominator) * formula.factor);
  }
  return v.value ?? null;
}
