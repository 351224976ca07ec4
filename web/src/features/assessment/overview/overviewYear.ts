import type { AssessmentCampaign } from '@zhicheng/contracts/assessment';

/** Below this share of published regions a year is "near-empty": the overview does not open on it by default. */
export const MOSTLY_PUBLISHED = 0.5;

/**
 * The years the overview offers (published campaigns, newest first) and the one it opens on: the newest in which
 * most regions were published, so a year closed early over a handful of regions (the province's recorded override)
 * is still there to pick but never greets everyone as "the results".
 */
export function overviewYears(campaigns: readonly AssessmentCampaign[]): { years: number[]; initial: number | null } {
  const published = campaigns.filter((c) => c.stage === 'published').sort((a, b) => b.year - a.year);
  const years = [...new Set(published.map((c) => c.year))];
  const share = (c: AssessmentCampaign) => {
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
    return total ? (c.counts.published ?? 0) / total : 0;
  };
  const full = published.find((c) => share(c) >= MOSTLY_PUBLISHED);
  return { years, initial: full?.year ?? years[0] ?? null };
}
