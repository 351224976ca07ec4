import { describe, expect, it } from 'vitest';
import { IsoDate, IsoDateTime, IsoMonth } from './common.contract.ts';

describe('dates in requests', () => {
  it('accept real calendar dates in 1900–2199 and nothing else', () => {
    expect(['2024-02-29', '1900-01-01', '2199-12-31'].map((d) => IsoDate.safeParse(d).success)).toEqual([
      true,
      true,
      true,
    ]);
    for (const d of [
      '0000-01-01',
      '1899-12-31',
      '2200-01-01',
      '9999-12-31',
      '2023-02-29',
      '2024-02-30',
      '2024-13-01',
      '10000-01-01',
      '-001000-01-01',
    ]) {
      expect(IsoDate.safeParse(d).success, d).toBe(false);
    }
  });

  it('do the same for instants and months', () => {
    expect(IsoDateTime.safeParse('2024-07-01T08:00:00+08:00').success).toBe(true);
    for (const d of ['0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '2024-07-01T08:00:00'])
      expect(IsoDateTime.safeParse(d).success, d).toBe(false);
    expect(IsoMonth.safeParse('2024-06').success).toBe(true);
    for (const m of ['0000-06', '2024-13', '2024-6', '9999-01']) expect(IsoMonth.safeParse(m).success, m).toBe(false);
  });
});
