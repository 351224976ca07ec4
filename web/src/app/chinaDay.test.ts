import { describe, expect, it } from 'vitest';
import { chinaTime } from './chinaDay';

describe('chinaTime', () => {
  it('shows a UTC moment in China Standard Time, across midnight', () => {
    expect(chinaTime('2026-11-30T19:05:07.123Z')).toBe('2026-12-01 03:05');
    expect(chinaTime('2026-11-30T06:05:07Z', true)).toBe('2026-11-30 14:05:07');
    expect(chinaTime(null)).toBe('—');
  });
});
