import type { Indicator, IndicatorValue, IndicatorValues, RatingPolicy } from '@zhicheng/contracts/assessment';
import { thresholdProblem, valueOf } from './rating.ts';

/** Pure checks of catalogues and of the values a region files. The service turns the first problem into a 400. */

export interface FieldProblem {
  path: string;
  zh: string;
  en: string;
}

/** Problems of a whole catalogue, by indicator index: duplicate codes, non-monotone thresholds, unknown parents. */
export function catalogueProblems(
  indicators: readonly Pick<Indicator, 'code' | 'direction' | 'thresholds' | 'parentCode'>[],
): { index: number; field: string; message: string }[] {
  const out: { index: number; field: string; message: string }[] = [];
  const seen = new Set<string>();
  indicators.forEach((i, index) => {
    if (seen.has(i.code)) out.push({ index, field: 'code', message: `duplicate code ${i.code}` });
    seen.add(i.code);
    const t = thresholdProblem(i);
    if (t) out.push({ index, field: 'thresholds', message: t });
    if (i.parentCode && !indicators.some((p) => p.code === i.parentCode))
      out.push({ index, field: 'parentCode', message: `unknown parent ${i.parentCode}` });
  });
  return out;
}

/**
 * Problems of values as they are typed or imported: an indicator the catalogue does not have, a zero denominator,
 * a value outside the indicator's plausible range. Empty when all is well.
 */
export function valueProblems(indicators: readonly Indicator[], values: Readonly<IndicatorValues>): FieldProblem[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const out: FieldProblem[] = [];
  for (const [code, v] of Object.entries(values)) {
    const ind = byCode.get(code);
    if (!ind) {
      out.push({ path: `values.${code}`, zh: '指标不在本活动的指标体系中', en: 'not an indicator of this campaign' });
      continue;
    }
    if (v.denominator === 0) {
      out.push({ path: `values.${code}.denominator`, zh: '分母不能为 0', en: 'denominator must not be 0' });
      continue;
    }
    const x = valueOf(ind.formula, v);
    if (x === null) continue;
    if (ind.min !== null && x < ind.min)
      out.push({ path: `values.${code}.value`, zh: `不能小于 ${ind.min}`, en: `must be at least ${ind.min}` });
    else if (ind.max !== null && x > ind.max)
      out.push({ path: `values.${code}.value`, zh: `不能大于 ${ind.max}`, en: `must be at most ${ind.max}` });
  }
  return out;
}

/**
 * Merges typed values into the stored ones: a value cleared entirely (no value, no numerator, no explanation)
 * removes the indicator; anything else updates it field by field.
 */
export function mergeValues(stored: Readonly<IndicatorValues>, typed: Readonly<IndicatorValues>): IndicatorValues {
  const merged: IndicatorValues = { ...stored };
  for (const [k, v] of Object.entries(typed)) {
    if (v.value === null && v.numerator === null && !v.explanation) delete merged[k];
    else merged[k] = { ...merged[k], ...v };
  }
  return merged;
}

/** Values in catalogue order, as numbers (the submission's value_array column). */
export const orderedValues = (indicators: readonly Indicator[], values: Readonly<IndicatorValues>) =>
  indicators.map((i) => valueOf(i.formula, values[i.code]));

/** Values by code, as numbers (what the rating rule reads). */
export function numericValues(
  indicators: readonly Indicator[],
  values: Readonly<IndicatorValues>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const i of indicators) out[i.code] = valueOf(i.formula, values[i.code]);
  return out;
}

/**
 * What submitting refuses, every problem at once: a value out of range, required evidence missing, and a change
 * from last year above the policy's limit without a written explanation.
 */
export function submissionProblems(
  catalogue: { indicators: readonly Indicator[]; policy: RatingPolicy },
  values: Readonly<IndicatorValues>,
  evidenceFor: ReadonlySet<string>,
  lastYear: Readonly<IndicatorValues>,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const limit = catalogue.policy.yoyJumpPct;
  for (const ind of catalogue.indicators) {
    const v: IndicatorValue | undefined = values[ind.code];
    const x = valueOf(ind.formula, v);
    if (x === null) continue;
    if ((ind.min !== null && x < ind.min) || (ind.max !== null && x > ind.max))
      errors.push({
        path: `values.${ind.code}.value`,
        message: `${ind.name}:超出取值范围 ${ind.min ?? '-∞'}–${ind.max ?? '∞'} / out of range`,
      });
    if (ind.evidenceRequired && !evidenceFor.has(ind.code))
      errors.push({ path: `evidence.${ind.code}`, message: `${ind.name}:需上传佐证材料 / evidence required` });
    const p = valueOf(ind.formula, lastYear[ind.code]);
    if (p !== null && p !== 0 && (Math.abs(x - p) / Math.abs(p)) * 100 > limit && !v?.explanation?.trim()) {
      errors.push({
        path: `values.${ind.code}.explanation`,
        message: `${ind.name}:较上年变化超过 ${limit}%,须说明原因 / a change above ${limit}% needs an explanation`,
      });
    }
  }
  return errors;
}

/** An indicator's value as written: the value, or numerator/denominator; null when nothing is there. */
export function valueText(v: IndicatorValue | undefined): string | null {
  if (!v) return null;
  if (v.value !== null && v.value !== undefined) return String(v.value);
  if ((v.numerator ?? null) !== null || (v.denominator ?? null) !== null)
    return `${v.numerator ?? '—'}/${v.denominator ?? '—'}`;
  return null;
}

/** What a save changed, indicator by indicator: the value as written and the explanation, before and after. */
export function valueChanges(
  before: Readonly<IndicatorValues>,
  after: Readonly<IndicatorValues>,
): { indicatorCode: string; kind: 'value' | 'explanation'; before: string | null; after: string | null }[] {
  const out: ReturnType<typeof valueChanges> = [];
  for (const code of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const [v0, v1] = [valueText(before[code]), valueText(after[code])];
    if (v0 !== v1) out.push({ indicatorCode: code, kind: 'value', before: v0, after: v1 });
    const [e0, e1] = [before[code]?.explanation || null, after[code]?.explanation || null];
    if (e0 !== e1) out.push({ indicatorCode: code, kind: 'explanation', before: e0, after: e1 });
  }
  return out;
}
