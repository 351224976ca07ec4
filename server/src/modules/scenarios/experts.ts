import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { ExpertCandidate } from './expert-draw.ts';

/**
 * Where the expert pool comes from: the one place to change when the directory module (专家库) offers its
 * verifiable draw. Until then, every account holding the platform's `expert` role is a candidate, its city read
 * from the region it is bound at.
 */
export async function expertPool(platform: Platform, regions: RegionsService): Promise<ExpertCandidate[]> {
  const bindings = await platform.identity.findUserIdsByRole('expert');
  const out = new Map<string, ExpertCandidate>();
  for (const b of bindings) {
    const lineage = (await regions.lineage(b.regionCode)) ?? [];
    const level = await regions.levelOf(b.regionCode);
    // The city an expert belongs to: the binding's city for a city or anything below it; none at the province.
    const city = level === 'province' ? null : (lineage[lineage.length - 2] ?? null);
    const e = out.get(b.userId) ?? { userId: b.userId, cities: [] };
    if (city && !e.cities.includes(city)) e.cities.push(city);
    out.set(b.userId, e);
  }
  return [...out.values()];
}
