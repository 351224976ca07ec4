import { describe, expect, it } from 'vitest';
import { communitiesKeys } from './api';
import { pct } from './labels';

describe('communities web api', () => {
  it('keys every query under the feature, so one invalidation reaches all of them', () => {
    for (const k of [
      communitiesKeys.registry({ page: 2, q: 'x' }),
      communitiesKeys.community('370102001002'),
      communitiesKeys.coverage('370000'),
      communitiesKeys.universe('370102'),
    ])
      expect(k.slice(0, 1)).toEqual(communitiesKeys.all);
  });
  it('shows shares as percentages and a dash when there is no denominator', () => {
    expect(pct(0.40123)).toBe('40.1%');
    expect(pct(null)).toBe('—');
  });
});
