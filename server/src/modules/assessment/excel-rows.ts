import type { ImportReport } from '@zhicheng/contracts';
import { Indicator as IndicatorSchema, type Indicator, type IndicatorValue } from '@zhicheng/contracts/assessment';
import { catalogueProblems, valueProblems } from './validation.ts';

/**
 * Spreadsheet rows (cells by column key, with the sheet's row number) into the domain, with every bad row reported
 * by row and column. Pure: the routes read the sheet, the services save what these return.
 */

export interface SheetRow {
  row: number;
  values: Record<string, string>;
}
type RowErrors = ImportReport['errors'];

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
const yes = (s: string | undefined) => ['1', 'true', '是', 'y', 'yes'].includes((s ?? '').toLowerCase());

/** Catalogue rows (the export's columns) into indicators; any error and no indicator is returned. */
export function indicatorsFromRows(rows: readonly SheetRow[]): { indicators: Indicator[]; errors: RowErrors } {
  const errors: RowErrors = [];
  const indicators: Indicator[] = [];
  for (const r of rows) {
    const v = r.values;
    const candidate = {
      code: v.code,
      domain: v.domain,
      parentCode: v.parentCode || null,
      name: v.name,
      definition: v.definition ?? '',
      unit: v.unit ?? '',
      direction: v.direction === 'lower' || v.direction === '越低越好' ? 'lower' : 'higher',
      formula: v.factor
        ? { kind: 'ratio', numerator: v.numerator ?? '', denominator: v.denominator ?? '', factor: Number(v.factor) }
        : { kind: 'direct' },
      thresholds: [num(v.t1), num(v.t2), num(v.t3), num(v.t4), num(v.t5)],
      weight: num(v.weight) ?? 0,
      evidenceRequired: yes(v.evidenceRequired),
      veto: yes(v.veto),
      bonusPoints: num(v.bonusPoints),
      min: num(v.min),
      max: num(v.max),
      sample: v.sample === undefined || v.sample === '' ? true : yes(v.sample),
    };
    const p = IndicatorSchema.safeParse(candidate);
    if (!p.success) {
      for (const issue of p.error.issues)
        errors.push({ row: r.row, field: issue.path.join('.') || 'row', message: issue.message });
      continue;
    }
    indicators.push(p.data);
  }
  if (!errors.length)
    for (const pr of catalogueProblems(indicators))
      errors.push({ row: rows[pr.index]!.row, field: pr.field, message: pr.message });
  if (!indicators.length && !errors.length) errors.push({ row: 0, field: 'file', message: 'no indicator rows' });
  return errors.length ? { indicators: [], errors } : { indicators, errors };
}

/** Value rows (code, value | numerator + denominator, explanation) against a catalogue; all rows or none. */
export function valuesFromRows(
  indicators: readonly Indicator[],
  rows: readonly SheetRow[],
): { values: Record<string, IndicatorValue>; errors: RowErrors } {
  const errors: RowErrors = [];
  const values: Record<string, IndicatorValue> = {};
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const n = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
  for (const r of rows) {
    const ind = byCode.get(r.values.code ?? '');
    if (!ind) {
      errors.push({ row: r.row, field: 'code', message: `未知指标代码 ${r.values.code} / unknown indicator` });
      continue;
    }
    const v: IndicatorValue = {
      value: n(r.values.value),
      numerator: n(r.values.numerator),
      denominator: n(r.values.denominator),
    };
    if (r.values.explanation) v.explanation = r.values.explanation;
    const bad = (['value', 'numerator', 'denominator'] as const).find(
      (k) => v[k] !== undefined && !Number.isFinite(v[k]),
    );
    if (bad) {
      errors.push({ row: r.row, field: bad, message: '须为数字 / must be a number' });
      continue;
    }
    const [problem] = valueProblems(indicators, { [ind.code]: v });
    if (problem) {
      errors.push({ row: r.row, field: problem.path, message: `${problem.path}: ${problem.zh}` });
      continue;
    }
    values[ind.code] = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
  }
  if (!errors.length && !Object.keys(values).length)
    errors.push({ row: 0, field: 'file', message: '没有数据行 / no rows' });
  return errors.length ? { values: {}, errors } : { values, errors };
}
