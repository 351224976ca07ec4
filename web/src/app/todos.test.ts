import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { daysLeft, sortTodos, urgency } from './todos';

describe('to-dos', () => {
  const today = dayjs('2026-11-30T14:05:00');

  it('flags overdue and due within a week, nothing without a deadline', () => {
    expect(urgency('2026-11-29', today)).toBe('overdue');
    expect(urgency('2026-11-30', today)).toBe('soon');
    expect(urgency('2026-12-07', today)).toBe('soon');
    expect(urgency('2026-12-20', today)).toBe('later');
    expect(urgency(null, today)).toBeNull();
  });

  it('puts the nearest deadline first and undated work last', () => {
    const t = (key: string, due?: string) => ({ key, title: { zh: key, en: key }, path: '/', due });
    expect(sortTodos([t('c'), t('b', '2026-12-20'), t('a', '2026-11-01')]).map((x) => x.key)).toEqual(['a', 'b', 'c']);
  });
});

describe('days left', () => {
  it('counts whole days to the deadline, negative after it', () => {
    const today = dayjs('2026-11-30');
    expect(daysLeft('2026-12-03', today)).toBe(3);
    expect(daysLeft('2026-11-30', today)).toBe(0);
    expect(daysLeft('2026-11-28', today)).toBe(-2);
  });
});
