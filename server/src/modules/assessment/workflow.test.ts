import { describe, expect, it } from 'vitest';
import {
  approvalStep,
  campaignActions,
  childrenPending,
  chinaDay,
  fillingWindow,
  lateIn,
  noticeOpen,
  pastDeadline,
  pendingApproval,
  reminderDue,
  sendBackCheck,
  stageCompleteness,
  stageWindow,
  submissionActions,
  waitingStage,
  withoutClosedStage,
} from './workflow.ts';

const county = (status: Parameters<typeof pendingApproval>[0]['status']) => ({ status, regionLevel: 'county' });
const city = (status: Parameters<typeof pendingApproval>[0]['status']) => ({ status, regionLevel: 'city' });

describe('submission workflow', () => {
  it('takes a county through its city, then the province; a city straight to the province', () => {
    expect(approvalStep(county('submitted'), { city: true, province: false })).toEqual({ to: 'city_approved' });
    expect(approvalStep(county('city_approved'), { city: false, province: true })).toEqual({
      to: 'province_approved',
    });
    expect(approvalStep(city('submitted'), { city: false, province: true })).toEqual({ to: 'province_approved' });
  });

  it('refuses a step by the wrong level and any step from a status that waits for none', () => {
    expect(approvalStep(county('submitted'), { city: false, province: true })).toMatchObject({
      refused: { en: 'A county submission is approved by its city first' },
    });
    expect(approvalStep(county('city_approved'), { city: true, province: false })).toHaveProperty('refused');
    expect(approvalStep(city('submitted'), { city: true, province: false })).toHaveProperty('refused');
    for (const s of ['draft', 'returned', 'province_approved', 'expert_review', 'published'] as const)
      expect(approvalStep(county(s), { city: true, province: true })).toHaveProperty('refused');
  });

  it('lets a city wait for every county the province has not approved', () => {
    expect(childrenPending([{ status: 'province_approved' }, { status: 'published' }])).toBe(0);
    expect(childrenPending([{ status: 'city_approved' }, { status: 'draft' }, { status: 'expert_review' }])).toBe(2);
  });

  it('sends back: the province at any stage before publication, a city only its waiting counties', () => {
    expect(sendBackCheck(county('submitted'), { province: false, city: true })).toBeNull();
    expect(sendBackCheck(county('city_approved'), { province: false, city: true })).toBeNull();
    expect(sendBackCheck(county('province_approved'), { province: false, city: true })).toHaveProperty('refused');
    expect(sendBackCheck(city('submitted'), { province: false, city: true })).toHaveProperty('refused');
    expect(sendBackCheck(county('public_notice'), { province: true, city: false })).toBeNull();
    for (const s of ['draft', 'returned', 'published'] as const)
      expect(sendBackCheck(county(s), { province: true, city: true })).toHaveProperty('refused');
  });

  it('lists what each status allows, so the web never re-derives it', () => {
    expect(submissionActions(county('draft'))).toEqual(['edit', 'submit']);
    expect(submissionActions(county('returned'))).toEqual(['edit', 'submit']);
    expect(submissionActions(county('submitted'))).toEqual(['approve', 'send_back']);
    expect(submissionActions(county('city_approved'))).toEqual(['approve', 'send_back']);
    expect(submissionActions(city('city_approved'))).toEqual(['send_back']);
    expect(submissionActions(county('expert_review'))).toEqual(['send_back']);
    expect(submissionActions(county('public_notice'))).toEqual(['send_back', 'object']);
    expect(submissionActions(county('published'))).toEqual([]);
  });
});

describe('campaign workflow', () => {
  it('offers each action only in its stages', () => {
    expect(campaignActions('self_assessment')).toEqual(['draw_experts']);
    expect(campaignActions('expert_review')).toEqual(['draw_experts', 'start_co_evaluation']);
    expect(campaignActions('co_evaluation')).toEqual(['start_co_evaluation', 'open_notice']);
    expect(campaignActions('public_notice')).toEqual(['open_notice', 'publish']);
    expect(campaignActions('published')).toEqual([]);
  });

  it('keeps publication waiting for the notice period and every objection', () => {
    const now = new Date('2025-04-01T00:00:00Z');
    expect(noticeOpen(now, new Date('2025-04-02T00:00:00Z'), 0)).toBe(true);
    expect(noticeOpen(now, new Date('2025-03-31T00:00:00Z'), 1)).toBe(true);
    expect(noticeOpen(now, new Date('2025-03-31T00:00:00Z'), 0)).toBe(false);
    expect(noticeOpen(now, null, 0)).toBe(false);
  });
});

describe('stage completeness', () => {
  const row = (regionCode: string, status: Parameters<typeof pendingApproval>[0]['status'], parentCode = '370100') => ({
    regionCode,
    regionName: regionCode,
    regionLevel: regionCode.endsWith('00') ? 'city' : 'county',
    parentCode: regionCode.endsWith('00') ? '370000' : parentCode,
    status,
  });
  const cities = new Map([
    ['370100', '济南市'],
    ['370200', '青岛市'],
  ]);

  it('counts ready, behind and ahead by city, a county under its parent and a city under itself', () => {
    const rows = [
      row('370100', 'province_approved'),
      row('370102', 'province_approved'),
      row('370103', 'returned'),
      row('370200', 'expert_review'),
      row('370202', 'city_approved', '370200'),
    ];
    const c = stageCompleteness(rows, 'draw_experts', cities);
    expect(c).toMatchObject({ total: 5, ready: 2, behind: 2, ahead: 1, complete: false });
    expect(c.byCity).toEqual([
      { code: '370100', name: '济南市', total: 3, ready: 2, behind: 1 },
      { code: '370200', name: '青岛市', total: 2, ready: 0, behind: 1 },
    ]);
    expect(c.behindRegions.map((r) => r.regionCode)).toEqual(['370103', '370202']);
  });

  it('is complete when nobody is behind the step, even with some past it already', () => {
    const rows = [row('370102', 'public_notice'), row('370103', 'published')];
    expect(stageCompleteness(rows, 'publish', cities)).toMatchObject({ ready: 1, ahead: 1, behind: 0, complete: true });
    expect(stageCompleteness(rows, 'start_co_evaluation', cities).complete).toBe(true);
    expect(stageCompleteness([row('370102', 'expert_review')], 'start_co_evaluation', cities)).toMatchObject({
      behind: 1,
      complete: false,
    });
  });
});

describe('deadlines', () => {
  it('counts days in China: 16:00 UTC is already the next day there', () => {
    expect(chinaDay(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10-31');
    expect(chinaDay(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11-01');
    expect(pastDeadline('2026-10-31', new Date('2026-10-31T15:59:59Z'))).toBe(false);
    expect(pastDeadline('2026-10-31', new Date('2026-10-31T16:00:00Z'))).toBe(true);
    expect(pastDeadline(undefined, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('closes a draft after the deadline until the province reopens it; a sent-back one stays open', () => {
    const after = new Date('2026-11-05T02:00:00Z');
    expect(fillingWindow({ status: 'draft', reopenedUntil: null }, '2026-10-31', after)).toEqual({
      deadline: '2026-10-31',
      closed: true,
    });
    expect(fillingWindow({ status: 'draft', reopenedUntil: '2026-11-10' }, '2026-10-31', after)).toEqual({
      deadline: '2026-11-10',
      closed: false,
    });
    expect(fillingWindow({ status: 'draft', reopenedUntil: '2026-11-04' }, '2026-10-31', after).closed).toBe(true);
    expect(fillingWindow({ status: 'returned', reopenedUntil: null }, '2026-10-31', after).closed).toBe(false);
    expect(fillingWindow({ status: 'draft', reopenedUntil: null }, undefined, after)).toEqual({
      deadline: null,
      closed: false,
    });
  });

  it('reminds within three days before a deadline and on the day, not earlier nor after', () => {
    expect(reminderDue('2026-11-10', '2026-11-06')).toBe(false);
    expect(reminderDue('2026-11-10', '2026-11-07')).toBe(true);
    expect(reminderDue('2026-11-10', '2026-11-10')).toBe(true);
    expect(reminderDue('2026-11-10', '2026-11-11')).toBe(false);
    expect(reminderDue(null, '2026-11-10')).toBe(false);
  });
});

describe('review-stage deadlines', () => {
  const d = { cityApproval: '2024-07-15', provinceApproval: '2024-07-20', expertReview: '2024-07-25' };
  const at = (iso: string) => new Date(`${iso}T09:00:00+08:00`);
  const waiting = (status: Parameters<typeof waitingStage>[0]['status'], stageReopened = {}) => ({
    status,
    regionLevel: 'county',
    stageReopened,
  });

  it('names the stage a submission waits in, its day and whether it closed; a reopening moves the day', () => {
    expect(stageWindow(waiting('draft'), d, at('2024-07-30'))).toBeNull();
    expect(stageWindow(waiting('submitted'), d, at('2024-07-15'))).toMatchObject({
      stage: 'cityApproval',
      closed: false,
    });
    expect(stageWindow(waiting('submitted'), d, at('2024-07-16'))).toMatchObject({ closed: true });
    expect(stageWindow(waiting('city_approved'), d, at('2024-07-16'))).toMatchObject({ stage: 'provinceApproval' });
    expect(stageWindow({ ...waiting('submitted'), regionLevel: 'city' }, d, at('2024-07-16'))?.stage).toBe(
      'provinceApproval',
    );
    expect(stageWindow(waiting('expert_review', { expertReview: '2024-07-28' }), d, at('2024-07-27'))).toEqual({
      stage: 'expertReview',
      deadline: '2024-07-28',
      closed: false,
      reopenedUntil: '2024-07-28',
    });
    expect(stageWindow(waiting('submitted'), {}, at('2030-01-01'))).toMatchObject({ deadline: null, closed: false });
    expect(lateIn('cityApproval', d, at('2024-07-16'))).toBe(true);
    expect(lateIn('cityApproval', d, at('2024-07-15'))).toBe(false);
  });

  it('a closed review stage takes approving away, and the city’s send-back but not the province’s', () => {
    const w = { stage: 'cityApproval' as const, deadline: '2024-07-15', closed: true, reopenedUntil: null };
    const city = { city: true, province: false, provinceReturn: false };
    const province = { city: false, province: true, provinceReturn: true };
    expect(withoutClosedStage(['approve', 'send_back'], w, city)).toEqual([]);
    expect(withoutClosedStage(['approve', 'send_back'], w, province)).toEqual(['send_back']);
    expect(withoutClosedStage(['approve', 'send_back'], { ...w, closed: false }, city)).toEqual([
      'approve',
      'send_back',
    ]);
  });
});
