import { describe, expect, it } from 'vitest';
import { DEMO_COMMUNITY, planDemoCommunities } from './demo-plan.ts';
import { provinceUniverse } from './universe.ts';

describe('demo communities (示例)', () => {
  it('draws the published 2,578 smart communities, 34 of them 标杆型, from real committees, the same each run', async () => {
    const u = await provinceUniverse('370000');
    const a = planDemoCommunities(u.units.values(), 2026);
    const b = planDemoCommunities(u.units.values(), 2026);
    expect(a).toEqual(b);
    expect(a.filter((c) => c.tier).length).toBe(2578);
    expect(a.filter((c) => c.tier === 'benchmark').length).toBe(34);
    expect(a.every((c) => u.units.get(c.code)?.urban)).toBe(true);
    expect(a.every((c) => c.figures.contactName.startsWith('示例'))).toBe(true);
    expect(new Set(a.map((c) => c.code)).size).toBe(a.length);
    expect(a.find((c) => c.code === DEMO_COMMUNITY)?.tier).not.toBeNull();
  });

  it('reads the universe from the package: about 62,000 units in Shandong, 6,908 residents’ committees', async () => {
    const u = await provinceUniverse('370000');
    // Development zones (county part 7x) are left out, as in the region tree.
    expect(u.units.size).toBe(60652);
    expect([...u.units.values()].filter((x) => x.urban).length).toBe(6374);
    expect(u.counts.get('370102')?.units).toBe(139);
    // Reading the national list takes seconds on a loaded machine.
  }, 60_000);
});
