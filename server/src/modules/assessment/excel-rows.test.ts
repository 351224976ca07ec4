import { describe, expect, it } from 'vitest';
import { Indicator } from '@zhicheng/contracts/assessment';
import { indicatorsFromRows, valuesFromRows } from './excel-rows.ts';

const row = (n: number, values: Record<string, string>) => ({ row: n, values });
const good = {
  code: 'X-1',
  domain: '数字惠民',
  name: '政务服务网办率',
  t1: '10',
  t2: '20',
  t3: '30',
  t4: '40',
  t5: '50',
  weight: '5',
};

describe('catalogue rows', () => {
  it('reads an indicator with its optional columns', () => {
    const { indicators, errors } = indicatorsFromRows([
      row(2, { ...good, direction: '越低越好', t1: '50', t2: '40', t3: '30', t4: '20', t5: '10', veto: '是' }),
      row(3, { ...good, code: 'X-2', factor: '100', numerator: '办件', denominator: '总数', sample: '否' }),
    ]);
    expect(errors).toEqual([]);
    expect(indicators[0]).toMatchObject({ direction: 'lower', veto: true, sample: true });
    expect(indicators[1]).toMatchObject({ formula: { kind: 'ratio', factor: 100 }, sample: false });
  });

  it('reports every bad row by row and column, and imports nothing then', () => {
    const { indicators, errors } = indicatorsFromRows([
      row(2, good),
      row(3, { ...good, code: 'X-2', t3: 'x' }),
      row(4, { ...good, code: 'has space' }),
    ]);
    expect(indicators).toEqual([]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'thresholds.2'],
      [4, 'code'],
    ]);
    const dup = indicatorsFromRows([row(2, good), row(3, { ...good, t2: '5' })]);
    expect(dup.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'code'],
      [3, 'thresholds'],
    ]);
    expect(indicatorsFromRows([]).errors).toEqual([{ row: 0, field: 'file', message: 'no indicator rows' }]);
  });
});

describe('value rows', () => {
  const indicators = [
    Indicator.parse({ ...good, thresholds: [10, 20, 30, 40, 50], weight: 5, max: 100 }),
    Indicator.parse({ ...good, code: 'X-2', thresholds: [10, 20, 30, 40, 50], weight: 5 }),
  ];

  it('reads values, ratios and explanations', () => {
    expect(
      valuesFromRows(indicators, [
        row(2, { code: 'X-1', value: '81', explanation: '口径调整' }),
        row(3, { code: 'X-2', numerator: '3', denominator: '4' }),
      ]),
    ).toEqual({
      values: { 'X-1': { value: 81, explanation: '口径调整' }, 'X-2': { numerator: 3, denominator: 4 } },
      errors: [],
    });
  });

  it('refuses the whole file for an unknown code, a word for a number or a value out of range', () => {
    const r = valuesFromRows(indicators, [
      row(2, { code: 'X-1', value: '81' }),
      row(3, { code: 'NOPE', value: '1' }),
      row(4, { code: 'X-2', value: 'many' }),
      row(5, { code: 'X-1', value: '140' }),
    ]);
    expect(r.values).toEqual({});
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'code'],
      [4, 'value'],
      [5, 'values.X-1.value'],
    ]);
    expect(valuesFromRows(indicators, []).errors[0]).toMatchObject({ row: 0, field: 'file' });
  });
});
