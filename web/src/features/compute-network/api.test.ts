import { describe, expect, it } from 'vitest';
import { ReportInput, ZoneInput } from '@zhicheng/contracts/compute-network';
import { computeKeys } from './api';
import { contractRule, fieldErrors } from './forms';

const check = async (rule: ReturnType<typeof contractRule>, value: unknown) =>
  (rule as { validator: (r: unknown, v: unknown) => Promise<void> }).validator({}, value);

describe('compute-network web api', () => {
  it('keys every query under the feature, so one invalidation reaches all of them', () => {
    for (const key of [
      computeKeys.centres({ page: 2 }),
      computeKeys.reports({ status: 'submitted' }),
      computeKeys.map({ origin: 'domestic' }),
      computeKeys.statistics({}),
      computeKeys.centre('x'),
      computeKeys.alerts({ cityCode: '370100' }),
    ])
      expect(key.slice(0, 1)).toEqual(computeKeys.all);
  });

  it('checks a field with the contract’s schema, leaving emptiness to `required`', async () => {
    await expect(check(contractRule(ZoneInput.shape.code), 'core-jn')).resolves.toBeUndefined();
    await expect(check(contractRule(ZoneInput.shape.code), 'core jn!')).rejects.toThrow(/letters, digits/);
    await expect(check(contractRule(ReportInput.shape.utilisationPct), 101)).rejects.toThrow();
    await expect(check(contractRule(ReportInput.shape.utilisationPct), undefined)).resolves.toBeUndefined();
  });

  it('puts the server’s field errors on the fields the form has', () => {
    const problem = {
      errors: [
        { path: 'body.measuredPue', message: 'PUE cannot be below 1.0' },
        { path: 'inventory.0.modelId', message: 'unknown model' },
      ],
    };
    expect(fieldErrors(problem, ['measuredPue', 'period'] as const)).toEqual([
      { name: 'measuredPue', errors: ['PUE cannot be below 1.0'] },
    ]);
  });
});
