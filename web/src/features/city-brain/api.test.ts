import { describe, expect, it } from 'vitest';
import { cityBrainKeys, eventKeys } from './api';

describe('city-brain web api', () => {
  it('keys every query under the feature, so one invalidation reaches all of them', () => {
    expect(cityBrainKeys.subPlatforms({ page: 2, q: 'x' }).slice(0, 1)).toEqual(cityBrainKeys.all);
    expect(cityBrainKeys.subPlatform('x').slice(0, 1)).toEqual(cityBrainKeys.all);
    for (const k of [eventKeys.list({ page: 1 }), eventKeys.one('x'), eventKeys.statistics, eventKeys.exchange])
      expect(k.slice(0, 1)).toEqual(cityBrainKeys.all);
  });
});
