import { describe, expect, it } from 'vitest';
import type { FeatureDefinition } from './feature';
import { openable } from './HomePage';

const feature = (key: string, nav: { path: string; permissions?: string[] }[]) =>
  ({
    key,
    group: { zh: key, en: key },
    icon: null,
    routes: [],
    nav: nav.map((n) => ({ ...n, label: { zh: '', en: '' } })),
  }) as unknown as FeatureDefinition;

describe('dashboard cards', () => {
  it('lead only to modules the account may open, at the first page it may open', () => {
    const features = [
      feature('regions', [{ path: '/regions' }]),
      feature('audit', [{ path: '/audit', permissions: ['audit.read'] }]),
      feature('assessment', [
        { path: '/assessment/campaigns', permissions: ['assessment.campaign.manage'] },
        { path: '/assessment/fill', permissions: ['assessment.submission.fill'] },
      ]),
    ];
    expect(openable(features, ['assessment.submission.fill']).map((x) => [x.f.key, x.path])).toEqual([
      ['regions', '/regions'],
      ['assessment', '/assessment/fill'],
    ]);
    expect(openable(features, ['audit.read']).map((x) => x.f.key)).toEqual(['regions', 'audit']);
  });
});
