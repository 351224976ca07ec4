import { describe, expect, it } from 'vitest';
import { canMove, deadlineFor, isOpen, levelOfCode, limitHours, rate, supervisionDue } from './loop-rules.ts';

const t0 = new Date('2026-11-30T08:00:00Z');
const h = (n: number) => new Date(t0.getTime() + n * 3_600_000);

describe('the event loop’s rules', () => {
  it('follows the seven steps, with 不予立案 and 返工 and nothing else', () => {
    expect(canMove('reported', 'registered')).toBe(true);
    expect(canMove('reported', 'rejected')).toBe(true);
    expect(canMove('reported', 'dispatched')).toBe(false);
    expect(canMove('registered', 'dispatched')).toBe(true);
    expect(canMove('dispatched', 'fed_back')).toBe(true);
    expect(canMove('fed_back', 'closed')).toBe(true);
    expect(canMove('fed_back', 'dispatched')).toBe(true);
    expect(canMove('closed', 'evaluated')).toBe(true);
    expect(canMove('closed', 'dispatched')).toBe(false);
    expect(canMove('evaluated', 'closed')).toBe(false);
    expect(canMove('rejected', 'registered')).toBe(false);
  });

  it('gives each step its limit by category, halved for high severity, none once closed', () => {
    expect(deadlineFor('dispatched', 'road_facility', 'medium', t0)).toEqual(h(24));
    expect(deadlineFor('dispatched', 'road_facility', 'high', t0)).toEqual(h(12));
    expect(deadlineFor('handling', 'public_safety', 'low', t0)).toEqual(h(12));
    expect(deadlineFor('closed', 'traffic', 'low', t0)).toBeNull();
    expect(isOpen('evaluated')).toBe(false);
    expect(limitHours('reported', 'traffic', 'high')).toBe(0.25);
  });

  it('supervises an overdue step: a reminder past the limit, an escalation past half the limit again', () => {
    const deadline = h(24);
    expect(supervisionDue(deadline, 24, h(23))).toBeNull();
    expect(supervisionDue(deadline, 24, h(24))).toBeNull();
    expect(supervisionDue(deadline, 24, h(25))).toBe('reminder');
    expect(supervisionDue(deadline, 24, h(36))).toBe('escalation');
    expect(supervisionDue(null, 24, h(99))).toBeNull();
  });

  it('reads a region’s level from its code and rounds rates', () => {
    expect(levelOfCode('370000')).toBe('province');
    expect(levelOfCode('370200')).toBe('city');
    expect(levelOfCode('370202')).toBe('county');
    expect(rate(2, 3)).toBe(0.667);
    expect(rate(0, 0)).toBeNull();
  });
});
