// Facility matching rounds through the module's HiGHS model: one county of 300 communities × 26 facilities × 50
// providers (target < 2 s), then all 136 counties one after another (target < 60 s). Synthetic, seeded needs and
// offers; the same solver the county's "run round" calls.
//   node --import tsx bench/communities/matching.ts [needsPerCommunity=2] [counties=136]
import { FACILITY_TYPES } from '@zhicheng/contracts/communities';
import { matchRound, type MatchNeed, type MatchOffer } from '../../server/src/modules/communities/matching.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';

const PER_COMMUNITY = Number(process.argv[2] ?? 2);
const COUNTIES = Number(process.argv[3] ?? 136);
const FACILITIES = FACILITY_TYPES.map((f) => f[0]);

/** A county: `communities` across streets of ~20, each posting needs; 50 providers offering 3–6 facilities each. */
function county(rng: SeededRandom, communities: number, providers = 50): { needs: MatchNeed[]; offers: MatchOffer[] } {
  const needs: MatchNeed[] = [];
  for (let c = 0; c < communities; c++)
    for (const f of rng.shuffle(FACILITIES).slice(0, PER_COMMUNITY))
      needs.push({ id: `n${c}-${f}`, street: `s${Math.floor(c / 20)}`, facility: f, priority: rng.int(1, 5) });
  const offers: MatchOffer[] = [];
  for (let p = 0; p < providers; p++)
    for (const f of rng.shuffle(FACILITIES).slice(0, rng.int(3, 6)))
      offers.push({ id: `o${p}-${f}`, provider: `p${p}`, facility: f, capacity: rng.int(2, 12) });
  return { needs, offers };
}

const policy = { streetFloor: 1, providerCap: 0.2 };
const rng = SeededRandom.fromString('bench-communities-matching');
await matchRound(...(Object.values(county(rng, 5)) as [MatchNeed[], MatchOffer[]]), policy); // load HiGHS (WASM) once

const one = county(rng, 300);
let t0 = performance.now();
const r = await matchRound(one.needs, one.offers, policy);
const oneMs = performance.now() - t0;
console.log(
  `one county: 300 communities, ${one.needs.length} needs, ${one.offers.length} offers (50 providers, 26 facilities): ` +
    `${r.pairs.length} served, ${r.status}, ${oneMs.toFixed(0)} ms (target < 2000)`,
);

t0 = performance.now();
let served = 0;
let needs = 0;
let worst = 0;
for (let k = 0; k < COUNTIES; k++) {
  const c = county(rng, rng.int(20, 300));
  const s = performance.now();
  const x = await matchRound(c.needs, c.offers, policy);
  worst = Math.max(worst, performance.now() - s);
  served += x.pairs.length;
  needs += c.needs.length;
}
const allMs = performance.now() - t0;
console.log(
  `${COUNTIES} counties (20–300 communities each): ${needs} needs, ${served} served, ${(allMs / 1000).toFixed(1)} s ` +
    `(target < 60 s), slowest county ${worst.toFixed(0)} ms`,
);
