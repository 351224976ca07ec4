import { describe, expect, it } from 'vitest';
import { formatAsOf, formatValue, progressOf } from './format';

describe('screen formatting', () => {
  it('prints shares as percentages and counts grouped', () => {
    expect(formatValue(52 / 136, '%')).toBe('38.2%');
    expect(formatValue(345400, '架')).toBe('345,400');
    expect(formatValue(9.6612, 'EFLOPS')).toBe('9.66');
    expect(formatValue(null, '%')).toBe('—');
  });
  it('measures progress towards a target, capped', () => {
    expect(progressOf({ value: 0.2, target: 0.4 })).toBe(0.5);
    expect(progressOf({ value: 3, target: 2 })).toBe(1);
    expect(progressOf({ value: 3, target: null })).toBeNull();
  });
  it('prints a source time as a date, with the minute when it is today', () => {
    const now = new Date(2026, 10, 30, 15, 0);
    expect(formatAsOf(new Date(2025, 2, 31, 9, 0).toISOString(), now)).toBe('2025-03-31');
    expect(formatAsOf(new Date(2026, 10, 30, 9, 5).toISOString(), now)).toBe('2026-11-30 09:05');
    expect(formatAsOf(null, now)).toBe('—');
  });
});
