import { describe, expect, it } from 'vitest';
import type { AssessmentCampaign } from '@zhicheng/contracts/assessment';
import { overviewYears } from './overviewYear';

const campaign = (year: number, stage: AssessmentCampaign['stage'], counts: Record<string, number>) =>
  ({ year, stage, counts }) as AssessmentCampaign;

describe('overview year', () => {
  it('opens on the newest mostly published year, not on one closed early over five of 152 regions', () => {
    const got = overviewYears([
      campaign(2025, 'published', { published: 5, draft: 147 }),
      campaign(2024, 'published', { published: 152 }),
      campaign(2023, 'published', { published: 150, draft: 2 }),
      campaign(2026, 'self_assessment', { draft: 152 }),
    ]);
    expect(got).toEqual({ years: [2025, 2024, 2023], initial: 2024 });
  });

  it('falls back to the newest published year, and to none', () => {
    expect(overviewYears([campaign(2025, 'published', { published: 1, draft: 9 })])).toEqual({
      years: [2025],
      initial: 2025,
    });
    expect(overviewYears([campaign(2025, 'expert_review', { expert_review: 9 })])).toEqual({
      years: [],
      initial: null,
    });
  });
});
