import { describe, expect, it } from 'vitest';
import {
  amountFen,
  billedCardHours,
  fenPer1kSteps,
  freeCards,
  ORDER_TRANSITIONS,
  peakCards,
  plausibleCardHours,
} from './market-rules.ts';

describe('market rules', () => {
  it('counts free cards from inventory and the reported utilisation, rounding down', () => {
    expect(freeCards(1024, 55)).toBe(460);
    expect(freeCards(100, 0)).toBe(100);
    expect(freeCards(100, 100)).toBe(0);
    expect(freeCards(3, 50)).toBe(1);
    expect(freeCards(10, 130)).toBe(0);
  });

  it('bills at least the minimum lease and rounds to whole fen', () => {
    expect(billedCardHours(8, 10, 4)).toBe(32);
    expect(billedCardHours(8, 100, 4)).toBe(100);
    expect(amountFen(1.5, 333)).toBe(500);
    expect(amountFen(32, 1250)).toBe(40_000);
  });

  it('ranks a dear fast card below a cheap slow one when it is cheaper per step', () => {
    // ResNet-50 (bs 64): K80 0.62 steps/s at 3 yuan, V100 4.39 steps/s at 15 yuan per card-hour.
    const k80 = fenPer1kSteps(300, 1, 0.62);
    const v100 = fenPer1kSteps(1500, 1, 4.39);
    expect(v100).toBeLessThan(k80);
    expect(k80).toBeCloseTo(((300 / 3600) * 1000) / 0.62, 6);
    expect(fenPer1kSteps(100, 1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets the buyer cancel only before the lease starts', () => {
    expect(ORDER_TRANSITIONS.cancel.from).toEqual(['requested', 'confirmed']);
    expect(ORDER_TRANSITIONS.cancel.from).not.toContain('active');
    expect(ORDER_TRANSITIONS.pay.by).toBe('buyer');
    expect(ORDER_TRANSITIONS.bill.by).toBe('supplier');
  });

  it('refuses usage beyond all cards for the whole interval', () => {
    const from = new Date('2024-07-01T00:00:00Z');
    const to = new Date('2024-07-01T10:00:00Z');
    expect(plausibleCardHours(8, from, to, 80)).toBe(true);
    expect(plausibleCardHours(8, from, to, 80.5)).toBe(false);
  });

  it('finds the busiest moment of the leases within a time slice', () => {
    const h = (n: number) => new Date(Date.UTC(2024, 6, 1, n));
    const leases = [
      { start: h(0), end: h(8), cards: 6 },
      { start: h(8), end: h(16), cards: 10 },
      { start: h(4), end: h(10), cards: 3 },
    ];
    // Touching leases (one ends as the next starts) never count together.
    expect(peakCards(leases, { from: h(0), to: h(4) })).toBe(6);
    expect(peakCards(leases, { from: h(2), to: h(6) })).toBe(9);
    expect(peakCards(leases, { from: h(7), to: h(9) })).toBe(13);
    expect(peakCards(leases, { from: h(16), to: h(20) })).toBe(0);
    expect(peakCards(leases, { from: h(12), to: h(20) })).toBe(10);
    // Without a slice: the busiest moment ever.
    expect(peakCards(leases)).toBe(13);
    expect(peakCards([])).toBe(0);
  });
});
