import { describe, expect, it } from 'vitest';
import {
  offerLeft,
  providerMax,
  reassignRefusal,
  streetShortfall,
  type AdjustOffer,
  type AdjustState,
} from './adjust.ts';

const offer = (over: Partial<AdjustOffer> = {}): AdjustOffer => ({
  id: 'o1',
  providerId: 'p1',
  facility: 'aed',
  counties: ['370102'],
  free: 2,
  eligible: true,
  ...over,
});
const state = (pairs: AdjustState['pairs'] = [], over: Partial<AdjustState> = {}): AdjustState => ({
  county: '370102',
  providerCap: 0.5,
  needs: 4,
  pairs,
  ...over,
});

describe('adjusting a proposed round', () => {
  it('lets an offer take a need of its facility, in its county, within capacity and the share cap', () => {
    expect(reassignRefusal(state(), { facility: 'aed' }, offer())).toBeNull();
  });

  it('names the constraint a reassignment breaks', () => {
    expect(reassignRefusal(state(), { facility: 'laundry' }, offer())).toBe('facility');
    expect(reassignRefusal(state(), { facility: 'aed' }, offer({ counties: ['370103'] }))).toBe('county');
    expect(reassignRefusal(state(), { facility: 'aed' }, offer({ eligible: false }))).toBe('barred');
    expect(reassignRefusal(state(), { facility: 'aed' }, offer({ free: 0 }))).toBe('capacity');
    const full = state([
      { id: 'a', needId: 'n1', offerId: 'o1', providerId: 'p1' },
      { id: 'b', needId: 'n2', offerId: 'o1', providerId: 'p1' },
    ]);
    expect(reassignRefusal(full, { facility: 'aed' }, offer({ free: 5 }))).toBe('share_cap');
    expect(reassignRefusal(full, { facility: 'aed' }, offer())).toBe('capacity');
    const cur = { id: 'a', offerId: 'o1', providerId: 'p1' };
    expect(reassignRefusal(full, { facility: 'aed' }, offer(), cur)).toBe('same_offer');
  });

  it('does not count the pair being moved against the provider it leaves or stays with', () => {
    // Moving n1 between two offers of the same provider at its cap: the provider's count stays at 2.
    const s = state([
      { id: 'a', needId: 'n1', offerId: 'o1', providerId: 'p1' },
      { id: 'b', needId: 'n2', offerId: 'o1', providerId: 'p1' },
    ]);
    const cur = { id: 'a', offerId: 'o1', providerId: 'p1' };
    expect(reassignRefusal(s, { facility: 'aed' }, offer({ id: 'o2', free: 1 }), cur)).toBeNull();
    expect(offerLeft(offer(), s.pairs)).toBe(0);
    expect(offerLeft(offer(), s.pairs, 'a')).toBe(1);
  });

  it('rounds the share cap down and measures street shortfalls against servable needs', () => {
    expect(providerMax(0.5, 5)).toBe(2);
    expect(providerMax(0.3, 10)).toBe(3);
    expect(streetShortfall(2, 1, 0)).toBe(1);
    expect(streetShortfall(1, 3, 1)).toBe(0);
    expect(streetShortfall(1, 0, 0)).toBe(0);
  });
});
