import { describe, expect, it } from 'vitest';
import { assessmentKeys } from './api';

describe('assessment web api', () => {
  it('keys every query under the feature, so one invalidation after a change reaches all of them', () => {
    const keys = [
      assessmentKeys.campaigns,
      assessmentKeys.catalogues,
      assessmentKeys.catalogue('c'),
      assessmentKeys.submission('s'),
      assessmentKeys.regionSubmission('c', '370102'),
      assessmentKeys.submissions('c', { page: 1, pageSize: 20 }),
      assessmentKeys.radar('c'),
      assessmentKeys.reviews,
      assessmentKeys.changes('s', 'X-HM-01'),
      assessmentKeys.statistics(2024),
      assessmentKeys.trend,
      assessmentKeys.results({ year: 2024 }),
      assessmentKeys.heatmap(2024),
      assessmentKeys.report('370102'),
    ];
    for (const k of keys) expect(k.slice(0, 1)).toEqual(assessmentKeys.all);
    expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(keys.length);
  });
});
