import { COMMUNITY_FACTS, type CommunityTier } from '@zhicheng/contracts/communities';
import { SeededRandom } from '../../platform/random.ts';
import type { SeedCommunity } from './registry.service.ts';
import type { Unit } from './universe.ts';

/** Information systems communities commonly run (names are generic: which products a community uses is 示例). */
export const DEMO_SYSTEMS = [
  '网格化社会治理平台',
  '智慧安防小区平台',
  '居家养老服务平台',
  '物业管理系统',
  '智慧停车系统',
  '家庭医生签约系统',
  '社区一网通办终端',
  '垃圾分类监管系统',
  '智能门禁系统',
  '社区志愿服务平台',
] as const;

/** The community the demo's worker account is bound to (a real residents' committee of 历下区). */
export const DEMO_COMMUNITY = '370102001002';

/** Share of registered communities that are not (yet) smart, so the registry shows both. */
const UNRATED_EXTRA = 400;

/**
 * The demo registry (示例): the published number of smart communities (2,578, of them 34 标杆型) drawn from the
 * province's real residents' committees with a fixed seed, plus some registered ones not yet rated. Which real
 * committees are smart is not public, so every row is marked demo; the figures are made up.
 */
export function planDemoCommunities(
  units: Iterable<Unit>,
  year: number,
  opts: { smart?: number; benchmark?: number; unrated?: number } = {},
): SeedCommunity[] {
  const smart = opts.smart ?? COMMUNITY_FACTS.smartPublished;
  const benchmark = opts.benchmark ?? COMMUNITY_FACTS.benchmarkPublished;
  const unrated = opts.unrated ?? UNRATED_EXTRA;
  const rng = SeededRandom.fromString(`demo-communities-${year}`);
  const pool = [...units].filter((u) => u.urban).sort((a, b) => a.code.localeCompare(b.code));
  // Fisher–Yates with the seeded generator: the same committees on every start of the same year.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  // The demo's community worker account belongs to a fixed community (解放桥社区, 历下区): keep it among the smart ones.
  const fixed = pool.findIndex((u) => u.code === DEMO_COMMUNITY);
  const at = Math.min(benchmark, pool.length - 1);
  if (fixed >= 0 && smart > benchmark) [pool[at], pool[fixed]] = [pool[fixed]!, pool[at]!];
  const chosen = pool.slice(0, Math.min(pool.length, smart + unrated));
  return chosen.map((u, i) => {
    const tier: CommunityTier | null =
      i < benchmark ? 'benchmark' : i < smart ? (rng.next() < 0.38 ? 'growth' : 'basic') : null;
    const households = rng.int(600, 6000);
    const systems = DEMO_SYSTEMS.filter(() => rng.next() < (tier === 'benchmark' ? 0.8 : tier ? 0.45 : 0.2));
    return {
      code: u.code,
      tier,
      tierYear: tier ? year : null,
      figures: {
        households,
        population: Math.round(households * (2.4 + rng.next() * 0.6)),
        elderlyPct: Math.round((14 + rng.next() * 18) * 10) / 10,
        grids: Math.max(1, Math.round(households / rng.int(250, 400))),
        propertyCompany: rng.next() < 0.85 ? `示例物业服务有限公司${(i % 97) + 1}` : null,
        systems,
        contactName: `示例联系人${i + 1}`,
        contactPhone: `1380000${String(i).padStart(4, '0')}`,
      },
    };
  });
}
