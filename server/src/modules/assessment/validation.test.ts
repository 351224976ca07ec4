import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, Indicator, type IndicatorValues } from '@zhicheng/contracts/assessment';
import {
  catalogueProblems,
  mergeValues,
  valueChanges,
  valueText,
  numericValues,
  orderedValues,
  submissionProblems,
  valueProblems,
} from './validation.ts';

const ind = (code: string, extra: Partial<Indicator> = {}): Indicator =>
  Indicator.parse({ code, domain: '数字惠民', name: code, weight: 10, thresholds: [10, 20, 30, 40, 50], ...extra });

const share = ind('A', { min: 0, max: 100 });
const ratio = ind('B', { formula: { kind: 'ratio', numerator: 'n', denominator: 'd', factor: 100 }, min: 0, max: 100 });
const proof = ind('C', { evidenceRequired: true });
const catalogue = { indicators: [share, ratio, proof], policy: DEFAULT_POLICY };

describe('catalogue checks', () => {
  it('finds duplicate codes, thresholds out of order and unknown parents, by index', () => {
    const problems = catalogueProblems([
      share,
      { ...ratio, code: 'A' },
      { ...proof, thresholds: [5, 4, 3, 2, 1] },
      { ...proof, code: 'D', parentCode: 'NOPE' },
    ]);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'code'],
      [2, 'thresholds'],
      [3, 'parentCode'],
    ]);
    expect(catalogueProblems([share, { ...ratio, parentCode: 'A' }])).toEqual([]);
  });
});

describe('value checks', () => {
  it('names the field of an unknown indicator, a zero denominator and a value out of range', () => {
    expect(valueProblems(catalogue.indicators, { NOPE: { value: 1 } })[0]!.path).toBe('values.NOPE');
    expect(valueProblems(catalogue.indicators, { B: { numerator: 1, denominator: 0 } })[0]!.path).toBe(
      'values.B.denominator',
    );
    expect(valueProblems(catalogue.indicators, { A: { value: 140 } })[0]).toMatchObject({
      path: 'values.A.value',
      en: 'must be at most 100',
    });
    expect(valueProblems(catalogue.indicators, { B: { numerator: 3, denominator: 2 } })[0]!.path).toBe(
      'values.B.value',
    );
    expect(valueProblems(catalogue.indicators, { A: { value: 50 }, B: { numerator: 1, denominator: 4 } })).toEqual([]);
  });

  it('merges typed values field by field and drops an indicator cleared entirely', () => {
    const stored: IndicatorValues = { A: { value: 5, explanation: 'x' }, B: { numerator: 1, denominator: 2 } };
    expect(mergeValues(stored, { A: { value: 6 }, B: { value: null, numerator: null } })).toEqual({
      A: { value: 6, explanation: 'x' },
    });
  });

  it('turns ratio entries into numbers, by code and in catalogue order', () => {
    const values: IndicatorValues = { B: { numerator: 3, denominator: 4 }, A: { value: 12 } };
    expect(numericValues(catalogue.indicators, values)).toEqual({ A: 12, B: 75, C: null });
    expect(orderedValues(catalogue.indicators, values)).toEqual([12, 75, null]);
  });
});

describe('submission checks', () => {
  it('asks for evidence where required and an explanation for a jump above the policy’s limit', () => {
    const values: IndicatorValues = { A: { value: 90 }, C: { value: 30 } };
    const problems = submissionProblems(catalogue, values, new Set(), { A: { value: 40 }, C: { value: 29 } });
    expect(problems.map((p) => p.path)).toEqual(['values.A.explanation', 'evidence.C']);
    const explained = { ...values, A: { value: 90, explanation: '新平台上线' } };
    expect(submissionProblems(catalogue, explained, new Set(['C']), { A: { value: 40 } })).toEqual([]);
    // Exactly at the limit passes; a stricter policy does not.
    expect(submissionProblems(catalogue, { A: { value: 60 } }, new Set(), { A: { value: 40 } })).toEqual([]);
    const strict = { ...catalogue, policy: { ...DEFAULT_POLICY, yoyJumpPct: 20 } };
    expect(submissionProblems(strict, { A: { value: 60 } }, new Set(), { A: { value: 40 } })).toHaveLength(1);
  });

  it('skips indicators without a value, and last year’s zero', () => {
    expect(submissionProblems(catalogue, {}, new Set(), {})).toEqual([]);
    expect(submissionProblems(catalogue, { A: { value: 50 } }, new Set(), { A: { value: 0 } })).toEqual([]);
  });
});

describe('value changes (each indicator’s history)', () => {
  it('names each changed value and explanation, before and after; unchanged ones not at all', () => {
    expect(
      valueChanges(
        { A: { value: 1 }, B: { numerator: 3, denominator: 4, explanation: '口径' }, C: { value: 5 } },
        {
          A: { value: 2 },
          B: { numerator: 3, denominator: 4, explanation: '新口径' },
          C: { value: 5 },
          D: { value: 0 },
        },
      ),
    ).toEqual([
      { indicatorCode: 'A', kind: 'value', before: '1', after: '2' },
      { indicatorCode: 'B', kind: 'explanation', before: '口径', after: '新口径' },
      { indicatorCode: 'D', kind: 'value', before: null, after: '0' },
    ]);
    expect(valueChanges({ A: { value: 1 } }, {})).toEqual([
      { indicatorCode: 'A', kind: 'value', before: '1', after: null },
    ]);
    expect(valueText({ numerator: 3, denominator: null })).toBe('3/—');
  });
});
