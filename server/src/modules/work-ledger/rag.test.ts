import { describe, expect, it } from 'vitest';
import { normaliseDate, rowToInput } from './ledger-excel.ts';
import { ragOf, reminderDue } from './rag.ts';

const task = (deadline: string, status = 'assigned', milestones: { dueOn: string; doneOn: string | null }[] = []) => ({
  status,
  deadline,
  milestones: milestones.map((m) => ({ ...m, title: '方案' })),
});

describe('green / yellow / red by deadline', () => {
  it('is red past the deadline, yellow within 15 days or with a late milestone, green otherwise', () => {
    expect(ragOf(task('2026-11-29'), '2026-11-30').rag).toBe('red');
    expect(ragOf(task('2026-11-29'), '2026-11-30').reason.zh).toBe('已逾期 1 天');
    expect(ragOf(task('2026-11-30'), '2026-11-30').rag).toBe('yellow');
    expect(ragOf(task('2026-12-15'), '2026-11-30').rag).toBe('yellow');
    expect(ragOf(task('2026-12-16'), '2026-11-30').rag).toBe('green');
    expect(ragOf(task('2027-03-01', 'assigned', [{ dueOn: '2026-11-01', doneOn: null }]), '2026-11-30').rag).toBe(
      'yellow',
    );
    expect(
      ragOf(task('2027-03-01', 'assigned', [{ dueOn: '2026-11-01', doneOn: '2026-10-30' }]), '2026-11-30').rag,
    ).toBe('green');
    expect(ragOf(task('2026-01-01', 'closed'), '2026-11-30').rag).toBe('green');
  });

  it('reminds yellow and red tasks at most once a week', () => {
    const now = new Date('2026-11-30T08:00:00Z');
    expect(reminderDue('green', null, now)).toBe(false);
    expect(reminderDue('red', null, now)).toBe(true);
    expect(reminderDue('yellow', new Date('2026-11-25T08:00:00Z'), now)).toBe(false);
    expect(reminderDue('yellow', new Date('2026-11-23T08:00:00Z'), now)).toBe(true);
  });
});

describe('the Excel ledger rows', () => {
  it('reads dates as Excel writes them and milestones as 名称@日期', () => {
    expect(normaliseDate('2026/6/3')).toBe('2026-06-03');
    expect(normaliseDate('2026年6月30日')).toBe('2026-06-30');
    const r = rowToInput(2, {
      year: '2026',
      code: '1.2',
      cooperatingUnits: '省财政厅、省发展改革委',
      milestones: '方案@2026/3/1;验收@2026-11-30',
      targetValue: '30%',
    });
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({
      year: 2026,
      cooperatingUnits: ['省财政厅', '省发展改革委'],
      milestones: [
        { title: '方案', dueOn: '2026-03-01' },
        { title: '验收', dueOn: '2026-11-30' },
      ],
      targetValue: 30,
    });
    expect(rowToInput(3, { milestones: '方案', targetValue: 'abc' }).errors.map((e) => e.field)).toEqual([
      'milestones',
      'targetValue',
    ]);
  });
});
