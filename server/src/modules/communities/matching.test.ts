import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../platform/random.ts';
import { eligible, matchRound, type MatchNeed, type MatchOffer, type MatchPolicy } from './matching.ts';

/** Every feasible assignment, scored as the rule scores it (Σ priority − floor penalty). */
function bruteForce(needs: MatchNeed[], offers: MatchOffer[], policy: MatchPolicy): number {
  const cap = Math.floor(policy.providerCap * needs.length + 1e-9);
  const streets = [...new Set(needs.map((n) => n.street))];
  const floor = new Map(
    streets.map((s) => [
      s,
      Math.min(policy.streetFloor, needs.filter((n) => n.street === s && offers.some((o) => eligible(n, o))).length),
    ]),
  );
  let best = -Infinity;
  const choice: number[] = new Array(needs.length).fill(-1);
  const walk = (i: number) => {
    if (i === needs.length) {
      const used = offers.map(() => 0);
      const prov = new Map<string, number>();
      let score = 0;
      for (let k = 0; k < needs.length; k++) {
        const o = choice[k]!;
        if (o < 0) continue;
        used[o]!++;
        prov.set(offers[o]!.provider, (prov.get(offers[o]!.provider) ?? 0) + 1);
        score += needs[k]!.priority;
      }
      if (used.some((u, o) => u > offers[o]!.capacity)) return;
      if ([...prov.values()].some((p) => p > cap)) return;
      for (const s of streets) {
        const got = needs.filter((n, k) => n.street === s && choice[k]! >= 0).length;
        score -= 1000 * Math.max(0, floor.get(s)! - got);
      }
      best = Math.max(best, score);
      return;
    }
    choice[i] = -1;
    walk(i + 1);
    offers.forEach((o, j) => {
      if (eligible(needs[i]!, o)) {
        choice[i] = j;
        walk(i + 1);
      }
    });
    choice[i] = -1;
  };
  walk(0);
  return best;
}

function instance(seed: number) {
  const rng = new SeededRandom(seed);
  const facilities = ['A', 'B', 'C'];
  const needs: MatchNeed[] = Array.from({ length: rng.int(2, 6) }, (_, i) => ({
    id: `n${i}`,
    street: `s${rng.int(1, 3)}`,
    facility: facilities[rng.int(0, 2)]!,
    priority: rng.int(1, 5),
  }));
  const offers: MatchOffer[] = Array.from({ length: rng.int(1, 4) }, (_, j) => ({
    id: `o${j}`,
    provider: `p${rng.int(1, 2)}`,
    facility: facilities[rng.int(0, 2)]!,
    capacity: rng.int(1, 3),
  }));
  const policy: MatchPolicy = { streetFloor: rng.int(0, 2), providerCap: [0.34, 0.5, 1][rng.int(0, 2)]! };
  return { needs, offers, policy };
}

const score = (needs: MatchNeed[], r: Awaited<ReturnType<typeof matchRound>>) =>
  r.served - 1000 * Object.values(r.floorShortfall).reduce((s, x) => s + x, 0);

describe('facility matching round (HiGHS)', () => {
  it('is optimal: equals brute force on 80 small random counties', async () => {
    for (let seed = 1; seed <= 80; seed++) {
      const { needs, offers, policy } = instance(seed);
      const r = await matchRound(needs, offers, policy);
      expect(r.status).toBe('Optimal');
      expect(score(needs, r), `seed ${seed}`).toBe(bruteForce(needs, offers, policy));
    }
  }, 30_000);

  it('keeps capacity, the provider share cap and the street floor', async () => {
    for (let seed = 200; seed <= 260; seed++) {
      const { needs, offers, policy } = instance(seed);
      const r = await matchRound(needs, offers, policy);
      const cap = Math.floor(policy.providerCap * needs.length + 1e-9);
      const byOffer = new Map<string, number>();
      const byProvider = new Map<string, number>();
      for (const p of r.pairs) {
        const o = offers.find((x) => x.id === p.offerId)!;
        const n = needs.find((x) => x.id === p.needId)!;
        expect(n.facility).toBe(o.facility);
        byOffer.set(o.id, (byOffer.get(o.id) ?? 0) + 1);
        byProvider.set(o.provider, (byProvider.get(o.provider) ?? 0) + 1);
      }
      for (const o of offers) expect(byOffer.get(o.id) ?? 0).toBeLessThanOrEqual(o.capacity);
      for (const v of byProvider.values()) expect(v).toBeLessThanOrEqual(cap);
      expect(new Set(r.pairs.map((p) => p.needId)).size).toBe(r.pairs.length);
    }
  });

  it('serves every street before a second need elsewhere when the floor asks it', async () => {
    const needs: MatchNeed[] = [
      { id: 'a1', street: 'A', facility: 'F', priority: 5 },
      { id: 'a2', street: 'A', facility: 'F', priority: 5 },
      { id: 'b1', street: 'B', facility: 'F', priority: 1 },
    ];
    const offers: MatchOffer[] = [{ id: 'o', provider: 'p', facility: 'F', capacity: 2 }];
    const without = await matchRound(needs, offers, { streetFloor: 0, providerCap: 1 });
    expect(without.pairs.map((p) => p.needId)).toEqual(['a1', 'a2']);
    const fair = await matchRound(needs, offers, { streetFloor: 1, providerCap: 1 });
    expect(fair.pairs.map((p) => p.needId).sort()).toEqual(['a1', 'b1']);
    expect(fair.unmatched).toEqual([{ needId: 'a2', reason: 'capacity' }]);
    const capped = await matchRound(needs, offers, { streetFloor: 0, providerCap: 0.34 });
    expect(capped.pairs).toHaveLength(1);
    expect(capped.unmatched.map((u) => u.reason)).toContain('provider_cap');
    const none = await matchRound(needs, [], { streetFloor: 1, providerCap: 1 });
    expect(none.unmatched.every((u) => u.reason === 'no_offer')).toBe(true);
  });
});
