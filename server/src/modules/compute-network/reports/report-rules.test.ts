import { describe, expect, it } from 'vitest';
import { checkReport, dueAt, isLate, periodEnded, periodsBetween } from './report-rules.ts';

describe('report rules', () => {
  const base = {
    period: '2024-08',
    racksInUse: 900,
    utilisationPct: 60,
    energyMwh: 1000,
    measuredPue: 1.3,
    computeInUsePflops: 1,
    storageUsedPb: 1,
  };
  it('accepts a plausible report', () => {
    expect(checkReport(base, 1000, { racksInUse: 880, measuredPue: 1.32, utilisationPct: 58, energyMwh: 980 })).toEqual(
      [],
    );
  });
  it('rejects PUE below 1 and racks above design', () => {
    const v = checkReport({ ...base, measuredPue: 0.95, racksInUse: 1200 }, 1000, null);
    expect(v.map((x) => x.field).sort()).toEqual(['measuredPue', 'racksInUse']);
  });
  it('asks for an explanation of an implausible jump, and accepts it with one', () => {
    const prev = { racksInUse: 500, measuredPue: 1.3, utilisationPct: 60, energyMwh: 1000 };
    const v = checkReport(base, 1000, prev);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ code: 'implausible_jump', field: 'explanation' });
    expect(checkReport({ ...base, explanation: '新机房楼投产' }, 1000, prev)).toEqual([]);
    // Small centres: 3 → 5 racks is not a jump.
    expect(checkReport({ ...base, racksInUse: 5, energyMwh: 1000 }, 10, { ...prev, racksInUse: 3 })).toEqual([]);
  });
  it('flags a report after the 10th of the next month (China time) as late', () => {
    expect(dueAt('2024-07').toISOString()).toBe('2024-08-10T15:59:59.999Z');
    expect(isLate('2024-07', new Date('2024-08-10T23:00:00+08:00'))).toBe(false);
    expect(isLate('2024-07', new Date('2024-08-11T00:00:01+08:00'))).toBe(true);
    expect(isLate('2024-12', new Date('2025-01-09T12:00:00+08:00'))).toBe(false);
    expect(periodEnded('2024-07', new Date('2024-07-31T12:00:00+08:00'))).toBe(false);
    expect(periodEnded('2024-07', new Date('2024-08-01T00:00:00+08:00'))).toBe(true);
    expect(periodsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
});
